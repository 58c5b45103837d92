"""What the apps above add to the procedure, through Wagtail hooks (the import order forbids
evaluation_rounds to know them): a step's extra preconditions and what it records with it, the
plenary agenda's further items and the evaluation timeline's further entries.

- `register_transition_check`: fn(evaluation, to_state, *, occurred_on, plenary, whole_report)
  raises ValidationError to refuse the step (nothing is written).
- `register_transition_recorded`: fn(step, *, actor, whole_report), inside the step's
  transaction, right after the step is written (a failure rolls the step back).
- `register_plenary_agenda_entries`: fn(user, plenary) -> list[AgendaEntry].
- `register_evaluation_timeline_entries`: fn(evaluation) -> list[TimelineEntry].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wagtail import hooks

TRANSITION_CHECK = "register_transition_check"
TRANSITION_RECORDED = "register_transition_recorded"
PLENARY_AGENDA_ENTRIES = "register_plenary_agenda_entries"
EVALUATION_TIMELINE_ENTRIES = "register_evaluation_timeline_entries"


@dataclass(frozen=True)
class AgendaEntry:
    """One line of a plenary's agenda beyond the evaluations' decisions (a report's chapter)."""

    evaluation: object
    title: str
    decision: str
    status: str
    url: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of an evaluation shown among its steps (a chapter's adoption)."""

    occurred_on: date
    title: str
    detail: str = ""


def check_transition(evaluation, to_state: str, **step) -> None:
    for check in hooks.get_hooks(TRANSITION_CHECK):
        check(evaluation, to_state, **step)


def transition_recorded(step, **context) -> None:
    for action in hooks.get_hooks(TRANSITION_RECORDED):
        action(step, **context)


def agenda_entries(user, plenary) -> list[AgendaEntry]:
    return [entry for fn in hooks.get_hooks(PLENARY_AGENDA_ENTRIES) for entry in fn(user, plenary)]


def timeline_entries(evaluation) -> list[TimelineEntry]:
    providers = hooks.get_hooks(EVALUATION_TIMELINE_ENTRIES)
    return [entry for fn in providers for entry in fn(evaluation)]
