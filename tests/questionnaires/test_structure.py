"""The questionnaire's structure: freezing, versions, cloning, follow-up questions, dispatch."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring.models import Country, Organisation
from questionnaires import structure_services
from questionnaires.models import Question, Questionnaire, Response, Section
from recommendations.selectors.status import FollowUpItem


@pytest.fixture
def government_questionnaire(demo_data):
    return Questionnaire.objects.get(round__number=1, audience="government")


def test_frozen_questionnaire_cannot_change(government_questionnaire):
    question = Question.objects.filter(section__questionnaire=government_questionnaire).first()
    question.text_en = "Changed"
    with pytest.raises(ValidationError, match="frozen"):
        question.full_clean()
    section = government_questionnaire.sections.first()
    with pytest.raises(ValidationError, match="frozen"):
        section.full_clean()


def test_new_version_copies_everything_unfrozen(government_questionnaire, user_named):
    copy = structure_services.questionnaire_new_version(
        questionnaire=government_questionnaire, actor=user_named("secretariat")
    )
    assert copy.version == 2 and not copy.is_frozen
    assert copy.previous_version == government_questionnaire
    assert Question.objects.filter(section__questionnaire=copy).count() == 39
    assert list(copy.sections.values_list("number", flat=True)) == list("1234567")


def test_clone_into_the_next_round(government_questionnaire, user_named):
    round_two = EvaluationRound.objects.get(number=2)
    clone = structure_services.questionnaire_clone(
        source=government_questionnaire, round=round_two, actor=user_named("secretariat")
    )
    assert clone.round == round_two and clone.version == 1
    assert Question.objects.filter(section__questionnaire=clone).count() == 39
    with pytest.raises(ValidationError, match="already has a questionnaire"):
        structure_services.questionnaire_clone(
            source=government_questionnaire, round=round_two, actor=user_named("secretariat")
        )


def test_only_the_secretariat_edits_structure(government_questionnaire, user_named):
    with pytest.raises(PermissionDenied):
        structure_services.questionnaire_new_version(
            questionnaire=government_questionnaire, actor=user_named("expert-kg")
        )


def test_follow_up_questions_are_generated_once_per_recommendation(
    government_questionnaire, user_named
):
    secretariat = user_named("secretariat")
    draft = structure_services.questionnaire_new_version(
        questionnaire=government_questionnaire, actor=secretariat
    )
    section = Section.objects.create(
        questionnaire=draft,
        number="8",
        theme="general",
        title_en="Follow-up",
        title_ru="Последующие меры",
        sort_order=8,
    )
    kazakhstan = Country.objects.get(iso_code="KZ")
    items = [
        FollowUpItem("rec-7", kazakhstan.pk, "adopt a compensation law", "принять закон", "not"),
        FollowUpItem("rec-9", kazakhstan.pk, "train judges", "обучить судей", "partly"),
    ]
    created = structure_services.follow_up_questions_generate(
        questionnaire=draft, section=section, items=items, actor=secretariat
    )
    assert [q.code for q in created] == ["8.F1", "8.F2"]
    assert all(q.country_id == kazakhstan.pk and q.required for q in created)
    again = structure_services.follow_up_questions_generate(
        questionnaire=draft, section=section, items=items, actor=secretariat
    )
    assert again == []


def test_country_follow_up_questions_are_asked_of_that_country_only(demo_data, user_named):
    from questionnaires.selectors import questions_for

    kg_response = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KG"
    )
    section = kg_response.questionnaire.sections.first()
    Question.objects.create(
        section=section,
        code="1.F1",
        question_type="long_text",
        text_en="Kazakh follow-up",
        text_ru="x",
        country=Country.objects.get(iso_code="KZ"),
        follow_up_of="rec-1",
    )
    assert not questions_for(kg_response).filter(code="1.F1").exists()


def test_dispatch_refuses_unfrozen_and_foreign_ngos(government_questionnaire, user_named):
    secretariat = user_named("secretariat")
    draft = structure_services.questionnaire_new_version(
        questionnaire=government_questionnaire, actor=secretariat
    )
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TM")
    with pytest.raises(ValidationError, match="Freeze the questionnaire"):
        structure_services.questionnaire_dispatch(
            evaluation=evaluation, questionnaire=draft, actor=secretariat
        )
    civil = Questionnaire.objects.get(round__number=1, audience="civil_society")
    foreign_ngo = Organisation.objects.get(name_en='Public Association "El Agartuu"')
    with pytest.raises(ValidationError, match="NGOs of the evaluated country"):
        structure_services.questionnaire_dispatch(
            evaluation=evaluation,
            questionnaire=government_questionnaire,
            actor=secretariat,
            ngos=[foreign_ngo],
            civil_society_questionnaire=civil,
        )
    assert not Response.objects.filter(evaluation=evaluation).exists()
    evaluation.refresh_from_db()
    assert evaluation.state == "preparing"


@pytest.fixture
def turkmen_dispatch(government_questionnaire, user_named, django_capture_on_commit_callbacks):
    """Send Turkmenistan's questionnaire (to `ngos` too) as the secretariat, with the e-mails
    that follow the commit, and return what the outbox got."""
    from django.core import mail

    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TM")
    civil = Questionnaire.objects.get(round__number=1, audience="civil_society")

    def send(ngos=()):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            structure_services.questionnaire_dispatch(
                evaluation=evaluation,
                questionnaire=government_questionnaire,
                actor=user_named("secretariat"),
                ngos=list(ngos),
                civil_society_questionnaire=civil if ngos else None,
            )
        return list(mail.outbox)

    return send


def _turkmen_ngo(user_named):
    """An NGO of Turkmenistan with one respondent, made by the test."""
    from monitoring.services import membership_grant

    ngo = Organisation.objects.create(
        kind="ngo", country=Country.objects.get(iso_code="TM"), name_en="Yenme", name_ru="Енме"
    )
    respondent = user_named("ngo-kz")
    membership_grant(user=respondent, organisation=ngo, role="ngo_respondent")
    return ngo, respondent


def test_dispatch_emails_the_invited_ngos(turkmen_dispatch, user_named):
    ngo, respondent = _turkmen_ngo(user_named)
    outbox = turkmen_dispatch(ngos=[ngo])
    ngo_mail = [m for m in outbox if m.to == [respondent.email]]
    assert len(ngo_mail) == 1
    assert "Civil-society questionnaire" in ngo_mail[0].subject
    assert "confidential" in ngo_mail[0].body


def _turkmen_contact(user_named):
    """A contact person of Turkmenistan's government, made by the test."""
    from monitoring.services import membership_grant

    government = Organisation.objects.get(country__iso_code="TM", is_national_government=True)
    contact = get_user_model().objects.create_user(
        username="tm-contact-test", email="contact@mfa.gov.tm.example", password="x" * 16
    )
    membership_grant(user=contact, organisation=government, role="contact_person")
    return contact


