"""The final report is adopted only once the government has had its say on the draft: it has
submitted its comments or their deadline has passed. Before that the secretariat may still
adopt, recording why, and the timeline shows the reason."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds import services
from evaluation_rounds.models import Deadline
from evaluation_rounds.procedure import DeadlineKind, State
from monitoring import display
from reports import services as reporting
from tests.rendered_forms import submit

from .conftest import days_ago

TRANSITION = "form[action='{}']"
REASON = "The government asked in writing for adoption at this plenary."


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


@pytest.fixture
def with_government(fresh_evaluation, secretariat, plenary_today):
    """The test's own evaluation (round 3, Kyrgyzstan), its draft approved today and with the
    government, which may comment on it for the round's comment period."""
    steps = [
        (State.DRAFT_IN_PREPARATION, {"waiver_reason": "Drafting from desk research."}),
        (State.DRAFT_APPROVED, {"plenary": plenary_today, "waiver_reason": "No visit yet."}),
        (State.DRAFT_WITH_GOVERNMENT, {}),
    ]
    for state, step in steps:
        services.evaluation_transition(
            evaluation=fresh_evaluation, to_state=state, actor=secretariat, notify=False, **step
        )
    return fresh_evaluation


def _comment_period(evaluation) -> Deadline:
    return Deadline.objects.get(evaluation=evaluation, kind=DeadlineKind.GOVERNMENT_COMMENTS)


def _adopt(client, evaluation, plenary, **fields):
    page = client.get(reverse("procedure:evaluation", args=[evaluation.pk]))
    action = TRANSITION.format(reverse("procedure:transition", args=[evaluation.pk]))
    data = {
        "to_state": State.FINAL_ADOPTED,
        "occurred_on": timezone.localdate().isoformat(),
        "plenary": str(plenary.pk),
        **fields,
    }
    return submit(client, page, action, data, follow=True)


def test_adoption_is_refused_while_the_government_may_still_comment(
    secretariat_client, with_government, plenary_today
):
    due = _comment_period(with_government).due_on
    assert due > timezone.localdate()
    answer = _adopt(secretariat_client, with_government, plenary_today)
    content = answer.content.decode()
    assert "The government may still comment on the draft until" in content
    assert display.day(due) in content
    with_government.refresh_from_db()
    assert with_government.state == State.DRAFT_WITH_GOVERNMENT


def test_the_secretariat_adopts_early_with_a_reason_the_timeline_shows(
    secretariat_client, with_government, plenary_today
):
    answer = _adopt(secretariat_client, with_government, plenary_today, waiver_reason=REASON)
    with_government.refresh_from_db()
    assert with_government.state == State.FINAL_ADOPTED
    step = with_government.transitions.get(to_state=State.FINAL_ADOPTED)
    assert step.waiver_reason == REASON
    timeline = secretariat_client.get(
        reverse("procedure:evaluation", args=[with_government.pk])
    ).content.decode()
    assert f"Precondition waived: {REASON}" in timeline
    assert answer.status_code == 200


def test_adoption_follows_the_governments_submitted_comments(
    secretariat_client, secretariat, user_named, with_government, plenary_today
):
    report = reporting.report_create(
        evaluation=with_government,
        title_en="Report on Kyrgyzstan, round 3",
        title_ru="Доклад по Кыргызстану, раунд 3",
        actor=secretariat,
    )
    reporting.comment_add(
        report=report, text="Paragraph 4 misstates the budget.", actor=user_named("kg-official")
    )
    assert reporting.comments_submit(report=report, actor=user_named("kg-contact")) == 1
    assert _comment_period(with_government).closed_on == timezone.localdate()

    _adopt(secretariat_client, with_government, plenary_today)
    with_government.refresh_from_db()
    assert with_government.state == State.FINAL_ADOPTED
    assert with_government.transitions.get(to_state=State.FINAL_ADOPTED).waiver_reason == ""


def test_adoption_follows_a_comment_deadline_that_has_passed(
    secretariat_client, with_government, plenary_today
):
    period = _comment_period(with_government)
    period.due_on = days_ago(1)  # the period ran out without comments
    period.save(update_fields=["due_on"])
    _adopt(secretariat_client, with_government, plenary_today)
    with_government.refresh_from_db()
    assert with_government.state == State.FINAL_ADOPTED
