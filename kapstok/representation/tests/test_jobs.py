"""Background imports: one runner per step, failures reported, stalled jobs picked up again."""

import datetime
import os

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from kapstok.home.scheduler import run_background_tasks
from kapstok.representation import jobs
from kapstok.representation.factories import ImportJobFactory
from kapstok.representation.models import ImportJob, ImportStatus, LandscapeBusiness

from .conftest import business, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(world, taxonomy):
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    job.file.save("landschap.csv", ContentFile(csv_bytes([business("12345678", "Padelhal")])))
    return job


def age(job, **delta):
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(**delta)
    )


def test_a_step_runs_once_whoever_asks(job):
    assert jobs.import_job_run(job.pk) is True
    assert jobs.import_job_run(job.pk) is False  # a second runner finds nothing pending
    job.refresh_from_db()
    assert (job.status, job.progress, job.report["valid"]) == (ImportStatus.CHECKED, 100, 1)


def test_a_file_error_fails_the_job_with_its_dutch_message(job):
    job.file.save("kapot.csv", ContentFile(b""))
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "leeg" in job.message


def test_a_programmer_error_is_logged_and_answered_generically(job, monkeypatch, caplog):
    def broken(**kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(jobs.services, "landscape_parse", broken)
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.message == "Er ging iets mis bij het verwerken."
    assert "ZeroDivisionError" in caplog.text
    caplog.clear()  # the suite fails on logged errors; this one is expected


def test_the_scheduler_runs_a_job_no_thread_picked_up(job):
    assert run_background_tasks() == []  # just uploaded: its thread still has time
    age(job, minutes=1)
    assert run_background_tasks() == ["landschapsimports hervat: 1"]
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED


def test_the_scheduler_fails_a_job_whose_thread_died_and_the_lead_can_retry_it(job):
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    age(job, minutes=2)
    assert jobs.import_jobs_resume() == 0  # maybe still busy
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING
    age(job, minutes=4)
    jobs.import_jobs_resume()
    job.refresh_from_db()
    assert (job.status, job.retry_status) == (ImportStatus.FAILED, ImportStatus.IMPORT_PENDING)
    assert "onderbroken" in job.message and "niets" in job.message
    assert LandscapeBusiness.objects.count() == 0

    assert jobs.import_job_retry(job) is True
    job.refresh_from_db()
    assert (job.status, job.retry_status, job.message) == (ImportStatus.DONE, "", "")
    assert LandscapeBusiness.objects.count() == 1


def test_in_thread_mode_the_step_starts_after_commit(
    job, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.REPRESENTATION_IMPORT_IN_THREAD = True
    started = []
    monkeypatch.setattr(jobs, "_run_in_thread", lambda job_id: started.append(job_id))
    with django_capture_on_commit_callbacks(execute=True):
        jobs.import_job_start(job)
        assert started == []
    for thread in jobs.threading.enumerate():
        if thread.name == f"import-{job.pk}":
            thread.join(timeout=5)
    assert started == [job.pk]


def test_files_of_imports_left_alone_for_a_week_are_deleted(job):
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKED)
    path = job.file.path
    age(job, days=8)
    jobs.import_jobs_resume()
    job.refresh_from_db()
    assert not job.file
    assert not os.path.exists(path)
