"""Submitting and reopening: the contact person submits, the secretariat reopens."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from demo.seed.questionnaires import FormData, answer_all
from evaluation_rounds.procedure import State
from questionnaires import services, structure_services
from questionnaires.models import Questionnaire, Response


def test_submit_page_lists_the_missing_required_questions(login_as, kg_government_response):
    content = (
        login_as("kg-contact")
        .get(reverse("portal:submit", args=[kg_government_response.pk]))
        .content.decode()
    )
    assert "required questions are not answered yet" in content
    for code in ("4.1", "5.1", "6.3", "7.2"):
        assert f">{code}</a>" in content
    assert "Submit the official reply" not in content


def test_submit_with_missing_answers_is_refused_and_changes_nothing(
    login_as, kg_government_response
):
    response = login_as("kg-contact").post(
        reverse("portal:submit", args=[kg_government_response.pk])
    )
    assert response.status_code == 400
    kg_government_response.refresh_from_db()
    assert kg_government_response.status == Response.Status.IN_PROGRESS


def test_only_the_contact_person_submits(user_named, kg_government_response):
    with pytest.raises(PermissionDenied):
        services.response_submit(response=kg_government_response, actor=user_named("kg-official"))


@pytest.fixture
def fresh_dispatch(demo_data, user_named):
    """Uzbekistan has no contact person in the demo; Tajikistan gets one and a questionnaire."""
    from evaluation_rounds.models import CountryEvaluation, EvaluationRound
    from evaluation_rounds.services import evaluation_create, rapporteurs_assign
    from monitoring.models import Country, ExpertMember, Organisation
    from monitoring.services import membership_grant, user_upsert

    secretariat = user_named("secretariat")
    round_three = EvaluationRound.objects.create(
        number=3, title_en="R3", title_ru="Р3", status="open"
    )
    questionnaire = structure_services.questionnaire_clone(
        source=Questionnaire.objects.get(round__number=1, audience="government"),
        round=round_three,
        actor=secretariat,
    )
    structure_services.questionnaire_freeze(questionnaire=questionnaire, actor=secretariat)
    tajikistan = Country.objects.get(iso_code="TJ")
    evaluation = evaluation_create(round=round_three, country=tajikistan, actor=secretariat)
    rapporteurs_assign(
        evaluation=evaluation,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-kz", "expert-uz-2"])),
        actor=secretariat,
    )
    contact = user_upsert(
        username="tj-contact",
        first_name="Nilufar",
        last_name="Saidova",
        email="tj@example.org",
        password="x",
    )
    membership_grant(
        user=contact,
        organisation=Organisation.objects.get(country=tajikistan, is_national_government=True),
        role="contact_person",
    )
    responses = structure_services.questionnaire_dispatch(
        evaluation=evaluation, questionnaire=questionnaire, actor=secretariat
    )
    evaluation.refresh_from_db()
    assert isinstance(evaluation, CountryEvaluation)
    return evaluation, responses[0], contact


def test_dispatch_creates_the_response_and_starts_the_clock(fresh_dispatch):
    evaluation, response, _contact = fresh_dispatch
    assert evaluation.state == State.QUESTIONNAIRE_SENT
    deadline = evaluation.deadlines.get(kind="questionnaire_reply")
    assert response.due_on == deadline.due_on
    assert response.status == Response.Status.NOT_STARTED


def test_full_submission_locks_notifies_and_records_the_replies(
    fresh_dispatch, django_capture_on_commit_callbacks
):
    evaluation, response, contact = fresh_dispatch
    answer_all(response, contact, "KZ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.response_submit(response=response, actor=contact)
    response.refresh_from_db()
    evaluation.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED and response.submitted_by == contact
    assert evaluation.state == State.REPLIES_RECEIVED
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {
        "secretariat@demo.thb-monitoring.example",
        "expert-kz@demo.thb-monitoring.example",
        "expert-uz-2@demo.thb-monitoring.example",
    }
    subjects = {message.subject for message in mail.outbox}
    assert "Questionnaire response submitted: Tajikistan" in subjects
    assert "Replies received: Tajikistan" in subjects
    with pytest.raises(ValidationError, match="already been submitted"):
        services.response_submit(response=response, actor=contact)


def test_reopen_is_for_the_secretariat(kz_government_response, user_named, question_in):
    with pytest.raises(PermissionDenied):
        services.response_reopen(
            response=kz_government_response, actor=user_named("kz-contact"), reason="typo"
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.response_reopen(
            response=kz_government_response, actor=user_named("secretariat"), reason=" "
        )
    services.response_reopen(
        response=kz_government_response,
        actor=user_named("secretariat"),
        reason="The statistics table needs 2024 figures.",
    )
    question = question_in(kz_government_response, "1.1")
    stored = kz_government_response.answers.get(question=question)
    result = services.answer_save(
        response=kz_government_response,
        question=question,
        data=FormData({f"q{question.pk}": "Corrected."}),
        actor=user_named("kz-contact"),
        expected_version=stored.version,
    )
    assert result.saved


def test_extension_request_and_decision(kg_government_response, user_named):
    from datetime import timedelta

    contact, secretariat = user_named("kg-contact"), user_named("secretariat")
    wanted = kg_government_response.due_on + timedelta(days=30)
    with pytest.raises(ValidationError, match="after the current deadline"):
        services.extension_request(
            response=kg_government_response,
            requested_due_on=kg_government_response.due_on,
            reason="x",
            actor=contact,
        )
    request = services.extension_request(
        response=kg_government_response, requested_due_on=wanted, reason="Elections", actor=contact
    )
    with pytest.raises(ValidationError, match="already waiting"):
        services.extension_request(
            response=kg_government_response, requested_due_on=wanted, reason="again", actor=contact
        )
    with pytest.raises(PermissionDenied):
        services.extension_decide(request=request, grant=True, actor=contact)
    services.extension_decide(request=request, grant=True, actor=secretariat)
    kg_government_response.refresh_from_db()
    assert kg_government_response.due_on == wanted


@pytest.mark.parametrize(
    ("username", "fixture", "button", "not_said"),
    [
        ("ngo-kg", "kg_ngo_response", "Submit your organisation's reply", "official reply"),
        ("kg-contact", "kg_government_response", "Submit the official reply", "organisation's"),
    ],
)
def test_the_submit_button_speaks_for_who_submits(
    request, login_as, user_named, username, fixture, button, not_said
):
    from tests.rendered_forms import form_in

    response = request.getfixturevalue(fixture)
    answer_all(response, user_named(username), "KG")
    page = login_as(username).get(reverse("portal:submit", args=[response.pk]))
    content = page.content.decode().replace("&#x27;", "'")
    assert button in content
    assert not_said not in content.split("<main", 1)[1]
    assert form_in(page, "main form[method=post]").method == "post"
