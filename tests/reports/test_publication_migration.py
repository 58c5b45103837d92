"""The migration that turns published versions into `ReportPublication` rows, on a copy of the
demo data (SQLite, and PostgreSQL when DATABASE_URL points there).

The demo is seeded with today's code, the schema taken back to before the rows (the backward
data migration writes the old fields from the rows), versions are then added the old ways (a
correction published through the view and logged by Wagtail, one published without the view
and recorded only in the audit log, a correction left open, a report published by a command
with no record at all), and the schema taken forward again: every published version must come
back as a row, with its date, publisher, note and (for the latest) its frozen content.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from demo import seeding as demo
from monitoring.models import AuditEvent
from tests.migrations import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reports", "0009_report_own_stage")]
AFTER = [("reports", "0012_remove_report_version_published_content")]

T1 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2024, 6, 2, 10, 0, tzinfo=UTC)
T3 = datetime(2024, 9, 3, 11, 0, tzinfo=UTC)
T4 = datetime(2025, 1, 4, 12, 0, tzinfo=UTC)


# Only `reports` goes back in time: the other apps' tables are today's, read with today's models.


def _audit(report, version: int, note: str, at: datetime, actor) -> None:
    AuditEvent.objects.create(
        kind="publication",
        occurred_at=at,
        actor_id=actor.pk,
        actor_name=actor.username,
        object_type="reports.report",
        object_id=str(report.pk),
        object_repr=str(report.pk),
        detail=f"version {version}: {note}".rstrip(": "),
    )


def _view_log(report, version: int, note: str, at: datetime, actor) -> None:
    content_type = ContentType.objects.get(app_label="reports", model="report")
    ModelLogEntry.objects.create(
        content_type=content_type,
        object_id=str(report.pk),
        label=str(report.pk),
        action="reports.publish",
        timestamp=at,
        user_id=actor.pk,
        data={"version": version, "correction_note": note},
    )


@pytest.fixture
def at_the_old_schema():
    """The demo, seeded today, then the schema (and data) as before the rows; forward after."""
    demo.seed()
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to_latest()


def test_every_published_version_becomes_a_row(at_the_old_schema):
    apps = at_the_old_schema
    Report = apps.get_model("reports", "Report")
    secretariat = get_user_model().objects.get(username="secretariat")

    # The demo's published report, as the old schema kept it (written back from its row).
    kazakhstan = Report.objects.get(version__gt=0)
    assert kazakhstan.version == 1
    demo_content = kazakhstan.published_content
    assert demo_content["chapters"] and demo_content["recommendations"]
    first_published = kazakhstan.published_at
    # Two corrections: the first through the view (Wagtail's log and the audit log), the
    # second without the view (a command: the audit log only).
    _view_log(kazakhstan, 2, "Paragraph 3 corrected", T2, secretariat)
    _audit(kazakhstan, 2, "Paragraph 3 corrected", T2, secretariat)
    _audit(kazakhstan, 3, "Typo in the title", T3, secretariat)
    latest_content = {**demo_content, "title_en": "Kazakhstan, corrected"}
    Report.objects.filter(pk=kazakhstan.pk).update(
        version=3, published_content=latest_content, correction_note="Typo in the title"
    )

    corrected = Report.objects.filter(version=0).order_by("pk").first()
    assert corrected is not None, "the demo has an unpublished report to publish the old way"
    by_command = Report.objects.create(
        evaluation_id=kazakhstan.evaluation_id, kind="follow_up", title_en="Follow-up"
    )
    # A second version recorded only in the audit log, and a correction open since.
    _audit(corrected, 2, "Figures updated", T2, secretariat)
    corrected_content = {"title_en": "Corrected", "chapters": [], "recommendations": []}
    Report.objects.filter(pk=corrected.pk).update(
        version=2,
        published_at=T1,
        published_content=corrected_content,
        correction_open=True,
        correction_note="Chapter 2 is being rewritten",
    )
    # Published by a command that recorded nothing.
    command_content = {"title_en": "By command", "chapters": [], "recommendations": []}
    Report.objects.filter(pk=by_command.pk).update(
        version=1, published_at=T4, published_content=command_content
    )
    expected_rows = sum(Report.objects.values_list("version", flat=True))

    apps = migrate_to(AFTER)
    Report = apps.get_model("reports", "Report")
    ReportPublication = apps.get_model("reports", "ReportPublication")
    assert ReportPublication.objects.count() == expected_rows == 6

    def rows(report):
        return {
            row.version: row
            for row in ReportPublication.objects.filter(report_id=report.pk).order_by("version")
        }

    kz = rows(kazakhstan)
    assert list(kz) == [1, 2, 3]
    assert kz[1].published_at == first_published
    assert kz[1].published_by_id == secretariat.pk  # from the demo seed's audit event
    assert (kz[1].correction_note, kz[1].content) == ("", None)  # never kept
    assert (kz[2].published_at, kz[2].published_by_id) == (T2, secretariat.pk)
    assert (kz[2].correction_note, kz[2].content) == ("Paragraph 3 corrected", None)
    assert (kz[3].published_at, kz[3].published_by_id) == (T3, secretariat.pk)
    assert kz[3].correction_note == "Typo in the title"
    assert kz[3].content == latest_content
    kazakhstan = Report.objects.get(pk=kazakhstan.pk)
    assert kazakhstan.publication_id == kz[3].pk
    assert kazakhstan.published_at == first_published
    assert kazakhstan.correction_note == ""  # it belongs to version 3 now

    co = rows(corrected)
    assert list(co) == [1, 2]
    assert (co[1].published_at, co[1].published_by_id, co[1].content) == (T1, None, None)
    assert (co[2].published_at, co[2].correction_note) == (T2, "Figures updated")
    assert co[2].content == corrected_content
    corrected = Report.objects.get(pk=corrected.pk)
    assert corrected.publication_id == co[2].pk
    assert corrected.correction_open
    assert corrected.correction_note == "Chapter 2 is being rewritten"  # still the open one's

    bc = rows(by_command)
    assert list(bc) == [1]
    assert (bc[1].published_at, bc[1].published_by_id) == (T4, None)
    assert (bc[1].correction_note, bc[1].content) == ("", command_content)
    assert Report.objects.get(pk=by_command.pk).publication_id == bc[1].pk

    # Nothing else became published, and every unpublished report still points nowhere.
    assert set(Report.objects.filter(publication__isnull=False).values_list("pk", flat=True)) == {
        kazakhstan.pk,
        corrected.pk,
        by_command.pk,
    }
    assert not Report.objects.filter(publication__isnull=True, published_at__isnull=False)


def test_the_way_back_keeps_the_latest_version(at_the_old_schema):
    """Backwards (the fixture went back already): the old fields hold the latest row."""
    apps = at_the_old_schema
    Report = apps.get_model("reports", "Report")
    published = Report.objects.get(version__gt=0)
    apps = migrate_to(AFTER)
    row = apps.get_model("reports", "ReportPublication").objects.get(report_id=published.pk)
    assert row.content == published.published_content
    assert row.version == published.version == 1
    assert row.published_at == published.published_at
