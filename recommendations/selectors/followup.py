"""Reads for the back-office follow-up screens: a report's recommendations with their latest
assessment and progress, one recommendation's history. Everything is scoped through
`monitoring.access`, and every list runs a fixed number of queries whatever the number of
recommendations (subqueries and prefetches, never a query per row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from reversion.models import Version

from monitoring import access
from recommendations.models import Assessment, ProgressUpdate, Recommendation
from recommendations.selectors.status import recommendations_for
from reports.models import Report

SORTS = {  # value: ordering
    "number": ("number",),
    "-number": ("-number",),
    "status": ("current_status", "number"),
    "strength": ("strength", "number"),
    "assessed": ("-latest_assessed_on", "number"),
}


def _latest(field: str) -> Subquery:
    latest = Assessment.objects.filter(recommendation=OuterRef("pk")).order_by(
        "-cycle", "-assessed_on", "-pk"
    )
    return Subquery(latest.values(field)[:1])


def follow_up_recommendations(
    user,
    report: Report,
    *,
    status: str = "",
    theme: str = "",
    strength: str = "",
    addressee: int | None = None,
    sort: str = "number",
) -> QuerySet[Recommendation]:
    """The report's recommendations with their current status and latest assessment
    (subqueries), themes, addressees and progress updates (prefetched per page)."""
    recommendations = (
        recommendations_for(user)
        .filter(report=report)
        .annotate(
            latest_reasoning_en=_latest("reasoning_en"),
            latest_reasoning_ru=_latest("reasoning_ru"),
            latest_assessed_on=_latest("assessed_on"),
            latest_cycle=_latest("cycle"),
            update_count=Count("progress_updates", distinct=True),
            submitted_update_count=Count(
                "progress_updates", filter=Q(progress_updates__submitted=True), distinct=True
            ),
        )
        .select_related("paragraph")
        .prefetch_related(
            "themes",
            "addressees",
            Prefetch(
                "progress_updates",
                queryset=access.visible(user, ProgressUpdate).select_related("responsible_body"),
            ),
        )
    )
    if status:
        recommendations = recommendations.filter(current_status=status)
    if theme:
        recommendations = recommendations.filter(themes__theme=theme)
    if strength:
        recommendations = recommendations.filter(strength=strength)
    if addressee:
        recommendations = recommendations.filter(addressees=addressee)
    return recommendations.order_by(*SORTS.get(sort, SORTS["number"]))


def days_open(report: Report, today: date | None = None) -> int | None:
    """Days since publication: the same for every recommendation of the report."""
    if not report.published_at:
        return None
    today = today or timezone.localdate()
    return (today - timezone.localdate(report.published_at)).days


# --- One recommendation ------------------------------------------------------------------


def recommendation_for(user, pk: int) -> Recommendation:
    return (
        recommendations_for(user)
        .select_related("report__evaluation__country", "report__evaluation__round", "paragraph")
        .prefetch_related(
            "themes",
            "addressees",
            Prefetch(
                "progress_updates",
                queryset=access.visible(user, ProgressUpdate)
                .select_related("responsible_body", "author")
                .prefetch_related("evidence"),
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class AssessmentVersion:
    cycle: int
    status: str
    status_label: str
    reasoning_en: str
    reasoning_ru: str
    assessed_on: str
    recorded_at: datetime
    user: object | None
    is_current_wording: bool


def assessment_history(user, recommendation: Recommendation) -> list[AssessmentVersion]:
    """Every cycle and every earlier wording of the recommendation's assessments (the
    django-reversion versions), newest first, with who recorded it and when."""
    from recommendations.models import AssessmentStatus

    assessment_ids = [
        str(pk)
        for pk in access.visible(
            user, Assessment.objects.filter(recommendation=recommendation)
        ).values_list("pk", flat=True)
    ]
    versions = (
        Version.objects.get_for_model(Assessment)
        .filter(object_id__in=assessment_ids)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    labels = dict(AssessmentStatus.choices)
    history, seen = [], set()
    for version in versions:
        fields = version.field_dict
        history.append(
            AssessmentVersion(
                cycle=fields["cycle"],
                status=fields["status"],
                status_label=str(labels.get(fields["status"], fields["status"])),
                reasoning_en=fields.get("reasoning_en", ""),
                reasoning_ru=fields.get("reasoning_ru", ""),
                assessed_on=fields["assessed_on"],
                recorded_at=version.revision.date_created,
                user=version.revision.user,
                is_current_wording=version.object_id not in seen,
            )
        )
        seen.add(version.object_id)
    return history


@dataclass(frozen=True)
class RoundLink:
    recommendation: Recommendation
    direction: str  # "earlier" or "later"


def history_across_rounds(user, recommendation: Recommendation) -> list[RoundLink]:
    """The chain of recommendations this one repeats (earliest first) and those that repeat
    it in later reports, each with its current status. One query per round walked: a chain is
    as long as the number of rounds, never the number of recommendations."""
    related = recommendations_for(user).select_related(
        "report__evaluation__round", "report__evaluation__country"
    )
    earlier: list[Recommendation] = []
    seen = {recommendation.pk}
    current = recommendation
    while current.reiterates_id and current.reiterates_id not in seen:
        current = related.filter(pk=current.reiterates_id).first()
        if current is None:
            break
        seen.add(current.pk)
        earlier.append(current)
    later: list[Recommendation] = []
    frontier = [recommendation.pk]
    while frontier:
        found = [r for r in related.filter(reiterates_id__in=frontier) if r.pk not in seen]
        seen.update(r.pk for r in found)
        later.extend(found)
        frontier = [r.pk for r in found]
    return [RoundLink(r, "earlier") for r in reversed(earlier)] + [
        RoundLink(r, "later") for r in later
    ]
