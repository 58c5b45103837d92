from django.db import migrations


def seed(apps, schema_editor):
    from indicators.catalogue import seed_catalogue

    seed_catalogue(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    """Sentence length bands and compensation amounts join the core catalogue."""

    dependencies = [("indicators", "0002_core_catalogue")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
