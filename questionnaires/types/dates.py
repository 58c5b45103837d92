"""A date between 1900 and 2100."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from monitoring import display

from ..offline.cells import FIRST_ANSWER_COLUMN
from .base import AnswerType, Parsed, field_text, prefix
from .values import parse_date


class DateType(AnswerType):
    key = "date"

    def parse(self, question, data) -> Parsed:
        day, error = parse_date(field_text(data, prefix(question)))
        if error:
            return Parsed({}, {"": error})
        if day and not 1900 <= day.year <= 2100:
            return Parsed({}, {"": _("Enter a date between 1900 and 2100.")})
        return Parsed({"date": day.isoformat() if day else ""})

    def is_answered(self, value):
        return bool(value.get("date"))

    def as_text(self, question, value):
        raw = value.get("date", "")
        return display.day(date.fromisoformat(raw)) if raw else ""

    def hint(self, question) -> str:
        return self.required_hint(question, _("A date, as DD.MM.YYYY."))

    def write_cells(self, writer, first, question, value):
        writer.label(first, 2, _("Date"))
        raw = value.get("date", "")
        cell = writer.answer_cell(
            first,
            FIRST_ANSWER_COLUMN,
            date.fromisoformat(raw) if raw else None,
            number_format="DD.MM.YYYY",
        )
        writer.validate(
            cell,
            "date",
            type="date",
            operator="between",
            formula1="DATE(1900,1,1)",
            formula2="DATE(2100,12,31)",
            error=_("Enter a date between 1900 and 2100, as DD.MM.YYYY."),
        )
        return first + 2

    def read_cells(self, block, question):
        block.take(prefix(question), block.first, FIRST_ANSWER_COLUMN)
        return block
