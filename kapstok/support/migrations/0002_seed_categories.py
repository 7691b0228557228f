"""The categories from the issue, with default targets POS can change in the admin."""

from django.db import migrations

CATEGORIES = [
    ("strategische sessie", 2, 15),
    ("rechtsvorm", 2, 10),
    ("samenwerking met de gemeente", 2, 10),
    ("financiën en lidmaatschappen", 2, 10),
    ("marketing en communicatie", 3, 15),
    ("juridische vragen", 2, 10),
    ("accommodatie", 3, 15),
    ("subsidies", 2, 10),
    ("anders", 3, 15),
]


def seed(apps, schema_editor):
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
