"""System sentences are stored as codes and rendered in the reader's language: the procedure
driven in one language reads in the other on the evaluation page, its history, the visit's
history and the audit log; text a person wrote stays as written; the data migration turns the
stored English and Russian sentences into codes."""

from __future__ import annotations

import importlib
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Revision
from wagtail.users.models import UserProfile

from evaluation_rounds import services, visit_services
from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Transition
from evaluation_rounds.procedure import State
from monitoring import services as core_services
from monitoring import system_text
from monitoring.models import AuditEvent, Country, Membership, Organisation
from tests.migrations import migrate_to


def _reader_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _evaluation_driven_in(language: str, secretariat, contact) -> CountryEvaluation:
    """A new evaluation opened, sent and answered, with a visit and a meeting, by people
    working in `language`."""
    with translation.override(language):
        round_ = EvaluationRound.objects.create(
            number=77, title_en="Round 77", title_ru="Раунд 77", status="open"
        )
        evaluation = services.evaluation_create(
            round=round_, country=Country.objects.get(iso_code="KG"), actor=secretariat
        )
        services.evaluation_transition(
            evaluation=evaluation, to_state=State.QUESTIONNAIRE_SENT, actor=secretariat
        )
        services.evaluation_record_replies(evaluation=evaluation, submitted_by=contact)
        start = timezone.localdate()
        visit = visit_services.visit_create(
            evaluation=evaluation,
            start_date=start,
            end_date=start + timedelta(days=2),
            delegation=[secretariat],
            actor=secretariat,
        )
        ministry = Organisation.objects.create(
            kind="government",
            country=evaluation.country,
            name_en="Ministry of Labour",
            name_ru="Министерство труда",
        )
        visit_services.meeting_add(
            visit=visit,
            starts_at=timezone.make_aware(datetime.combine(start, time(10))),
            meeting_type="ministry",
            organisation=ministry,
            actor=secretariat,
        )
    return evaluation


ENGLISH = ("Evaluation opened", "The government submitted its replies.", "Meeting added")
RUSSIAN = ("Оценка открыта", "Правительство представило свои ответы.", "Встреча добавлена")


@pytest.mark.parametrize(
    ("written", "read", "expected", "absent"),
    [("en", "ru", RUSSIAN, ENGLISH), ("ru", "en", ENGLISH, RUSSIAN)],
)
def test_the_procedure_written_in_one_language_reads_in_the_other(
    login_as, user_named, written, read, expected, absent, django_assert_max_num_queries
):
    secretariat = user_named("secretariat")
    evaluation = _evaluation_driven_in(written, secretariat, user_named("kg-contact"))
    _reader_language(secretariat, read)
    client = login_as("secretariat")

    with django_assert_max_num_queries(60):
        page = client.get(reverse("procedure:evaluation", args=[evaluation.pk]))
    visit = evaluation.visits.get()
    visit_page = client.get(reverse("procedure:visit", args=[visit.pk]))

    text = page.content.decode() + visit_page.content.decode()
    for sentence in expected[:2]:
        assert sentence in page.content.decode()
    assert expected[2] in visit_page.content.decode()
    assert ("Министерство труда" if read == "ru" else "Ministry of Labour") in text
    for sentence in absent:
        assert sentence not in text
    assert system_text.MARKER not in text
    replies = evaluation.transitions.get(to_state=State.REPLIES_RECEIVED)
    assert replies.comment == "" and replies.message_code == "evaluation_rounds.replies_submitted"


def test_a_step_comment_a_person_wrote_stays_as_written(user_named):
    secretariat = user_named("secretariat")
    evaluation = _evaluation_driven_in("en", secretariat, user_named("kg-contact"))
    step = services.evaluation_transition(
        evaluation=evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        comment="Visit held in Bishkek and Osh",
    )
    with translation.override("ru"):
        assert step.comment_text == "Visit held in Bishkek and Osh"
        revision = Revision.objects.order_by("-pk").first()
        assert system_text.render(revision.comment) == "Visit held in Bishkek and Osh"


@pytest.mark.parametrize(("written", "read"), [("en", "ru"), ("ru", "en")])
def test_the_audit_log_reads_in_the_readers_language(
    login_as, user_named, django_user_model, written, read, django_assert_max_num_queries
):
    newcomer = django_user_model.objects.create_user("kg-newcomer", password="a-long-password-1")
    with translation.override(written):
        core_services.membership_create(
            user=newcomer,
            organisation=Organisation.objects.filter(kind="ngo", country__iso_code="KG").first(),
            role=Membership.Role.NGO_RESPONDENT,
        )
    event = AuditEvent.objects.filter(object_id=str(newcomer.pk)).get()
    assert system_text.decode(event.detail)[1] == {"role": "ngo_respondent", "active": True}
    _reader_language(user_named("secretariat"), read)
    client = login_as("secretariat")

    labels = {}
    for language in ("en", "ru"):
        with translation.override(language):
            labels[language] = str(Membership.Role.NGO_RESPONDENT.label)
    with django_assert_max_num_queries(25):
        listed = client.get(reverse("auditevent:index")).content.decode()
    inspected = client.get(reverse("auditevent:inspect", args=[event.pk])).content.decode()
    exported = client.get(reverse("auditevent:index"), {"export": "csv"})
    csv_text = b"".join(exported.streaming_content).decode("utf-8-sig")
    for text in (listed, inspected, csv_text):
        assert labels[read] in text
        assert labels[written] not in text and system_text.MARKER not in text


