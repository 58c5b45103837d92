"""The chart of recommendations by theme and strength, drawn with reportlab.graphics.

One drawing serves the PDF (as a flowable) and the public site (rendered to SVG with
`reportlab.graphics.renderSVG`), so both show the same figures in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from monitoring.pdf import REGULAR, register_fonts

from .models import Recommendation, Theme

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
