"""Files: uploaded one by one (questionnaires.uploads); the value only counts and names them."""

from __future__ import annotations

from django.utils.translation import gettext as _

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
