"""Running landscape imports in the background, with progress the page can poll.

A job goes uploaded → check_pending → checking → checked (the lead reads the report) →
import_pending → importing → done, or failed. The view starts a thread for each pending step
(`import_job_start`); whoever moves a job from *pending* to *running* with one conditional
UPDATE owns it, so a thread and the scheduler never run the same step twice. The scheduler's
worker calls `import_jobs_resume` every minute: it runs pending jobs no thread picked up and
restarts running ones whose heartbeat stopped (the web process was restarted). Re-running is
safe because storing is one transaction: a job that died half-way stored nothing.

Kept deliberately simple: no task queue, one thread per step, progress in the job's row.
"""

import datetime
import logging
import threading
import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
HEARTBEAT_LOST = datetime.timedelta(minutes=10)
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
    _finish(job, ImportStatus.DONE, report=job.report | report)
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")


def _finish(job: ImportJob, status: str, *, report: dict | None = None, message: str = ""):
    fields = {"status": status, "progress": 100, "message": message[:500]}
    fields["updated_at"] = fields["finished_at"] = timezone.now()
    if report is not None:
        fields["report"] = report
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def import_jobs_resume(now: datetime.datetime | None = None) -> int:
    """Run the steps no thread is running: pending too long, or running without heartbeat.

    Also removes uploaded files of imports left alone for a week (never mapped, never
    confirmed, or failed): a KvK export is not kept longer than the import needs it.
    """
    now = now or timezone.now()
    _abandoned_files_delete(now)
    running = [ImportStatus.CHECKING, ImportStatus.IMPORTING]
    back = {ImportStatus.CHECKING: ImportStatus.CHECK_PENDING}
    back[ImportStatus.IMPORTING] = ImportStatus.IMPORT_PENDING
    for job in ImportJob.objects.filter(status__in=running, updated_at__lt=now - HEARTBEAT_LOST):
        ImportJob.objects.filter(pk=job.pk, status=job.status).update(status=back[job.status])
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
