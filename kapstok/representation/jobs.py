"""Running landscape imports in the background, with progress the page can poll.

A job goes uploaded → check_pending → checking → checked (the lead reads the report) →
import_pending → importing → done, or failed. The view starts a thread for each pending step
(`import_job_start`); whoever moves a job from *pending* to *running* with one conditional
UPDATE owns it, so a thread and the scheduler never run the same step twice. The scheduler's
worker calls `import_jobs_resume` every minute: it runs pending jobs no thread picked up and
marks running ones whose heartbeat stopped as failed (the web process was restarted, or the
database went away and never let the thread say so), and so does the job's own page when the
lead is watching it. Storing is one transaction: a job cut off half-way stored nothing, so a
step that was cut off can simply run again: the lead gets "Opnieuw proberen" (`import_job_retry`).

When the database goes away during a step, the thread keeps trying for about a minute to mark
the job failed, so that a short outage ends in a clear message rather than a bar stuck at 19 %.

Kept deliberately simple: no task queue, one thread per step, progress in the job's row.
"""

import datetime
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.core.generation import generation_bump

from . import services
from .models import ImportJob, ImportStatus
from .reading import LandscapeFileError
from .selectors import coverage_preview

logger = logging.getLogger(__name__)

NEXT = {
    ImportStatus.CHECK_PENDING: ImportStatus.CHECKING,
    ImportStatus.IMPORT_PENDING: ImportStatus.IMPORTING,
}
PENDING_GRACE = datetime.timedelta(seconds=30)
# Progress is written twice a second while reading; storing 100,000 rows takes seconds.
HEARTBEAT_LOST = datetime.timedelta(minutes=3)
# Seconds between attempts to record a failure while the database is away (about a minute).
OUTAGE_RETRY_DELAYS = (1, 2, 4, 8, 15, 30)
RETRY_TO = {
    ImportStatus.CHECKING: ImportStatus.CHECK_PENDING,
    ImportStatus.IMPORTING: ImportStatus.IMPORT_PENDING,
}
PROGRESS_INTERVAL = 0.5  # seconds between progress writes
REJECTED_KEPT = 100_000  # rows listed in the stored report
FILES_KEPT = datetime.timedelta(days=7)


def import_job_start(job: ImportJob) -> None:
    """Run the job's pending step: in a thread once the current transaction commits.

    `REPRESENTATION_IMPORT_IN_THREAD = False` runs it inline, at once, which tests use (a
    thread cannot see a test's uncommitted data).
    """
    if getattr(settings, "REPRESENTATION_IMPORT_IN_THREAD", True):
        thread = threading.Thread(
            target=_run_in_thread, args=(job.pk,), daemon=True, name=f"import-{job.pk}"
        )
        transaction.on_commit(thread.start)
    else:
        import_job_run(job.pk)


def _run_in_thread(job_id) -> None:
    try:
        import_job_run(job_id)
    finally:
        connection.close()


def _claim(job_id) -> ImportJob | None:
    for pending, running in NEXT.items():
        claimed = ImportJob.objects.filter(pk=job_id, status=pending).update(
            status=running, progress=0, message="", updated_at=timezone.now()
        )
        if claimed:
            return ImportJob.objects.select_related("office").get(pk=job_id)
    return None


def import_job_run(job_id) -> bool:
    """Run the job's pending step if nobody else has; True when this call ran it."""
    job = _claim(job_id)
    if job is None:
        return False
    try:
        if job.status == ImportStatus.CHECKING:
            _check(job)
        else:
            _import(job)
    except LandscapeFileError as error:
        _finish(job, ImportStatus.FAILED, message=str(error))
    except DatabaseError:
        logger.exception("Landscape import %s cut off by the database", job.pk)
        _fail_after_outage(job)
    except Exception:
        logger.exception("Landscape import %s failed", job.pk)
        _finish(job, ImportStatus.FAILED, message=_("Er ging iets mis bij het verwerken."))
    return True


