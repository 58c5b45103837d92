"""Charts as hand-written SVG: no script, no inline style, presentation attributes only, with
<title>/<desc> for screen readers. The page shows the same figures as a table beside the chart."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


@dataclass(frozen=True)
class ChartBox:
    width: int = 720
    height: int = 360
    left: int = 64
    right: int = 16
    top: int = 16
    bottom: int = 72  # room for the axis labels and the legend

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom


def nice_ticks(maximum: int, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least `maximum` (whole numbers: these are counts)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, math.ceil(step))
    return list(range(0, math.ceil(maximum / step) * step + 1, step))


def grouped_bar_chart_svg(
    *,
    title: str,
    description: str,
    groups: list[str],
    series: list[str],
    values: list[list[int | None]],
    id_prefix: str = "chart",
    box: ChartBox | None = None,
) -> SafeString:
    """`values[g][s]` is the bar of series `s` in group `g`; None draws no bar (a missing figure
    is not a zero) and a dash at the baseline instead."""
    box = box or ChartBox()
    known = [v for row in values for v in row if v is not None]
    ticks = nice_ticks(max(known) if known else 0)
    top_value = ticks[-1]
    baseline = box.top + box.plot_height

    def y(value: int) -> float:
        return baseline - box.plot_height * value / top_value

    parts: list[str] = []
    for tick in ticks:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d5dae0" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#333">{}</text>',
                box.left,
                box.left + box.plot_width,
                f"{y(tick):.1f}",
                f"{y(tick):.1f}",
                box.left - 6,
                f"{y(tick) + 4:.1f}",
                tick,
            )
        )
    group_width = box.plot_width / max(len(groups), 1)
    bar_width = group_width * 0.8 / max(len(series), 1)
    for g, group in enumerate(groups):
        x0 = box.left + g * group_width + group_width * 0.1
        for s, name in enumerate(series):
            value = values[g][s] if s < len(values[g]) else None
            x = x0 + s * bar_width
            colour = PALETTE[s % len(PALETTE)]
            if value is None:
                label = _("%(series)s, %(group)s: no figure") % {"series": name, "group": group}
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#555">'
                        "–<title>{}</title></text>",
                        f"{x + bar_width / 2:.1f}",
                        baseline - 2,
                        label,
                    )
                )
                continue
            label = f"{name}, {group}: {value}"
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                    f"{x:.1f}",
                    f"{y(value):.1f}",
                    f"{max(bar_width - 2, 1):.1f}",
                    f"{baseline - y(value):.1f}",
                    colour,
                    label,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#333">{}</text>',
                f"{box.left + g * group_width + group_width / 2:.1f}",
                baseline + 18,
                group,
            )
        )
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#333" stroke-width="1"/>',
            box.left,
            box.left + box.plot_width,
            baseline,
            baseline,
        )
    )
    legend_y = box.height - 18
    legend_step = box.plot_width / max(len(series), 1)
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
        '<text x="{}" y="{}" font-size="12" fill="#333">{}</text>',
        (
            (
                f"{box.left + s * legend_step:.1f}",
                legend_y - 10,
                PALETTE[s % len(PALETTE)],
                f"{box.left + s * legend_step + 16:.1f}",
                legend_y,
                name,
            )
            for s, name in enumerate(series)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" class="reading-chart" font-family="sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}</svg>',
        box.width,
        box.height,
        id_prefix,
        id_prefix,
        id_prefix,
        title,
        id_prefix,
        description,
        mark_safe("".join(parts)),  # noqa: S308 (every part is built with format_html)
        legend,
    )


def chart_description(
    *, groups: list[str], series: list[str], values: list[list[int | None]]
) -> str:
    """A short text summary of the chart for <desc>, naming the largest figure."""
    best = None
    for g, group in enumerate(groups):
        for s, name in enumerate(series):
            value = values[g][s] if s < len(values[g]) else None
            if value is not None and (best is None or value > best[0]):
                best = (value, name, group)
    summary = _(
        "Bar chart with one group of bars for each of %(groups)s and one bar per country: "
        "%(series)s."
    ) % {
        "groups": ", ".join(groups),
        "series": ", ".join(series),
    }
    if best:
        summary += " " + _("The highest figure is %(value)s (%(series)s, %(group)s).") % {
            "value": best[0],
            "series": best[1],
            "group": best[2],
        }
    return summary + " " + _("The table below gives every figure.")
