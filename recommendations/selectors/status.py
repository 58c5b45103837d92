"""Reads on recommendations and their status: what a user may read, status summaries, open
recommendations and their age, and the items the next round's questionnaire asks about again.
Every selector scopes through `monitoring.access` first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from monitoring import access
from monitoring.i18n import active_language
from recommendations.models import (
    OPEN_STATUSES,
    Assessment,
    AssessmentStatus,
    Recommendation,
    Theme,
    themes_of_mask,
)


def recommendations_for(user) -> QuerySet[Recommendation]:
    """The recommendations `user` may read, with their current status."""
    return access.visible(user, Recommendation.objects.all())


# --- Status summaries: one aggregate query each --------------------------------------------

SUMMARY_GROUPS = {  # dimension: (grouping path, label path in the active {language})
    "country": ("report__evaluation__country_id", "report__evaluation__country__name_{language}"),
    "round": ("report__evaluation__round__number", "report__evaluation__round__number"),
    "strength": ("strength", "strength"),
    "addressee": ("addressees__id", "addressees__name_{language}"),
}

SUMMARY_BY = (*SUMMARY_GROUPS, "theme")  # themes are read off the stored theme mask

CHOICE_LABELS = {"theme": dict(Theme.choices), "strength": dict(Recommendation.Strength.choices)}


@dataclass
class StatusRow:
    key: object
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def open(self) -> int:
        return sum(self.counts.get(status, 0) for status in OPEN_STATUSES)


def latest_assessments() -> QuerySet[Assessment]:
    """Each recommendation's latest assessment (its current status): the one no assessment of
    a later cycle follows. (recommendation, cycle) is unique, so the highest cycle decides.

    An anti-join rather than a correlated subquery per recommendation: over 50,000
    recommendations the subquery made PostgreSQL estimate a huge cost, switch on JIT
    compilation and take 300-550 ms per summary (tests/bench/bench_recommendation_status.py)."""
    later = Assessment.objects.filter(
        recommendation=OuterRef("recommendation"), cycle__gt=OuterRef("cycle")
    )
    return Assessment.objects.filter(~Exists(later))


def status_summary(
    *,
    user,
    by: str,
    country=None,
    round=None,
    recommendations: QuerySet[Recommendation] | None = None,
) -> list[StatusRow]:
    """Recommendations counted by current status, grouped by country, round, theme, strength or
    addressee, in one query whatever the number of recommendations. A recommendation with several
    themes (or addressees) counts once in each of them. `recommendations`, if given, is the
    selection to count, already scoped (the public tracker's filter)."""
    if by not in SUMMARY_BY:
        raise ValueError(f"status_summary() cannot group by {by!r}")
    if recommendations is None:
        recommendations = access.visible(user, Recommendation.objects.all())
    if country is not None:
        recommendations = recommendations.filter(report__evaluation__country=country)
    if round is not None:
        recommendations = recommendations.filter(report__evaluation__round=round)
    if by == "theme":
        counts = recommendations.order_by().values_list("theme_mask", "current_status")
        return status_rows_by_theme(counts.annotate(n=Count("pk")))
    key_path, label_path = SUMMARY_GROUPS[by]
    label_path = label_path.format(language=active_language())
    paths = list(dict.fromkeys([key_path, label_path]))
    # A recommendation joins once per addressee, and (recommendation, addressee) is unique: a
    # plain count is exact, no DISTINCT needed.
    items = (
        recommendations.exclude(**{f"{key_path}__isnull": True})
        .order_by(key_path, "current_status")
        .values(*paths, "current_status")
        .annotate(count=Count("pk"))
    )
    labels = CHOICE_LABELS.get(by, {})
    rows: dict[object, StatusRow] = {}
    for item in items:
        row = rows.setdefault(
            item[key_path],
            StatusRow(key=item[key_path], label=str(labels.get(item[key_path], item[label_path]))),
        )
        row.counts[item["current_status"]] = item["count"]
    return list(rows.values())


def status_rows_by_theme(rows: Iterable[tuple]) -> list[StatusRow]:
    """Counts grouped by (theme mask, status, ..., count) as one status row per theme, in the
    taxonomy's order: a recommendation on several themes counts in each of them."""
    labels = CHOICE_LABELS["theme"]
    by_theme: dict[str, StatusRow] = {}
    for mask, status, *_rest, n in rows:
        for theme in themes_of_mask(mask):
            row = by_theme.get(theme)
            if row is None:  # a label translated once per theme, not once per row
                row = by_theme[theme] = StatusRow(theme, str(labels[theme]))
            row.counts[status] = row.counts.get(status, 0) + n
    return [by_theme[theme] for theme in Theme.values if theme in by_theme]


def open_recommendations(*, user, addressee=None) -> QuerySet[Recommendation]:
    """Recommendations not yet implemented (or not yet assessed), optionally for one body."""
    recommendations = recommendations_for(user).filter(current_status__in=OPEN_STATUSES)
    if addressee is not None:
        recommendations = recommendations.filter(addressees=addressee)
    return recommendations.select_related("report__evaluation__country").order_by(
        "report__published_at", "report_id", "number"
    )


@dataclass(frozen=True)
class AgeingItem:
    recommendation: Recommendation
    days_open: int


def open_recommendations_ageing(*, user, today: date | None = None, addressee=None):
    """Open recommendations of published reports with the days since publication, oldest
    first."""
    today = today or timezone.localdate()
    recommendations = open_recommendations(user=user, addressee=addressee).filter(
        report__published_at__isnull=False
    )
    return [
        AgeingItem(r, (today - timezone.localdate(r.report.published_at)).days)
        for r in recommendations
    ]


FOLLOW_UP_STATUSES = (AssessmentStatus.NOT_IMPLEMENTED, AssessmentStatus.PARTLY_IMPLEMENTED)


@dataclass(frozen=True)
class FollowUpItem:
    """An earlier recommendation that still needs a question in the next round (what
    questionnaires.structure_services asks about again, through its FOLLOW_UP_ITEMS_HOOK)."""

    reference: str  # a stable id of the recommendation
    country_id: int
    text_en: str
    text_ru: str
    status: str  # "not_implemented" or "partly_implemented"


def follow_up_items(country, round) -> list[FollowUpItem]:
    """Recommendations to ask about again in the next round's questionnaire: those of the
    country's published reports in `round` whose current status is not or partly implemented."""
    recommendations = (
        Recommendation.objects.filter(
            report__published_at__isnull=False,
            report__evaluation__country=country,
            report__evaluation__round=round,
            current_status__in=FOLLOW_UP_STATUSES,
        )
        .select_related("report__evaluation")
        .order_by("report_id", "number")
    )
    return [
        FollowUpItem(
            reference=f"recommendation-{r.pk}",
            country_id=r.report.evaluation.country_id,
            text_en=r.text_en,
            text_ru=r.text_ru,
            status=r.current_status,
        )
        for r in recommendations
    ]
