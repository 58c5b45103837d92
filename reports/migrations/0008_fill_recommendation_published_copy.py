"""Fill each recommendation's published copy (migration 0007) from what is published now.

For a report under correction, the wording, strength and paragraph number come from its frozen
snapshot (`Report.published_content`) and the other fields as they stand (the snapshot never
held them); recommendations the correction adds stay unpublished. A migration of its own: on
PostgreSQL, the rows it writes would leave deferred foreign-key checks pending, and the
schema changes of 0007 (its indexes) cannot run in the same transaction after them.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery

# reports.models.recommendations.PUBLISHED_FIELDS as it stood when the columns were added.
PUBLISHED_FIELDS = {
    "strength": "published_strength",
    "text_en": "published_text_en",
    "text_ru": "published_text_ru",
    "theme_mask": "published_theme_mask",
    "convention_articles": "published_convention_articles",
    "sdg_target": "published_sdg_target",
    "reiterates_id": "published_reiterates_id",
}


def fill_published_copy(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Recommendation = apps.get_model("reports", "Recommendation")
    Paragraph = apps.get_model("reports", "Paragraph")
    working_addressees = Recommendation.addressees.through
    published_addressees = Recommendation.published_addressees.through
    paragraph_number = Paragraph.objects.filter(pk=OuterRef("paragraph_id")).values("number")
    for report in Report.objects.filter(published_at__isnull=False):
        snapshot = {
            item["number"]: item
            for item in (report.published_content or {}).get("recommendations", [])
        }
        recommendations = Recommendation.objects.filter(report=report)
        if report.correction_open:
            recommendations = recommendations.filter(number__in=list(snapshot))
        recommendations.update(
            **{published: F(working) for working, published in PUBLISHED_FIELDS.items()},
            published_paragraph_number=Subquery(paragraph_number[:1]),
        )
        published_addressees.objects.bulk_create(
            published_addressees(recommendation_id=pk, organisation_id=organisation_id)
            for pk, organisation_id in working_addressees.objects.filter(
                recommendation__in=recommendations.values("pk")
            ).values_list("recommendation_id", "organisation_id")
        )
        if not report.correction_open:
            continue
        for pk, number in recommendations.values_list("pk", "number"):
            item = snapshot[number]
            Recommendation.objects.filter(pk=pk).update(
                published_strength=item["strength"],
                published_text_en=item["text_en"],
                published_text_ru=item["text_ru"],
                published_paragraph_number=item["paragraph"],
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_recommendation_published_fields")]

    # Backwards, removing the columns (0007) is all there is to undo.
    operations = [migrations.RunPython(fill_published_copy, migrations.RunPython.noop)]
