"""Index the texts that exist (report paragraphs, recommendations' published wording) for the
search of `monitoring.search`; later writes keep the index true themselves."""

from django.db import migrations

from monitoring.search import index

INDEXED = [
    ("reports", "Paragraph", ("text_en", "text_ru"), True),
    ("recommendations", "Recommendation", ("published_text_en", "published_text_ru"), False),
]


def fill(apps, schema_editor):
    search_text = apps.get_model("monitoring", "SearchText")
    for app_label, name, fields, html in INDEXED:
        model = apps.get_model(app_label, name)
        label = f"{app_label}.{name.lower()}"
        index.fill(model.objects.all(), label, fields, html=html, model=search_text)


def empty(apps, schema_editor):
    apps.get_model("monitoring", "SearchText").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_search_text"),
        ("reports", "0014_sections_adoption_placeholders"),
        ("recommendations", "0004_full_sentences"),
    ]

    operations = [migrations.RunPython(fill, empty)]
