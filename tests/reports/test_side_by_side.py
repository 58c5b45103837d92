"""Two languages side by side: the forms and the editor show English and Russian next to each
other (the original first), mark a text whose other language is missing or older, and give the
report's translation completeness (editor page and index) from one rule, in memory and in SQL."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from reports.models import Paragraph, Report
from reports.selectors import translation
from tests.bench.report_data import generate_report
from tests.rendered_forms import submit
from tests.reports.rich_text import contentstate_for

RAPPORTEUR = "expert-kz-2"
FORM = "form.procedure-form"


@pytest.fixture
def rapporteur(login_as):
    return login_as(RAPPORTEUR)


def paragraph_of(report, number):
    return Paragraph.objects.get(chapter__report=report, number=number)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def editor_soup(client, report):
    return soup_of(client.get(reverse("reports:editor", args=[report.pk])))


def marks_of(soup, anchor):
    return [m["data-translation-mark"] for m in soup.select(f"#{anchor} [data-translation-mark]")]


def test_the_paragraph_form_puts_the_original_language_first(rapporteur, kg_report):
    paragraph = paragraph_of(kg_report, 1)
    url = reverse("reports:paragraph_edit", args=[kg_report.pk, paragraph.pk])

    def columns():
        pair = soup_of(rapporteur.get(url)).select_one(f"{FORM} .translation-pair")
        return [
            c.select_one("textarea, input")["name"]
            for c in pair.select(".translation-pair__column")
        ]

    assert columns() == ["text_en", "text_ru"]
    Report.objects.filter(pk=kg_report.pk).update(language="ru")
    assert columns() == ["text_ru", "text_en"]
    recommendation = kg_report.recommendations.get(number=1)
    page = rapporteur.get(
        reverse("recommendations:recommendation_edit", args=[kg_report.pk, recommendation.pk])
    )
    pair = soup_of(page).select_one(f"{FORM} .translation-pair")
    assert [c["lang"] for c in pair.select(".translation-pair__column")] == ["ru", "en"]


def test_the_editor_shows_both_languages_and_marks_a_missing_one(rapporteur, kg_report):
    soup = editor_soup(rapporteur, kg_report)
    first = paragraph_of(kg_report, 1)
    columns = soup.select(
        f"#paragraph-{first.pk} .report-paragraph__body .translation-pair__column"
    )
    assert [c["lang"] for c in columns] == ["en", "ru"]
    assert "Chapter 1, text 1" in columns[0].get_text()
    assert marks_of(soup, f"paragraph-{first.pk}")[0] == "missing"  # build_report writes English
    assert "The Russian text is missing" in columns[1].get_text()


def test_an_edit_in_one_language_marks_the_other_as_older(rapporteur, kg_report, secretariat):
    paragraph = paragraph_of(kg_report, 2)
    url = reverse("reports:paragraph_edit", args=[kg_report.pk, paragraph.pk])
    submit(
        rapporteur,
        rapporteur.get(url),
        FORM,
        {"text_ru": contentstate_for("<p>Глава 1, текст 2</p>")},
    )
    paragraph.refresh_from_db()
    assert paragraph.text_ru_changed_at is not None
    assert marks_of(editor_soup(rapporteur, kg_report), f"paragraph-{paragraph.pk}") == []

    submit(
        rapporteur,
        rapporteur.get(url),
        FORM,
        {"text_en": contentstate_for("<p>Chapter 1, text 2, revised</p>")},
    )
    paragraph.refresh_from_db()
    assert paragraph.text_en_changed_at > paragraph.text_ru_changed_at
    soup = editor_soup(rapporteur, kg_report)
    assert marks_of(soup, f"paragraph-{paragraph.pk}") == ["older"]
    russian = soup.select_one(f"#paragraph-{paragraph.pk} .translation-pair__column[lang=ru]")
    assert "The Russian text is older than the English" in russian.get_text()

    # Recommendations: written in both languages at once, then only the English changes.
    recommendation = kg_report.recommendations.get(number=1)
    assert marks_of(soup, f"recommendation-{recommendation.pk}") == []
    recommendation_services.recommendation_update(
        recommendation=recommendation, text_en="Revised", expected_version=1, actor=secretariat
    )
    soup = editor_soup(rapporteur, kg_report)
    assert marks_of(soup, f"recommendation-{recommendation.pk}") == ["older"]


def test_inserting_and_creating_date_only_the_written_languages(kg_report, secretariat):
    paragraph = paragraph_of(kg_report, 1)
    assert paragraph.text_en_changed_at is not None and paragraph.text_ru_changed_at is None
    recommendation = kg_report.recommendations.get(number=1)
    assert recommendation.text_en_changed_at == recommendation.text_ru_changed_at is not None
    before = paragraph.text_en_changed_at
    services.paragraph_update(
        paragraph=paragraph, text_en=paragraph.text_en, text_ru="<p>Текст</p>", actor=secretariat
    )
    paragraph.refresh_from_db()
    assert paragraph.text_en_changed_at == before  # unchanged text keeps its date
    assert paragraph.text_ru_changed_at > before


def _states(report, secretariat):
    """Paragraphs in every state the rule distinguishes, dates set as an import would."""
    now = timezone.now()
    rows = list(Paragraph.objects.filter(chapter__report=report).order_by("number"))
    updates = [
        # (text_ru, en date, ru date): missing / current / older / unknown Russian date
        ("", now, None),
        ("<p>Текст</p>", now, now),
        ("<p>Текст</p>", now, now - timedelta(days=1)),
        ("<p>Текст</p>", now, None),
    ]
    for row, (text_ru, en, ru) in zip(rows, updates, strict=True):
        Paragraph.objects.filter(pk=row.pk).update(
            text_ru=text_ru, text_en_changed_at=en, text_ru_changed_at=ru
        )
    Recommendation.objects.filter(report=report, number=2).update(
        text_ru_changed_at=None, text_en_changed_at=None
    )


def test_the_rule_in_memory_and_in_sql_agree(kg_report, secretariat):
    _states(kg_report, secretariat)
    paragraphs = Paragraph.objects.filter(chapter__report=kg_report).order_by("number")
    in_memory = [translation.is_current(p, "ru") for p in paragraphs]
    assert in_memory == [False, True, False, False]
    in_sql = set(paragraphs.filter(translation.current_q("ru")).values_list("number", flat=True))
    assert in_sql == {2}
    assert [translation.mark(p, "en") for p in paragraphs] == [
        translation.Mark("ru", "missing"),
        None,
        translation.Mark("ru", "older"),
        translation.Mark("ru", "older"),
    ]
    recommendations = Recommendation.objects.filter(report=kg_report).order_by("number")
    assert [translation.is_current(r, "ru") for r in recommendations] == [True, True]
    assert recommendations.filter(translation.current_q("ru")).count() == 2

    annotated = translation.with_completeness(Report.objects.filter(pk=kg_report.pk)).get()
    figure = translation.completeness_of(annotated)
    assert (figure.language, figure.current, figure.total, figure.percent) == ("ru", 3, 6, 50)
    report = Report.objects.get(pk=kg_report.pk)
    assert translation.completeness(report, [*paragraphs, *recommendations]) == figure


def test_the_completeness_figure_on_the_editor_and_the_index(rapporteur, kg_report, secretariat):
    _states(kg_report, secretariat)
    expected = "Russian 50 % · 3 of 6 paragraphs and recommendations complete and up to date"
    figure = editor_soup(rapporteur, kg_report).select_one(".translation-completeness")
    assert " ".join(figure.get_text().split()) == expected
    index = soup_of(rapporteur.get(reverse("reports:index")))
    row = next(r for r in index.select("tbody tr") if str(kg_report.title) in r.get_text())
    assert expected in " ".join(row.select_one(".translation-completeness").get_text().split())

    # A Russian original is translated into English: paragraphs 1-4 all have English.
    Report.objects.filter(pk=kg_report.pk).update(language="ru")
    figure = editor_soup(rapporteur, kg_report).select_one("[data-completeness]")
    assert "English 100 % · 6 of 6" in " ".join(figure.get_text().split())


def test_index_query_count_is_fixed_with_the_figures(
    login_as, kg_report, django_assert_max_num_queries
):
    client = login_as("secretariat")
    client.get(reverse("reports:index"))
    with django_assert_max_num_queries(40) as small:
        assert client.get(reverse("reports:index")).status_code == 200
    for iso in ("TJ", "UZ", "TM"):
        generate_report(paragraphs=60, recommendations=20, iso=iso)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("reports:index")).content.decode()
    assert page.count("data-completeness=") >= 4


def test_editor_query_count_is_fixed_with_marks_and_comments(
    login_as, kg_report, django_assert_max_num_queries
):
    client = login_as("secretariat")
    url = reverse("reports:editor", args=[kg_report.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    large = generate_report(paragraphs=300, recommendations=90)
    Paragraph.objects.filter(chapter__report=large, number__lte=100).update(text_ru="")
    with django_assert_max_num_queries(len(small.captured_queries)):
        soup = soup_of(client.get(reverse("reports:editor", args=[large.pk])))
    assert len(soup.select(".report-paragraph [data-translation-mark=missing]")) == 100
