"""Search words and their highlighting in plain text, for the public search."""

from __future__ import annotations

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+")
MAX_TERMS = 8
EXCERPT_LENGTH = 240


def parse_terms(query: str) -> list[str]:
    """The words of a query; punctuation alone gives none."""
    return WORD.findall(query)[:MAX_TERMS]


def highlight(text: str, terms: list[str], length: int | None = EXCERPT_LENGTH) -> SafeString:
    """`text` (plain) escaped, cut to about `length` characters around the first word found,
    with every occurrence of the words wrapped in <mark>."""
    if not terms:
        return escape(text[:length] if length else text)
    pattern = re.compile(
        "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )
    if length and len(text) > length:
        match = pattern.search(text)
        start = max(0, match.start() - length // 3) if match else 0
        if start:
            start = text.find(" ", start) + 1 or start
        end = min(len(text), start + length)
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


def plain(html_text: str) -> str:
    return " ".join(html.unescape(strip_tags(html_text)).split())
