"""Create or refresh the three monitor templates from the report's interview guides."""

from django.core.management.base import BaseCommand

from kapstok.monitor.services import templates_ensure


class Command(BaseCommand):
    help = "Maakt of vernieuwt de drie sjablonen van de monitor (bijlagen 1–3 van het rapport)."

    def handle(self, *args, **options):
        for template in templates_ensure():
            self.stdout.write(f"{template.title}: {template.questions.count()} vragen")
