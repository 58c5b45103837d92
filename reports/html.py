"""Sanitising the report's rich text.

Paragraphs go through nh3 (Ammonia) with one allow-list, applied when a paragraph is saved, when
text is imported and again on output (editor, public page, PDF): the few inline and block
elements a report paragraph needs (headings, lists, links to the web or an e-mail address, bold,
italics, footnotes, tables), and executable or styling elements dropped with their content.

A footnote is written inline where its marker belongs, as `<span class="footnote">…</span>`;
`split_footnotes` turns the notes into numbered markers and a list of note texts, for the
screens and the PDF alike. Footnotes number continuously through a report, as in GRETA reports.
"""

from __future__ import annotations

import re

import nh3
from bs4 import BeautifulSoup

FOOTNOTE_CLASS = "footnote"

ALLOWED_TAGS = frozenset(
    {
        *("h3", "h4", "p", "br", "ul", "ol", "li", "a"),
        *("b", "strong", "i", "em", "sub", "sup", "span"),
        *("table", "caption", "thead", "tbody", "tr", "th", "td"),
    }
)
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
_ATTRIBUTES = {
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
_SMALL_NUMBER = re.compile(r"[1-9][0-9]?")


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name in ("colspan", "rowspan"):
        return value if _SMALL_NUMBER.fullmatch(value) else None
    if name == "scope":
        return value if value in ("row", "col") else None
    if name == "href":
        # No angle brackets in an address: the output then holds `<` only where a tag starts,
        # which is what `_unwrap_plain_spans` relies on.
        return None if "<" in value or ">" in value else value
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
    allowed_classes={"span": {FOOTNOTE_CLASS}},
    attribute_filter=_attribute_filter,
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
)

_FOOTNOTE_TAG = '<span class="footnote">'
_SPAN_TAG = re.compile(r'<span class="footnote">|<span(?: class="")?>|</span>')


def _unwrap_plain_spans(html: str) -> str:
    """A span is kept only as a footnote: drop the tags of every other span, keep its text.
    nh3's output escapes `<` in text, so each match is a tag."""
    kept: list[bool] = []
    parts: list[str] = []
    position = 0
    for match in _SPAN_TAG.finditer(html):
        parts.append(html[position : match.start()])
        position = match.end()
        tag = match.group()
        if tag == "</span>":
            if kept and kept.pop():
                parts.append(tag)
        else:
            footnote = tag == _FOOTNOTE_TAG
            kept.append(footnote)
            if footnote:
                parts.append(tag)
    parts.append(html[position:])
    return "".join(parts)


def sanitise(html: str) -> str:
    """Keep only the allowed elements and attributes; everything else is unwrapped or dropped."""
    if not html:
        return ""
    cleaned = _CLEANER.clean(html)
    if "<span" in cleaned:
        cleaned = _unwrap_plain_spans(cleaned)
    return cleaned.strip()


def split_footnotes(html: str, start: int = 1) -> tuple[str, list[str]]:
    """Replace each footnote of a sanitised paragraph by its number in superscript, counting
    from `start`; return the paragraph and the notes' texts (inner HTML) in order."""
    if FOOTNOTE_CLASS not in html:
        return html, []
    soup = BeautifulSoup(html, "html.parser")
    notes = []
    for number, span in enumerate(soup.find_all("span", class_=FOOTNOTE_CLASS), start=start):
        notes.append(span.decode_contents().strip())
        marker = soup.new_tag("sup")
        marker["class"] = "footnote-ref"
        marker.string = str(number)
        span.replace_with(marker)
    return str(soup), notes
