"""`manage.py load_report PREFIX`: put a locust run's figures into BENCHMARKS.md.

Called by `scripts/loadtest.sh` after locust wrote `PREFIX_stats.csv` (and the scenario its
`PREFIX_logins.csv` and `PREFIX_phase.json`); see `benchmarks.load`.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from benchmarks import load, report

SECTION = "load:postgresql"


class Command(BaseCommand):
    help = "Zet de cijfers van een locust-run (CSV) in BENCHMARKS.md."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="het --csv-voorvoegsel van locust")
        parser.add_argument("--fact", action="append", default=[], help="SLEUTEL=WAARDE")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "BENCHMARKS.md"))

    def handle(self, *args, prefix, fact, output, **options):
        rows = load.read_stats(Path(f"{prefix}_stats.csv"))
        failures = load.read_failures(Path(f"{prefix}_failures.csv"))
        logins_path = Path(f"{prefix}_logins.csv")
        logins = load.read_stats(logins_path) if logins_path.exists() else []
        phase = load.read_phase(Path(f"{prefix}_phase.json"))
        facts = dict(item.split("=", 1) for item in fact)
        facts.setdefault("cpus", str(os.cpu_count()))
        section = load.load_section(rows, failures, facts, logins, phase)
        path = Path(output)
        document = path.read_text() if path.exists() else report.HEADER
        path.write_text(report.merge_section(document, SECTION, section))
        self.stdout.write(section)
