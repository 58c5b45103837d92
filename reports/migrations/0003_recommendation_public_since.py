from django.db import migrations, models


def stamp_published_recommendations(apps, schema_editor):
    """Recommendations already public get their report's publication date; under an open
    correction, only those in the published snapshot."""
    Report = apps.get_model("reports", "Report")
    Recommendation = apps.get_model("reports", "Recommendation")
    for report in Report.objects.filter(published_at__isnull=False):
        recommendations = Recommendation.objects.filter(report=report)
        if report.correction_open:
            snapshot = (report.published_content or {}).get("recommendations", [])
            recommendations = recommendations.filter(number__in=[r["number"] for r in snapshot])
        recommendations.update(public_since=report.published_at)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_progress_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="public_since",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="public since"
            ),
        ),
        migrations.RunPython(stamp_published_recommendations, migrations.RunPython.noop),
    ]
