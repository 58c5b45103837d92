"""Yes or no, with an explanation."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..offline.cells import FIRST_ANSWER_COLUMN, TEXT_SPAN, norm, row_height, yes_no_labels
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

    def write_cells(self, writer, first, question, value):
        writer.label(first, 2, _("Yes or no"))
        choice = {"yes": _("Yes"), "no": _("No")}.get(value.get("choice", ""), "")
        cell = writer.answer_cell(first, FIRST_ANSWER_COLUMN, choice)
        writer.validate(
            cell, "yes_no", type="list", formula1=writer.lists.yes_no, error=_("Choose Yes or No.")
        )
        explanation = value.get("explanation", "")
        writer.label(first + 1, 2, _("Explanation"))
        writer.answer_cell(first + 1, FIRST_ANSWER_COLUMN, explanation, span=TEXT_SPAN)
        writer.sheet.row_dimensions[first + 1].height = row_height(explanation, 90, 45)
        return first + 3

    def read_cells(self, block, question):
        name = prefix(question)
        raw = block.take(f"{name}-choice", block.first, FIRST_ANSWER_COLUMN)
        block.data[f"{name}-choice"] = yes_no_labels().get(norm(raw), raw)
        block.take(f"{name}-explanation", block.first + 1, FIRST_ANSWER_COLUMN)
        return block
