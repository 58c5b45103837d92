"""Recommendations typed as fragments ("give labour inspectors a clear mandate") become full
sentences with the lead-in of their strength, in the working text and in the published copy
(each with its own strength). Texts that are already sentences are left as they were.

The frozen publications (`ReportPublication.content`) are not rewritten: they are the record of
what was published in each version, and their PDFs were rendered from them; the next
publication freezes the sentences. The reversion history keeps the texts as typed. Going back
leaves the sentences (which fragment a sentence was made from is not kept).
"""

from django.db import migrations

from recommendations import wording

BATCH = 500
FIELDS = ["text_en", "text_ru", "published_text_en", "published_text_ru"]


def compose_fragments(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    rows = Recommendation.objects.only("strength", "published_strength", *FIELDS).order_by("pk")
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        before = [getattr(row, name) for name in FIELDS]
        for language in wording.LANGUAGES:
            working, published = f"text_{language}", f"published_text_{language}"
            setattr(row, working, wording.compose(getattr(row, working), row.strength, language))
            if row.published_strength:
                setattr(
                    row,
                    published,
                    wording.compose(getattr(row, published), row.published_strength, language),
                )
        if [getattr(row, name) for name in FIELDS] != before:
            changed.append(row)
        if len(changed) >= BATCH:
            Recommendation.objects.bulk_update(changed, FIELDS)
            changed = []
    Recommendation.objects.bulk_update(changed, FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0003_versions_and_translation_dates"),
    ]

    operations = [migrations.RunPython(compose_fragments, migrations.RunPython.noop)]
