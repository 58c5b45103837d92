"""The builder's Wagtail screens (questionnaires, sections, questions, responses) save through
questionnaires.structure_services: the rules are the service's (a frozen questionnaire's part
cannot leave it either), shown as form errors, and Wagtail's history entry is still written."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from questionnaires.models import Question, Questionnaire, Response, Section
from tests.rendered_forms import form_in

FROZEN = "This questionnaire is frozen and cannot change"


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


@pytest.fixture
def frozen_and_draft(demo_data, secretariat_client):
    """Round 1's frozen government questionnaire and a draft new version of it."""
    frozen = Questionnaire.objects.get(round__number=1, audience="government")
    secretariat_client.post(reverse("questionnaire_builder:new_version", args=[frozen.pk]))
    draft = Questionnaire.objects.get(round=frozen.round, audience="government", version=2)
    return frozen, draft


def _form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return form_in(page, f"form[action='{url}']")


def test_a_frozen_question_cannot_be_moved_into_a_draft(secretariat_client, frozen_and_draft):
    frozen, draft = frozen_and_draft
    question = Question.objects.filter(section__questionnaire=frozen).order_by("pk").first()
    form = _form(secretariat_client, reverse("question:edit", args=[question.pk]))

    refused = secretariat_client.post(
        form.action, form.data({"section": str(draft.sections.first().pk), "code": "9.99"})
    )

    assert refused.status_code == 200
    assert FROZEN in refused.content.decode()
    question.refresh_from_db()
    assert question.section.questionnaire == frozen


def test_a_frozen_section_cannot_be_moved_into_a_draft(secretariat_client, frozen_and_draft):
    frozen, draft = frozen_and_draft
    section = frozen.sections.order_by("pk").first()
    form = _form(secretariat_client, reverse("section:edit", args=[section.pk]))

    refused = secretariat_client.post(form.action, form.data({"questionnaire": str(draft.pk)}))

    assert refused.status_code == 200
    assert FROZEN in refused.content.decode()
    assert Section.objects.get(pk=section.pk).questionnaire == frozen


def test_a_section_added_to_a_draft_goes_through_the_service(secretariat_client, frozen_and_draft):
    _frozen, draft = frozen_and_draft
    form = _form(secretariat_client, reverse("section:add"))

    created = secretariat_client.post(
        form.action,
        form.data(
            {
                "questionnaire": str(draft.pk),
                "number": "9",
                "title_en": "Partnerships",
                "title_ru": "Партнёрства",
                "theme": "partnership",
            }
        ),
    )

    assert created.status_code == 302
    section = draft.sections.get(number="9")
    assert ModelLogEntry.objects.for_instance(section).filter(action="wagtail.create").exists()


def test_a_submitted_response_keeps_its_due_date(secretariat_client, demo_data):
    submitted = Response.objects.filter(status=Response.Status.SUBMITTED).order_by("pk").first()
    due_on = submitted.due_on
    form = _form(secretariat_client, reverse("response:edit", args=[submitted.pk]))

    refused = secretariat_client.post(
        form.action, form.data({"due_on": due_on.replace(year=due_on.year + 1).isoformat()})
    )

    assert refused.status_code == 200
    assert "it is due no more" in refused.content.decode()
    submitted.refresh_from_db()
    assert submitted.due_on == due_on

    draft = Response.objects.exclude(status=Response.Status.SUBMITTED).order_by("pk").first()
    form = _form(secretariat_client, reverse("response:edit", args=[draft.pk]))
    later = draft.due_on.replace(year=draft.due_on.year + 1)
    assert (
        secretariat_client.post(form.action, form.data({"due_on": later.isoformat()})).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.due_on == later
    assert ModelLogEntry.objects.for_instance(draft).filter(action="wagtail.edit").exists()