def _progress_writer(job: ImportJob, start: int, end: int):
    """A callback for the importer: maps its 0–1 onto start–end %, at most twice a second."""
    last = [0.0]

    def write(fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL:
            return
        last[0] = now
        value = start + round((end - start) * fraction)
        ImportJob.objects.filter(pk=job.pk).update(progress=value, updated_at=timezone.now())

    return write


def _report(outcome) -> dict:
    result = outcome.result
    rows = result.rows
    return {
        "valid": len(rows),
        "rejected": [r.as_dict() for r in result.rejected[:REJECTED_KEPT]],
        "rejected_count": len(result.rejected),
        "duplicates": [list(pair) for pair in result.duplicates[:1000]],
        "duplicate_count": len(result.duplicates),
        "empty": result.empty,
        "unknown_branch": sum(1 for row in rows if row.branch is None),
        "linked": sum(1 for row in rows if row.entrepreneur_id),
        "suggestions": outcome.suggestions,
        "chains": len({row.kvk_number for row in rows if row.is_chain}),
        "encoding": outcome.encoding,
    }


def _check(job: ImportJob) -> None:
    outcome = services.landscape_parse(
        office=job.office,
        path=job.file.path,
        mapping=job.mapping.get("columns"),
        progress=_progress_writer(job, 0, 95),
    )
    report = _report(outcome) | {"preview": coverage_preview(job.office, outcome.result.rows)}
    _finish(job, ImportStatus.CHECKED, report=report)


def _import(job: ImportJob) -> None:
    outcome = services.landscape_import(
        office=job.office,
        path=job.file.path,
        mapping=job.mapping.get("columns"),
        save=True,
        remove_missing=bool(job.mapping.get("remove_missing")),
        progress=_progress_writer(job, 0, 80),
    )
    report = _report(outcome) | {
        "created": outcome.created,
        "updated": outcome.updated,
        "removed": outcome.removed,
    }

    def record_done():
        _finish(job, ImportStatus.DONE, report=job.report | report)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        # The rows were stored after the request that started the import had ended (in a
        # thread): pages cached since then (`part_cache`) must show the new landscape now.
        generation_bump()

    # The rows are committed: from here on an outage must not turn the job into "failed".
    if _when_database_answers(record_done):
        job.file.delete(save=False)
    else:
        logger.error("Landscape import %s stored but could not be marked done", job.pk)


def _finish(job: ImportJob, status: str, *, report: dict | None = None, message: str = ""):
    fields = {"status": status, "progress": 100, "message": message[:500], "retry_status": ""}
    fields["updated_at"] = fields["finished_at"] = timezone.now()
    if report is not None:
        fields["report"] = report
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _interrupted_message(step: str) -> str:
    if step == ImportStatus.CHECKING:
        return _(
            "Het controleren van het bestand is onderbroken: de verbinding met de database viel "
            "weg of de server werd herstart. Er is niets opgeslagen. Probeer het opnieuw."
        )
    return _(
        "Het opslaan is onderbroken: de verbinding met de database viel weg of de server werd "
        "herstart. Er is niets van dit bestand opgeslagen. Probeer het opnieuw."
    )


def _fail_interrupted(job_id, step: str) -> int:
    """Mark a step that was cut off as failed, retryable; 0 when the job moved on meanwhile."""
    now = timezone.now()
    return ImportJob.objects.filter(pk=job_id, status=step).update(
        status=ImportStatus.FAILED,
        retry_status=RETRY_TO[step],
        message=_interrupted_message(step),
        progress=100,
        updated_at=now,
        finished_at=now,
    )


def _when_database_answers(write) -> bool:
    """Run `write` (a few UPDATEs), retrying for about a minute while the database is away."""
    delays = getattr(settings, "REPRESENTATION_OUTAGE_RETRY_DELAYS", OUTAGE_RETRY_DELAYS)
    for delay in (0, *delays):
        time.sleep(delay)
        if connection.connection is not None and not connection.is_usable():
            connection.close()  # a broken connection is not reused; the next query reconnects
        try:
            write()
            return True
        except DatabaseError:
            continue
    return False


def _fail_after_outage(job: ImportJob) -> None:
    """Record that the step was cut off, once the database answers again.

    The storing transaction was rolled back with the connection, so nothing of the file is
    stored. If the database stays away longer, the heartbeat rule marks the job later.
    """
    if not _when_database_answers(lambda: _fail_interrupted(job.pk, job.status)):
        logger.error("Landscape import %s: could not record the failure", job.pk)


def import_job_stalled_fail(job: ImportJob, now: datetime.datetime | None = None) -> bool:
    """Mark the job failed (retryable) if it runs without heartbeat; True when it did.

    Called by the job's page as well as the scheduler, so a lead watching a bar that stopped
    is told what happened even where no scheduler runs (the demo).
    """
    now = now or timezone.now()
    if job.status not in RETRY_TO or job.updated_at >= now - HEARTBEAT_LOST:
        return False
    if not _fail_interrupted(job.pk, job.status):
        return False
    job.refresh_from_db()
    return True


def import_job_retry(job: ImportJob) -> bool:
    """Put a step that was cut off back in the queue and start it; False if it cannot be."""
    if not job.can_retry:
        return False
    moved = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.FAILED).update(
        status=job.retry_status,
        retry_status="",
        progress=0,
        message="",
        finished_at=None,
        updated_at=timezone.now(),
    )
    if moved:
        import_job_start(job)
    return bool(moved)


def import_jobs_resume(now: datetime.datetime | None = None) -> int:
    """Run the steps no thread is running (pending too long); fail those without heartbeat.

    Also removes uploaded files of imports left alone for a week (never mapped, never
    confirmed, or failed): a KvK export is not kept longer than the import needs it.
    """
    now = now or timezone.now()
    _abandoned_files_delete(now)
    running = ImportJob.objects.filter(
        status__in=list(RETRY_TO), updated_at__lt=now - HEARTBEAT_LOST
    )
    for job in running:
        import_job_stalled_fail(job, now)
    waiting = ImportJob.objects.filter(status__in=list(NEXT), updated_at__lt=now - PENDING_GRACE)
    ran = 0
    # The worker loop (`run_scheduler`) refreshes stale connections before calling this.
    for job_id in list(waiting.values_list("pk", flat=True)):
        ran += import_job_run(job_id)
    return ran


def _abandoned_files_delete(now: datetime.datetime) -> None:
    idle = ImportJob.objects.filter(updated_at__lt=now - FILES_KEPT).exclude(file="")
    for job in idle.exclude(status__in=list(NEXT) + list(NEXT.values())):
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
