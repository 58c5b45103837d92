"""A text written in one language only shows on the other language's pages, marked with its
`lang` and a note, on every surface: the public report page, the tracker, the PDF, the API,
the export and the back-office editor. Built from a report the test writes: one paragraph and
one recommendation in Russian only, one of each in English only."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from evaluation_rounds.models import CountryEvaluation
from monitoring.i18n import ONLY_IN
from monitoring.pdf import HYPHENATION, LANGUAGE_FONTS
from recommendations import services as recommendation_services
from recommendations.models import Assessment
from reports import services
from reports.pdf import ReportPdf
from reports.pdf_content import publication_content
from tests.downloads import downloaded
from tests.publications import publish_directly
from tests.rendered_forms import submit

from .helpers import report_path

RU_PARAGRAPH = "Воссоединение семей пострадавших остаётся редкостью."
EN_PARAGRAPH = "Family reunification of victims remains rare."
RU_RECOMMENDATION = "обеспечить воссоединение семей пострадавших"
EN_RECOMMENDATION = "ensure that victims can rejoin their families"


@pytest.fixture
def halves(demo_data, secretariat):
    """A published report of Tajikistan's round-1 evaluation (the demo leaves it without one):
    paragraph 1 and recommendation 1 in Russian only, paragraph 2 and recommendation 2 in
    English only; the chapter's title is English only."""
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TJ")
    report = services.report_create(
        evaluation=evaluation, title_en="Report written in two halves", actor=secretariat
    )
    chapter = services.chapter_create(
        report=report, number="I", title_en="Introduction", actor=secretariat
    )
    russian = services.paragraph_insert(
        chapter=chapter, text_en="", text_ru=f"<p>{RU_PARAGRAPH}</p>", actor=secretariat
    )
    english = services.paragraph_insert(
        chapter=chapter, text_en=f"<p>{EN_PARAGRAPH}</p>", actor=secretariat
    )
    recommendation_services.recommendation_create(
        paragraph=russian,
        strength="urges",
        text_en="",
        text_ru=RU_RECOMMENDATION,
        convention_articles="статьи 29 и 35",
        actor=secretariat,
    )
    recommendation_services.recommendation_create(
        paragraph=english,
        strength="invites",
        text_en=EN_RECOMMENDATION,
        convention_articles="Art. 5",
        actor=secretariat,
    )
    publish_directly(report)
    report.recommendations.all().copy_to_published()
    return report


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _note(language: str, reader: str) -> str:
    with translation.override(reader):
        return str(ONLY_IN[language])


def test_the_report_page_shows_each_half_in_the_other_language_marked(
    halves, client, django_assert_max_num_queries
):
    client.get("/en/")  # warm Wagtail's site cache
    with django_assert_max_num_queries(15):
        english = _soup(client.get(report_path(halves, "en", "tajikistan")))
    paragraph = english.select_one("#p-1")
    assert paragraph["lang"] == "ru" and RU_PARAGRAPH in paragraph.get_text()
    assert paragraph.select_one(".language-note").get_text() == _note("ru", "en")
    assert english.select_one("#p-2").get("lang") is None  # the reader's own language
    recommendation = english.select_one("#r-1 .recommendation__text")
    assert recommendation["lang"] == "ru" and RU_RECOMMENDATION in recommendation.get_text()
    assert english.select_one("#r-1 .language-note").get_text() == _note("ru", "en")
    assert english.select_one("#r-2 .recommendation__text").get("lang") is None

    russian = _soup(client.get(report_path(halves, "ru", "tajikistan")))
    paragraph = russian.select_one("#p-2")
    assert paragraph["lang"] == "en" and EN_PARAGRAPH in paragraph.get_text()
    assert paragraph.select_one(".language-note").get_text() == _note("en", "ru")
    assert russian.select_one("#p-1").get("lang") is None
    assert russian.select_one("#r-2 .recommendation__text")["lang"] == "en"
    heading = russian.select_one("#chapter-i")
    assert heading["lang"] == "en" and "Introduction" in heading.get_text()
    assert russian.select_one("h1")["lang"] == "en"  # the title exists in English only


def test_the_tracker_row_shows_the_text_in_its_language_never_empty(
    halves, client, django_assert_max_num_queries
):
    client.get("/en/recommendations/")  # warm the caches
    with django_assert_max_num_queries(12):
        soup = _soup(client.get("/en/recommendations/", {"country": "TJ"}))
    texts = soup.select(".tracker-table__text")
    assert len(texts) == 2
    russian = next(t for t in texts if RU_RECOMMENDATION in t.get_text())
    shown = russian.find("p", attrs={"lang": "ru"})
    assert shown is not None and RU_RECOMMENDATION in shown.get_text()
    assert russian.select_one(".language-note").get_text() == _note("ru", "en")
    assert not soup.select('.tracker-table__text p[lang="en"]')
    assert all(p.get_text(strip=True) for t in texts for p in t.find_all("p"))


