"""Recommendations are stored and published as sentences: the editor's form shows the lead-in of
the strength, a fragment is saved with it, a wording that says another strength warns and saves
only when confirmed; the tracker and the API show the sentence; the import says where it added
the lead-in. Everything from a report the test builds."""

import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from monitoring.models import Organisation
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from tests.rendered_forms import form_in, submit
from tests.reports.conftest import build_report
from tests.reports.rich_text import plain_contentstate_for, text_in

URGES_EN = "The expert group urges the authorities to"
URGES_RU = "Группа экспертов настоятельно призывает органы власти"
FORM = "form[data-lead-in-form]"
FRAGMENT = "give labour inspectors a clear mandate to inspect farms"
FRAGMENT_RU = "наделить трудовых инспекторов чётким мандатом"


@pytest.fixture
def report(kz_evaluation, secretariat):
    return build_report(kz_evaluation, secretariat, recommendations=0)


@pytest.fixture
def browser(login_as):
    """The secretariat's browser (the test browser, signed in)."""
    return login_as("secretariat")


def _add_page(browser, report):
    paragraph = report.chapters.first().paragraphs.order_by("number").first()
    url = reverse("recommendations:recommendation_add", args=[report.pk])
    return browser.get(f"{url}?paragraph={paragraph.pk}")


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _lead_ins(response) -> list[str]:
    return [span.get_text(strip=True) for span in _soup(response).select("[data-lead-in]")]


def test_the_form_shows_the_lead_in_of_each_strength_in_both_languages(browser, report):
    page = _add_page(browser, report)
    spans = _soup(page).select("[data-lead-in]")
    assert [span["lang"] for span in spans] == ["en", "ru"]
    # Nothing chosen yet; the script switches to the strength's lead-in from these.
    assert all("Choose the strength" in span.get_text() for span in spans)
    assert spans[0]["data-lead-in-urges"] == f"{URGES_EN} …"
    assert spans[1]["data-lead-in-considers"] == (
        "Группа экспертов считает, что органам власти следует …"
    )
    assert spans[1]["data-lead-in-invites"] == "Группа экспертов предлагает органам власти …"
    # Without the script, the help lists the three lead-ins.
    help_en = _soup(page).select_one("#id_text_en_helptext").get_text()
    assert "The expert group considers that the authorities should" in help_en
    assert 'src="/static/recommendations/lead_in.js"' in page.content.decode()
    # The confirmation checkbox is not offered before there is something to confirm.
    assert _soup(page).select_one("input[name=keep_strength]")["type"] == "hidden"


def test_a_fragment_is_stored_as_a_full_sentence(browser, report):
    response = submit(
        browser,
        _add_page(browser, report),
        FORM,
        {
            "strength": "urges",
            "text_en": plain_contentstate_for(FRAGMENT),
            "text_ru": plain_contentstate_for(FRAGMENT_RU),
        },
    )
    assert response.status_code == 302
    recommendation = report.recommendations.get()
    assert recommendation.text_en == f"{URGES_EN} {FRAGMENT}."
    assert recommendation.text_ru == f"{URGES_RU} {FRAGMENT_RU}."
    editor = browser.get(reverse("reports:editor", args=[report.pk])).content.decode()
    assert editor.count(URGES_EN) == 1  # the sentence, without a second lead-in in front

    # Editing: the box holds what follows the lead-in shown in front of it; another strength
    # gives the sentence its lead-in.
    edit = browser.get(
        reverse("recommendations:recommendation_edit", args=[report.pk, recommendation.pk])
    )
    assert [text_in(value) for value in form_in(edit, FORM).fields["text_en"]] == [f"{FRAGMENT}."]
    assert _lead_ins(edit) == [f"{URGES_EN} …", f"{URGES_RU} …"]
    assert submit(browser, edit, FORM, {"strength": "invites"}).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.strength == "invites"
    assert recommendation.text_en == f"The expert group invites the authorities to {FRAGMENT}."
    assert recommendation.text_ru == f"Группа экспертов предлагает органам власти {FRAGMENT_RU}."


def test_a_wording_of_another_strength_warns_and_saves_only_when_confirmed(browser, report):
    typed = "The expert group urges the Kazakh authorities to close the loophole."
    typed_ru = "Органы власти должны закрыть лазейку."
    changes = {
        "strength": "invites",
        "text_en": plain_contentstate_for(typed),
        "text_ru": plain_contentstate_for(typed_ru),
        "convention_articles": "Article 5",
    }
    warned = submit(browser, _add_page(browser, report), FORM, changes)
    assert warned.status_code == 400
    assert not report.recommendations.exists()
    soup = _soup(warned)
    warning = soup.select_one("#id_keep_strength_error").get_text()
    assert "“urges”" in warning and "“invites”" in warning
    checkbox = soup.select_one("input[name=keep_strength]")
    assert checkbox["type"] == "checkbox" and not checkbox.has_attr("checked")
    # Nothing typed is lost.
    shown = form_in(warned, FORM).fields
    assert [text_in(v) for v in shown["text_en"]] == [typed]
    assert [text_in(v) for v in shown["text_ru"]] == [typed_ru]
    assert shown["strength"] == ["invites"] and shown["convention_articles"] == ["Article 5"]
    assert _lead_ins(warned)[0] == "The expert group invites the authorities to …"

    saved = submit(browser, warned, FORM, {"keep_strength": "on"})
    assert saved.status_code == 302
    recommendation = report.recommendations.get()
    assert recommendation.strength == "invites"
    assert (recommendation.text_en, recommendation.text_ru) == (typed, typed_ru)


