"""The words of a hit that matched, marked: the shown text's words stemmed as the index stems
them, and every word whose stem the query asks for wrapped in <mark>, the rest escaped.

The issue suggested PostgreSQL's `SearchHeadline` and FTS5's `highlight()`; they would mark
what each engine's own tokeniser found, and differently on the two databases. Marking in Python
with the stems the index was built from marks the same words on both, also in texts that are
not in the index (the published snapshot of a report under correction, Wagtail pages).
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import Query
from .stems import stem, words

EXCERPT_LENGTH = 240


def _cut(text: str, start_at: int | None, length: int) -> str:
    start = max(0, start_at - length // 3) if start_at else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _marked(text: str, wanted: frozenset[str]):
    return [match for match in words(text) if stem(match.group()) in wanted]


def highlight(text: str, query: Query, length: int | None = EXCERPT_LENGTH) -> SafeString:
    """Plain `text` escaped, cut to about `length` characters around the first word found,
    with every word of a form the query asks for in <mark>."""
    wanted = query.highlighted_stems
    if length and len(text) > length:
        found = _marked(text, wanted)
        text = _cut(text, found[0].start() if found else None, length)
    parts, last = [], 0
    for match in _marked(text, wanted):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
