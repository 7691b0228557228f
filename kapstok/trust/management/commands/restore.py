import pathlib

from django.core.management.base import BaseCommand, CommandError

from kapstok.core.generation import generation_bump
from kapstok.trust.backup import RestoreRefused, backup_restore


class Command(BaseCommand):
    help = "Zet een back-up van `manage.py backup` terug in een gemigreerde database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=pathlib.Path)
        parser.add_argument(
            "--replace", action="store_true", help="Maak de database eerst leeg (onherroepelijk)."
        )

    def handle(self, *args, path, replace, **options):
        if not path.is_file():
            raise CommandError(f"Geen bestand: {path}")
        try:
            backup_restore(path, replace=replace)
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        generation_bump()
        self.stdout.write(f"Teruggezet: {path}")
