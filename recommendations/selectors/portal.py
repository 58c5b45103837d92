"""Reads for the government's follow-up in the portal: the published report's recommendations
with their progress updates and evidence. Every queryset is scoped by `monitoring.access`."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from evaluation_rounds.models import Deadline
from evaluation_rounds.procedure import DeadlineKind, State
from monitoring import access
from monitoring.models import Organisation
from recommendations.models import ProgressEvidence, ProgressUpdate, Recommendation
from reports.models import Report


def follow_up_recommendations(*, user, report: Report) -> list[Recommendation]:
    """The published report's recommendations with their current status and the government's
    progress updates (and evidence files), in four queries."""
    updates = (
        access.visible(user, ProgressUpdate)
        .select_related("author", "responsible_body")
        .prefetch_related(
            Prefetch("evidence", queryset=access.visible(user, ProgressEvidence).order_by("pk"))
        )
        .order_by("-reported_on", "-pk")
    )
    return list(
        access.visible(user, Recommendation)
        .filter(report=report)
        .prefetch_related(Prefetch("progress_updates", queryset=updates))
        .order_by("number")
    )


def follow_up_deadline(report: Report) -> Deadline | None:
    """The open deadline of the requested follow-up report (None while none is requested)."""
    if report.evaluation.state != State.FOLLOW_UP_REQUESTED:
        return None
    return (
        report.evaluation.deadlines.filter(
            kind=DeadlineKind.FOLLOW_UP_REPORT, closed_on__isnull=True
        )
        .order_by("-starts_on", "-pk")
        .first()
    )


def responsible_bodies(report: Report) -> QuerySet[Organisation]:
    """The bodies of the evaluated country, to name who is responsible for a measure."""
    return Organisation.objects.filter(country_id=report.evaluation.country_id).order_by("name_en")


def progress_update(user, report: Report, pk: int) -> ProgressUpdate | None:
    return (
        access.visible(user, ProgressUpdate)
        .filter(recommendation__report=report, pk=pk)
        .select_related("recommendation")
        .first()
    )


def evidence_file(user, pk: int) -> ProgressEvidence | None:
    return access.visible(user, ProgressEvidence).filter(pk=pk).first()
