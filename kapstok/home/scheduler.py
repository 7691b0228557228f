"""A small scheduler for the daily jobs (stall signals and their digest, retention, …).

`manage.py run_scheduler` is the background worker: it wakes up every minute and runs each job
that is due, then `run_background_tasks` (landscape imports whose thread died or never
started). A job is due once per day after its hour (Europe/Amsterdam). The claim on a job is
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

from kapstok.core.generation import generation_bump
from kapstok.core.models import JobRun
from kapstok.core.planner import planner_statistics_refresh

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    hour: int
    run: Callable[[], str]
    # A job with an interval runs every so many minutes instead of once a day after `hour`.
    every_minutes: int = 0


def _compute_signals() -> str:
    from kapstok.progress import services

    result = services.signals_compute()
    generation_bump()  # phases and signals show on pages that may be cached
    sent = services.signals_digest_send()
    return f"{result.opened} nieuw, {result.resolved} opgelost, {sent} mails"


def _purge_join_requests() -> str:
    from kapstok.public.services import join_requests_purge

    return f"{join_requests_purge()} aanmeldingen verwijderd"


def _apply_retention() -> str:
    from kapstok.trust.retention import apply_retention

    removed = sum(apply_retention().values())
    generation_bump()
    return f"{removed} records verwijderd (bewaartermijnen)"


def _planner_statistics() -> str:
    planner_statistics_refresh()
    return "statistieken voor de queryplanner bijgewerkt"


def _text_embeddings() -> str:
    from kapstok.strategy.embeddings import backfill

    return f"{backfill()} teksten van catalogus en bevestigde kaartjes gecontroleerd"


def _flush_mail_outbox() -> str:
    from kapstok.trust.mail import outbox_flush

    sent, waiting = outbox_flush()
    return f"{sent} mails verstuurd, {waiting} wachtend"


def _support_sla_warnings() -> str:
    from kapstok.support.services import sla_warnings_send

    return f"{sla_warnings_send()} waarschuwingen over ondersteuningsvragen"


def _exchange_digest() -> str:
    from kapstok.peers.exchange import exchange_digest_send

    return f"{exchange_digest_send()} mails uitwisselbord"


def _sync_message_deliveries() -> str:
    from kapstok.messaging.services import deliveries_sync_outbox

    changed = deliveries_sync_outbox(since=timezone.now() - datetime.timedelta(days=30))
    return f"{changed} afleveringen van berichten bijgewerkt"


def _monitor_waves() -> str:
    from kapstok.monitor.services import waves_run_daily

    return waves_run_daily()


def _member_check() -> str:
    from kapstok.membercheck.services import rounds_run_daily

    return rounds_run_daily()


def _coverage_figures() -> str:
    from kapstok.representation.services import coverage_refresh_all

    return coverage_refresh_all()


JOBS: tuple[Job, ...] = (
    Job("compute_signals", hour=6, run=_compute_signals),
    # Unconfirmed join requests hold personal data of non-members: gone after 30 days.
    Job("purge_join_requests", hour=3, run=_purge_join_requests),
    # Daily like the others, but it only mails on Mondays: the exchange digest is weekly.
    Job("exchange_digest", hour=7, run=_exchange_digest),
    # Support requests due today or tomorrow, or late: the assignee hears before the breach.
    Job("support_sla_warnings", hour=7, run=_support_sla_warnings),
    # Every category of personal data past its retention term (kapstok.trust.retention).
    Job("retention", hour=4, run=_apply_retention),
    # Sentence vectors of the catalogue and of older confirmed cards (kapstok.strategy.embeddings).
    Job("text_embeddings", hour=2, run=_text_embeddings),
    # SQLite collects no planner statistics by itself (kapstok.core.planner).
    Job("planner_statistics", hour=5, run=_planner_statistics),
    # Mail the mail server could not take; each message has its own back-off (kapstok.trust.mail).
    Job("mail_outbox", hour=0, run=_flush_mail_outbox, every_minutes=5),
    # Brokered messages whose mail is stuck in (or got out of) the outbox (kapstok.messaging).
    Job("message_deliveries", hour=0, run=_sync_message_deliveries, every_minutes=15),
    # Monitor waves: open on their start date, close (with snapshots) after their closing date,
    # and remind who has not answered a week after the last mail (kapstok.monitor.services).
    Job("monitor_waves", hour=8, run=_monitor_waves),
    # The half-yearly member check opens in January and July (kapstok.membercheck.services);
    # the monitor's job above closes it like any wave.
    Job("member_check", hour=8, run=_member_check),
    # Every office's precomputed coverage figures as of the new day: memberships start and end
    # on dates (kapstok.representation.services.coverage_refresh_all).
    Job("coverage_figures", hour=0, run=_coverage_figures),
)


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
    >>> often = Job("y", 0, lambda: "", every_minutes=5)
    >>> is_due(often, started, datetime.datetime(2025, 1, 2, 6, 6, tzinfo=tz))
    True
    """
    if job.every_minutes:
        interval = datetime.timedelta(minutes=job.every_minutes)
        # In UTC: local times of one zone subtract as wall-clock times, and in the hour that
        # happens twice in October the wall clock goes back, which would stall the job an hour.
        utc = datetime.UTC
        return (
            last_started is None or now.astimezone(utc) - last_started.astimezone(utc) >= interval
        )
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
    """Run every job that is due now; a failing job is logged and does not stop the others.

    When any job ran, the content generation goes up once: jobs change what pages show (a
    member-check round closing, coverage figures, signals) outside a request, and the short
    caches of page parts would otherwise show the old state for up to a minute.
    """
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
    if ran:
        generation_bump()
    return ran


def run_background_tasks() -> list[str]:
    """Work that cannot wait a day, done on every wake-up: stalled landscape imports.

    The import page starts a thread per import; if the web process restarts, the thread is
    gone and the job would wait forever. A failure here is logged and does not stop the worker.
    """
    from kapstok.representation.jobs import import_jobs_resume

    try:
        resumed = import_jobs_resume()
    except Exception:  # noqa: BLE001 - the worker must keep running
        logger.exception("Resuming landscape imports failed")
        return []
    return [f"landschapsimports hervat: {resumed}"] if resumed else []
