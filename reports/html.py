"""Sanitising the report's rich text.

No dedicated sanitiser (nh3, bleach) is installed, so paragraphs go through Wagtail's own
`wagtail.whitelist.Whitelister` (BeautifulSoup-based, the engine Wagtail uses for rich text)
with a narrower allow-list: the few inline and block elements a report paragraph needs
(headings, lists, links, bold, italics, footnotes, tables), links checked by Wagtail's
`check_url`, and executable or styling elements dropped with their content.

A footnote is written inline where its marker belongs, as `<span class="footnote">…</span>`;
`split_footnotes` turns the notes into numbered markers and a list of note texts, for the
screens and the PDF alike. Footnotes number continuously through a report, as in GRETA reports.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

FOOTNOTE_CLASS = "footnote"


def _footnote_class(value) -> str | None:
    values = value if isinstance(value, list) else str(value).split()
    return FOOTNOTE_CLASS if FOOTNOTE_CLASS in values else None


DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})


def _small_number(value) -> str | None:
    return value if re.fullmatch(r"[1-9][0-9]?", str(value)) else None


def _scope(value) -> str | None:
    return value if value in ("row", "col") else None


class ParagraphWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        "b": allow_without_attributes,
        "br": allow_without_attributes,
        "caption": allow_without_attributes,
        "em": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
        "i": allow_without_attributes,
        "li": allow_without_attributes,
        "ol": allow_without_attributes,
        "p": allow_without_attributes,
        "span": attribute_rule({"class": _footnote_class}),
        "strong": allow_without_attributes,
        "sub": allow_without_attributes,
        "sup": allow_without_attributes,
        "table": allow_without_attributes,
        "tbody": allow_without_attributes,
        "td": attribute_rule({"colspan": _small_number, "rowspan": _small_number}),
        "th": attribute_rule({"colspan": _small_number, "rowspan": _small_number, "scope": _scope}),
        "thead": allow_without_attributes,
        "tr": allow_without_attributes,
        "ul": allow_without_attributes,
    }

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        if tag.name == "span" and _footnote_class(tag.get("class", [])) is None:
            for child in list(tag.contents):
                self.clean_node(doc, child)
            tag.unwrap()  # a span is kept only as a footnote
            return
        super().clean_tag_node(doc, tag)


def sanitise(html: str) -> str:
    """Keep only the allowed elements and attributes; everything else is unwrapped or dropped."""
    if not html:
        return ""
    return ParagraphWhitelister().clean(html).strip()


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
