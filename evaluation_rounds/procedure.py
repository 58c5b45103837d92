"""The monitoring procedure as data: states, legal moves, and the deadlines each step starts.

Everything that decides "what may happen next" lives here, so the services, the admin screens,
the dashboard and the tests all read the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    QUESTIONNAIRE_SENT = "questionnaire_sent", _("Questionnaire sent")
    REPLIES_RECEIVED = "replies_received", _("Replies received")
    VISIT_DONE = "visit_done", _("Country visit done")
    DRAFT_IN_PREPARATION = "draft_in_preparation", _("Draft in preparation")
    DRAFT_APPROVED = "draft_approved", _("Draft approved at plenary")
    DRAFT_WITH_GOVERNMENT = "draft_with_government", _("Draft with the government for comments")
    FINAL_ADOPTED = "final_adopted", _("Final report adopted")
    FINAL_COMMENTS = "final_comments", _("Final comments period")
    PUBLISHED = "published", _("Published")
    FOLLOW_UP_REQUESTED = "follow_up_requested", _("Follow-up requested")
    FOLLOW_UP_ASSESSED = "follow_up_assessed", _("Follow-up assessed")
    CLOSED = "closed", _("Closed")


ORDER = {state: index for index, state in enumerate(State.values)}

# The usual next step comes first; later entries are the recorded shortcuts (an urgent procedure,
# a government that never replied, a visit that could not take place).
NEXT_STATES: dict[str, list[str]] = {
    State.PREPARING: [State.QUESTIONNAIRE_SENT, State.DRAFT_IN_PREPARATION],
    State.QUESTIONNAIRE_SENT: [State.REPLIES_RECEIVED, State.DRAFT_IN_PREPARATION],
    State.REPLIES_RECEIVED: [State.VISIT_DONE, State.DRAFT_IN_PREPARATION],
    State.VISIT_DONE: [State.DRAFT_IN_PREPARATION],
    State.DRAFT_IN_PREPARATION: [State.DRAFT_APPROVED],
    State.DRAFT_APPROVED: [State.DRAFT_WITH_GOVERNMENT],
    State.DRAFT_WITH_GOVERNMENT: [State.FINAL_ADOPTED],
    State.FINAL_ADOPTED: [State.FINAL_COMMENTS],
    State.FINAL_COMMENTS: [State.PUBLISHED],
    State.PUBLISHED: [State.FOLLOW_UP_REQUESTED, State.CLOSED],
    State.FOLLOW_UP_REQUESTED: [State.FOLLOW_UP_ASSESSED],
    State.FOLLOW_UP_ASSESSED: [State.CLOSED],
    State.CLOSED: [],
}

# Decisions the expert group takes in plenary session.
PLENARY_DECISIONS = {State.DRAFT_APPROVED, State.FINAL_ADOPTED}


class DeadlineKind(models.TextChoices):
    QUESTIONNAIRE_REPLY = "questionnaire_reply", _("Reply to the questionnaire")
    GOVERNMENT_COMMENTS = "government_comments", _("Government comments on the draft")
    FINAL_COMMENTS = "final_comments", _("Government final comments")
    FOLLOW_UP_REPORT = "follow_up_report", _("Follow-up report")


@dataclass(frozen=True)
class DeadlineRule:
    kind: str
    opens_on: str  # entering this state starts the clock
    closes_on: str  # reaching this state (or any later one) stops it
    period_field: str  # the round's setting, in months


DEADLINE_RULES = [
    DeadlineRule(
        DeadlineKind.QUESTIONNAIRE_REPLY,
        State.QUESTIONNAIRE_SENT,
        State.REPLIES_RECEIVED,
        "reply_period_months",
    ),
    DeadlineRule(
        DeadlineKind.GOVERNMENT_COMMENTS,
        State.DRAFT_APPROVED,
        State.FINAL_ADOPTED,
        "comment_period_months",
    ),
    DeadlineRule(
        DeadlineKind.FINAL_COMMENTS,
        State.FINAL_ADOPTED,
        State.PUBLISHED,
        "final_comments_period_months",
    ),
    DeadlineRule(
        DeadlineKind.FOLLOW_UP_REPORT,
        State.FOLLOW_UP_REQUESTED,
        State.FOLLOW_UP_ASSESSED,
        "follow_up_period_months",
    ),
]


def add_months(start: date, months: int) -> date:
    """Calendar months, clamped to the month's end: 31 January + 1 month = 28/29 February."""
    return start + relativedelta(months=months)


def rules_opening(state: str) -> list[DeadlineRule]:
    return [rule for rule in DEADLINE_RULES if rule.opens_on == state]


def closes(rule_kind: str, state: str) -> bool:
    rule = next(rule for rule in DEADLINE_RULES if rule.kind == rule_kind)
    return ORDER[state] >= ORDER[rule.closes_on]


def is_legal(current: str, target: str) -> bool:
    return target in NEXT_STATES.get(current, [])


def next_step(current: str) -> str | None:
    options = NEXT_STATES.get(current, [])
    return options[0] if options else None
