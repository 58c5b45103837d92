"""Reads for the back-office publication and follow-up screens. Everything is scoped through
`monitoring.access` (via `reports.selectors`), and every list runs a fixed number of queries
whatever the number of recommendations (subqueries and prefetches, never a query per row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from reversion.models import Version
from wagtail.models import ModelLogEntry

from monitoring import access
from recommendations.models import Assessment, ProgressUpdate, Recommendation
from recommendations.selectors import recommendations_for

from .models import GovernmentComment, Paragraph, Report

PUBLISH_ACTION = "reports.publish"

SORTS = {  # value: ordering
    "number": ("number",),
    "-number": ("-number",),
    "status": ("current_status", "number"),
    "strength": ("strength", "number"),
    "assessed": ("-latest_assessed_on", "number"),
}


def report_for(user, pk: int) -> Report:
    """One report the user may read (raises Report.DoesNotExist)."""
    return (
        access.visible(user, Report)
        .select_related("evaluation__country", "evaluation__round")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class PublicationSummary:
    chapters: int
    paragraphs: int
    recommendations_by_strength: dict[str, int]
    final_comments: list[GovernmentComment]
    unsubmitted_final_comments: int

    @property
    def recommendations(self) -> int:
        return sum(self.recommendations_by_strength.values())


def publication_summary(user, report: Report) -> PublicationSummary:
    """What publishing makes public: the text, the recommendations and the government's
    submitted final comments (in-progress ones are counted, as they would be left out)."""
    counts = (
        access.visible(user, Recommendation.objects.filter(report=report))
        .order_by()
        .values_list("strength")
        .annotate(n=Count("pk"))
    )
    labels = dict(Recommendation.Strength.choices)
    by_strength = {str(labels.get(strength, strength)): n for strength, n in counts}
    comments = list(
        access.visible(
            user,
            GovernmentComment.objects.filter(report=report, kind=GovernmentComment.Kind.FINAL),
        ).select_related("author")
    )
    submitted = [c for c in comments if c.status == GovernmentComment.Status.SUBMITTED]
    return PublicationSummary(
        chapters=report.chapters.count(),
        paragraphs=access.visible(user, Paragraph.objects.filter(chapter__report=report)).count(),
        recommendations_by_strength=by_strength,
        final_comments=submitted,
        unsubmitted_final_comments=len(comments) - len(submitted),
    )


@dataclass(frozen=True)
class PublicationEvent:
    published_at: datetime | None
    version: int
    correction_note: str
    user: object | None


def publication_history(report: Report) -> list[PublicationEvent]:
    """Every published version, newest first, from the audit log the publication view writes.
    Versions published without the view (the demo seed, a command) are not logged: the first
    one still shows with its date (`published_at` keeps it), a later one without a date."""
    entries = (
        ModelLogEntry.objects.for_instance(report)
        .filter(action=PUBLISH_ACTION)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    events = [
        PublicationEvent(
            published_at=entry.timestamp,
            version=entry.data.get("version", 0),
            correction_note=entry.data.get("correction_note", ""),
            user=entry.user,
        )
        for entry in entries
    ]
    logged = {event.version for event in events}
    if report.is_published and report.version not in logged and report.version > 1:
        note = "" if report.correction_open else report.correction_note
        events.insert(0, PublicationEvent(None, report.version, note, None))
    if report.is_published and 1 not in logged:  # `published_at` keeps the first date
        events.append(PublicationEvent(report.published_at, 1, "", None))
    return events


# --- Follow-up of one published report ------------------------------------------------------


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
            latest_reasoning=_latest("reasoning"),
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
    reasoning: str
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
                reasoning=fields["reasoning"],
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
