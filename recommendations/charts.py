"""Charts drawn with reportlab.graphics: recommendations by theme and strength (the report),
and by current status (the public tracker).

One drawing of theme and strength serves the PDF (as a flowable) and the public site (rendered
to SVG with `reportlab.graphics.renderSVG`, then `svg_markup`), so both show the same figures
in the same way. The status bars exist only on the web, where a chart is drawn for every
filter of the tracker: they are written as SVG directly (`status_chart_markup`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol
from xml.etree import ElementTree

from django.utils.safestring import SafeString, mark_safe
from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from monitoring.pdf import REGULAR, register_fonts

from .models import AssessmentStatus, Recommendation, Theme

STRENGTH_COLOURS = {
    Recommendation.Strength.URGES: colors.HexColor("#9b1c1c"),
    Recommendation.Strength.CONSIDERS: colors.HexColor("#c2710c"),
    Recommendation.Strength.INVITES: colors.HexColor("#2b6cb0"),
}


def theme_strength_chart(
    counts: Mapping[tuple[str, str], int], *, width: float = 440, title: str = ""
) -> Drawing:
    """Stacked horizontal bars: one bar per theme, one segment per strength.

    `counts` maps (theme, strength) to a number of recommendations; themes without any
    recommendation are left out, so the chart shows what the report covers."""
    register_fonts()
    themes = [theme for theme in Theme if any(counts.get((theme, s), 0) for s in STRENGTH_COLOURS)]
    themes = themes or list(Theme)[:1]
    bar_height, top = 22, 26 if title else 6
    height = top + len(themes) * bar_height + 60
    drawing = Drawing(width, height)
    if title:
        drawing.add(String(0, height - 14, title, fontName=REGULAR, fontSize=10))

    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 44
    chart.width, chart.height = width - 170, len(themes) * bar_height
    # Bars run top-down in the theme order, as in a table.
    chart.data = [
        [counts.get((theme, strength), 0) for theme in reversed(themes)]
        for strength in STRENGTH_COLOURS
    ]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [str(theme.label) for theme in reversed(themes)]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 8
    largest = max((sum(column) for column in zip(*chart.data, strict=True)), default=0)
    chart.valueAxis.valueMax = max(largest, 1)
    chart.valueAxis.valueStep = max(1, -(-largest // 5))
    chart.barWidth = bar_height * 0.7
    for index, colour in enumerate(STRENGTH_COLOURS.values()):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    drawing.add(chart)

    legend = Legend()
    legend.x, legend.y = 150, 14
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.dx = legend.dy = 8
    legend.deltax = 110
    legend.colorNamePairs = [
        (colour, str(strength.label)) for strength, colour in STRENGTH_COLOURS.items()
    ]
    drawing.add(legend)
    return drawing


# --- Recommendations by current status (the public tracker) ------------------------------------

# Okabe-Ito hues, told apart with the common colour-vision deficiencies, each light enough for
# the dark segment labels (contrast above 4.5:1). The site's status badges use the same colours.
STATUS_COLOURS = {
    AssessmentStatus.NOT_ASSESSED: colors.HexColor("#d5dae0"),
    AssessmentStatus.NOT_IMPLEMENTED: colors.HexColor("#e86a1e"),
    AssessmentStatus.PARTLY_IMPLEMENTED: colors.HexColor("#f0e442"),
    AssessmentStatus.IMPLEMENTED: colors.HexColor("#0aa67a"),
    AssessmentStatus.NO_LONGER_RELEVANT: colors.HexColor("#56b4e9"),
}
INK = colors.HexColor("#1b1f24")
LABEL_SIZE = 9


class Counted(Protocol):
    """A group of recommendations counted by status (`reports.selectors.StatusRow`)."""

    label: str
    counts: Mapping[str, int]


def _hex(colour: colors.Color) -> str:
    return "#" + colour.hexval()[2:]


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def status_chart_markup(
    rows: Sequence[Counted], *, width: float = 440, element_id: str, title: str, description: str
) -> SafeString:
    """Stacked horizontal bars as SVG to inline in a page: one bar per group (country,
    round...), top-down in the rows' order as in the table beside it, one segment per status in
    the order of `AssessmentStatus`, each labelled with its count where it fits; the value axis
    below and a legend of the statuses present. A <title> and <desc> named by role="img" for
    assistive technology; presentation attributes only, which a Content-Security-Policy
    allows.

    Written as SVG elements directly rather than drawn with reportlab and converted: the
    conversion cost more than all the tracker's counting (about 150 ms for two charts of 46
    countries), and the public site draws a chart per filter."""
    register_fonts()  # for the labels' widths
    statuses = [s for s in STATUS_COLOURS if any(row.counts.get(s, 0) for row in rows)]
    statuses = statuses or [AssessmentStatus.NOT_ASSESSED]
    names = [str(row.label) for row in rows]
    label_width = min(
        max((stringWidth(name, REGULAR, LABEL_SIZE) for name in names), default=0) + 10,
        width * 0.45,
    )
    legend_columns = max(1, int((width - 20) // 150))
    legend_rows = -(-len(statuses) // legend_columns)
    bar_height, thickness, top = 22, 15.4, 6
    plot_width = width - label_width - 16
    axis_y = top + len(rows) * bar_height
    height = axis_y + 36 + 14 * legend_rows
    largest = max((sum(row.counts.get(s, 0) for s in statuses) for row in rows), default=0)
    step = max(1, -(-largest // 5))
    most = max(step * -(-largest // step), 1)
    scale = plot_width / most

    root = ElementTree.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "role": "img",
            "class": "chart",
            "id": element_id,
            "aria-labelledby": f"{element_id}-title",
            "aria-describedby": f"{element_id}-desc",
            "width": _number(width),
            "height": _number(height),
            "viewBox": f"0 0 {_number(width)} {_number(height)}",
            "font-family": FONT_STACKS[REGULAR],
            "font-size": str(LABEL_SIZE),
            "fill": _hex(INK),
        },
    )
    ElementTree.SubElement(root, "title", id=f"{element_id}-title").text = title
    ElementTree.SubElement(root, "desc", id=f"{element_id}-desc").text = description
    labels = ElementTree.SubElement(root, "g", {"text-anchor": "end"})
    bars = ElementTree.SubElement(root, "g", stroke="#ffffff")
    counts = ElementTree.SubElement(root, "g", {"text-anchor": "middle"})
    for index, row in enumerate(rows):
        middle = top + index * bar_height + bar_height / 2
        ElementTree.SubElement(
            labels, "text", x=_number(label_width - 4), y=_number(middle + 3)
        ).text = names[index]
        left = label_width
        for status in statuses:
            value = row.counts.get(status, 0)
            if not value:
                continue
            ElementTree.SubElement(
                bars,
                "rect",
                x=_number(left),
                y=_number(middle - thickness / 2),
                width=_number(value * scale),
                height=_number(thickness),
                fill=_hex(STATUS_COLOURS[status]),
            )
            if value * scale >= stringWidth(str(value), REGULAR, LABEL_SIZE) + 4:
                ElementTree.SubElement(
                    counts, "text", x=_number(left + value * scale / 2), y=_number(middle + 3)
                ).text = str(value)
            left += value * scale
    axis = ElementTree.SubElement(root, "g", {"stroke": _hex(INK), "stroke-width": "0.5"})
    ElementTree.SubElement(
        axis,
        "line",
        x1=_number(label_width),
        y1=_number(axis_y),
        x2=_number(label_width + plot_width),
        y2=_number(axis_y),
    )
    ticks = ElementTree.SubElement(root, "g", {"text-anchor": "middle"})
    for value in range(0, most + 1, step):
        x = _number(label_width + value * scale)
        ElementTree.SubElement(axis, "line", x1=x, y1=_number(axis_y), x2=x, y2=_number(axis_y + 4))
        ElementTree.SubElement(ticks, "text", x=x, y=_number(axis_y + 14)).text = str(value)
    legend = ElementTree.SubElement(root, "g")
    for index, status in enumerate(statuses):
        column, line = index // legend_rows, index % legend_rows
        x, y = 8 + column * 150, axis_y + 30 + line * 14
        ElementTree.SubElement(
            legend,
            "rect",
            x=_number(x),
            y=_number(y - 8),
            width="8",
            height="8",
            fill=_hex(STATUS_COLOURS[status]),
        )
        ElementTree.SubElement(legend, "text", x=_number(x + 12), y=_number(y)).text = str(
            status.label
        )
    return mark_safe(ElementTree.tostring(root, encoding="unicode"))  # noqa: S308 - serialised, so escaped


# --- Drawings on the web -----------------------------------------------------------------------

FONT_STACKS = {REGULAR: "DejaVu Sans, Verdana, sans-serif"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Presentation attributes that SVG elements inherit from their parent, and the elements they
# paint. renderSVG repeats them on every element; `_compact` states each once on the group the
# elements share.
INHERITED = (
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "text-anchor",
)
SHAPES = {"rect", "path", "line", "polyline", "polygon", "circle", "ellipse", "text"}
GROUPS = {"svg", "g"}
NUMBER = re.compile(r"-?\d+\.\d+(?:e-?\d+)?")
COORDINATES = {"x", "y", "width", "height", "d", "points", "transform", "x1", "y1", "x2", "y2"}
COORDINATES |= {"cx", "cy", "r", "rx", "ry", "stroke-width", "font-size"}


def svg_markup(drawing: Drawing, *, element_id: str, title: str, description: str) -> SafeString:
    """The drawing as SVG to inline in a page: no XML prolog, the given <title> and <desc> named
    by role="img" for assistive technology, ids that cannot clash with another chart's, and
    presentation attributes instead of `style`, which a Content-Security-Policy may refuse.

    Every text in it went through the XML serialiser, so the markup is safe to inline."""
    svg = renderSVG.drawToString(drawing, useClip=True)
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own renderer's output, not user input
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NAMESPACE}}}")
        for name in [n for n in element.attrib if n.startswith("{") or n in ("id", "clip")]:
            del element.attrib[name]
        for declaration in element.attrib.pop("style", "").split(";"):
            name, _colon, value = declaration.partition(":")
            name, value = name.strip(), value.strip()
            if name and value:
                element.set(name, FONT_STACKS.get(value, value) if name == "font-family" else value)
    for name in ("version", "xmlns:xlink"):
        root.attrib.pop(name, None)
    _compact(root)
    root.set("xmlns", SVG_NAMESPACE)
    root.set("role", "img")
    root.set("class", "chart")
    root.set("aria-labelledby", f"{element_id}-title")
    root.set("aria-describedby", f"{element_id}-desc")
    root.set("id", element_id)
    root.find("title").text, root.find("desc").text = title, description
    root.find("title").set("id", f"{element_id}-title")
    root.find("desc").set("id", f"{element_id}-desc")
    return mark_safe(ElementTree.tostring(root, encoding="unicode"))  # noqa: S308 - serialised, so escaped


# --- Leaner markup -------------------------------------------------------------------------------


def _compact(root: ElementTree.Element) -> None:
    """Make renderSVG's markup a fraction of its size, drawing the same picture: numbers to two
    decimals (a hundredth of a point); each inherited presentation attribute stated once, on a
    group of the shapes that share it, rather than on every shape; no indentation."""
    for element in root.iter():
        for name in COORDINATES.intersection(element.keys()):
            element.set(name, _rounded(element.get(name)))
        transform = element.get("transform")
        if transform is not None:
            transform = TRANSLATION.sub(r"translate(\1,\2)", transform).strip()
            if transform in ("", "translate(0,0)"):
                del element.attrib["transform"]
            else:
                element.set("transform", transform)
        if element.tag not in ("text", "title", "desc") and not (element.text or "").strip():
            element.text = None
        if not (element.tail or "").strip():
            element.tail = None
    present = {name for element in root.iter() for name in element.attrib}
    names = [name for name in INHERITED if name in present]  # the others are nowhere to move
    painting: dict[ElementTree.Element, dict[str, str | None]] = {}
    _paint(root, dict.fromkeys(names), painting)
    _group_runs(root, painting)
    wanted: dict[ElementTree.Element, dict[str, dict]] = {}
    _wanted(root, names, painting, wanted)
    _hoist(root, names, dict.fromkeys(names), painting, wanted)
    _unwrap_bare_groups(root)


TRANSLATION = re.compile(r"matrix\(1,0,0,1,([^,]+),([^)]+)\)")


def _rounded(value: str) -> str:
    def shorter(match: re.Match) -> str:
        number = f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
        return "0" if number == "-0" else number

    return NUMBER.sub(shorter, value)


def _paint(element: ElementTree.Element, inherited: dict, painting: dict) -> None:
    """What each shape paints with: for each inherited attribute it uses, the value it has or
    inherits (None: none is set above it, so the page's). An element this does not know keeps
    all its values, as if it used them all."""
    values = {name: element.get(name, value) for name, value in inherited.items()}
    if element.tag in SHAPES:
        painting[element] = {name: values[name] for name in values if _uses(element, name, values)}
    elif element.tag not in GROUPS and element.tag not in ("title", "desc"):
        painting[element] = values
    for child in element:
        _paint(child, values, painting)


def _uses(shape: ElementTree.Element, name: str, values: dict) -> bool:
    if name.startswith(("font-", "text-")):
        return shape.tag == "text"
    if name.startswith("stroke-"):
        return values.get("stroke") != "none"
    if name.startswith("fill-"):
        return values.get("fill") != "none"
    return True


def _signature(element: ElementTree.Element, painting: dict) -> frozenset | None:
    """The painting shared by every shape under `element`; None if they differ or there are
    none."""
    shared = None
    for descendant in element.iter():
        if descendant in painting:
            own = frozenset(painting[descendant].items())
            if shared is not None and own != shared:
                return None
            shared = own
    return shared


def _group_runs(parent: ElementTree.Element, painting: dict) -> None:
    """Wrap each run of consecutive children that paint alike in a bare group (which changes
    nothing drawn), for `_hoist` to state their painting once."""
    for child in parent:
        if child.tag in GROUPS:
            _group_runs(child, painting)
    if parent.tag not in GROUPS:
        return
    children, runs = list(parent), []
    for child in children:
        signature = _signature(child, painting)
        if runs and signature is not None and runs[-1][0] == signature:
            runs[-1][1].append(child)
        else:
            runs.append((signature, [child]))
    if len(runs) == len(children) or len(runs) == 1:
        return
    for child in children:
        parent.remove(child)
    for _signature_of_run, members in runs:
        if len(members) == 1:
            parent.append(members[0])
        else:
            group = ElementTree.SubElement(parent, "g")
            group.extend(members)


def _wanted(element: ElementTree.Element, names: list, painting: dict, wanted: dict) -> dict:
    """How many shapes under `element` (itself included) paint with each value of each
    attribute: {name: {value: count}}, kept in `wanted` for the groups."""
    counts: dict[str, dict] = {}
    own = painting.get(element)
    if own is not None:
        counts = {name: {own[name]: 1} for name in names if name in own}
    for child in element:
        for name, values in _wanted(child, names, painting, wanted).items():
            mine = counts.setdefault(name, {})
            for value, count in values.items():
                mine[value] = mine.get(value, 0) + count
    if element.tag in GROUPS:
        wanted[element] = counts
    return counts


def _hoist(
    element: ElementTree.Element, names: list, inherited: dict, painting: dict, wanted: dict
) -> None:
    """Set each attribute on `element` only where what it would inherit differs from what its
    shapes paint with: a group takes the value most of its shapes use (unless one of them must
    keep the page's), a shape keeps its own where its group's differs."""
    own, counts = painting.get(element), wanted.get(element, {})
    values = {}
    for name in names:
        if own is not None:
            value = own.get(name, inherited[name])
        elif counts.get(name) and None not in counts[name]:
            value = max(counts[name].items(), key=lambda item: item[1])[0]
        else:
            value = inherited[name]
        element.attrib.pop(name, None)
        if value != inherited[name]:
            element.set(name, value)
        values[name] = value
    for child in element:
        _hoist(child, names, values, painting, wanted)


def _unwrap_bare_groups(parent: ElementTree.Element) -> None:
    """Groups without attributes give their children to their parent; a group that only moves
    its one child gives the child its transform."""
    index = 0
    while index < len(parent):
        child = parent[index]
        _unwrap_bare_groups(child)
        if child.tag == "g" and not child.attrib:
            parent[index : index + 1] = list(child)
            continue  # its first child is now at `index`
        if child.tag == "g" and child.keys() == ["transform"] and len(child) == 1:
            (only,) = child
            transform = f"{child.get('transform')} {only.get('transform', '')}"
            only.set("transform", _merged_translations(transform.strip()))
            only.tail = child.tail
            parent[index] = only
        index += 1


TRANSLATIONS = re.compile(r"translate\(([-\d.]+),([-\d.]+)\) translate\(([-\d.]+),([-\d.]+)\)")


def _merged_translations(transform: str) -> str:
    def sum_of(match: re.Match) -> str:
        x, y = (float(match[1]) + float(match[3])), (float(match[2]) + float(match[4]))
        return _rounded(f"translate({x:.4f},{y:.4f})")

    return TRANSLATIONS.sub(sum_of, transform)
