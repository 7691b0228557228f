"""A small scheduler for the daily jobs (stall signals and their digest, retention, …).

`manage.py run_scheduler` is the background worker: it wakes up every minute and runs each job
that is due. A job is due once per day after its hour (Europe/Amsterdam). The claim on a job is
a row lock on its `JobRun`, so running the scheduler on several servers at once is safe: one
of them wins, the others see the job already started today. Cron can call the same jobs through
their own commands (`compute_signals --mail`) instead; the two do not conflict.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    hour: int
    run: Callable[[], str]


def _compute_signals() -> str:
    from kapstok.progress import services

    result = services.signals_compute()
    sent = services.signals_digest_send()
    return f"{result.opened} nieuw, {result.resolved} opgelost, {sent} mails"


JOBS: tuple[Job, ...] = (Job("compute_signals", hour=6, run=_compute_signals),)


def is_due(job: Job, last_started: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Due when it is past the job's hour today and it has not started yet today.

    >>> tz = datetime.timezone.utc
    >>> job = Job("x", 6, lambda: "")
    >>> is_due(job, None, datetime.datetime(2025, 1, 2, 7, tzinfo=tz))
    True
    >>> started = datetime.datetime(2025, 1, 2, 6, 1, tzinfo=tz)
    >>> is_due(job, started, datetime.datetime(2025, 1, 2, 9, tzinfo=tz))
    False
    >>> is_due(job, None, datetime.datetime(2025, 1, 2, 5, tzinfo=tz))
    False
    """
    if now.hour < job.hour:
        return False
    return last_started is None or last_started.date() < now.date()


def _claim(job: Job, now: datetime.datetime) -> bool:
    with transaction.atomic():
        run, _created = JobRun.objects.select_for_update().get_or_create(name=job.name)
        last = run.last_started_at and timezone.localtime(run.last_started_at)
        if not is_due(job, last, now):
            return False
        run.last_started_at = now
        run.last_status = "running"
        run.save(update_fields=["last_started_at", "last_status"])
        return True


def run_due_jobs(now: datetime.datetime | None = None, jobs=JOBS) -> list[str]:
    """Run every job that is due now; a failing job is logged and does not stop the others."""
    now = timezone.localtime(now or timezone.now())
    ran = []
    for job in jobs:
        if not _claim(job, now):
            continue
        try:
            message, status = job.run(), "ok"
        except Exception as error:  # noqa: BLE001 - a job's failure must not stop the worker
            logger.exception("Scheduled job %s failed", job.name)
            message, status = repr(error), "failed"
        JobRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_status=status, last_message=message[:2000]
        )
        ran.append(job.name)
    return ran
