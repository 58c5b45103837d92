"""One ReportPublication row per version published before versions were rows.

Until now a report kept only its latest published version's content (`published_content`), its
number (`version`), the date of the first version (`published_at`) and the latest note
(`correction_note`, overwritten by the note of a correction once one is opened). Each version's
date, publisher and note were recorded in two logs: the audit log (`monitoring.AuditEvent`,
"version N: note", written by the publish service whatever called it) and Wagtail's log
(`ModelLogEntry` "reports.publish", written by the publication view). This migration gathers
them: for each version 1…`version`, a row with
- the date: `published_at` for version 1, else from Wagtail's log, else from the audit log;
- the publisher from Wagtail's log, else the audit log;
- the note from Wagtail's log, else the report's note (the latest version, no correction open),
  else the audit log's detail;
- the content: the latest version's frozen content; earlier versions' content was never kept.
The report then points to its latest row, and a note that now belongs to its row is cleared.
"""

import re

from django.db import migrations

PUBLISH_ACTION = "reports.publish"
_DETAIL = re.compile(r"^version (\d+)(?:: (.*))?$", re.DOTALL)


def _logs(apps, report_ids):
    """{(report id, version): {"at", "user_id", "note"}} from both logs (Wagtail's wins)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("monitoring", "AuditEvent")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    found = {}
    audit = AuditEvent.objects.filter(kind="publication", object_type="reports.report").order_by(
        "occurred_at", "pk"
    )
    for event in audit.iterator():
        match = _DETAIL.match(event.detail or "")
        if not match or not event.object_id.isdigit() or int(event.object_id) not in report_ids:
            continue
        found[(int(event.object_id), int(match.group(1)))] = {
            "at": event.occurred_at,
            "user_id": event.actor_id,
            "note": match.group(2) or "",
        }
    content_type = ContentType.objects.filter(app_label="reports", model="report").first()
    if content_type is not None:
        entries = ModelLogEntry.objects.filter(
            content_type=content_type, action=PUBLISH_ACTION
        ).order_by("timestamp", "pk")
        for entry in entries.iterator():
            data = entry.data or {}
            if not str(entry.object_id).isdigit() or not data.get("version"):
                continue
            found[(int(entry.object_id), int(data["version"]))] = {
                "at": entry.timestamp,
                "user_id": entry.user_id,
                "note": data.get("correction_note", ""),
                "from_view": True,
            }
    return found


def forwards(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    ReportPublication = apps.get_model("reports", "ReportPublication")
    User = apps.get_model(*_user_model().split("."))
    published = list(Report.objects.filter(version__gt=0).order_by("pk"))
    logs = _logs(apps, {report.pk for report in published})
    user_ids = set(User.objects.values_list("pk", flat=True))
    for report in published:
        latest = None
        for version in range(1, report.version + 1):
            log = logs.get((report.pk, version), {})
            # `published_at` is the first version's date by definition (the demo back-dates it).
            at = report.published_at if version == 1 else log.get("at")
            is_latest = version == report.version
            if log.get("from_view"):
                note = log["note"]
            elif is_latest and not report.correction_open and report.correction_note:
                note = report.correction_note  # whole, where the audit detail is cut at 500
            else:
                note = log.get("note", "")
            user_id = log.get("user_id")
            latest = ReportPublication.objects.create(
                report=report,
                version=version,
                published_at=at,
                published_by_id=user_id if user_id in user_ids else None,
                correction_note=note,
                content=report.published_content if is_latest else None,
            )
        report.publication = latest
        if not report.correction_open:
            report.correction_note = ""  # it is the latest row's note now
        report.save(update_fields=["publication", "correction_note"])


def backwards(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.filter(publication__isnull=False).select_related("publication"):
        latest = report.publication
        report.version = latest.version
        report.published_content = latest.content
        if not report.correction_open:
            report.correction_note = latest.correction_note
        report.publication = None
        report.save(
            update_fields=["version", "published_content", "correction_note", "publication"]
        )
    apps.get_model("reports", "ReportPublication").objects.all().delete()


def _user_model():
    from django.conf import settings

    return settings.AUTH_USER_MODEL


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_report_publication"),
        ("monitoring", "0002_audit_log"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0088_fix_log_entry_json_timestamps"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
