"""The moved models' tables become recommendations_*, and their history follows them.

Renaming a table keeps its rows, its indexes and the foreign keys pointing at it (PostgreSQL
follows the table's identity; SQLite >= 3.26 rewrites the references). The content types keep
their ids and change app only, so everything holding one (reversion's versions, Wagtail's log
entries and reference index, permissions and the groups that have them) stays attached. The
versions' serialised data names its model (`"model": "reports.recommendation"`), which
reversion reads back when it shows or restores a version, so it is renamed too.
"""

import json

from django.db import migrations

MOVED = ["assessment", "progressevidence", "progressupdate", "recommendation", "recommendationtheme"]


def _move(apps, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue  # a database that never had the model: nothing to carry over
        # One made in the meantime (by post_migrate) holds nothing yet: the old one, with its
        # history and permissions, takes its place.
        ContentType.objects.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])
        for version in Version.objects.filter(content_type=old, format="json").iterator():
            data = json.loads(version.serialized_data)
            for item in data:
                if item.get("model") == f"{source}.{model}":
                    item["model"] = f"{target}.{model}"
            version.serialized_data = json.dumps(data)
            version.save(update_fields=["serialized_data"])


def forwards(apps, schema_editor):
    _move(apps, source="reports", target="recommendations")


def backwards(apps, schema_editor):
    _move(apps, source="recommendations", target="reports")


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AlterModelTable(name="assessment", table=None),
        migrations.AlterModelTable(name="progressevidence", table=None),
        migrations.AlterModelTable(name="progressupdate", table=None),
        migrations.AlterModelTable(name="recommendation", table=None),
        migrations.AlterModelTable(name="recommendationtheme", table=None),
        migrations.RunPython(forwards, backwards),
    ]
