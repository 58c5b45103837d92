"""Reads for the back-office publication screens (the follow-up's reads moved to
`recommendations.selectors.followup`). Everything is scoped through `monitoring.access`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from wagtail.models import ModelLogEntry

from monitoring import access
from recommendations.models import Recommendation

from .models import GovernmentComment, Paragraph, Report
from .selectors import report_for  # noqa: F401 (the one report_for; publication_views)

PUBLISH_ACTION = "reports.publish"


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
