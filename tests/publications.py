"""Published versions written directly, for bulk-built test data: the rows and the report's
pointer as `reports.services.report_publish` leaves them, without its checks or the procedure
(the publication itself is tested through the service and the view)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from recommendations import tracker_counts
from reports.models import Report, ReportPublication


def publish_directly(
    report: Report, *, published_at: datetime | None = None, content: dict | None = None
) -> Report:
    """A new published version of `report` (version 1 if it has none), with `content` frozen
    (the working text's snapshot by default); the first date is kept, as the service keeps it."""
    from reports import services

    published_at = published_at or timezone.now()
    latest = report.publications.order_by("-version").first()
    row = ReportPublication.objects.create(
        report=report,
        version=latest.version + 1 if latest else 1,
        published_at=published_at,
        content=services._snapshot(report) if content is None else content,
    )
    Report.objects.filter(pk=report.pk).update(
        publication=row, published_at=report.published_at or published_at
    )
    tracker_counts.refresh([report.pk])  # as the service's `copy_to_published` does
    report.refresh_from_db()
    return report


def rewrite_published_content(report: Report, content: dict) -> None:
    """Change the latest version's frozen content in place (its PDF and text are re-derived)."""
    ReportPublication.objects.filter(pk=report.publication_id).update(content=content)


def publish_bulk(reports: list[Report]) -> None:
    """Version 1 for many reports built with `published_at` already set (bench data): one
    row each, dated like the report, with a content that holds only the title."""
    rows = ReportPublication.objects.bulk_create(
        ReportPublication(
            report=r, version=1, published_at=r.published_at, content={"title_en": r.title_en}
        )
        for r in reports
    )
    for report, row in zip(reports, rows, strict=True):
        report.publication = row
    Report.objects.bulk_update(reports, ["publication"])
    tracker_counts.refresh(report.pk for report in reports)