def _pdf_text(data: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return " ".join(" ".join(pages).replace("-\n", "").split())


def test_the_pdf_prints_the_other_language_with_its_note_font_and_hyphenation(halves, client):
    response = client.get(f"/en/reports/{halves.pk}.pdf")
    assert response.status_code == 200
    text = _pdf_text(downloaded(response))
    assert RU_PARAGRAPH in text and EN_PARAGRAPH in text
    assert RU_RECOMMENDATION in text and _note("ru", "en") in text

    with translation.override("en"):
        pdf = ReportPdf(publication_content(publication=halves.publication, language="en"))
        story = pdf.body()
    russian = next(f for f in story if RU_PARAGRAPH in getattr(f, "text", ""))
    assert russian.style.hyphenationLang == HYPHENATION["ru"]
    assert russian.style.fontName == LANGUAGE_FONTS["ru"][0]
    english = next(f for f in story if EN_PARAGRAPH in getattr(f, "text", ""))
    assert english.style.hyphenationLang == HYPHENATION["en"]


def test_the_api_says_which_language_each_text_is_in(halves, client):
    detail = client.get(f"/api/v1/reports/{halves.pk}").json()
    paragraphs = detail["chapters"][0]["paragraphs"]
    assert [(p["text_languages"], p["text_en"]) for p in paragraphs] == [
        ("ru", ""),
        ("en", f"<p>{EN_PARAGRAPH}</p>"),
    ]
    assert detail["chapters"][0]["title_languages"] == "en"
    assert [r["text_languages"] for r in detail["recommendations"]] == ["ru", "en"]
    listed = client.get("/api/v1/recommendations", {"country": "TJ"}).json()["items"]
    assert [(r["text_languages"], r["convention_articles"]) for r in listed] == [
        ("ru", "29, 35"),
        ("en", "5"),
    ]


def test_the_export_says_which_language_each_text_is_in(halves, login_as):
    content = login_as("secretariat").get(reverse("recommendations:export_csv"), {"country": "TJ"})
    rows = [
        row
        for row in csv.DictReader(io.StringIO(downloaded(content).decode("utf-8-sig")))
        if row["report_id"] == str(halves.pk)
    ]
    assert [(r["text_languages"], r["text_en"] == "") for r in rows] == [
        ("ru", True),
        ("en", False),
    ]
    assert [r["convention_articles"] for r in rows] == ["29, 35", "5"]


def test_the_editor_shows_a_missing_language_as_missing(
    demo_data, secretariat, login_as, django_assert_max_num_queries
):
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TJ")
    report = services.report_create(evaluation=evaluation, title_en="Draft", actor=secretariat)
    chapter = services.chapter_create(report=report, number="I", title_en="I", actor=secretariat)
    paragraph = services.paragraph_insert(
        chapter=chapter, text_en="", text_ru=f"<p>{RU_PARAGRAPH}</p>", actor=secretariat
    )
    client = login_as("secretariat")
    with django_assert_max_num_queries(40):
        soup = _soup(client.get(reverse("reports:editor", args=[report.pk])))
    article = soup.select_one(f"#paragraph-{paragraph.pk}")
    missing = article.select_one('[lang="en"] [data-language-missing="en"]')
    assert missing is not None and "Not written in English yet" in missing.get_text()
    assert RU_PARAGRAPH in article.select_one('[lang="ru"]').get_text()


def test_a_reasoning_written_in_russian_shows_on_the_english_page_marked(halves, client, login_as):
    recommendation = halves.recommendations.get(number=1)
    expert = login_as("secretariat")
    page = expert.get(reverse("recommendations:recommendation", args=[recommendation.pk]))
    action = reverse("recommendations:assess", args=[recommendation.pk])
    response = submit(
        expert,
        page,
        f"form[action='{action}']",
        {
            "cycle": "1",
            "status": "partly_implemented",
            "reasoning_ru": "Закон принят, финансирования пока нет.",
            "assessed_on": "2026-11-02",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(recommendation=recommendation)
    assert (assessment.reasoning_en, assessment.reasoning_ru) == (
        "",
        "Закон принят, финансирования пока нет.",
    )
    soup = _soup(client.get(report_path(halves, "en", "tajikistan")))
    history = soup.select_one("#r-1 .history")
    shown = history.find("p", attrs={"lang": "ru"})
    assert shown is not None and "финансирования пока нет" in shown.get_text()
    assert history.select_one(".language-note").get_text() == _note("ru", "en")
    api = client.get(f"/api/v1/recommendations/{recommendation.pk}/history").json()
    assert api["assessments"][0]["reasoning_languages"] == "ru"
    assert api["assessments"][0]["reasoning_en"] == ""
