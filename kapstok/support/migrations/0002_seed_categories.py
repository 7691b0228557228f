"""The categories from the issue, with default targets POS can change in the admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from kapstok.support.reference import CATEGORIES

    Category = apps.get_model("support", "Category")
    for position, (name, response, resolution) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            name=name,
            defaults={
                "first_response_days": response,
                "resolution_days": resolution,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
