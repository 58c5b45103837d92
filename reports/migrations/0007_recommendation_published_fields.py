"""Each recommendation keeps its published copy (wording, strength, themes, articles, SDG target,
reiterated recommendation, paragraph number, addressees): what the public searches, filters,
counts and downloads while a correction edits the working fields in place. Migration 0008
fills it. The word-search indexes of migration 0005 move to the published wording, the only
text the tracker searches; backwards, they move back and the columns go.
"""

import django.db.models.deletion
from django.db import migrations, models

WORKING_TEXT_INDEXES = {  # migration 0005's
    "reports_rec_text_en_trgm": "gin (UPPER(text_en::text) gin_trgm_ops)",
    "reports_rec_text_ru_trgm": "gin (UPPER(text_ru::text) gin_trgm_ops)",
    "reports_rec_text_en_fts": "gin (to_tsvector('english'::regconfig, COALESCE(text_en, '')))",
    "reports_rec_text_ru_fts": "gin (to_tsvector('russian'::regconfig, COALESCE(text_ru, '')))",
}
PUBLISHED_TEXT_INDEXES = {
    "reports_rec_published_text_en_trgm": "gin (UPPER(published_text_en::text) gin_trgm_ops)",
    "reports_rec_published_text_ru_trgm": "gin (UPPER(published_text_ru::text) gin_trgm_ops)",
    "reports_rec_published_text_en_fts": (
        "gin (to_tsvector('english'::regconfig, COALESCE(published_text_en, '')))"
    ),
    "reports_rec_published_text_ru_fts": (
        "gin (to_tsvector('russian'::regconfig, COALESCE(published_text_ru, '')))"
    ),
}


def _move_indexes(schema_editor, *, create: dict, drop: dict) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in create.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON reports_recommendation USING {definition}"
        )
    for name in drop:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def index_the_published_text(apps, schema_editor):
    _move_indexes(schema_editor, create=PUBLISHED_TEXT_INDEXES, drop=WORKING_TEXT_INDEXES)


def index_the_working_text(apps, schema_editor):
    _move_indexes(schema_editor, create=WORKING_TEXT_INDEXES, drop=PUBLISHED_TEXT_INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_audit_log"),
        ("reports", "0006_recommendation_theme_mask"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="published_addressees",
            field=models.ManyToManyField(
                blank=True,
                editable=False,
                related_name="published_recommendations",
                to="monitoring.organisation",
                verbose_name="published addressees",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_convention_articles",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=200,
                verbose_name="published Convention articles",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_paragraph_number",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="published paragraph number"
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_reiterates",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="reports.recommendation",
                verbose_name="published reiterated recommendation",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_sdg_target",
            field=models.CharField(
                blank=True, editable=False, max_length=6, verbose_name="published SDG target"
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_strength",
            field=models.CharField(
                blank=True,
                choices=[("urges", "urges"), ("considers", "considers"), ("invites", "invites")],
                editable=False,
                max_length=10,
                verbose_name="published strength",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_text_en",
            field=models.TextField(
                blank=True, editable=False, verbose_name="published text (English)"
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_text_ru",
            field=models.TextField(
                blank=True, editable=False, verbose_name="published text (Russian)"
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_theme_mask",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="published themes"
            ),
        ),
        migrations.RunPython(index_the_published_text, index_the_working_text),
    ]
