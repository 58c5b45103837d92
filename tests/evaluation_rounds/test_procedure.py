"""The procedure's services: every legal step, the refused ones, and the deadline arithmetic."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation_rounds import services
from evaluation_rounds.models import CountryEvaluation, Deadline, Transition
from evaluation_rounds.procedure import NEXT_STATES, State, add_months
from evaluation_rounds.visit_services import visit_create
from monitoring.models import Country
from tests.procedure_steps import ADOPTED_EARLY

from .conftest import days_ago


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # the example
        (date(2025, 12, 31), 2, date(2026, 2, 28)),  # clamped to February's end
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 15), 24, date(2028, 3, 15)),
        (date(2026, 8, 31), 4, date(2026, 12, 31)),
    ],
)
def test_deadline_arithmetic(start, months, due):
    assert add_months(start, months) == due


def walk_to_the_end(evaluation, secretariat, plenary):
    """Every usual step in order, each dated one day after the previous."""
    visit_create(
        evaluation=evaluation,
        start_date=days_ago(60),
        end_date=days_ago(58),
        delegation=[secretariat],
        actor=secretariat,
    )
    path = []
    state = evaluation.state
    day = 50
    while NEXT_STATES[state]:
        target = NEXT_STATES[state][0]
        needs_plenary = target in (State.DRAFT_APPROVED, State.FINAL_ADOPTED)
        if needs_plenary:
            day = 0  # the plenary is today; every later step is dated today as well
        services.evaluation_transition(
            evaluation=evaluation,
            to_state=target,
            actor=secretariat,
            occurred_on=days_ago(day),
            plenary=plenary if needs_plenary else None,
            waiver_reason=ADOPTED_EARLY if target == State.FINAL_ADOPTED else "",
        )
        path.append(target)
        state = target
        day = max(day - 1, 0)
    return path


def test_every_legal_step_from_preparing_to_closed(fresh_evaluation, secretariat, plenary_today):
    path = walk_to_the_end(fresh_evaluation, secretariat, plenary_today)
    fresh_evaluation.refresh_from_db()
    assert fresh_evaluation.state == State.CLOSED
    assert path[0] == State.QUESTIONNAIRE_SENT and path[-1] == State.CLOSED
    steps = list(fresh_evaluation.transitions.values_list("from_state", "to_state"))
    assert len(steps) == len(path) == 13 - 1
    assert all(
        step_actor == secretariat.pk
        for step_actor in fresh_evaluation.transitions.values_list("actor", flat=True)
    )
    # Every deadline opened on the way was closed by a later step.
    assert set(fresh_evaluation.deadlines.values_list("kind", flat=True)) == {
        "questionnaire_reply",
        "government_comments",
        "final_comments",
        "follow_up_report",
    }
    assert not fresh_evaluation.deadlines.filter(closed_on__isnull=True).exists()


def test_sending_the_questionnaire_starts_the_reply_deadline(fresh_evaluation, secretariat):
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.QUESTIONNAIRE_SENT,
        actor=secretariat,
        occurred_on=days_ago(10),
    )
    deadline = Deadline.objects.get(evaluation=fresh_evaluation, kind="questionnaire_reply")
    assert deadline.starts_on == days_ago(10)
    assert deadline.due_on == add_months(days_ago(10), fresh_evaluation.round.reply_period_months)
    assert deadline.closed_on is None


def test_draft_approval_starts_the_comment_period_from_the_round_settings(
    fresh_evaluation, secretariat, plenary_today
):
    fresh_evaluation.round.comment_period_months = 3
    fresh_evaluation.round.save()
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        occurred_on=days_ago(5),
        waiver_reason="Government never replied; urgent situation.",
    )
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenary_today,
        waiver_reason="No visit possible this year.",
    )
    deadline = Deadline.objects.get(evaluation=fresh_evaluation, kind="government_comments")
    assert deadline.due_on == add_months(plenary_today.end_date, 3)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (State.PREPARING, State.PUBLISHED),
        (State.PREPARING, State.DRAFT_APPROVED),
        (State.PREPARING, State.VISIT_DONE),
        (State.PREPARING, State.PREPARING),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    fresh_evaluation, secretariat, current, target
):
    with pytest.raises(ValidationError, match="cannot go from"):
        services.evaluation_transition(
            evaluation=fresh_evaluation, to_state=target, actor=secretariat
        )
    fresh_evaluation.refresh_from_db()
    assert fresh_evaluation.state == current
    assert not Transition.objects.filter(evaluation=fresh_evaluation).exists()


def test_illegal_transition_from_a_published_evaluation(evaluation_of, secretariat):
    kazakhstan = evaluation_of("KZ")
    with pytest.raises(ValidationError, match="cannot go from"):
        services.evaluation_transition(
            evaluation=kazakhstan, to_state=State.DRAFT_APPROVED, actor=secretariat
        )


def test_draft_cannot_be_approved_without_replies_and_visit_unless_recorded(
    fresh_evaluation, secretariat, plenary_today
):
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.QUESTIONNAIRE_SENT,
        actor=secretariat,
        occurred_on=days_ago(30),
    )
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        occurred_on=days_ago(20),
    )
    with pytest.raises(ValidationError, match="no replies to the questionnaire, no country visit"):
        services.evaluation_transition(
            evaluation=fresh_evaluation,
            to_state=State.DRAFT_APPROVED,
            actor=secretariat,
            plenary=plenary_today,
        )
    step = services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_APPROVED,
        actor=secretariat,
        plenary=plenary_today,
        waiver_reason="The government did not reply within 8 months.",
    )
    assert step.waiver_reason.startswith("The government did not reply")


def test_plenary_decisions_need_a_plenary(fresh_evaluation, secretariat):
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        waiver_reason="urgent",
    )
    with pytest.raises(ValidationError, match="taken at a plenary"):
        services.evaluation_transition(
            evaluation=fresh_evaluation,
            to_state=State.DRAFT_APPROVED,
            actor=secretariat,
            waiver_reason="urgent",
        )


def test_visit_done_needs_a_recorded_visit(fresh_evaluation, secretariat):
    for target in (State.QUESTIONNAIRE_SENT, State.REPLIES_RECEIVED):
        services.evaluation_transition(
            evaluation=fresh_evaluation, to_state=target, actor=secretariat
        )
    with pytest.raises(ValidationError, match="Record the country visit"):
        services.evaluation_transition(
            evaluation=fresh_evaluation, to_state=State.VISIT_DONE, actor=secretariat
        )


def test_questionnaire_needs_an_open_round(fresh_evaluation, secretariat):
    fresh_evaluation.round.status = "preparing"
    fresh_evaluation.round.save()
    with pytest.raises(ValidationError, match="round is not open"):
        services.evaluation_transition(
            evaluation=fresh_evaluation, to_state=State.QUESTIONNAIRE_SENT, actor=secretariat
        )


def test_a_step_cannot_be_dated_in_the_future_or_before_the_previous_one(
    fresh_evaluation, secretariat
):
    with pytest.raises(ValidationError, match="in the future"):
        services.evaluation_transition(
            evaluation=fresh_evaluation,
            to_state=State.QUESTIONNAIRE_SENT,
            actor=secretariat,
            occurred_on=days_ago(-3),
        )
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.QUESTIONNAIRE_SENT,
        actor=secretariat,
        occurred_on=days_ago(3),
    )
    with pytest.raises(ValidationError, match="before the previous step"):
        services.evaluation_transition(
            evaluation=fresh_evaluation,
            to_state=State.REPLIES_RECEIVED,
            actor=secretariat,
            occurred_on=days_ago(5),
        )


def test_double_submit_gets_a_clear_message(fresh_evaluation, secretariat):
    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.QUESTIONNAIRE_SENT,
        actor=secretariat,
        expected_state=State.PREPARING,
    )
    with pytest.raises(ValidationError, match="Someone else has just moved"):
        services.evaluation_transition(
            evaluation=fresh_evaluation,
            to_state=State.QUESTIONNAIRE_SENT,
            actor=secretariat,
            expected_state=State.PREPARING,
        )
    assert fresh_evaluation.transitions.count() == 1


@pytest.mark.parametrize("username", ["expert-kg", "kz-contact", "ngo-kg"])
def test_only_the_secretariat_moves_evaluations(fresh_evaluation, user_named, username):
    with pytest.raises(PermissionDenied):
        services.evaluation_transition(
            evaluation=fresh_evaluation,
            to_state=State.QUESTIONNAIRE_SENT,
            actor=user_named(username),
        )


def test_second_evaluation_of_the_same_country_in_a_round_is_refused(round_one, secretariat):
    with pytest.raises(ValidationError, match="already has an evaluation in this round"):
        services.evaluation_create(
            round=round_one, country=Country.objects.get(iso_code="KZ"), actor=secretariat
        )
    assert CountryEvaluation.objects.filter(round=round_one, country__iso_code="KZ").count() == 1


def test_urgent_procedure_may_run_beside_the_regular_one(round_one, secretariat):
    with pytest.raises(ValidationError, match="Say why"):
        services.evaluation_create(
            round=round_one,
            country=Country.objects.get(iso_code="KZ"),
            actor=secretariat,
            kind="urgent",
        )
    urgent = services.evaluation_create(
        round=round_one,
        country=Country.objects.get(iso_code="KZ"),
        actor=secretariat,
        kind="urgent",
        urgent_reason="Reports of forced labour in cotton harvest.",
    )
    step = services.evaluation_transition(
        evaluation=urgent, to_state=State.DRAFT_IN_PREPARATION, actor=secretariat
    )
    assert step.to_state == State.DRAFT_IN_PREPARATION


def test_deadline_extension_is_recorded_and_validated(evaluation_of, secretariat):
    kyrgyzstan = evaluation_of("KG")
    deadline = kyrgyzstan.deadlines.get(kind="government_comments")
    original = deadline.due_on
    with pytest.raises(ValidationError, match="into the past"):
        services.deadline_extend(
            deadline=deadline, new_due_on=days_ago(1), reason="late", actor=secretariat
        )
    with pytest.raises(ValidationError, match="reason"):
        services.deadline_extend(
            deadline=deadline, new_due_on=add_months(original, 1), reason=" ", actor=secretariat
        )
    deadline.refresh_from_db()
    assert deadline.due_on == original and not deadline.extensions.exists()
    extension = services.deadline_extend(
        deadline=deadline,
        new_due_on=add_months(original, 1),
        reason="Parliamentary elections delayed the inter-ministerial review.",
        actor=secretariat,
    )
    deadline.refresh_from_db()
    assert deadline.due_on == add_months(original, 1)
    assert deadline.original_due_on == original
    assert extension.previous_due_on == original and extension.granted_by == secretariat


def test_transitions_are_versioned_with_reversion(fresh_evaluation, secretariat):
    from reversion.models import Version

    services.evaluation_transition(
        evaluation=fresh_evaluation,
        to_state=State.QUESTIONNAIRE_SENT,
        actor=secretariat,
        comment="Sent by diplomatic note",
    )
    latest = Version.objects.get_for_object(fresh_evaluation).first()
    assert latest.revision.user == secretariat
    assert latest.revision.get_comment() == "Sent by diplomatic note"
    assert latest.field_dict["state"] == State.QUESTIONNAIRE_SENT
