from django.db import migrations


def seed(apps, schema_editor):
    from indicators.catalogue import seed_catalogue

    seed_catalogue(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
