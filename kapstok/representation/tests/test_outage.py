"""The database goes away in the middle of a landscape import.

What the lead must be able to rely on: the import ends as *failed* with a Dutch explanation
and an "Opnieuw proberen" button, not a bar stuck at 19 %; no row of the file is stored (the
store is one transaction); once the database is back, one click runs the step again.

The outage is simulated at the cursor: every statement raises `OperationalError` from the
moment the store begins (or from the first progress write) until a number of statements has
failed, as a server that restarts would. `transaction=True`: the store's own transaction must
be the outermost one, as in production, so that its rollback is real.
"""

import datetime
from unittest import mock

import pytest

from django.core.files.base import ContentFile
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse
from django.utils import timezone

from kapstok.representation import jobs
from kapstok.representation.factories import ImportJobFactory
from kapstok.representation.models import ImportJob, ImportStatus, LandscapeBusiness

from .conftest import business, csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = [business(f"{12345670 + n}", f"Sportschool {n}") for n in range(8)]


class Outage:
    """A database that fails `statements` statements once `begin()` is called, then returns."""

    def __init__(self, statements: int):
        self.left = 0
        self.statements = statements
        self.failed = 0
        self._execute = CursorWrapper.execute
        self._executemany = CursorWrapper.executemany

    def begin(self):
        self.left = self.statements

    def _gate(self):
        if self.left:
            self.left -= 1
            self.failed += 1
            raise OperationalError("server closed the connection unexpectedly")

    def patches(self):
        outage = self

        def execute(cursor, *args, **kwargs):
            outage._gate()
            return outage._execute(cursor, *args, **kwargs)

        def executemany(cursor, *args, **kwargs):
            outage._gate()
            return outage._executemany(cursor, *args, **kwargs)

        return (
            mock.patch.object(CursorWrapper, "execute", execute),
            mock.patch.object(CursorWrapper, "executemany", executemany),
        )


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    settings.REPRESENTATION_OUTAGE_RETRY_DELAYS = (0, 0, 0)


@pytest.fixture
def confirmed_job(world, taxonomy):
    """A checked file of 8 businesses that the lead has just confirmed."""
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    job.file.save("landschap.csv", ContentFile(csv_bytes(ROWS)))
    jobs.import_job_run(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORT_PENDING)
    return job


def run_with_outage(job, monkeypatch, *, statements: int, at: str = "store"):
    """Run the job's pending step while the database is away for `statements` statements."""
    outage = Outage(statements)
    if at == "store":
        store = jobs.services.landscape_store

        def store_during_outage(**kwargs):
            outage.begin()
            return store(**kwargs)

        monkeypatch.setattr(jobs.services, "landscape_store", store_during_outage)
    else:  # while the file is still being read: the progress write at 19 % meets the outage
        parse = jobs.services.landscape_parse

        def parse_during_outage(**kwargs):
            outage.begin()
            kwargs["progress"](0.19)
            return parse(**kwargs)

        monkeypatch.setattr(jobs.services, "landscape_parse", parse_during_outage)
    first, second = outage.patches()
    with first, second:
        jobs.import_job_run(job.pk)
    return outage


def test_an_outage_while_storing_fails_the_import_stores_nothing_and_offers_a_retry(
    confirmed_job, monkeypatch, caplog
):
    outage = run_with_outage(confirmed_job, monkeypatch, statements=3)
    assert outage.failed == 3  # the store and two attempts to record the failure met the outage
    caplog.clear()  # the outage is logged as an error on purpose

    job = ImportJob.objects.get(pk=confirmed_job.pk)
    assert job.status == ImportStatus.FAILED
    assert job.retry_status == ImportStatus.IMPORT_PENDING
    assert job.message.startswith("Het opslaan is onderbroken")
    assert "niets van dit bestand opgeslagen" in job.message
    assert job.can_retry and job.file  # the file is kept for the retry
    assert LandscapeBusiness.objects.count() == 0


def test_an_outage_while_reading_fails_the_check_with_its_own_message(
    world, taxonomy, monkeypatch, caplog
):
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    job.file.save("landschap.csv", ContentFile(csv_bytes(ROWS)))
    run_with_outage(job, monkeypatch, statements=1, at="progress")
    caplog.clear()
    job.refresh_from_db()
    assert (job.status, job.retry_status) == (ImportStatus.FAILED, ImportStatus.CHECK_PENDING)
    assert job.message.startswith("Het controleren van het bestand is onderbroken")
    assert job.report == {}


