"""`manage.py seed_demo`: build the fictitious demo network and print its logins.

All the work is in `kapstok.home.demo`; this command times it and prints the result.
"""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from kapstok.core.generation import generation_bump
from kapstok.home import demo


class Command(BaseCommand):
    help = (
        "Bouw het fictieve demonetwerk (41 POS-kantoren, ~6.000 sportondernemers) opnieuw op "
        "en toon de demo-logins. Gemeenten en takken van sport worden zo nodig eerst geladen."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        summary = demo.demo_seed(today=timezone.localdate())
        generation_bump()
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demonetwerk opgebouwd in {seconds:.1f} s."))
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label:<28} {count:>6}")
        self.write_logins(summary)

    def write_logins(self, summary: demo.DemoSummary) -> None:
        self.stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {demo.DEMO_PASSWORD}):")
        self.stdout.write(f"  {'e-mail':<28} {'rol':<20} {'naam':<18} wachtwoord")
        for login in summary.logins:
            self.stdout.write(
                f"  {login.email:<28} {login.role:<20} {login.full_name:<18} {login.password}"
            )
        self.stdout.write(
            f"Daarnaast heeft elk van de {summary.lead_count} kantoren een kartrekker: "
            "lead-<webadres van het kantoor>@demo.invalid, met hetzelfde wachtwoord."
        )
