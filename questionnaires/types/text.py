"""Short and long text answers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font, Protection

from ..offline.cells import (
    EXCEL_CELL_LIMIT,
    FIRST_ANSWER_COLUMN,
    READ_ONLY_FILL,
    TEXT_SPAN,
    WRAP,
    put,
    row_height,
)
from .base import AnswerType, Parsed, field_text, prefix
from .values import MAX_SHORT_TEXT


class TextType(AnswerType):
    def __init__(self, key: str, max_length: int):
        self.key = key
        self.max_length = max_length

    def parse(self, question, data) -> Parsed:
        text = field_text(data, prefix(question))
        if len(text) > self.max_length:
            return Parsed(
                {"text": text},
                {"": _("Keep the answer under %(max)s characters.") % {"max": self.max_length}},
            )
        return Parsed({"text": text})

    def is_answered(self, value):
        return bool(value.get("text"))

    def as_text(self, question, value):
        return value.get("text", "")

    def hint(self, question) -> str:
        if self.max_length <= MAX_SHORT_TEXT:
            hint = _("Short text, up to %(max)s characters.") % {"max": MAX_SHORT_TEXT}
        else:
            hint = _("Text. Start a new line in a cell with Alt+Enter.")
        return self.required_hint(question, hint)

    def write_cells(self, writer, first, question, value):
        sheet = writer.sheet
        text = value.get("text", "")
        writer.label(first, 2, _("Answer"))
        if len(text) > EXCEL_CELL_LIMIT:  # too long for a spreadsheet cell: shown, not read back
            writer.skipped.add(question.pk)
            put(
                sheet.cell(first - 1, 2),
                _("This answer is too long for a spreadsheet cell; change it in the portal."),
                font=Font(italic=True, color="9B1C1C"),
                alignment=WRAP,
            )
            cell = writer.answer_cell(
                first, FIRST_ANSWER_COLUMN, text[:EXCEL_CELL_LIMIT], span=TEXT_SPAN
            )
            cell.protection = Protection(locked=True)
            cell.fill = READ_ONLY_FILL
            return first + 2
        writer.answer_cell(first, FIRST_ANSWER_COLUMN, text, span=TEXT_SPAN)
        minimum = 15 if self.max_length <= MAX_SHORT_TEXT else 45
        sheet.row_dimensions[first].height = row_height(text, 90, minimum)
        return first + 2

    def read_cells(self, block, question):
        block.take(prefix(question), block.first, FIRST_ANSWER_COLUMN)
        return block
