"""Reminders and notifications: each reminder goes out once, in the recipient's language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from evaluation_rounds import services
from evaluation_rounds.models import ReminderLog
from evaluation_rounds.procedure import State
from evaluation_rounds.reminders import reminders_send, threshold_for


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [
        (45, None),
        (31, None),
        (30, "30"),
        (8, "30"),
        (7, "7"),
        (2, "7"),
        (1, "1"),
        (0, "1"),
        (-1, "overdue"),
        (-40, "overdue"),
    ],
)
def test_threshold_for(days_left, threshold):
    assert threshold_for(days_left) == threshold


def test_running_the_command_twice_sends_each_reminder_once(demo_data, capsys):
    mail.outbox.clear()
    call_command("send_reminders")
    first = len(mail.outbox)
    # Uzbekistan's reply is overdue, Kyrgyzstan's comments are due within 30 days: contact
    # persons (only Kyrgyzstan has one in the demo) and both countries' rapporteurs.
    assert first == 5
    call_command("send_reminders")
    assert len(mail.outbox) == first
    assert ReminderLog.objects.count() == first
    assert "0 reminder(s) sent." in capsys.readouterr().out


def test_each_threshold_is_a_new_reminder(demo_data, evaluation_of):
    kyrgyzstan = evaluation_of("KG")
    deadline = kyrgyzstan.deadlines.get(kind="government_comments")
    today = deadline.due_on - timedelta(days=20)
    mail.outbox.clear()

    def sent_on(day) -> int:
        before = ReminderLog.objects.filter(deadline=deadline).count()
        reminders_send(today=day)
        return ReminderLog.objects.filter(deadline=deadline).count() - before

    assert sent_on(today) == 3  # the contact person and the two rapporteurs
    assert sent_on(today + timedelta(days=5)) == 0  # still the 30-day window
    assert sent_on(deadline.due_on - timedelta(days=6)) == 3  # 7 days before
    assert sent_on(deadline.due_on) == 3  # the last day
    assert sent_on(deadline.due_on + timedelta(days=1)) == 3  # overdue
    assert sent_on(deadline.due_on + timedelta(days=9)) == 0
    subjects = [message.subject for message in mail.outbox]
    assert any("Overdue" in subject for subject in subjects)


def test_reminders_stop_when_the_step_is_done(demo_data, evaluation_of, user_named):
    uzbekistan = evaluation_of("UZ")
    services.evaluation_transition(
        evaluation=uzbekistan, to_state=State.REPLIES_RECEIVED, actor=user_named("secretariat")
    )
    mail.outbox.clear()
    reminders_send(today=timezone.localdate())
    assert not [m for m in mail.outbox if "Uzbekistan" in m.subject]


def test_reminder_is_in_the_recipients_language(demo_data, user_named):
    profile = UserProfile.get_for_user(user_named("kg-contact"))
    profile.preferred_language = "ru"
    profile.save()
    mail.outbox.clear()
    reminders_send(today=timezone.localdate())
    to_contact = [m for m in mail.outbox if m.to == [user_named("kg-contact").email]]
    assert len(to_contact) == 1
    assert "Кыргызстан" in to_contact[0].subject
    assert to_contact[0].body.startswith("Здравствуйте, Gulnara Sultanbekova!")


def test_sending_the_draft_notifies_the_contact_person(demo_data, evaluation_of, user_named):
    tajikistan = evaluation_of("TJ")
    secretariat = user_named("secretariat")
    mail.outbox.clear()
    services.evaluation_transition(
        evaluation=tajikistan, to_state=State.DRAFT_IN_PREPARATION, actor=secretariat
    )
    assert mail.outbox == []  # drafting tells nobody outside the expert group


def test_replies_received_notifies_the_rapporteurs(
    demo_data, evaluation_of, user_named, django_capture_on_commit_callbacks
):
    uzbekistan = evaluation_of("UZ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_transition(
            evaluation=uzbekistan,
            to_state=State.REPLIES_RECEIVED,
            actor=user_named("secretariat"),
        )
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([user_named("expert-kz").email, user_named("expert-tm-2").email])
    assert "Replies received: Uzbekistan" in mail.outbox[0].subject


def test_draft_with_government_notifies_the_contact_person(
    demo_data, user_named, django_capture_on_commit_callbacks, fresh_evaluation, plenary_today
):
    secretariat = user_named("secretariat")
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        waiver_reason="urgent",
    )
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenary_today,
        waiver_reason="urgent",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluation_transition(
            evaluation=fresh_evaluation, to_state=State.DRAFT_WITH_GOVERNMENT, actor=secretariat
        )
    assert [m.to for m in mail.outbox] == [[user_named("kg-contact").email]]
    assert "Comments are due by" in mail.outbox[0].body
