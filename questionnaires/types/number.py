"""A number, optionally whole and bounded (`integer`, `min`, `max`), with a unit."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from monitoring.i18n import active_language

from ..offline.cells import FIRST_ANSWER_COLUMN, WRAP, put
from .base import AnswerType, Parsed, field_text, prefix
from .values import parse_decimal


def unit(question) -> str:
    config = question.config
    return config.get(f"unit_{active_language()}") or config.get("unit_en", "")


class NumberType(AnswerType):
    key = "number"

    def parse(self, question, data) -> Parsed:
        raw = field_text(data, prefix(question))
        number, error = parse_decimal(raw)
        if error:
            return Parsed({}, {"": error})
        config = question.config
        if number is not None:
            if config.get("integer") and number != number.to_integral_value():
                return Parsed({}, {"": _("Enter a whole number, without decimals.")})
            if "min" in config and number < Decimal(str(config["min"])):
                return Parsed({}, {"": _("The number must be at least %(min)s.") % config})
            if "max" in config and number > Decimal(str(config["max"])):
                return Parsed({}, {"": _("The number must be at most %(max)s.") % config})
        return Parsed({"number": None if number is None else str(number)})

    def is_answered(self, value):
        return value.get("number") not in (None, "")

    def as_text(self, question, value):
        number = value.get("number")
        return f"{number} {unit(question)}".strip() if number not in (None, "") else ""

    def hint(self, question) -> str:
        config = question.config
        hint = _("A whole number.") if config.get("integer") else _("A number.")
        if "min" in config:
            hint += " " + _("At least %(min)s.") % config
        if "max" in config:
            hint += " " + _("At most %(max)s.") % config
        return self.required_hint(question, hint)

    def write_cells(self, writer, first, question, value):
        config = question.config
        writer.label(first, 2, _("Number"))
        number = value.get("number")
        stored = Decimal(number) if number not in (None, "") else None
        if stored is not None and stored == stored.to_integral_value():
            stored = int(stored)
        cell = writer.answer_cell(first, FIRST_ANSWER_COLUMN, stored)
        put(writer.sheet.cell(first, FIRST_ANSWER_COLUMN + 1), unit(question), alignment=WRAP)
        options = {"type": "whole" if config.get("integer") else "decimal"}
        if "min" in config and "max" in config:
            options |= {
                "operator": "between",
                "formula1": str(config["min"]),
                "formula2": str(config["max"]),
            }
        elif "min" in config:
            options |= {"operator": "greaterThanOrEqual", "formula1": str(config["min"])}
        elif "max" in config:
            options |= {"operator": "lessThanOrEqual", "formula1": str(config["max"])}
        else:
            options |= {"operator": "between", "formula1": "-1E+15", "formula2": "1E+15"}
        writer.validate(cell, f"number-{question.pk}", error=_("Enter a number."), **options)
        return first + 2

    def read_cells(self, block, question):
        block.take(prefix(question), block.first, FIRST_ANSWER_COLUMN)
        return block
