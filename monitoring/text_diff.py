"""The one word-level diff: answers' history (questionnaires) and report versions (reports)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class DiffPart:
    kind: str  # "same", "added" or "removed"
    text: str


def _words(text: str, *, html: bool) -> list[str]:
    if html:  # rich text is compared by its words, never its tags
        text = unescape(strip_tags(text.replace("<", " <")))
    return _WORD.findall(text)


def word_diff(old: str, new: str, *, html: bool = False) -> list[DiffPart]:
    """What changed from `old` to `new`, word by word; `html=True` reduces both to words."""
    before, after = _words(old, html=html), _words(new, html=html)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("same", " ".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(DiffPart("removed", " ".join(before[a1:a2])))
        if b2 > b1:
            parts.append(DiffPart("added", " ".join(after[b1:b2])))
    return parts


def as_markup(parts: list[DiffPart]) -> SafeString:
    """The parts as HTML: removed words in <del>, added in <ins>, every word escaped."""
    tags = {"removed": "del", "added": "ins"}
    pieces = [
        f"<{tags[part.kind]}>{escape(part.text)}</{tags[part.kind]}>"
        if part.kind in tags
        else str(escape(part.text))
        for part in parts
    ]
    return mark_safe(" ".join(pieces))  # noqa: S308 - every piece is escaped above
