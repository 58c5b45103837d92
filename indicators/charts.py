"""The comparison chart: one line per country over the years, drawn with reportlab so that the
same drawing could go into a PDF; on the web it is inlined as accessible SVG
(`reports.charts.svg_markup`) beside the table it is computed from."""

from __future__ import annotations

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from monitoring.pdf import REGULAR, register_fonts

from .selectors import ComparisonTable

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#000000"]
LABEL_SIZE = 9


def comparison_chart(table: ComparisonTable, *, width: float = 560) -> Drawing:
    """Suppressed and missing cells are gaps in the lines, never zeros."""
    register_fonts()
    rows = [row for row in table.rows if any(cell and cell.value is not None for cell in row.cells)]
    legend_height = 16 * (-(-len(rows) // 3) or 1)
    height = 220 + legend_height
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 44, 24 + legend_height
    chart.width, chart.height = width - 60, 180
    chart.data = [
        [cell.value if cell and cell.value is not None else None for cell in row.cells]
        for row in rows
    ] or [[0]]
    chart.categoryAxis.categoryNames = [str(year) for year in table.years] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    for index in range(len(rows)):
        colour = colors.HexColor(PALETTE[index % len(PALETTE)])
        chart.lines[index].strokeColor = colour
        chart.lines[index].strokeWidth = 2
    chart.joinedLines = 1
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 0, legend_height
    legend.alignment = "right"
    legend.columnMaximum = max(1, -(-len(rows) // 3))
    legend.fontName = REGULAR
    legend.fontSize = LABEL_SIZE
    legend.deltax = width / 3
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), str(row.country.name))
        for i, row in enumerate(rows)
    ] or [(colors.white, "")]
    drawing.add(legend)
    return drawing
