"""Sanitising a 2.5 KB report paragraph: nh3 (reports.html.sanitise) against the BeautifulSoup
Whitelister the project used before (kept here only as the comparison baseline).

Run with `make bench`. Reports the median time per paragraph of each and their ratio; timings are
reported, never asserted. Both must give the same text for this paragraph.
"""

import re
import statistics
import time

import pytest
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

from reports.html import sanitise

pytestmark = [pytest.mark.bench]

SENTENCE = (
    '<p>The authorities <strong>should</strong> ensure that <a href="https://example.org/law" '
    'onclick="x()">the law</a> is applied<span class="footnote">Law No. 12, '
    '<i>art. 5</i>.</span> and <span style="color:red">victims</span> are identified.</p>'
)
TABLE = (
    '<table><caption>Victims</caption><thead><tr><th scope="col">Year</th><th scope="col">'
    'Number</th></tr></thead><tbody><tr><td>2023</td><td colspan="2">12</td></tr></tbody></table>'
)
PARAGRAPH = (
    "<h3>Identification</h3><ul><li>one</li><li>two</li></ul>"
    + SENTENCE * 9
    + "<script>alert(1)</script>"
    + TABLE
)


# --- the baseline: the Whitelister of reports/html.py before nh3 ------------------------------


def _footnote_class(value):
    values = value if isinstance(value, list) else str(value).split()
    return "footnote" if "footnote" in values else None


def _small_number(value):
    return value if re.fullmatch(r"[1-9][0-9]?", str(value)) else None


def _scope(value):
    return value if value in ("row", "col") else None


_PLAIN_TAGS = (
    *("b", "br", "caption", "em", "h3", "h4", "i", "li", "ol", "p", "strong"),
    *("sub", "sup", "table", "tbody", "thead", "tr", "ul"),
)


class _OldWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": check_url}),
        **dict.fromkeys(_PLAIN_TAGS, allow_without_attributes),
        "span": attribute_rule({"class": _footnote_class}),
        "td": attribute_rule({"colspan": _small_number, "rowspan": _small_number}),
        "th": attribute_rule({"colspan": _small_number, "rowspan": _small_number, "scope": _scope}),
    }
    dropped = frozenset({"script", "style", "iframe", "object", "embed", "template"})

    def clean_tag_node(self, doc, tag):
        if tag.name in self.dropped:
            tag.decompose()
            return
        if tag.name == "span" and _footnote_class(tag.get("class", [])) is None:
            for child in list(tag.contents):
                self.clean_node(doc, child)
            tag.unwrap()
            return
        super().clean_tag_node(doc, tag)


def old_sanitise(html: str) -> str:
    return _OldWhitelister().clean(html).strip()


def _ms_per_paragraph(function, repeat: int = 7, number: int = 50) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function(PARAGRAPH)
        timings.append((time.perf_counter() - start) * 1000 / number)
    return statistics.median(timings)


def test_sanitise(report):
    assert 2400 <= len(PARAGRAPH.encode()) <= 2700
    assert sanitise(PARAGRAPH) == old_sanitise(PARAGRAPH)
    nh3_ms = _ms_per_paragraph(sanitise)
    whitelister_ms = _ms_per_paragraph(old_sanitise)
    report.append(
        {
            "bench": "sanitise",
            "paragraph_bytes": len(PARAGRAPH.encode()),
            "nh3_ms_per_paragraph": round(nh3_ms, 3),
            "whitelister_ms_per_paragraph": round(whitelister_ms, 3),
            "whitelister_to_nh3_ratio": round(whitelister_ms / nh3_ms, 1),
        }
    )