def test_dispatch_emails_the_government_contact_person_once(turkmen_dispatch, user_named):
    contact = _turkmen_contact(user_named)
    assert [m.to for m in turkmen_dispatch()] == [[contact.email]]
    # Sending again, to one more NGO, tells only that NGO's respondent.
    ngo, respondent = _turkmen_ngo(user_named)
    assert [m.to for m in turkmen_dispatch(ngos=[ngo])] == [[respondent.email]]


def test_the_reply_deadline_counts_from_the_dispatch(
    government_questionnaire, user_named, django_capture_on_commit_callbacks
):
    """ "Questionnaire sent" was recorded months ago; the questionnaire goes out today. The
    evaluation's reply deadline and the government's due date are one date, from today."""
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from evaluation_rounds.procedure import DeadlineKind, add_months
    from evaluation_rounds.services import evaluation_transition

    secretariat = user_named("secretariat")
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TM")
    today = timezone.localdate()
    evaluation_transition(
        evaluation=evaluation,
        to_state="questionnaire_sent",
        actor=secretariat,
        occurred_on=today - timedelta(days=140),
        notify=False,
    )
    stale = evaluation.deadlines.get(kind=DeadlineKind.QUESTIONNAIRE_REPLY)
    assert stale.due_on < today  # the dashboard would call it overdue
    contact = _turkmen_contact(user_named)
    with django_capture_on_commit_callbacks(execute=True):
        (response,) = structure_services.questionnaire_dispatch(
            evaluation=evaluation, questionnaire=government_questionnaire, actor=secretariat
        )
    assert [m.to for m in mail.outbox] == [[contact.email]]  # the step told nobody; this does
    deadline = evaluation.deadlines.get(kind=DeadlineKind.QUESTIONNAIRE_REPLY)
    expected = add_months(today, evaluation.round.reply_period_months)
    assert (deadline.starts_on, deadline.due_on, response.due_on) == (today, expected, expected)
    assert deadline.is_open