def test_without_a_strength_the_wording_suggests_one(browser, report):
    typed_ru = "Группа экспертов настоятельно призывает органы власти закрыть лазейку."
    asked = submit(
        browser, _add_page(browser, report), FORM, {"text_ru": plain_contentstate_for(typed_ru)}
    )
    assert asked.status_code == 400
    error = _soup(asked).select_one("#id_strength_error").get_text()
    assert "The wording says “настоятельно призывает”: choose urges?" in error
    assert form_in(asked, FORM).fields["strength"] == ["urges"]  # suggested, selected
    assert [text_in(v) for v in form_in(asked, FORM).fields["text_ru"]] == [typed_ru]
    assert not report.recommendations.exists()

    assert submit(browser, asked, FORM).status_code == 302
    assert report.recommendations.get().strength == "urges"


def test_a_fragment_without_wording_still_asks_for_the_strength(browser, report):
    refused = submit(
        browser, _add_page(browser, report), FORM, {"text_en": plain_contentstate_for(FRAGMENT)}
    )
    assert refused.status_code == 400
    assert "Choose the strength" in _soup(refused).select_one("#id_strength_error").get_text()
    assert not report.recommendations.exists()


def test_the_public_reads_the_sentence_after_publication(browser, report, secretariat):
    submit(
        browser,
        _add_page(browser, report),
        FORM,
        {
            "strength": "urges",
            "text_en": plain_contentstate_for(FRAGMENT),
            "text_ru": plain_contentstate_for(FRAGMENT_RU),
        },
    )
    services.report_publish(report=report, actor=secretariat)
    sentence = f"{URGES_EN} {FRAGMENT}."
    recommendation = report.recommendations.get()
    assert recommendation.published_text_en == sentence
    assert report.publication.content["recommendations"][0]["text_en"] == sentence

    browser.logout()
    tracker = browser.get("/en/recommendations/", {"country": "KZ"})
    assert sentence in tracker.content.decode()
    tracker_ru = browser.get("/ru/recommendations/", {"country": "KZ"})
    assert f"{URGES_RU} {FRAGMENT_RU}." in tracker_ru.content.decode()
    (item,) = browser.get("/api/v1/recommendations", {"country": "KZ"}).json()["items"]
    assert (item["text_en"], item["text_ru"]) == (sentence, f"{URGES_RU} {FRAGMENT_RU}.")


def _csv(rows: list[dict]) -> bytes:
    header = list(rows[0])
    lines = [",".join(header)] + [",".join(f'"{r[c]}"' for c in header) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def test_the_import_adds_the_lead_in_and_says_so(browser, kg_evaluation, secretariat):
    report = build_report(kg_evaluation, secretariat, recommendations=0)
    sentence_ru = "Группа экспертов предлагает органам власти открыть приюты."
    rows = [
        {
            "country_iso": "KG",
            "round": "1",
            "paragraph_number": "1",
            "strength": "invites",
            "text_en": "Open shelters in every region",
            "text_ru": sentence_ru,
        }
    ]
    file = io.BytesIO(_csv(rows))
    file.name = "recommendations.csv"
    preview = browser.post(reverse("recommendations:import"), {"file": file})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert page.count("Lead-in added") == 1  # the Russian text was a sentence already
    assert "Lead-in added: “The expert group invites the authorities to …”" in page
    assert "The expert group invites the authorities to open shelters in every region." in page

    browser.post(reverse("recommendations:import_confirm"), {"token": preview.context["token"]})
    recommendation = report.recommendations.get()
    assert recommendation.text_en == (
        "The expert group invites the authorities to open shelters in every region."
    )
    assert recommendation.text_ru == sentence_ru


def test_the_service_composes_whatever_calls_it(report, secretariat):
    paragraph = report.chapters.first().paragraphs.first()
    country = report.evaluation.country
    government = Organisation.objects.get(country=country, is_national_government=True)
    recommendation = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="considers",
        text_en="monitor online recruitment",
        addressees=[government],
        actor=secretariat,
    )
    assert recommendation.text_en == (
        "The expert group considers that the authorities should monitor online recruitment."
    )
    recommendation_services.recommendation_update(
        recommendation=recommendation, actor=secretariat, text_ru="отслеживать вербовку"
    )
    assert Recommendation.objects.get(pk=recommendation.pk).text_ru == (
        "Группа экспертов считает, что органам власти следует отслеживать вербовку."
    )
