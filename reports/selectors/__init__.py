"""Reads on reports (a package: editor, portal). Every selector scopes through `monitoring.access`
first, so the same function serves the public site, the portal and the back office."""

from __future__ import annotations

from django.db.models import QuerySet

from monitoring import access

from ..models import Paragraph, Report


def published_reports(*, country=None, round=None) -> QuerySet[Report]:
    """Published reports, newest first (public site, open-data API)."""
    reports = Report.objects.filter(published_at__isnull=False).select_related(
        "evaluation__country", "evaluation__round", "publication"
    )
    if country is not None:
        reports = reports.filter(evaluation__country=country)
    if round is not None:
        reports = reports.filter(evaluation__round=round)
    return reports.order_by("-published_at", "pk")


def report_for(user, pk: int) -> Report:
    """One report the user may read (raises Report.DoesNotExist when absent or not visible):
    the editor, publication and follow-up screens all start from it."""
    return (
        access.visible(user, Report)
        .select_related("evaluation__country", "evaluation__round", "publication")
        .defer("publication__content")
        .get(pk=pk)
    )


def report_paragraphs(*, user, report: Report) -> QuerySet[Paragraph]:
    return access.visible(user, Paragraph.objects.filter(chapter__report=report)).order_by("number")
