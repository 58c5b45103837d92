from .evaluations import (
    CountryEvaluation,
    Deadline,
    DeadlineExtension,
    EvaluationRound,
    Plenary,
    Rapporteur,
    ReminderLog,
    Transition,
)
from .visits import CountryVisit, MeetingNote, VisitAttachment, VisitMeeting

__all__ = [
    "CountryEvaluation",
    "CountryVisit",
    "Deadline",
    "DeadlineExtension",
    "EvaluationRound",
    "MeetingNote",
    "Plenary",
    "Rapporteur",
    "ReminderLog",
    "Transition",
    "VisitAttachment",
    "VisitMeeting",
]
