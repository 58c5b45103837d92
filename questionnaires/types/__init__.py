"""Every question type and what it owns: its settings, how its answer is parsed from submitted
fields (raw → stored value), judged answered and shown as text, the portal's widget, the
reading room's display and the offline workbook's cells.

One module per type (or family of types); `TYPES` is the registry keyed by the question-type
value (`QuestionType`). Callers ask the registry (`answer_type(question)`, or the shortcuts
below) instead of branching on the type. The same parser serves the portal's form, the
autosave and the workbook import.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .base import AnswerType, Parsed, field_text, label, prefix
from .choice import MultipleChoiceType, SingleChoiceType
from .dates import DateType
from .files import FileType
from .number import NumberType
from .repeating import RepeatingType
from .table import TableType, register_config_check
from .text import TextType
from .values import MAX_LONG_TEXT, MAX_SHORT_TEXT
from .yes_no import YesNoType

TABLE = TableType()

TYPES: dict[str, AnswerType] = {
    kind.key: kind
    for kind in (
        TextType("short_text", MAX_SHORT_TEXT),
        TextType("long_text", MAX_LONG_TEXT),
        YesNoType(),
        SingleChoiceType(),
        MultipleChoiceType(),
        NumberType(),
        DateType(),
        FileType(),
        TABLE,
        RepeatingType(),
    )
}


def answer_type(question) -> AnswerType:
    return TYPES[question.question_type]


def config_errors(question_type: str, config: dict) -> list[str]:
    kind = TYPES.get(question_type)
    return kind.config_errors(config) if kind else [_("Unknown question type.")]


def parse(question, data) -> Parsed:
    return answer_type(question).parse(question, data)


def is_answered(question, value: dict) -> bool:
    return answer_type(question).is_answered(value or {})


def as_text(question, value: dict) -> str:
    return answer_type(question).as_text(question, value or {})


def is_statistics(question) -> bool:
    """A grid of counts (statistics table): aggregated, exported in tidy form."""
    return answer_type(question).statistics


def statistics_types() -> list[str]:
    return [key for key, kind in TYPES.items() if kind.statistics]


__all__ = [
    "TABLE",
    "TYPES",
    "AnswerType",
    "Parsed",
    "answer_type",
    "as_text",
    "config_errors",
    "field_text",
    "is_answered",
    "is_statistics",
    "label",
    "parse",
    "prefix",
    "register_config_check",
    "statistics_types",
]