def test_the_lead_sees_the_explanation_and_one_click_imports_the_file(
    confirmed_job, monkeypatch, caplog, client, world
):
    run_with_outage(confirmed_job, monkeypatch, statements=2)
    caplog.clear()
    client.force_login(world.users["lead"])
    page = client.get(confirmed_job.get_absolute_url()).content.decode()
    assert "Het opslaan is onderbroken" in page
    retry = reverse("representation:import_retry", args=[world.office.slug, confirmed_job.pk])
    assert f'action="{retry}"' in page and "Opnieuw proberen" in page

    response = client.post(retry)
    assert response.status_code == 302
    job = ImportJob.objects.get(pk=confirmed_job.pk)
    assert (job.status, job.report["created"]) == (ImportStatus.DONE, 8)
    assert LandscapeBusiness.objects.filter(office=world.office).count() == 8
    assert "Opnieuw proberen" not in client.get(job.get_absolute_url()).content.decode()


def test_a_retry_sent_twice_imports_once(confirmed_job, monkeypatch, caplog, client, world):
    run_with_outage(confirmed_job, monkeypatch, statements=2)
    caplog.clear()
    client.force_login(world.users["lead"])
    retry = reverse("representation:import_retry", args=[world.office.slug, confirmed_job.pk])
    client.post(retry)
    response = client.post(retry, follow=True)
    assert "kan niet opnieuw worden geprobeerd" in response.content.decode()
    assert LandscapeBusiness.objects.filter(office=world.office).count() == 8


def test_a_database_that_stays_away_leaves_the_job_to_the_heartbeat_rule(
    confirmed_job, monkeypatch, caplog, client, world
):
    """No endless spinner: the page itself marks a job without heartbeat as cut off."""
    run_with_outage(confirmed_job, monkeypatch, statements=10)  # longer than the retries
    assert "could not record the failure" in caplog.text
    caplog.clear()
    job = ImportJob.objects.get(pk=confirmed_job.pk)
    assert job.status == ImportStatus.IMPORTING  # nobody could write anything meanwhile
    assert LandscapeBusiness.objects.count() == 0

    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - jobs.HEARTBEAT_LOST - datetime.timedelta(seconds=1)
    )
    client.force_login(world.users["lead"])
    progress = reverse("representation:import_progress", args=[world.office.slug, job.pk])
    response = client.get(progress, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == job.get_absolute_url()  # the bar stops polling
    job.refresh_from_db()
    assert (job.status, job.retry_status) == (ImportStatus.FAILED, ImportStatus.IMPORT_PENDING)


def test_a_refused_file_offers_no_retry_only_another_file(world, taxonomy, client):
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    job.file.save("kapot.csv", ContentFile(b""))
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and not job.can_retry
    client.force_login(world.users["lead"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Opnieuw proberen" not in page and "Een ander bestand kiezen" in page
    retry = reverse("representation:import_retry", args=[world.office.slug, job.pk])
    client.post(retry)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED


def test_a_member_cannot_retry_an_import(confirmed_job, monkeypatch, caplog, client, world):
    run_with_outage(confirmed_job, monkeypatch, statements=2)
    caplog.clear()
    client.force_login(world.users["member"])
    retry = reverse("representation:import_retry", args=[world.office.slug, confirmed_job.pk])
    assert client.post(retry).status_code == 403
    assert ImportJob.objects.get(pk=confirmed_job.pk).status == ImportStatus.FAILED


def test_an_outage_after_the_rows_are_committed_still_ends_as_done(confirmed_job, monkeypatch):
    """Once stored, a short outage must not tell the lead that nothing was stored."""
    outage = Outage(2)
    finish = jobs._finish

    def finish_after_outage(job, status, **kwargs):
        if status == ImportStatus.DONE and not outage.failed:
            outage.begin()
        return finish(job, status, **kwargs)

    monkeypatch.setattr(jobs, "_finish", finish_after_outage)
    first, second = outage.patches()
    with first, second:
        jobs.import_job_run(confirmed_job.pk)
    job = ImportJob.objects.get(pk=confirmed_job.pk)
    assert (job.status, job.report["created"], bool(job.file)) == (ImportStatus.DONE, 8, False)
    assert LandscapeBusiness.objects.count() == 8
