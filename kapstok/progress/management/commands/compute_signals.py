import datetime

from django.core.management.base import BaseCommand

from kapstok.core.generation import generation_bump
from kapstok.progress import services


class Command(BaseCommand):
    help = "Bereken de doorpak-signalen van alle actieve kantoren (dagelijks, via cron)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        parser.add_argument("--mail", action="store_true", help="Stuur daarna de digest-mails.")

    def handle(self, *args, today, mail, **options):
        result = services.signals_compute(today=today)
        generation_bump()
        self.stdout.write(
            f"{result.offices} kantoren: {result.opened} nieuwe signalen, "
            f"{result.refreshed} bijgewerkt, {result.resolved} opgelost."
        )
        if mail:
            sent = services.signals_digest_send()
            self.stdout.write(f"{sent} digest-mail(s) verstuurd.")
