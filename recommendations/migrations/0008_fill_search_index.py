"""Index the texts that exist (report paragraphs, recommendations' published wording) for the
search of `monitoring.search`; later writes keep the index true themselves. On PostgreSQL the
published text's own trigram and full-text indexes (reports 0005, 0007) go: the search reads
the index's stems now, and they only slowed every publication down."""

from django.db import migrations

from monitoring.search import index

INDEXED = [
    ("reports", "Paragraph", ("text_en", "text_ru"), True),
    ("recommendations", "Recommendation", ("published_text_en", "published_text_ru"), False),
]


# reports/migrations/0007's, recreated if this migration is reversed.
OLD_INDEXES = {
    "reports_rec_published_text_en_trgm": "gin (UPPER(published_text_en::text) gin_trgm_ops)",
    "reports_rec_published_text_ru_trgm": "gin (UPPER(published_text_ru::text) gin_trgm_ops)",
    "reports_rec_published_text_en_fts": (
        "gin (to_tsvector('english'::regconfig, COALESCE(published_text_en, '')))"
    ),
    "reports_rec_published_text_ru_fts": (
        "gin (to_tsvector('russian'::regconfig, COALESCE(published_text_ru, '')))"
    ),
}


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in OLD_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    search_text = apps.get_model("monitoring", "SearchText")
    for app_label, name, fields, html in INDEXED:
        model = apps.get_model(app_label, name)
        label = f"{app_label}.{name.lower()}"
        index.fill(model.objects.all(), label, fields, html=html, model=search_text)


def empty(apps, schema_editor):
    apps.get_model("monitoring", "SearchText").objects.all().delete()
    if schema_editor.connection.vendor == "postgresql":
        # The table was renamed since reports 0007 (recommendations 0002).
        table = apps.get_model("recommendations", "Recommendation")._meta.db_table
        for name, definition in OLD_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {definition}"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_search_text"),
        ("reports", "0014_sections_adoption_placeholders"),
        ("recommendations", "0007_system_sentences_to_codes"),
    ]

    operations = [migrations.RunPython(fill, empty)]
