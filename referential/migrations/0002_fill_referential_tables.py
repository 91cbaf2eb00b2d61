from django.db import migrations


def fill(apps, schema_editor):
    from referential.services import load_referential

    load_referential(apps)


def empty(apps, schema_editor):
    for name in ("CpvCode", "Departement", "Region"):
        apps.get_model("referential", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("referential", "0001_initial")]

    operations = [migrations.RunPython(fill, empty)]
