"""Files: uploaded one by one (monitoring.uploads); the value only counts and names them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..offline.cells import BOX, FIRST_ANSWER_COLUMN, READ_ONLY_FILL, TEXT_SPAN, WRAP, put
from .base import AnswerType, Parsed


class FileType(AnswerType):
    key = "file"
    form_saved = False
    takes_files = True

    def parse(self, question, data) -> Parsed:
        return Parsed({})

    def is_answered(self, value):
        return bool(value.get("files"))

    def as_text(self, question, value):
        names = value.get("names") or []
        return "; ".join(names)

    def hint(self, question) -> str:
        return self.required_hint(
            question, _("Files are uploaded in the portal, not in this workbook.")
        )

    def write_cells(self, writer, first, question, value):
        """Files travel through the portal only; the workbook lists their names, read only."""
        writer.label(first, 2, _("Files"))
        names = "; ".join(value.get("names") or []) or _("No file uploaded yet.")
        put(
            writer.sheet.cell(first, FIRST_ANSWER_COLUMN),
            names,
            fill=READ_ONLY_FILL,
            alignment=WRAP,
            border=BOX,
        )
        writer.sheet.merge_cells(
            start_row=first,
            start_column=FIRST_ANSWER_COLUMN,
            end_row=first,
            end_column=FIRST_ANSWER_COLUMN + TEXT_SPAN - 1,
        )
        return first + 2

    # read_cells: None (the base's): files are not read back from the workbook
