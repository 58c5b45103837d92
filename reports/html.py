"""Sanitising the report's rich text.

No dedicated sanitiser (nh3, bleach) is installed, so paragraphs go through Wagtail's own
`wagtail.whitelist.Whitelister` (BeautifulSoup-based, the engine Wagtail uses for rich text)
with a narrower allow-list: the few inline and block elements a report paragraph needs, links
checked by Wagtail's `check_url`, and executable or styling elements dropped with their content.
"""

from __future__ import annotations

from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})


class ParagraphWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        "b": allow_without_attributes,
        "br": allow_without_attributes,
        "em": allow_without_attributes,
        "i": allow_without_attributes,
        "li": allow_without_attributes,
        "ol": allow_without_attributes,
        "p": allow_without_attributes,
        "strong": allow_without_attributes,
        "sub": allow_without_attributes,
        "sup": allow_without_attributes,
        "ul": allow_without_attributes,
    }

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


def sanitise(html: str) -> str:
    """Keep only the allowed elements and attributes; everything else is unwrapped or dropped."""
    if not html:
        return ""
    return ParagraphWhitelister().clean(html).strip()
