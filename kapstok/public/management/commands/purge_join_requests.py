"""Delete join requests nobody confirmed, and decided ones, after the retention period.

Runs daily from the scheduler (`kapstok.home.scheduler.JOBS`); this command is for cron or by
hand: `manage.py purge_join_requests`.
"""

from django.core.management.base import BaseCommand

from kapstok.public.models import RETENTION_DAYS
from kapstok.public.services import join_requests_purge


class Command(BaseCommand):
    help = f"Verwijder onbevestigde en afgehandelde aanmeldingen ouder dan {RETENTION_DAYS} dagen."

    def handle(self, *args, **options):
        deleted = join_requests_purge()
        self.stdout.write(f"{deleted} aanmeldingen verwijderd.")
