from django.db import migrations


class Migration(migrations.Migration):
    """The latest version's number and content now live on its `ReportPublication` row."""

    dependencies = [
        ("reports", "0011_fill_report_publications"),
    ]

    operations = [
        migrations.RemoveField(model_name="report", name="published_content"),
        migrations.RemoveField(model_name="report", name="version"),
    ]
