"""The public recommendation tracker: /<lang>/recommendations/ and its downloads.

The filter, its counts, results, downloads and chart figures all come from `reports.tracker`;
these views read the request, turn what the tracker gives into links and charts, and render.
Everything works without JavaScript: the filter is a GET form, so every view of the tracker
has a URL that can be shared.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.core.paginator import Page
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from monitoring.i18n import active_language, localised
from monitoring.languages import language_versions
from recommendations import charts, tracker
from recommendations.models import AssessmentStatus, Theme
from recommendations.selectors import StatusRow

from .models.countries import CountryPage

STATUS_LABELS = dict(AssessmentStatus.choices)
# The result columns a visitor can sort by from their heading, with the sort each one sets.
COLUMN_SORTS = {"country": "country", "number": "number", "strength": "strength"}
CHART_WIDTH = 380  # points: two charts side by side on a wide screen, legible at 360 px


@dataclass(frozen=True)
class Chip:
    """One selected filter, shown with a link that removes it."""

    facet: str
    label: str
    remove_url: str
    unknown: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart and the table with the same figures."""

    element_id: str
    title: str
    group_label: str
    svg: str
    statuses: list[tuple[str, str]]  # (value, label) of the columns
    rows: list[tuple[str, list[int], int]]  # (label, count per status, total)


def _url(path: str, querystring: str) -> str:
    return f"{path}?{querystring}" if querystring else path


def _chips(request: HttpRequest, tracker_filter: tracker.TrackerFilter, facets) -> list[Chip]:
    chips = []
    for facet in facets:
        for option in facet.options:
            if option.selected:
                toggle = tracker_filter.querystring(toggle=(facet.name, option.value))
                chips.append(Chip(facet.label, option.label, _url(request.path, toggle)))
        for value in facet.invalid:
            toggle = tracker_filter.querystring(toggle=(facet.name, value))
            label = _("Unknown value: %(value)s") % {"value": value}
            chips.append(Chip(facet.label, label, _url(request.path, toggle), unknown=True))
    if tracker_filter.q:
        without_q = dataclasses.replace(tracker_filter, q="").querystring()
        chips.append(Chip(_("Search"), tracker_filter.q, _url(request.path, without_q)))
    return chips


def _chart(
    by: str, rows: list[StatusRow], *, title: str, group_label: str, description: str
) -> Chart:
    if by == "theme":  # in the taxonomy's order, as in the theme facet
        order = {value: index for index, value in enumerate(Theme.values)}
        rows = sorted(rows, key=lambda row: order.get(row.key, len(order)))
    else:
        rows = sorted(rows, key=lambda row: row.label)
    statuses = [
        (value, label)
        for value, label in STATUS_LABELS.items()
        if any(r.counts.get(value) for r in rows)
    ]
    element_id = f"chart-{by}"
    return Chart(
        element_id=element_id,
        title=title,
        group_label=group_label,
        # Drawn each time: written as SVG directly it costs less than reading a cache, and
        # the overview it draws is cached under the data's version already.
        svg=charts.status_chart_markup(
            rows, width=CHART_WIDTH, element_id=element_id, title=title, description=description
        ),
        statuses=[(value, str(label)) for value, label in statuses],
        rows=[
            (row.label, [row.counts.get(value, 0) for value, _label in statuses], row.total)
            for row in rows
        ],
    )


def _charts(overview: tracker.Overview) -> list[Chart]:
    by_country, by_theme = overview.by_country, overview.by_theme
    table_note = _("The table below the chart gives the same figures.")
    result = []
    if by_country:
        result.append(
            _chart(
                "country",
                by_country,
                title=_("Status by country"),
                group_label=_("Country"),
                description=_(
                    "Stacked bars, one per country: the recommendations shown, by current "
                    "status. %(note)s"
                )
                % {"note": table_note},
            )
        )
    if by_theme:
        result.append(
            _chart(
                "theme",
                by_theme,
                title=_("Status by theme"),
                group_label=_("Theme"),
                description=_(
                    "Stacked bars, one per theme: the recommendations shown, by current status. "
                    "A recommendation on several themes counts in each. %(note)s"
                )
                % {"note": table_note},
            )
        )
    return result


def _pagination(request: HttpRequest, tracker_filter: tracker.TrackerFilter, page: Page) -> dict:
    def link(number: int) -> str:
        return _url(request.path, tracker_filter.querystring(page=number))

    ellipsis = page.paginator.ELLIPSIS
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "page_links": [(n, "" if n == ellipsis else link(n)) for n in numbers],
        "previous_url": link(page.number - 1) if page.has_previous() else "",
        "next_url": link(page.number + 1) if page.has_next() else "",
        "ellipsis": ellipsis,
    }


@require_safe
def tracker_page(request: HttpRequest) -> TemplateResponse:
    tracker_filter = tracker.parse(request.GET)
    overview = tracker.overview(tracker_filter)
    facets = overview.facets
    page = tracker.results(tracker_filter, total=overview.total)
    language = active_language()
    report_url = CountryPage.report_urls(
        {r.report.evaluation.country_id for r in page.object_list}, request
    )
    for recommendation in page.object_list:
        recommendation.public_url = (
            f"{report_url(recommendation.report.evaluation.country_id, recommendation.report_id)}"
            f"#r-{recommendation.number}"
        )
        recommendation.status_label = STATUS_LABELS.get(recommendation.current_status, "")
        recommendation.text = localised(recommendation, "published_text", language)
    querystring = tracker_filter.querystring()
    return TemplateResponse(
        request,
        "cms/tracker/index.html",
        {
            "tracker": tracker_filter,
            "facets": facets,
            "page_obj": page,
            **_pagination(request, tracker_filter, page),
            "chips": _chips(request, tracker_filter, facets),
            "clear_url": request.path,
            "sorts": [(name, str(label)) for name, (label, *_orderings) in tracker.SORTS.items()],
            "column_sorts": {
                column: _url(request.path, tracker_filter.querystring(sort=sort))
                for column, sort in COLUMN_SORTS.items()
            },
            "downloads": [
                (fmt, _url(reverse("tracker_download", args=[fmt]), querystring))
                for fmt in tracker.DOWNLOADS
            ],
            "charts": _charts(overview),
            "languages": language_versions(request),
            "canonical_url": request.build_absolute_uri(request.path),
        },
    )


@require_safe
def tracker_download(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The recommendations of the current filter, all of them (no paging), as a file."""
    if fmt not in tracker.DOWNLOADS:
        raise Http404
    tracker_filter = tracker.parse(request.GET)
    scope = "filtered-" if tracker_filter.is_filtered else ""
    filename = f"recommendations-{scope}{timezone.localdate():%Y-%m-%d}.{fmt}"
    return StreamingHttpResponse(
        tracker.download(tracker_filter, fmt),
        content_type=tracker.DOWNLOADS[fmt],
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
