from django.core.management.base import BaseCommand

from kapstok.trust.retention import apply_retention


class Command(BaseCommand):
    help = "Verwijdert persoonsgegevens waarvan de bewaartermijn voorbij is (docs/security.md)."

    def handle(self, *args, **options):
        for category, deleted in apply_retention().items():
            self.stdout.write(f"{category}: {deleted} verwijderd")
