"""The open-data API's endpoints: read-only, public, thin. Each one validates its parameters
through its schema (422 otherwise), asks `api.selectors` and returns what it gets."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.pagination import paginate

from . import selectors
from .pagination import LimitOffsetPagination
from .schemas import (
    INT_MAX,
    CountryOut,
    Error,
    HistoryOut,
    IndicatorCode,
    IndicatorOut,
    IndicatorTableOut,
    RecommendationFilter,
    RecommendationListFilter,
    RecommendationOut,
    ReportDetailOut,
    ReportFilter,
    ReportOut,
    RoundOut,
    StatisticsOut,
)

router = Router()
LIST_ERRORS = {422: Error}
ITEM_ERRORS = {404: Error, 422: Error}


@router.get(
    "/countries",
    operation_id="list_countries",
    response={200: list[CountryOut], **LIST_ERRORS},
    tags=["countries"],
)
@paginate(LimitOffsetPagination)
def countries(request: HttpRequest):
    """Countries, with their published reports and recommendations counted."""
    return selectors.country_page()


@router.get(
    "/rounds",
    operation_id="list_rounds",
    response={200: list[RoundOut], **LIST_ERRORS},
    tags=["rounds"],
)
@paginate(LimitOffsetPagination)
def rounds(request: HttpRequest):
    """Evaluation rounds, with their published reports and recommendations counted."""
    return selectors.round_page()


@router.get(
    "/reports",
    operation_id="list_reports",
    response={200: list[ReportOut], **LIST_ERRORS},
    tags=["reports"],
)
@paginate(LimitOffsetPagination)
def reports(request: HttpRequest, filters: Query[ReportFilter]):
    """Published reports, newest first."""
    return selectors.report_page(
        country=filters.country,
        round=filters.round,
        kind=filters.kind,
        absolute=request.build_absolute_uri,
    )


@router.get(
    "/reports/{report_id}",
    operation_id="get_report",
    response={200: ReportDetailOut, **ITEM_ERRORS},
    tags=["reports"],
)
def report(request: HttpRequest, report_id: int = Path(..., ge=1, le=INT_MAX)):
    """One published report as published: chapters, paragraphs, recommendations and the
    government's final comments."""
    found = selectors.report_detail(report_id, absolute=request.build_absolute_uri)
    if found is None:
        raise Http404(_("No published report has this id."))
    return found


@router.get(
    "/recommendations",
    operation_id="list_recommendations",
    response={200: list[RecommendationOut], **LIST_ERRORS},
    tags=["recommendations"],
)
@paginate(LimitOffsetPagination)
def recommendations(request: HttpRequest, filters: Query[RecommendationListFilter]):
    """Recommendations of published reports with their current status: the public tracker's
    filter, the export's columns."""
    return selectors.recommendation_page(filters, filters.sort)


@router.get(
    "/recommendations/{recommendation_id}/history",
    operation_id="get_recommendation_history",
    response={200: HistoryOut, **ITEM_ERRORS},
    tags=["recommendations"],
)
def recommendation_history(
    request: HttpRequest, recommendation_id: int = Path(..., ge=1, le=INT_MAX)
):
    """A published recommendation's assessments, cycle by cycle, and the recommendations it
    repeats or that repeat it in later rounds."""
    found = selectors.recommendation_history(recommendation_id)
    if found is None:
        raise Http404(_("No published recommendation has this id."))
    return found


@router.get(
    "/statistics",
    operation_id="get_statistics",
    response={200: StatisticsOut, 422: Error},
    tags=["statistics"],
)
def statistics(request: HttpRequest, filters: Query[RecommendationFilter]):
    """Published recommendations by current status, grouped by country, round, theme and
    strength; the same filter as /recommendations."""
    return selectors.statistics(filters)


@router.get(
    "/indicators",
    operation_id="list_indicators",
    response={200: list[IndicatorOut], **LIST_ERRORS},
    tags=["statistics"],
)
@paginate(LimitOffsetPagination)
def indicators(request: HttpRequest):
    """The harmonised-statistics catalogue: what each indicator counts and how it is broken
    down."""
    return selectors.indicator_page()


@router.get(
    "/indicators/{code}/table",
    operation_id="get_indicator_table",
    response={200: IndicatorTableOut, **ITEM_ERRORS},
    tags=["statistics"],
)
def indicator_table(request: HttpRequest, code: IndicatorCode):
    """One indicator's published totals by country and year: small counts of persons
    suppressed (and what would reveal them by subtraction), with each figure's comparability.
    Only figures from submitted replies in evaluations with a published report are here."""
    found = selectors.indicator_table(code)
    if found is None:
        raise Http404(_("No indicator has this code."))
    return found
