import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from kapstok.home.scheduler import run_background_tasks, run_due_jobs


class Command(BaseCommand):
    help = "Achtergrondproces: voert de dagelijkse taken uit (signalen, digest)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Eén keer kijken en stoppen.")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, once, interval, **options):
        while True:
            close_old_connections()
            for name in run_due_jobs() + run_background_tasks():
                self.stdout.write(f"Uitgevoerd: {name}")
            if once:
                return
            time.sleep(interval)
