"""Yes or no, with an explanation."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .base import AnswerType, Parsed, field_text, prefix
from .values import MAX_LONG_TEXT


class YesNoType(AnswerType):
    key = "yes_no"

    def parse(self, question, data) -> Parsed:
        name = prefix(question)
        choice = field_text(data, f"{name}-choice")
        explanation = field_text(data, f"{name}-explanation")
        if choice not in ("", "yes", "no"):
            return Parsed({}, {f"{name}-choice": _("Choose yes or no.")})
        return Parsed({"choice": choice, "explanation": explanation[:MAX_LONG_TEXT]})

    def is_answered(self, value):
        return value.get("choice") in ("yes", "no")

    def as_text(self, question, value):
        answer = {"yes": _("Yes"), "no": _("No")}.get(value.get("choice", ""), "")
        explanation = value.get("explanation", "")
        return f"{answer}. {explanation}".strip(". ") if explanation else answer

    def hint(self, question) -> str:
        return self.required_hint(question, _("Choose Yes or No from the list, then explain."))
