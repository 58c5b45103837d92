"""The published report page: the frozen text with anchors, notes, the recommendations with
their status and history, the government's final comments, the PDF and a citation. Drafts are
never reachable, and a correction in progress never shows."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations import services as recommendation_services
from recommendations.models import Assessment, Recommendation
from reports import services
from reports.models import Paragraph
from tests.bench.report_data import generate_report
from tests.publications import publish_directly
from tests.reports.conftest import _drop_demo_report

from .helpers import KG_DRAFT_TEXT, report_path

PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/countries/",
    "/{lang}/countries/kyrgyzstan/",
    "/{lang}/rounds/round-1/",
    "/{lang}/news/",
    "/{lang}/feeds/rss/",
    "/{lang}/feeds/atom/",
    "/sitemap.xml",
]


def test_report_page_shows_the_published_text_with_anchors(kz_report, client):
    response = client.get(report_path(kz_report))
    assert response.status_code == 200
    content = response.content.decode()
    assert kz_report.title_en in content
    assert "It meets twice a year; NGOs take part as observers but have no vote." in content
    paragraphs = Paragraph.objects.filter(chapter__report=kz_report).count()
    for number in (1, paragraphs):
        assert f'id="p-{number}"' in content
    for number in kz_report.recommendations.values_list("number", flat=True):
        assert f'id="r-{number}"' in content
    assert 'href="#chapter-ii"' in content and 'id="chapter-ii"' in content  # contents


def test_footnotes_are_numbered_and_linked(kz_report, client):
    content = client.get(report_path(kz_report)).content.decode()
    assert '<sup class="footnote-ref" id="fnref-1"><a href="#fn-1">1</a></sup>' in content
    assert 'id="fn-1"' in content and 'id="fn-2"' in content
    assert "Demonstration note: the dates of adoption" in content
    assert '<span class="footnote">' not in content


def test_recommendations_carry_their_current_status_and_history(kz_report, client):
    content = client.get(report_path(kz_report)).content.decode()
    statuses = dict(
        Recommendation.objects.filter(report=kz_report).values_list("number", "current_status")
    )
    for number, status in statuses.items():
        start = content.index(f'id="r-{number}"')
        assert f"status-badge--{status}" in content[start : start + 600]
    assessment = Assessment.objects.filter(recommendation__report=kz_report).first()
    assert "<details" in content
    assert assessment.reasoning in content


def test_the_cached_page_follows_a_new_assessment_and_a_new_version(kz_report, client, user_named):
    path = report_path(kz_report)
    client.get(path)  # rendered and cached
    recommendation = kz_report.recommendations.order_by("number").first()
    recommendation_services.assessment_record(
        recommendation=recommendation,
        cycle=9,
        status="no_longer_relevant",
        reasoning="Overtaken by the 2026 law (fresh assessment).",
        actor=user_named("expert-kg"),
    )
    content = client.get(path).content.decode()
    start = content.index(f'id="r-{recommendation.number}"')
    assert "status-badge--no_longer_relevant" in content[start : start + 600]
    assert "Overtaken by the 2026 law (fresh assessment)." in content

    snapshot = kz_report.published_content
    snapshot["chapters"][0]["paragraphs"][0]["text_en"] = "<p>Corrected first paragraph.</p>"
    publish_directly(kz_report, content=snapshot)
    assert "Corrected first paragraph." in client.get(path).content.decode()


def test_final_comments_are_marked_as_the_governments(kz_report, client):
    content = client.get(report_path(kz_report)).content.decode()
    comments = kz_report.published_content["final_comments"]
    assert comments
    assert 'id="final-comments"' in content
    assert "Final comments of the government" in content
    assert "are not part of the expert group" in content
    assert comments[0]["text"][:60] in content


def test_pdf_link_and_citation(kz_report, client):
    content = client.get(report_path(kz_report)).content.decode()
    assert f'href="/en/reports/{kz_report.pk}.pdf"' in content
    url = f"{settings.WAGTAILADMIN_BASE_URL}{report_path(kz_report)}"
    assert 'id="cite"' in content
    assert f'{kz_report.published_at.year}. <a href="{url}">' in content
    assert "Expert Group on Action against Trafficking in Human Beings in Central Asia" in content
    ru = client.get(report_path(kz_report, "ru")).content.decode()
    assert f'href="/ru/reports/{kz_report.pk}.pdf"' in ru


def test_report_page_in_russian_links_both_languages(kz_report, client):
    content = client.get(report_path(kz_report, "ru")).content.decode()
    assert '<html lang="ru">' in content
    assert kz_report.title_ru in content
    assert "Комиссия заседает два раза в год" in content
    assert f'href="{report_path(kz_report, "en")}"' in content  # the language switcher
    assert (
        f'hreflang="en" href="{settings.WAGTAILADMIN_BASE_URL}{report_path(kz_report, "en")}"'
        in content
    )


def test_report_page_falls_back_to_english_and_says_so(kz_report, client):
    snapshot = kz_report.published_content
    snapshot["chapters"][0]["paragraphs"][0]["text_ru"] = ""
    publish_directly(kz_report, content=snapshot)
    content = client.get(report_path(kz_report, "ru")).content.decode()
    assert '<div class="public-paragraph" id="p-1" lang="en">' in content


def test_a_draft_report_is_never_reachable(kg_draft, client):
    for language in ("en", "ru"):
        assert client.get(report_path(kg_draft, language)).status_code == 404
    assert client.get(f"/en/reports/{kg_draft.pk}.pdf").status_code == 404


def test_a_report_is_served_only_under_its_own_country(kz_report, client):
    assert client.get(report_path(kz_report, slug="kyrgyzstan")).status_code == 404
    assert client.get(report_path(kz_report, slug="uzbekistan")).status_code == 404
    assert client.get("/en/countries/kazakhstan/reports/999999/").status_code == 404


def test_even_the_evaluated_government_reads_only_the_public_page(kg_draft, login_as):
    client = login_as("kg-contact")  # may read its draft in the portal, not here
    assert client.get(report_path(kg_draft)).status_code == 404


@pytest.mark.parametrize("language", ["en", "ru"])
def test_draft_text_appears_on_no_public_page(kg_draft, client, language):
    assert Paragraph.objects.filter(
        chapter__report=kg_draft, text_en__contains=KG_DRAFT_TEXT["en"]
    ).exists()
    for path in PUBLIC_PAGES:
        content = client.get(path.format(lang=language)).content.decode()
        assert KG_DRAFT_TEXT[language] not in content, path
        assert kg_draft.title_en not in content and kg_draft.title_ru not in content, path
    search = client.get(f"/{language}/search/", {"q": KG_DRAFT_TEXT[language]})
    assert search.context["search"].page_obj.paginator.count == 0


def test_an_open_correction_keeps_the_published_text(kz_report, secretariat, client):
    paragraph = Paragraph.objects.get(chapter__report=kz_report, number=6)
    services.report_correction_open(report=kz_report, note="A figure is wrong.", actor=secretariat)
    Paragraph.objects.filter(pk=paragraph.pk).update(text_en="<p>Working text zebrafinch.</p>")
    content = client.get(report_path(kz_report)).content.decode()
    assert "It meets twice a year; NGOs take part as observers" in content
    assert "zebrafinch" not in content
    # The search reads the published snapshot of a report being corrected, too.
    assert client.get("/en/search/", {"q": "zebrafinch"}).context["search"].page_obj is not None
    assert (
        client.get("/en/search/", {"q": "zebrafinch"}).context["search"].page_obj.paginator.count
        == 0
    )
    found = client.get("/en/search/", {"q": "observers vote"}).context["search"]
    assert any(hit.url.endswith("#p-6") for hit in found.page_obj)


# --- Queries: a fixed number, whatever the length of the report ------------------------------


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def long_report(kz_report, secretariat):
    """Kazakhstan's report replaced by one ten times longer, published, every recommendation
    assessed twice."""
    evaluation = kz_report.evaluation
    _drop_demo_report(evaluation)
    report = generate_report(paragraphs=300, recommendations=90, chapters=12, iso="KZ")
    report = services.report_publish(report=report, actor=secretariat)
    Assessment.objects.bulk_create(
        Assessment(
            recommendation=recommendation,
            cycle=cycle,
            status="partly_implemented" if cycle == 1 else "implemented",
            reasoning_en=f"Assessment {cycle}",
            assessed_on=report.published_at.date(),
            assessor=secretariat,
        )
        for recommendation in report.recommendations.all()
        for cycle in (1, 2)
    )
    report.recommendations.refresh_current_status()
    return report


def test_report_page_queries_do_not_grow_with_the_report(
    kz_report, secretariat, client, django_assert_max_num_queries, request
):
    client.get("/en/")  # warm Wagtail's site cache, as any earlier request would
    path = report_path(kz_report)
    with django_assert_max_num_queries(15):
        client.get(path)
    small = _queries(client, path)
    long = request.getfixturevalue("long_report")
    assert long.published_content["chapters"][-1]["paragraphs"][-1]["number"] == 300
    long_path = report_path(long)
    assert _queries(client, long_path) == small
    content = client.get(long_path).content.decode()
    assert 'id="p-300"' in content and 'id="r-90"' in content
