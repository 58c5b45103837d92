"""A number, optionally whole and bounded (`integer`, `min`, `max`), with a unit."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from monitoring.i18n import active_language

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
