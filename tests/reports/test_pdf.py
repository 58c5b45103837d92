"""The report's PDF: it opens, its page furniture agrees with its page count, the Cyrillic text
can be extracted, drafts are watermarked and name their reader, and only those who may read a
draft can print it."""

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from reportlab.graphics import renderSVG

from recommendations.charts import theme_strength_chart
from reports import services
from reports.models import Report, ReportPublication
from reports.pdf import render_report_pdf
from reports.pdf_content import (
    ChapterContent,
    ParagraphContent,
    RecommendationContent,
    ReportContent,
)

ROLES = [
    "anonymous",
    "ngo-kg",
    "kz-official",
    "kz-contact",
    "kg-official",
    "kg-contact",
    "expert-tm",
    "secretariat",
]
KG_GOVERNMENT = {"kg-official", "kg-contact"}
KZ_GOVERNMENT = {"kz-official", "kz-contact"}
STAFF = {"expert-tm", "secretariat"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def _demo_report(iso: str) -> Report:
    return Report.objects.get(evaluation__country__iso_code=iso, kind="evaluation")


def _pages(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _public_pdf(client, report, language="en") -> bytes:
    response = client.get(f"/{language}/reports/{report.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_published_demo_report_opens_with_consistent_page_numbers(client, demo_data):
    report = _demo_report("KZ")
    data = _public_pdf(client, report)
    pages = _pages(data)
    count = len(pages)
    # cover, contents, 27 paragraphs in seven chapters, chart, list of recommendations, appendix
    assert 6 <= count <= 14
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {count}" in text

    # The outline and the table of contents send each heading to the page where it is printed.
    reader = PdfReader(io.BytesIO(data))
    outline = {
        entry.title: reader.get_destination_page_number(entry) + 1 for entry in reader.outline
    }
    assert "I. Introduction" in outline and "List of recommendations" in outline
    assert "Appendix: final comments of the Government of Kazakhstan" in outline
    assert len(outline) == 7 + 3  # seven chapters, the chart, the list, the appendix
    for title, page in outline.items():
        assert title in pages[page - 1].replace("\n", " ")
        assert title in pages[1]
    listed_pages = [int(n) for n in re.findall(r"\.\s+(\d+)$", pages[1], flags=re.MULTILINE)]
    assert listed_pages == list(outline.values())

    assert reader.metadata.title == report.title_en
    assert "Expert group" in reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_the_russian_pdf_has_extractable_cyrillic_text(client, demo_data):
    report = _demo_report("KZ")
    data = _public_pdf(client, report, "ru")
    pages = _pages(data)
    text = " ".join(pages)
    assert report.title_ru in pages[0].replace("\n", " ")
    first_paragraph = report.published_content["chapters"][0]["paragraphs"][0]["text_ru"]
    words = re.sub(r"<[^>]+>", " ", first_paragraph).split()[:6]
    assert " ".join(words) in text.replace("\n", " ")
    assert "Казахстан" in text
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ru"


def test_the_published_pdf_has_recommendations_grouped_by_strength_and_final_comments(
    client, demo_data
):
    report = _demo_report("KZ")
    text = " ".join(_pages(_public_pdf(client, report))).replace("\n", " ")
    # The list's own heading (the last mention before the appendix; the contents name it first).
    appendix_start = text.rindex("Appendix: final comments of the Government of Kazakhstan")
    list_start = text.rindex("List of recommendations", 0, appendix_start)
    final_list = text[list_start:appendix_start]
    urges = final_list.index("Recommendations the expert group urges")
    considers = final_list.index("Recommendations the expert group considers necessary")
    invites = final_list.index(
        "Recommendations the expert group invites the authorities to take up"
    )
    assert urges < considers < invites
    # Each recommendation is its own sentence, lead-in included: no heading repeats the lead-in.
    lead_in = "The expert group urges the authorities to"
    urged = [r for r in report.published_content["recommendations"] if r["strength"] == "urges"]
    sentences = [r for r in urged if r["text_en"].startswith(f"{lead_in} ")]
    assert sentences  # the demo's recommendations are full sentences
    assert final_list.count(lead_in) == len(sentences)
    assert "authorities to: The expert group" not in final_list
    assert "Recommendations by theme and strength" in text
    # The government's final comments come last, marked as the government's own.
    appendix = text[
        text.index("Appendix: final comments of the Government of Kazakhstan", list_start) :
    ]
    comment = report.published_content["final_comments"][0]["text"]
    assert comment.split()[0] in appendix
    assert "not part of the expert group's report" in appendix
    assert "CONFIDENTIAL DRAFT" not in text


def test_a_draft_is_watermarked_and_names_its_reader_on_every_page(client, demo_data, login_as):
    report = _demo_report("KG")
    response = login_as("kg-contact").get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    pages = _pages(response.content)
    for text in pages:
        assert "CONFIDENTIAL DRAFT" in text
        assert "Cabinet of Ministers of the Kyrgyz Republic" in text.replace("\n", " ")


def test_the_published_pdf_keeps_the_frozen_text_and_a_correction_makes_a_new_version(
    client, demo_data, kz_report, secretariat
):
    paragraph = kz_report.chapters.first().paragraphs.order_by("number").first()
    before = " ".join(_pages(_public_pdf(client, kz_report)))
    assert "Chapter 1, text 1" in before

    services.report_correction_open(report=kz_report, note="Typo", actor=secretariat)
    services.paragraph_update(
        paragraph=paragraph, text_en="<p>Corrected opening</p>", text_ru="", actor=secretariat
    )
    during = " ".join(_pages(_public_pdf(client, kz_report)))
    assert "Chapter 1, text 1" in during and "Corrected opening" not in during

    services.report_publish(report=kz_report, actor=secretariat, correction_note="Typo fixed")
    after = " ".join(_pages(_public_pdf(client, kz_report))).replace("\n", " ")
    assert "Corrected opening" in after
    assert "Corrected version 2: Typo fixed" in after


def test_the_published_pdf_is_rendered_once_at_publication_and_served_from_its_row(
    client,
    kg_report,
    secretariat,
    to_final_comments,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    to_final_comments(kg_report.evaluation)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(report=kg_report, actor=secretariat)
        # The rendering waits for the publication to commit.
        assert not ReportPublication.objects.get(report=kg_report).pdf_en
    row = ReportPublication.objects.get(report=kg_report)
    assert row.pdf_en.name.endswith("-v1-en.pdf") and row.pdf_ru.name.endswith("-v1-ru.pdf")

    def never(content):
        raise AssertionError("a stored PDF is never rendered again")

    monkeypatch.setattr("reports.pdf.render_report_pdf", never)
    with row.pdf_en.open("rb") as stored:
        assert _public_pdf(client, kg_report) == stored.read()
    with row.pdf_ru.open("rb") as stored:
        assert _public_pdf(client, kg_report, "ru") == stored.read()


def test_a_pdf_not_rendered_yet_is_rendered_once_then_stored(
    client, kg_report, secretariat, to_final_comments, monkeypatch
):
    to_final_comments(kg_report.evaluation)
    services.report_publish(report=kg_report, actor=secretariat)  # the task has not run
    row = ReportPublication.objects.get(report=kg_report)
    assert not row.pdf_en and not row.pdf_ru
    import reports.pdf

    rendered = []
    real = reports.pdf.render_report_pdf

    def counting(content):
        rendered.append(content.language)
        return real(content)

    monkeypatch.setattr(reports.pdf, "render_report_pdf", counting)
    first = _public_pdf(client, kg_report)
    second = _public_pdf(client, kg_report)
    assert first == second and rendered == ["en"]
    row.refresh_from_db()
    assert row.pdf_en and not row.pdf_ru


@pytest.mark.parametrize("role", ROLES)
def test_who_may_print_the_draft(kg_report, client, user_named, role):
    if role != "anonymous":
        client.force_login(user_named(role))
    portal = client.get(reverse("portal:report_pdf", args=[kg_report.pk]))
    back_office = client.get(reverse("reports:pdf", args=[kg_report.pk]))
    public = client.get(f"/en/reports/{kg_report.pk}.pdf")

    assert public.status_code == 404  # a draft is never public, whoever asks
    if role in KG_GOVERNMENT:
        assert portal.status_code == 200
        assert "Chapter 1, text 1" in " ".join(_pages(portal.content))
    elif role == "anonymous":
        assert portal.status_code == 302 and "/accounts/login/" in portal["Location"]
    else:
        assert portal.status_code == 404
    if role in STAFF:
        assert back_office.status_code == 200
        assert "CONFIDENTIAL DRAFT" in _pages(back_office.content)[0]
    else:
        assert back_office.status_code in (302, 403)
        assert not back_office.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_print_the_published_report(kz_report, client, user_named, role):
    if role != "anonymous":
        client.force_login(user_named(role))
    text = " ".join(_pages(_public_pdf(client, kz_report)))
    assert "Chapter 1, text 1" in text
    assert "CONFIDENTIAL DRAFT" not in text


def test_the_draft_pdf_takes_a_fixed_number_of_queries(
    kg_evaluation, secretariat, login_as, django_assert_max_num_queries
):
    from tests.reports.conftest import build_report

    client = login_as("secretariat")
    small = build_report(kg_evaluation, secretariat, paragraphs_per_chapter=(1,), recommendations=1)
    with django_assert_max_num_queries(30) as small_queries:
        assert client.get(reverse("reports:pdf", args=[small.pk])).status_code == 200
    large = build_report(
        kg_evaluation, secretariat, paragraphs_per_chapter=(10, 10, 10), recommendations=12
    )
    with django_assert_max_num_queries(len(small_queries)):
        assert client.get(reverse("reports:pdf", args=[large.pk])).status_code == 200


def _content(paragraphs, recommendations=()) -> ReportContent:
    from datetime import date

    return ReportContent(
        title="Test report",
        country="Tajikistan",
        round_number=1,
        round_title="First round",
        kind="Evaluation report",
        issued_on=date(2026, 1, 15),
        is_draft=False,
        chapters=[
            ChapterContent("1", "Chapter", [ParagraphContent(n, html) for n, html in paragraphs])
        ],
        recommendations=list(recommendations),
        final_comments=[],
    )


def test_rich_text_becomes_headings_lists_tables_links_and_numbered_footnotes():
    html = (
        "<h3>Legal framework</h3><p>Article 128 applies"
        '<span class="footnote">Criminal Code, 2014.</span> and <b>more</b> & less.</p>'
        "<ul><li>first point</li><li>second point</li></ul>"
        "<table><caption>Victims</caption><tr><th>Year</th><th>Count</th></tr>"
        "<tr><td>2023</td><td>41</td></tr></table>"
        '<p>See <a href="https://example.org/">the law</a>.</p>'
    )
    second = '<p>Another<span class="footnote">Second note.</span></p>'
    recommendation = RecommendationContent(
        1, 2, "urges", "Use <b> literally & safely", ("protection",)
    )
    with translation.override("en"):
        text = " ".join(
            _pages(render_report_pdf(_content([(1, html), (2, second)], [recommendation])))
        )
    text = text.replace("\n", " ")
    assert "Legal framework" in text
    assert "1. Article 128 applies1 and more & less." in text
    assert "1 Criminal Code, 2014." in text
    assert "2 Second note." in text  # footnotes number on through the report
    assert "• first point" in text and "• second point" in text
    assert "Year Count" in text and "2023 41" in text
    assert "Use <b> literally & safely" in text
    assert "Recommendation 1 (urges)" in text


def test_the_chart_counts_recommendations_by_theme_and_strength():
    counts = {
        ("protection", "urges"): 3,
        ("protection", "invites"): 1,
        ("prevention", "considers"): 2,
    }
    drawing = theme_strength_chart(counts)
    chart = next(item for item in drawing.contents if hasattr(item, "categoryAxis"))
    assert chart.categoryAxis.categoryNames == ["Protection", "Prevention"]  # drawn bottom-up
    assert chart.data == [[3, 0], [0, 2], [1, 0]]  # urges, considers, invites
    svg = renderSVG.drawToString(drawing)
    assert "Protection" in svg and "invites" in svg


def test_a_stale_file_at_the_publications_name_is_replaced_not_kept_beside_it(
    kg_report, secretariat, to_final_comments, django_capture_on_commit_callbacks
):
    """SQLite may give a new report a deleted one's id: a file left at the same report's
    version-1 name belongs to no row, and the new publication's PDF takes its place."""
    from django.core.files.base import ContentFile

    from monitoring.storage import private_storage

    to_final_comments(kg_report.evaluation)
    country = kg_report.evaluation.country.name_en.lower()
    stale = f"reports/publications/{kg_report.pk}/{country}-round-1-v1-en.pdf"
    storage = private_storage()
    if storage.exists(stale):
        storage.delete(stale)
    storage.save(stale, ContentFile(b"not this report"))
    with django_capture_on_commit_callbacks(execute=True):
        services.report_publish(report=kg_report, actor=secretariat)
    row = ReportPublication.objects.get(report=kg_report)
    assert row.pdf_en.name == stale
    with row.pdf_en.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")
