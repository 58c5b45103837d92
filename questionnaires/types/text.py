"""Short and long text answers."""

from __future__ import annotations

from django.utils.translation import gettext as _

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
