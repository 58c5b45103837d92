"""The public statistics page, /<lang>/statistics/, and its downloads.

Thin views: `selectors.comparison_table` gives the table, the chart is drawn from that same
table, and the downloads stream `selectors.tidy_rows` / `selectors.sdmx_rows`. Anonymous
visitors get published figures only (monitoring.access); a signed-in member of the expert group
also sees figures not yet published, and the page says so.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from monitoring import access
from monitoring.languages import language_versions
from recommendations.charts import svg_markup

from . import selectors
from .charts import comparison_chart
from .models import Indicator

DOWNLOADS = ("csv", "sdmx.csv", "xlsx")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _indicator(request: HttpRequest) -> Indicator | None:
    indicators = selectors.published_indicators()
    code = request.GET.get("indicator", "")
    if code:
        return get_object_or_404(indicators, code=code[:40])
    return indicators.first()


@require_safe
def statistics_page(request: HttpRequest) -> TemplateResponse:
    indicator = _indicator(request)
    table = chart = None
    if indicator is not None:
        table = selectors.comparison_table(user=request.user, indicator=indicator)
        chart = svg_markup(
            comparison_chart(table),
            element_id="comparison-chart",
            title=str(indicator.name),
            description=_("%(indicator)s by country and year; the table below gives the figures.")
            % {"indicator": indicator.name},
        )
    query = f"?indicator={indicator.code}" if indicator else ""
    return TemplateResponse(
        request,
        "indicators/statistics.html",
        {
            "indicators": selectors.published_indicators(),
            "indicator": indicator,
            "table": table,
            "chart": chart,
            "comparability_labels": {
                c.value: selectors.comparability_label(c) for c in selectors.Comparability
            },
            "includes_unpublished": access.principal_for(request.user).is_staff_reader,
            "downloads": [
                (fmt, reverse("statistics_download", args=[fmt]) + query) for fmt in DOWNLOADS
            ],
            "languages": language_versions(request),
            "canonical_url": request.build_absolute_uri(request.path),
        },
    )


@require_safe
def statistics_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every observation of one indicator (or of all, without `?indicator=`), suppressed."""
    if fmt not in DOWNLOADS:
        raise Http404
    indicator = None
    if request.GET.get("indicator"):
        indicator = _indicator(request)
    stem = f"thb-statistics-{indicator.code if indicator else 'all'}"
    if fmt == "xlsx":
        content = _xlsx(request.user, indicator)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{stem}.xlsx")
        return response
    rows = (
        selectors.sdmx_rows(user=request.user, indicator=indicator)
        if fmt == "sdmx.csv"
        else selectors.tidy_rows(user=request.user, indicator=indicator)
    )
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    name = f"{stem}.sdmx.csv" if fmt == "sdmx.csv" else f"{stem}.csv"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _xlsx(user, indicator: Indicator | None) -> bytes:
    """The tidy rows on one sheet, the definitions and suppression rules on a metadata sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(_("Data"))
    for row in selectors.tidy_rows(user=user, indicator=indicator):
        data.append(row)
    metadata = workbook.create_sheet(_("Metadata"))
    metadata.append(
        [
            _("Code"),
            _("Name"),
            _("Definition"),
            _("Unit"),
            _("Legal basis"),
            _("Source type"),
            _("Small counts suppressed below"),
        ]
    )
    indicators = selectors.published_indicators()
    if indicator is not None:
        indicators = indicators.filter(pk=indicator.pk)
    for item in indicators:
        metadata.append(
            [
                item.code,
                item.name,
                item.definition,
                item.get_unit_display(),
                item.get_legal_basis_display(),
                item.get_source_type_display(),
                item.suppression_threshold if item.suppresses else "",
            ]
        )
    metadata.append([])
    metadata.append(
        [
            _(
                "Counts of persons from 1 to the threshold minus one are shown as “< threshold” "
                "(suppressed = primary); further cells are hidden (suppressed = secondary) "
                "so that a hidden count cannot be found by subtraction from the total."
            )
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
