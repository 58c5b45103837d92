"""Reads for the back-office publication screens: what publishing makes public, and the
published versions (`ReportPublication` rows, written only by `services.report_publish`).
Scoped through `monitoring.access`; each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from monitoring import access

from ..models import GovernmentComment, Paragraph, Report, ReportPublication


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
    # Through the reverse relation: reports reads its recommendations without importing them.
    recommendations = report.recommendations.all()
    counts = (
        access.visible(user, recommendations)
        .order_by()
        .values_list("strength")
        .annotate(n=Count("pk"))
    )
    labels = dict(recommendations.model.Strength.choices)
    by_strength = {str(labels.get(strength, strength)): n for strength, n in counts}
    comments = list(
        access.visible(
            user,
            GovernmentComment.objects.filter(report=report, kind=GovernmentComment.Kind.FINAL),
        ).select_related("author", "recommendation", "paragraph")  # what each is about
    )
    submitted = [c for c in comments if c.status == GovernmentComment.Status.SUBMITTED]
    return PublicationSummary(
        chapters=report.chapters.count(),
        paragraphs=access.visible(user, Paragraph.objects.filter(chapter__report=report)).count(),
        recommendations_by_strength=by_strength,
        final_comments=submitted,
        unsubmitted_final_comments=len(comments) - len(submitted),
    )


def publication_history(report: Report) -> QuerySet[ReportPublication]:
    """Every published version of the report, newest first, with who published it (one query;
    the frozen content and the PDFs are not read)."""
    return (
        ReportPublication.objects.filter(report=report)
        .select_related("published_by")
        .defer("content")
        .order_by("-version")
    )
