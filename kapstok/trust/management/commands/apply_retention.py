from django.core.management.base import BaseCommand

from kapstok.core.generation import generation_bump
from kapstok.trust.retention import apply_retention


class Command(BaseCommand):
    help = "Verwijdert persoonsgegevens waarvan de bewaartermijn voorbij is (docs/security.md)."

    def handle(self, *args, **options):
        removed = apply_retention()
        generation_bump()
        for category, deleted in removed.items():
            self.stdout.write(f"{category}: {deleted} verwijderd")
