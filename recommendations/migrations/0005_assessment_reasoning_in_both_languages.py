"""An assessment's reasoning in both languages, like every other text: the one reasoning moves
into the language it is written in (Cyrillic → Russian, else English), in the assessments and in
their django-reversion versions, so the history page keeps every earlier wording."""

import json
import re

from django.db import migrations, models

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _language(text: str) -> str:  # monitoring.i18n.written_in, frozen here
    return "ru" if len(CYRILLIC.findall(text)) > len(LATIN.findall(text)) else "en"


def _versions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(
        app_label="recommendations", model="assessment"
    ).first()
    if content_type is None:
        return []
    return Version.objects.filter(content_type=content_type, format="json")


def _rewrite_versions(apps, change) -> None:
    for version in _versions(apps):
        data = json.loads(version.serialized_data)
        for item in data:
            change(item["fields"])
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def split(fields: dict) -> None:
    if "reasoning" in fields:
        text = fields.pop("reasoning") or ""
        language = _language(text)
        fields["reasoning_en"] = text if language == "en" else ""
        fields["reasoning_ru"] = text if language == "ru" else ""


def join(fields: dict) -> None:
    if "reasoning_en" in fields or "reasoning_ru" in fields:
        en, ru = fields.pop("reasoning_en", ""), fields.pop("reasoning_ru", "")
        fields["reasoning"] = en or ru


def forward(apps, schema_editor):
    Assessment = apps.get_model("recommendations", "Assessment")
    for assessment in Assessment.objects.only("pk", "reasoning"):
        language = _language(assessment.reasoning)
        setattr(assessment, f"reasoning_{language}", assessment.reasoning)
        assessment.save(update_fields=[f"reasoning_{language}"])
    _rewrite_versions(apps, split)


def backward(apps, schema_editor):
    Assessment = apps.get_model("recommendations", "Assessment")
    for assessment in Assessment.objects.only("pk", "reasoning_en", "reasoning_ru"):
        assessment.reasoning = assessment.reasoning_en or assessment.reasoning_ru
        assessment.save(update_fields=["reasoning"])
    _rewrite_versions(apps, join)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0004_full_sentences"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="reasoning_en",
            field=models.TextField(blank=True, verbose_name="reasoning (English)"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="reasoning_ru",
            field=models.TextField(blank=True, verbose_name="reasoning (Russian)"),
        ),
        migrations.AlterField(  # kept until its text has moved; blank for the way back
            model_name="assessment",
            name="reasoning",
            field=models.TextField(blank=True, verbose_name="reasoning"),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="assessment", name="reasoning"),
    ]