def test_render_keeps_plain_text_unknown_codes_and_cuts_long_notes_not_the_json():
    assert system_text.render("written by a person") == "written by a person"
    unknown = system_text.encode("nobody.declared", n=1)
    assert system_text.render(unknown) == unknown
    stored = system_text.encode("reports.correction_opened", note="x" * 900, max_length=500)
    assert len(stored) <= 500
    with translation.override("en"):
        assert system_text.render(stored).startswith("Correction: xxx")
    meeting = system_text.bilingual("10:00 Ministry", "10:00 Министерство")
    added = system_text.encode("evaluation_rounds.meeting_added", meeting=meeting)
    with translation.override("ru"):
        assert system_text.render(added) == "Встреча добавлена: 10:00 Министерство"


# --- The data migration -----------------------------------------------------------------------

BEFORE = [("evaluation_rounds", "0003_transition_message_code"), ("monitoring", "0002_audit_log")]
AFTER = [
    ("evaluation_rounds", "0004_system_sentences_to_codes"),
    ("monitoring", "0003_system_sentences_to_codes"),
]


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stored_sentences_into_codes_and_leaves_other_text(latest_schema_after):
    apps = migrate_to(BEFORE)
    country = apps.get_model("monitoring", "Country").objects.create(
        iso_code="ZZ", name_en="Zedland", name_ru="Зедландия"
    )
    round_ = apps.get_model("evaluation_rounds", "EvaluationRound").objects.create(
        number=98, title_en="Round 98", title_ru="Раунд 98"
    )
    evaluation = apps.get_model("evaluation_rounds", "CountryEvaluation").objects.create(
        round=round_, country=country
    )
    OldTransition = apps.get_model("evaluation_rounds", "Transition")
    step = {"evaluation": evaluation, "occurred_on": timezone.localdate()}
    replies = OldTransition.objects.create(
        from_state="questionnaire_sent",
        to_state="replies_received",
        comment="The government submitted its replies.",
        **step,
    )
    human = OldTransition.objects.create(
        from_state="replies_received", to_state="visit_done", comment="Held in Osh", **step
    )
    OldRevision = apps.get_model("reversion", "Revision")
    comments = {
        text: OldRevision.objects.create(date_created=timezone.now(), comment=text).pk
        for text in (
            "Evaluation opened",
            "Встреча добавлена: 02.12 10:00 Министерство",
            "Questionnaire sent",
            "Someone's own words",
        )
    }
    OldEvent = apps.get_model("monitoring", "AuditEvent")
    download = OldEvent.objects.create(
        kind="view_confidential", occurred_at=timezone.now(), detail="download"
    ).pk
    invitation = OldEvent.objects.create(
        kind="permission_change", occurred_at=timezone.now(), detail="invitation sent"
    ).pk

    migrate_to(AFTER)

    replies, human = Transition.objects.get(pk=replies.pk), Transition.objects.get(pk=human.pk)
    assert (replies.comment, replies.message_code) == ("", "evaluation_rounds.replies_submitted")
    assert (human.comment, human.message_code) == ("Held in Osh", "")
    stored = {text: Revision.objects.get(pk=pk).comment for text, pk in comments.items()}
    assert system_text.decode(stored["Evaluation opened"]) == (
        "evaluation_rounds.evaluation_opened",
        {},
    )
    assert system_text.decode(stored["Встреча добавлена: 02.12 10:00 Министерство"]) == (
        "evaluation_rounds.meeting_added",
        {"meeting": "02.12 10:00 Министерство"},
    )
    assert system_text.decode(stored["Questionnaire sent"]) == (
        "evaluation_rounds.step",
        {"state": "questionnaire_sent"},
    )
    assert stored["Someone's own words"] == "Someone's own words"
    with translation.override("ru"):
        assert system_text.render(stored["Questionnaire sent"]) == "Вопросник направлен"
        assert replies.comment_text == "Правительство представило свои ответы."
    assert system_text.decode(AuditEvent.objects.get(pk=download).detail)[0] == (
        "evaluation_rounds.attachment_downloaded"
    )
    assert system_text.decode(AuditEvent.objects.get(pk=invitation).detail)[0] == (
        "monitoring.invitation_sent"
    )


MIGRATIONS = [
    "evaluation_rounds.migrations.0004_system_sentences_to_codes",
    "questionnaires.migrations.0004_system_sentences_to_codes",
    "recommendations.migrations.0007_system_sentences_to_codes",
    "indicators.migrations.0004_system_sentences_to_codes",
    "reports.migrations.0015_system_sentences_to_codes",
    "monitoring.migrations.0003_system_sentences_to_codes",
]


@pytest.mark.parametrize("module", MIGRATIONS)
def test_every_code_a_migration_writes_is_declared_and_reads_back(module):
    """A stored code nobody declares would show as raw JSON: each code the migrations write
    renders, and a sentence without parameters renders back as the English it replaced."""
    migration = importlib.import_module(module)
    for code, templates, *fixed in [*migration.REVISIONS, *migration.AUDIT]:
        pattern = system_text.sentence_pattern(templates[0])
        params = {name: 2 if name == "count" else "x" for name in pattern.groupindex}
        params.update(fixed[0] if fixed else {})
        with translation.override("en"):
            rendered = system_text.render_code(code, params)
        assert rendered is not None, code
        if not params and migration.REVISIONS and (code, templates) in migration.REVISIONS:
            assert rendered == templates[0]
