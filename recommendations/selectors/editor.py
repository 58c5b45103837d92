"""Reads for the recommendation form of the report editor."""

from __future__ import annotations

from django.db.models import QuerySet

from recommendations.models import Recommendation
from reports.models import Report


def reiterable_recommendations(report: Report) -> QuerySet[Recommendation]:
    """Recommendations of the same country's earlier published reports."""
    return (
        Recommendation.objects.filter(
            report__evaluation__country_id=report.evaluation.country_id,
            report__published_at__isnull=False,
        )
        .exclude(report=report)
        .select_related("report__evaluation__round")
        .order_by("report__evaluation__round__number", "number")
    )
