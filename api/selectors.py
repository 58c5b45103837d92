"""Reads for the open-data API: what the public may read, and nothing else.

Every read goes through the public tracker's filter (`reports.tracker`), the export rows
(`reports.exports.export_rows`) and the status summaries (`reports.selectors`), scoped through
`monitoring.access` as an anonymous visitor. Lists run a fixed number of queries per page,
whatever the amount of data.

While a published report is being corrected, everything here reads what was published: the
recommendations' published copy (`published_*`: wording, strength, themes, addressees, SDG
target, …) for lists, filters, counts and statistics, the report's frozen published content
for a report; the recommendations the correction adds are not public yet and are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.urls import reverse
from django.utils import translation

from evaluation_rounds.models import EvaluationRound
from indicators import selectors as indicator_selectors
from indicators.models import DIMENSIONS, Indicator
from monitoring import access
from monitoring.i18n import languages_of
from monitoring.models import Country
from recommendations import exports, tracker, tracker_counts
from recommendations import selectors as recommendation_selectors
from recommendations.models import Assessment, AssessmentStatus, Recommendation, Theme
from reports import selectors
from reports.models import Report

from .schemas import RecommendationFilter

STATUSES = AssessmentStatus.values


def _public() -> AnonymousUser:
    return AnonymousUser()


# --- Pages built lazily: the paginator counts, then asks for one window -------------------


@dataclass
class LazyPage:
    """A queryset whose window of rows is turned into response items in a fixed number of
    queries (`build` receives the window's rows, in order: instances or ids)."""

    queryset: QuerySet
    build: Callable[[list[Any]], list[dict]]
    total: Callable[[], int] | None = None  # how to count them without counting the rows

    def count(self) -> int:
        return self.total() if self.total else self.queryset.count()

    def __getitem__(self, window: slice) -> list[dict]:
        return self.build(list(self.queryset[window]))


# --- Recommendations --------------------------------------------------------------------------


def public_recommendations(
    tracker_filter: tracker.TrackerFilter | None = None,
) -> QuerySet[Recommendation]:
    """Published recommendations matching the tracker's filter (all of them without one)."""
    return tracker.published() if tracker_filter is None else tracker.filtered(tracker_filter)


def tracker_filter(
    filters: RecommendationFilter, sort: str = tracker.DEFAULT_SORT
) -> tracker.TrackerFilter:
    """The API's validated parameters as the tracker's filter."""
    params: dict[str, list[str]] = {
        facet: [str(getattr(value, "value", value)) for value in getattr(filters, facet)]
        for facet in tracker.FACETS
    }
    params["q"] = [filters.q] if filters.q else []
    params["sort"] = [sort]
    return tracker.parse(params)


def _rows_for(pks: Sequence[int]) -> list[dict]:
    """Export rows (reports.exports.COLUMNS) of `pks`, already chosen among the public
    recommendations, in that order: five queries. The public ones among them are read first,
    so the rows' queries name the ids themselves: given the public rule as a subquery,
    PostgreSQL joined every assessment and addressee before keeping the window's (390 ms at
    100,000 recommendations)."""
    public = list(tracker.published().filter(pk__in=list(pks)).values_list("pk", flat=True))
    rows = exports.export_rows(recommendations=Recommendation.objects.filter(pk__in=public))
    by_pk = {row["id"]: row for row in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def recommendation_page(filters: RecommendationFilter, sort: str) -> LazyPage:
    """The filtered recommendations in the chosen order; a window of them as export rows."""
    chosen = tracker_filter(filters, sort)
    return LazyPage(
        tracker.ordered_ids(chosen),
        lambda window: _rows_for(list(window)),
        total=lambda: tracker.overview(chosen).total,  # summed from the kept counts
    )


def recommendation_history(pk: int) -> dict | None:
    """The recommendation's export row, its assessments cycle by cycle and its reiteration chain
    across rounds; None unless it is a published recommendation."""
    public = public_recommendations()
    recommendation = public.filter(pk=pk).first()
    if recommendation is None:
        return None
    assessments = [
        {**row, "reasoning_languages": _languages(row, "reasoning")}
        for row in access.visible(
            _public(), Assessment.objects.filter(recommendation=recommendation)
        )
        .order_by("cycle")
        .values("cycle", "status", "reasoning_en", "reasoning_ru", "assessed_on")
    ]
    earlier, later = _published_chain(recommendation)
    rows = {row["id"]: row for row in _rows_for([recommendation.pk, *earlier, *later])}
    return {
        "recommendation": rows[recommendation.pk],
        "assessments": assessments,
        "reiterates": [rows[pk] for pk in earlier if pk in rows],
        "reiterated_by": [rows[pk] for pk in later if pk in rows],
    }


def _published_chain(recommendation: Recommendation) -> tuple[list[int], list[int]]:
    """The published recommendations it repeats (earliest first) and those repeating it in
    later reports, by the published links (`published_reiterates`): a correction in progress
    may be changing the working ones. One query per round walked."""
    public = public_recommendations()
    seen = {recommendation.pk}
    earlier: list[int] = []
    current = recommendation.published_reiterates_id
    while current and current not in seen:
        found = public.filter(pk=current).values_list("pk", "published_reiterates_id").first()
        if found is None:
            break
        seen.add(found[0])
        earlier.append(found[0])
        current = found[1]
    later: list[int] = []
    frontier = [recommendation.pk]
    while frontier:
        frontier = [
            pk
            for pk in public.filter(published_reiterates_id__in=frontier).values_list(
                "pk", flat=True
            )
            if pk not in seen
        ]
        seen.update(frontier)
        later.extend(frontier)
    return earlier[::-1], later


# --- Status counts ----------------------------------------------------------------------------


def _counts(counts: dict[str, int]) -> dict[str, int]:
    return {**{status: counts.get(status, 0) for status in STATUSES}, "total": sum(counts.values())}


def _status_by(
    rows: Iterable[tracker_counts.Combination], key: Callable[[tracker_counts.Combination], Any]
) -> dict[Any, dict[str, int]]:
    """The combinations' counts by status, per `key` of a combination."""
    found: dict[Any, dict[str, int]] = {}
    for row in rows:
        counts = found.setdefault(key(row), {})
        counts[row.status] = counts.get(row.status, 0) + row.count
    return {group: _counts(counts) for group, counts in found.items()}


def _every_combination() -> list[tracker_counts.Combination]:
    return tracker.combinations_in_results(tracker.TrackerFilter())


def _status_by_theme(rows: Iterable[tracker_counts.Combination]) -> dict[str, dict[str, int]]:
    """Counts by status per theme: a recommendation counts once in each of its themes."""
    masks: dict[tuple[int, str], int] = {}
    for row in rows:
        masks[row.theme_mask, row.status] = masks.get((row.theme_mask, row.status), 0) + row.count
    theme_rows = recommendation_selectors.status_rows_by_theme(
        (*key, n) for key, n in masks.items()
    )
    return {row.key: _counts(row.counts) for row in theme_rows}


def _labels(choices: Iterable[tuple[str, Any]]) -> dict[str, tuple[str, str]]:
    """(English, Russian) label of each code."""
    labels: dict[str, tuple[str, str]] = {}
    for value, label in choices:
        with translation.override("en"):
            english = str(label)
        with translation.override("ru"):
            labels[value] = (english, str(label))
    return labels


def statistics(filters: RecommendationFilter) -> dict:
    return statistics_of(tracker_filter(filters))


def statistics_of(chosen: tracker.TrackerFilter) -> dict:
    """The filtered published recommendations by status, grouped by country, round, theme and
    strength: summed from the tracker's kept counts (one query, a second when words are
    searched), plus the names of countries and rounds."""
    rows = tracker.combinations_in_results(chosen)
    by_country = _status_by(rows, lambda row: row.country)
    by_round = _status_by(rows, lambda row: row.round)
    by_theme = _status_by_theme(rows)
    by_strength = _status_by(rows, lambda row: row.strength)
    countries = Country.objects.filter(iso_code__in=by_country).order_by("iso_code")
    rounds = access.visible(_public(), EvaluationRound.objects.filter(number__in=by_round))
    themes = _labels(Theme.choices)
    strengths = _labels(Recommendation.Strength.choices)
    total: dict[str, int] = dict.fromkeys([*STATUSES, "total"], 0)
    for counts in by_country.values():  # every recommendation has exactly one country
        for status, n in counts.items():
            total[status] += n
    return {
        "total": total,
        "by_country": [
            {
                "key": c.iso_code,
                "label_en": c.name_en,
                "label_ru": c.name_ru,
                "counts": by_country[c.iso_code],
            }
            for c in countries
        ],
        "by_round": [
            {
                "key": str(r.number),
                "label_en": r.title_en,
                "label_ru": r.title_ru,
                "counts": by_round[r.number],
            }
            for r in rounds.order_by("number")
        ],
        "by_theme": [
            {"key": code, "label_en": en, "label_ru": ru, "counts": by_theme[code]}
            for code, (en, ru) in themes.items()
            if code in by_theme
        ],
        "by_strength": [
            {"key": code, "label_en": en, "label_ru": ru, "counts": by_strength[code]}
            for code, (en, ru) in strengths.items()
            if code in by_strength
        ],
    }


# --- Countries and rounds -------------------------------------------------------------------


def _published_reports() -> QuerySet[Report]:
    return access.visible(_public(), selectors.published_reports())


def _report_counts(group: str) -> dict[Any, int]:
    return dict(_published_reports().order_by().values_list(group).annotate(n=Count("pk")))


def country_page() -> LazyPage:
    def build(countries: list[Country]) -> list[dict]:
        reports = _report_counts("evaluation__country_id")
        status = _status_by(_every_combination(), lambda row: row.country)
        none = _counts({})
        return [
            {
                "iso_code": country.iso_code,
                "name_en": country.name_en,
                "name_ru": country.name_ru,
                "is_evaluated": country.is_evaluated,
                "published_report_count": reports.get(country.pk, 0),
                "published_recommendation_count": status.get(country.iso_code, none)["total"],
                "recommendation_status": status.get(country.iso_code, none),
            }
            for country in countries
        ]

    return LazyPage(access.visible(_public(), Country).order_by("name_en", "pk"), build)


def round_page() -> LazyPage:
    def build(rounds: list[EvaluationRound]) -> list[dict]:
        reports = _report_counts("evaluation__round__number")
        status = _status_by(_every_combination(), lambda row: row.round)
        return [
            {
                "number": r.number,
                "title_en": r.title_en,
                "title_ru": r.title_ru,
                "theme_en": r.theme_en,
                "theme_ru": r.theme_ru,
                "status": r.status,
                "launch_date": r.launch_date,
                "year": r.launch_date.year if r.launch_date else None,
                "published_report_count": reports.get(r.number, 0),
                "published_recommendation_count": status.get(r.number, _counts({}))["total"],
                "recommendation_status": status.get(r.number, _counts({})),
            }
            for r in rounds
        ]

    return LazyPage(access.visible(_public(), EvaluationRound).order_by("number"), build)


# --- Reports ----------------------------------------------------------------------------------


def _with_published_titles(reports: QuerySet[Report]) -> QuerySet[Report]:
    """The titles as published: a correction in progress may be rewriting the working ones."""
    return reports.annotate(
        published_title_en=KeyTextTransform("title_en", "publication__content"),
        published_title_ru=KeyTextTransform("title_ru", "publication__content"),
    )


def _pdf_url(report: Report, language: str) -> str:
    with translation.override(language):
        return reverse("report_pdf", kwargs={"pk": report.pk})


def evaluation_place(evaluation) -> dict:
    """The country and round of an evaluation, as every API item names them."""
    country, evaluation_round = evaluation.country, evaluation.round
    return {
        "country": {
            "iso_code": country.iso_code,
            "name_en": country.name_en,
            "name_ru": country.name_ru,
        },
        "round": {
            "number": evaluation_round.number,
            "title_en": evaluation_round.title_en,
            "title_ru": evaluation_round.title_ru,
        },
    }


def _report(report: Report, recommendation_count: int, absolute: Callable[[str], str]) -> dict:
    evaluation = report.evaluation
    return {
        "id": report.pk,
        **evaluation_place(evaluation),
        "kind": report.kind,
        "language": report.language,
        "title_en": report.published_title_en or "",
        "title_ru": report.published_title_ru or "",
        "published_at": report.published_at,
        "version": report.version,
        # The latest published version's note (an open correction's note is not public).
        "correction_note": report.publication.correction_note,
        "pdf_url_en": absolute(_pdf_url(report, "en")),
        "pdf_url_ru": absolute(_pdf_url(report, "ru")),
        "recommendation_count": recommendation_count,
    }


def _recommendation_counts(report_ids: list[int]) -> dict[int, int]:
    return dict(
        public_recommendations()
        .filter(report_id__in=report_ids)
        .order_by()
        .values_list("report_id")
        .annotate(n=Count("pk"))
    )


def report_page(
    *, country: str | None, round: int | None, kind: str | None, absolute: Callable[[str], str]
) -> LazyPage:
    reports = _with_published_titles(_published_reports())
    if country:
        reports = reports.filter(evaluation__country__iso_code=country.upper())
    if round is not None:
        reports = reports.filter(evaluation__round__number=round)
    if kind:
        reports = reports.filter(kind=kind)

    def build(window: list[Report]) -> list[dict]:
        counts = _recommendation_counts([r.pk for r in window])
        return [_report(r, counts.get(r.pk, 0), absolute) for r in window]

    return LazyPage(reports.defer("publication__content"), build)


def _languages(source, base_name: str) -> str:
    """The languages a text is written in, as the export writes them ("ru", "en;ru")."""
    return exports.LIST_SEPARATOR.join(languages_of(source, base_name))


def report_detail(pk: int, *, absolute: Callable[[str], str]) -> dict | None:
    """A published report as published (its latest `ReportPublication` row), never the working
    text; None for a draft or an unknown id."""
    report = _with_published_titles(_published_reports()).filter(pk=pk).first()
    if report is None:
        return None
    content = report.publication.content or {}
    published = content.get("recommendations", [])
    current = {
        number: (recommendation_id, status)
        for number, recommendation_id, status in Recommendation.objects.filter(
            report=report, number__in=[item["number"] for item in published]
        ).values_list("number", "pk", "current_status")
    }
    return {
        **_report(report, len(published), absolute),
        "chapters": [
            {
                "number": chapter["number"],
                "title_en": chapter["title_en"],
                "title_ru": chapter["title_ru"],
                "title_languages": _languages(chapter, "title"),
                "paragraphs": [
                    {**paragraph, "text_languages": _languages(paragraph, "text")}
                    for paragraph in chapter["paragraphs"]
                ],
            }
            for chapter in content.get("chapters", [])
        ],
        "recommendations": [
            {
                "id": current.get(item["number"], (None, None))[0],
                "number": item["number"],
                "paragraph_number": item["paragraph"],
                "strength": item["strength"],
                "text_en": item["text_en"],
                "text_ru": item["text_ru"],
                "text_languages": _languages(item, "text"),
                "current_status": current.get(item["number"], (None, "not_assessed"))[1],
            }
            for item in published
        ],
        "final_comments": content.get("final_comments", []),
    }


# --- Harmonised statistics ------------------------------------------------------------------


def _indicator(indicator: Indicator) -> dict:
    return {
        "code": indicator.code,
        "name_en": indicator.name_en,
        "name_ru": indicator.name_ru,
        "definition_en": indicator.definition_en,
        "definition_ru": indicator.definition_ru,
        "unit": indicator.unit,
        "legal_basis": indicator.legal_basis,
        "source_type": indicator.source_type,
        "breakdowns": [name for name in DIMENSIONS if indicator.allows(name)],
        "suppression_threshold": indicator.suppression_threshold if indicator.suppresses else None,
    }


def indicator_page() -> LazyPage:
    """The public catalogue of indicators, in the catalogue's order."""
    return LazyPage(
        indicator_selectors.published_indicators(),
        lambda indicators: [_indicator(i) for i in indicators],
    )


def indicator_table(code: str) -> dict | None:
    """One indicator's published country x year totals, suppressed and flagged (the public
    statistics page's table)."""
    indicator = indicator_selectors.published_indicators().filter(code=code).first()
    if indicator is None:
        return None
    table = indicator_selectors.comparison_table(user=_public(), indicator=indicator)
    return {
        "indicator": _indicator(indicator),
        "years": table.years,
        "demonstration": table.has_demonstration,
        "rows": [
            {
                "country": {
                    "iso_code": row.country.iso_code,
                    "name_en": row.country.name_en,
                    "name_ru": row.country.name_ru,
                },
                "notes": row.notes,
                "cells": [
                    {
                        "year": year,
                        "value": cell.value,
                        "shown": cell.display,
                        "suppressed": cell.hidden.value if cell.hidden else None,
                        "comparability": cell.comparability.value,
                    }
                    for year, cell in zip(table.years, row.cells, strict=True)
                    if cell is not None
                ],
            }
            for row in table.rows
        ],
    }
