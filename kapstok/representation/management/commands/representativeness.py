"""`manage.py representativeness --office SLUG [--landscape FILE] [--save]`: the figures as JSON.

For automation and checks. Without `--landscape` it reports the stored landscape. With it, the
file is read with the column mapping guessed from its header and checked; the figures are
those the office would have with that file as its landscape. Nothing is stored unless `--save`
(then in one transaction, as the import page does). Output:

    {"index": 0.62, "members": 52, "landscape": 410, "rejected": [{"line": 7, "reason": "…"}],
     "branches": [{"branch": "padel", "members": 1, "landscape": 24, "coverage": 0.0417}, …]}

`index` is null when the landscape is empty; coverage is a fraction (0 when a branch has no
business in the landscape).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kapstok.network.models import Office
from kapstok.representation import selectors, services
from kapstok.representation.reading import LandscapeFileError


class Command(BaseCommand):
    help = "Afspiegeling van een kantoor als JSON; met --landscape eerst een bestand inlezen."

    def add_arguments(self, parser):
        parser.add_argument("--office", required=True, help="Webadres (slug) van het kantoor.")
        parser.add_argument("--landscape", type=Path, help="CSV- of XLSX-bestand met bedrijven.")
        parser.add_argument(
            "--save", action="store_true", help="Sla het bestand op (anders alleen controleren)."
        )

    def handle(self, *args, office, landscape, save, **options):
        try:
            office = Office.objects.get(slug=office)
        except Office.DoesNotExist as missing:
            raise CommandError(f"Geen kantoor met webadres {office!r}.") from missing
        rejected = []
        if landscape is None:
            coverage = selectors.office_coverage(office, details=False)
        else:
            coverage, rejected = self._with_file(office, landscape, save)
        self.stdout.write(json.dumps(coverage.as_json(rejected), ensure_ascii=False))

    def _with_file(self, office, path: Path, save: bool):
        if not path.exists():
            raise CommandError(f"Bestand {path} bestaat niet.")
        try:
            outcome = services.landscape_import(office=office, path=path, save=save)
        except LandscapeFileError as error:
            raise CommandError(str(error)) from error
        rejected = [r.as_dict() for r in outcome.result.rejected]
        if save:
            return selectors.office_coverage(office, details=False), rejected
        return selectors.coverage_of_rows(office, outcome.result.rows), rejected
