"""Convention articles are stored as their numbers and written out in the reader's language;
the form reads the usual ways of typing them and says what it cannot read. The migrations'
own functions (articles' numbers, reasoning by script) are checked on the values they meet."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from evaluation_rounds.models import CountryEvaluation
from monitoring.i18n import written_in
from recommendations import articles
from reports import services
from tests.rendered_forms import submit
from tests.reports.rich_text import plain_contentstate_for

ARTICLES_MIGRATION = importlib.import_module(
    "recommendations.migrations.0006_convention_articles_as_numbers"
)
REASONING_MIGRATION = importlib.import_module(
    "recommendations.migrations.0005_assessment_reasoning_in_both_languages"
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("29, 35", "29, 35"),
        ("Art. 29 and 35", "29, 35"),
        ("статьи 29 и 35", "29, 35"),
        ("Articles 35, 29 and 29", "29, 35"),
        ("ст. 5", "5"),
        ("Articles 10-12", "10, 11, 12"),
        ("", ""),
    ],
)
def test_the_article_numbers_are_read_from_what_was_typed(typed, stored):
    assert articles.parse(typed) == stored


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Article twelve", "“twelve” is not an article number"),
        ("Art. 99", "articles 1 to 47"),
        ("²", "“²” is not an article number"),  # a digit to isdigit, not a number to int()
    ],
)
def test_what_is_not_an_article_number_is_named(typed, said):
    with pytest.raises(ValidationError) as refused:
        articles.parse(typed)
    assert said in refused.value.messages[0]


def test_the_numbers_are_written_out_in_english():
    assert articles.label("29", "en") == "Article 29"
    assert articles.label("29, 35", "en") == "Articles 29 and 35"
    assert articles.label("10, 12, 15", "en") == "Articles 10, 12 and 15"
    assert articles.label("", "en") == ""


def test_the_numbers_are_written_out_in_russian():
    # Needs the Russian catalogue (filled at merge from /work/wt/fallback-ru.json).
    assert articles.label("29", "ru") == "Статья 29"
    assert articles.label("29, 35", "ru") == "Статьи 29 и 35"
    # 21 articles are still "Статьи": one article or several, not a count.
    many = ", ".join(str(n) for n in range(1, 22))
    assert articles.label(many, "ru").startswith("Статьи 1, 2")


def test_the_recommendation_form_stores_the_numbers_and_refuses_words(
    demo_data, secretariat, login_as
):
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TJ")
    report = services.report_create(evaluation=evaluation, title_en="Draft", actor=secretariat)
    chapter = services.chapter_create(report=report, number="I", title_en="I", actor=secretariat)
    paragraph = services.paragraph_insert(
        chapter=chapter, text_en="<p>Text.</p>", actor=secretariat
    )
    client = login_as("secretariat")
    add = reverse("recommendations:recommendation_add", args=[report.pk])
    data = {
        "paragraph": str(paragraph.pk),
        "strength": "invites",
        "text_en": plain_contentstate_for("Fund shelters for male victims."),
        "text_ru": plain_contentstate_for(""),
        "convention_articles": "Article twelve",
    }
    refused = submit(client, client.get(add), "form.procedure-form", data)
    assert refused.status_code == 400
    assert "“twelve” is not an article number" in refused.content.decode()
    assert not report.recommendations.exists()

    data["convention_articles"] = "статьи 29 и 35"
    saved = submit(client, client.get(add), "form.procedure-form", data)
    assert saved.status_code == 302
    recommendation = report.recommendations.get()
    assert recommendation.convention_articles == "29, 35"
    with translation.override("en"):
        assert recommendation.convention_articles_label == "Articles 29 and 35"
    editor = client.get(reverse("reports:editor", args=[report.pk])).content.decode()
    assert "Articles 29 and 35" in editor


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Article 29", "29"),
        ("Articles 29 and 35", "29, 35"),
        ("Articles 10, 12 and 15", "10, 12, 15"),
        ("Article 12(1)", "12"),
        ("", ""),
    ],
)
def test_the_migration_keeps_the_numbers_of_existing_values(before, after):
    assert ARTICLES_MIGRATION._numbers(before) == after


@pytest.mark.parametrize(
    ("reasoning", "language"),
    [
        ("A draft law exists.", "en"),
        ("Проект закона существует.", "ru"),
        ("Закон «Sana Sezim» принят.", "ru"),
        ("The NGO «Родник» was consulted on every step.", "en"),
    ],
)
def test_the_reasoning_moves_into_the_language_it_is_written_in(reasoning, language):
    fields = {"reasoning": reasoning, "status": "implemented"}
    REASONING_MIGRATION.split(fields)
    assert fields == {
        "status": "implemented",
        "reasoning_en": reasoning if language == "en" else "",
        "reasoning_ru": reasoning if language == "ru" else "",
    }
    assert written_in(reasoning) == language
    REASONING_MIGRATION.join(fields)
    assert fields == {"status": "implemented", "reasoning": reasoning}
