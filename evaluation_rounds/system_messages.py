"""The procedure's system sentences (revision comments, a step's own comment), stored as codes
and rendered for the reader (`monitoring.system_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from monitoring.system_text import bilingual, message

from .procedure import State


def _state(value: str) -> str:
    try:
        return str(State(value).label)
    except ValueError:  # a label parsed back from an old sentence
        return value


EVALUATION_OPENED = message("evaluation_rounds.evaluation_opened", _("Evaluation opened"))
EVALUATION_CHANGED = message("evaluation_rounds.evaluation_changed", _("Evaluation changed"))
ROUND_CREATED = message("evaluation_rounds.round_created", _("Round created"))
ROUND_CHANGED = message("evaluation_rounds.round_changed", _("Round changed"))
PLENARY_PLANNED = message("evaluation_rounds.plenary_planned", _("Plenary planned"))
PLENARY_CHANGED = message("evaluation_rounds.plenary_changed", _("Plenary changed"))
REPLIES_SUBMITTED = message(
    "evaluation_rounds.replies_submitted", _("The government submitted its replies.")
)
STEP = message("evaluation_rounds.step", "%(state)s", state=_state)
RAPPORTEURS_ASSIGNED = message("evaluation_rounds.rapporteurs_assigned", _("Rapporteurs assigned"))
VISIT_PLANNED = message("evaluation_rounds.visit_planned", _("Visit planned"))
VISIT_CHANGED = message("evaluation_rounds.visit_changed", _("Visit changed"))
MEETING_ADDED = message("evaluation_rounds.meeting_added", _("Meeting added: %(meeting)s"))
MEETING_REMOVED = message("evaluation_rounds.meeting_removed", _("Meeting removed: %(meeting)s"))
NOTES_SAVED = message("evaluation_rounds.notes_saved", _("Confidential notes saved"))
ATTACHMENT_DOWNLOADED = message("evaluation_rounds.attachment_downloaded", _("File downloaded"))


def meeting_name(meeting) -> dict[str, str]:
    """A meeting as its history names it, in both languages: when, and whom."""
    when = f"{meeting.starts_at:%d.%m %H:%M}"
    if meeting.organisation_id:
        organisation = meeting.organisation
        return bilingual(f"{when} {organisation.name_en}", f"{when} {organisation.name_ru}")
    return bilingual(f"{when} {meeting.counterpart}", f"{when} {meeting.counterpart}")
