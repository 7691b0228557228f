import pathlib

from django.core.management.base import BaseCommand

from kapstok.trust.backup import backup_write


class Command(BaseCommand):
    help = "Schrijft een back-up (database als JSON plus MEDIA_ROOT) naar PATH (.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=pathlib.Path)

    def handle(self, *args, path, **options):
        backup_write(path)
        self.stdout.write(f"Back-up geschreven: {path}")
