from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kapstok.core.generation import generation_bump
from kapstok.network import reference_data


class Command(BaseCommand):
    help = "Laad of ververs alle gemeenten (CBS / PDOK, CC BY 4.0) en de takken van sport."

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, default=reference_data.MUNICIPALITIES_CSV)
        parser.add_argument("--geojson", type=Path, default=reference_data.MUNICIPALITIES_GEOJSON)
        parser.add_argument("--no-boundaries", action="store_true")

    def handle(self, *args, csv, geojson, no_boundaries, **options):
        try:
            result = reference_data.municipalities_load(
                csv_path=csv,
                geojson_path=None if no_boundaries else geojson,
                today=timezone.localdate(),
            )
        except reference_data.ReferenceDataError as error:
            raise CommandError(str(error)) from error
        taxonomy = reference_data.taxonomy_load()
        generation_bump()
        self.stdout.write(
            f"Gemeenten: {result.created} nieuw, {result.updated} bijgewerkt, "
            f"{result.ended} beëindigd. Takken van sport: {taxonomy.created} nieuw, "
            f"{taxonomy.updated} bijgewerkt."
        )
