"""The charts' SVG on the web: `svg_markup` compacted, each shape still painting
with what renderSVG gave it, in the same order, with the same texts."""

import re
from xml.etree import ElementTree

import pytest
from reportlab.graphics import renderSVG

from recommendations import charts
from recommendations.models import Theme
from recommendations.selectors import StatusRow

STATUSES = ["not_assessed", "not_implemented", "partly_implemented", "implemented"]
PAINT = ("fill", "stroke", "stroke-width", "font-family", "font-size", "fill-rule")


def _pairs() -> list[tuple[str, str]]:
    return [(theme, strength) for theme in Theme.values for strength in charts.STRENGTH_COLOURS]


def test_the_status_bars_are_as_wide_as_their_counts_for_46_groups():
    rows = [
        StatusRow(
            key=n,
            label=f"Country <{n}> & co",
            counts={s: (n * 7 + i * 13) % 50 for i, s in enumerate(STATUSES)},
        )
        for n in range(46)
    ]
    markup = charts.status_chart_markup(rows, width=380, element_id="c", title="t", description="d")
    root = _tree(markup)
    assert not re.search(r"\d\.\d{2}", markup)  # one decimal at most
    assert "style=" not in markup and markup.count("font-family=") == 1
    svg = "{http://www.w3.org/2000/svg}"
    bars = root.findall(f"{svg}g")[1]
    widths = [float(rect.get("width")) for rect in bars]
    counts = [n for row in rows for s in STATUSES if (n := row.counts[s])]
    assert len(widths) == len(counts)
    unit = widths[0] / counts[0]
    assert all(abs(width - n * unit) < 0.2 for width, n in zip(widths, counts, strict=True))
    labels = [text.text for text in root.findall(f"{svg}g")[0]]
    assert labels == [row.label for row in rows]


def _tree(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(markup)  # noqa: S314 - our own markup


def _painted(root: ElementTree.Element) -> list[tuple]:
    """(tag, text, what it paints with) of every shape, in document order."""
    shapes = []

    def walk(element, inherited):
        values = dict(inherited)
        for declaration in element.get("style", "").split(";"):
            name, _colon, value = declaration.partition(":")
            if name.strip() and value.strip():
                values[name.strip()] = charts.FONT_STACKS.get(value.strip(), value.strip())
        values.update({name: element.get(name) for name in PAINT if element.get(name)})
        tag = element.tag.rpartition("}")[2]
        if tag in charts.SHAPES:
            used = {
                name: values.get(name)
                for name in PAINT
                if (tag == "text" or not name.startswith("font-"))
                and (name != "stroke-width" or values.get("stroke") != "none")
            }
            shapes.append((tag, (element.text or "").strip(), used))
        for child in element:
            walk(child, values)

    walk(root, {})
    return shapes


@pytest.mark.parametrize(
    "drawing",
    [
        lambda: charts.theme_strength_chart(
            {(theme, strength): n % 7 for n, (theme, strength) in enumerate(_pairs())},
            width=380,
        ),
        lambda: charts.theme_strength_chart({}, width=440, title="Title <&>"),
        lambda: charts.theme_strength_chart(
            {("protection", "urges"): 3, ("general", "invites"): 1}
        ),
    ],
)
def test_the_markup_is_compact_and_paints_as_rendered(drawing):
    drawing = drawing()
    rendered = renderSVG.drawToString(drawing, useClip=True)
    markup = charts.svg_markup(drawing, element_id="c", title="t", description="d")
    assert _painted(_tree(markup)) == _painted(_tree(rendered))
    assert len(markup) < len(rendered) / 2
    assert not re.search(r"\d\.\d{3}", markup)  # two decimals at most
    assert "\n" not in markup and "style=" not in markup
    assert markup.count("font-family=") <= 2  # once, not on every text


def test_a_shape_left_to_inherit_keeps_inheriting_from_the_page():
    source = (
        '<svg><g><rect fill="red" stroke="none"/><rect fill="red" stroke="none"/><rect/></g>'
        '<g><text fill="blue" font-size="9px">a</text><text fill="blue" font-size="9px">b</text>'
        "</g></svg>"
    )
    root = _tree(source)
    charts._compact(root)
    assert _painted(root) == _painted(_tree(source))
    # The red rectangles and the blue texts each share a group that states their paint once;
    # the page's fill and stroke still reach the rectangle that sets neither.
    assert ElementTree.tostring(root, encoding="unicode") == (
        '<svg font-size="9px"><g fill="red" stroke="none"><rect /><rect /></g><rect />'
        '<g fill="blue"><text>a</text><text>b</text></g></svg>'
    )
