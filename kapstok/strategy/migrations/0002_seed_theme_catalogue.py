"""Seed the national theme catalogue from the report's common denominators.

POS staff curate the catalogue afterwards in the interface; this only adds missing themes.
"""

from django.db import migrations


def seed_catalogue(apps, schema_editor):
    from kapstok.analysis.theme_catalogue import CATALOGUE

    CatalogueTheme = apps.get_model("strategy", "CatalogueTheme")
    for position, theme in enumerate(CATALOGUE):
        CatalogueTheme.objects.get_or_create(
            slug=theme.slug,
            defaults={
                "name": theme.name,
                "description": theme.description,
                "examples": "\n".join(theme.examples),
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("strategy", "0001_initial")]

    operations = [migrations.RunPython(seed_catalogue, migrations.RunPython.noop)]
