"""Indexes for the tracker's word search on PostgreSQL (other databases have no such index).

The search matches each word as written (`UPPER(text) LIKE '%word%'`, served by trigram
indexes) or in any grammatical form (`to_tsvector(config, COALESCE(text, ''))`, served by
full-text indexes on the same expressions as `monitoring.text_search.full_text`). Without them
every facet count of a search read and parsed every recommendation's text.
"""

from django.db import migrations

INDEXES = {
    "reports_rec_text_en_trgm": "gin (UPPER(text_en::text) gin_trgm_ops)",
    "reports_rec_text_ru_trgm": "gin (UPPER(text_ru::text) gin_trgm_ops)",
    "reports_rec_text_en_fts": "gin (to_tsvector('english'::regconfig, COALESCE(text_en, '')))",
    "reports_rec_text_ru_fts": "gin (to_tsvector('russian'::regconfig, COALESCE(text_ru, '')))",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON reports_recommendation USING {definition}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_recommendation_current_status")]

    operations = [migrations.RunPython(create, drop)]
