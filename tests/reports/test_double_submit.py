"""The editor's add forms are sent once per rendering (monitoring/submission_tokens.py): the
same page sent twice (a double click, a resubmit after "back") saves one row and sends the second
answer to what the first saved; two renderings (two tabs) are two additions; a page rendered
without a token is still accepted."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from recommendations.models import Recommendation
from reports.models import Chapter, Paragraph, Section
from tests.rendered_forms import submit
from tests.reports.rich_text import contentstate_for, plain_contentstate_for

RAPPORTEUR = "expert-kz-2"  # one of Kyrgyzstan's two rapporteurs
FORM = "form.procedure-form"
ALREADY_SAVED = "This was already saved."


@pytest.fixture
def rapporteur(login_as):
    return login_as(RAPPORTEUR)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _paragraph(client, report, text):
    chapter = report.chapters.get(number="1")
    page = client.get(reverse("reports:paragraph_add", args=[report.pk]), {"chapter": chapter.pk})
    changes = {"text_en": contentstate_for(f"<p>{text}</p>")}
    return page, FORM, changes, lambda: Paragraph.objects.filter(text_en=f"<p>{text}</p>")


def _recommendation(client, report, text):
    paragraph = Paragraph.objects.get(chapter__report=report, number=3)
    page = client.get(
        reverse("recommendations:recommendation_add", args=[report.pk]),
        {"paragraph": paragraph.pk},
    )
    changes = {"strength": "invites", "text_en": plain_contentstate_for(f"{text}.")}
    sentence = f"The expert group invites the authorities to {text[0].lower()}{text[1:]}."
    return page, FORM, changes, lambda: Recommendation.objects.filter(text_en=sentence)


def _chapter(client, report, text):
    page = client.get(reverse("reports:editor", args=[report.pk]))
    selector = f"form[action='{reverse('reports:chapter_add', args=[report.pk])}']"
    changes = {"number": "9", "title_en": text}
    return page, selector, changes, lambda: Chapter.objects.filter(report=report, title_en=text)


def _section(client, report, text):
    chapter = report.chapters.get(number="1")
    page = client.get(reverse("reports:section_add", args=[report.pk, chapter.pk]))
    changes = {"title_en": text}
    return page, FORM, changes, lambda: Section.objects.filter(chapter=chapter, title_en=text)


ADD_FORMS = {
    "paragraph": _paragraph,
    "recommendation": _recommendation,
    "chapter": _chapter,
    "section": _section,
}


@pytest.mark.parametrize("kind", ADD_FORMS)
def test_the_same_page_sent_twice_saves_once(kind, rapporteur, kg_report):
    page, selector, changes, saved = ADD_FORMS[kind](rapporteur, kg_report, "Fund shelters")
    first = submit(rapporteur, page, selector, changes)
    assert first.status_code == 302 and saved().count() == 1
    assert ALREADY_SAVED not in _messages(first)

    again = submit(rapporteur, page, selector, changes)
    assert again.status_code == 302
    assert again["Location"] == first["Location"]  # to what the first one saved
    assert ALREADY_SAVED in _messages(again)
    assert saved().count() == 1


@pytest.mark.parametrize("kind", ADD_FORMS)
def test_two_renderings_are_two_additions(kind, rapporteur, kg_report):
    first_tab = ADD_FORMS[kind](rapporteur, kg_report, "Fund shelters")
    second_tab = ADD_FORMS[kind](rapporteur, kg_report, "Fund shelters")
    page, selector, changes, saved = first_tab
    assert submit(rapporteur, page, selector, changes).status_code == 302
    page, selector, changes, saved = second_tab
    if kind == "chapter":
        changes["number"] = "10"  # chapter numbers are unique: the second tab gives another
    second = submit(rapporteur, page, selector, changes)
    assert second.status_code == 302 and ALREADY_SAVED not in _messages(second)
    assert saved().count() == 2


@pytest.mark.parametrize("kind", ADD_FORMS)
def test_a_page_without_a_token_is_still_accepted(kind, rapporteur, kg_report):
    page, selector, changes, saved = ADD_FORMS[kind](rapporteur, kg_report, "Fund shelters")
    response = submit(rapporteur, page, selector, {**changes, "submission_token": None})
    assert response.status_code == 302 and saved().count() == 1


def test_a_refused_form_corrected_is_saved(rapporteur, kg_report):
    """The refusal gives the token back: the corrected form (a new rendering) is saved, and the
    refused page sent again is refused again, not taken for a saved one."""
    page, selector, changes, saved = _paragraph(rapporteur, kg_report, "Fund shelters")
    empty = {**changes, "text_en": contentstate_for("<p> </p>")}
    refused = submit(rapporteur, page, selector, empty)
    assert refused.status_code == 400
    assert submit(rapporteur, page, selector, empty).status_code == 400
    corrected = submit(rapporteur, refused, selector, changes)
    assert corrected.status_code == 302 and saved().count() == 1
    assert submit(rapporteur, refused, selector, changes)["Location"] == corrected["Location"]
    assert saved().count() == 1


def test_an_editing_form_has_no_token(rapporteur, kg_report):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=1)
    page = rapporteur.get(reverse("reports:paragraph_edit", args=[kg_report.pk, paragraph.pk]))
    assert 'name="submission_token"' not in page.content.decode()
