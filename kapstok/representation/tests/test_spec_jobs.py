"""Background imports step by step, their progress and files; the command with bad files."""

import datetime
import json
import os
from io import StringIO

import pytest

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from kapstok.representation import jobs
from kapstok.representation.factories import ImportJobFactory, LandscapeBusinessFactory
from kapstok.representation.models import ImportJob, ImportStatus, LandscapeBusiness

from .conftest import business, csv_bytes

pytestmark = pytest.mark.django_db

OFFICE = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"
MAPPING = {"kvk_number": 0, "establishment_number": 1, "trade_name": 2, "sbi_codes": 3}


def job_in(world, status, rows=None, **fields):
    job = ImportJobFactory(office=world.office, status=status, **fields)
    rows = rows or [business("12345678", "Padelhal")]
    job.file.save("landschap.csv", ContentFile(csv_bytes(rows)))
    return job


def age(job, **delta):
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(**delta)
    )


def test_a_job_that_is_only_uploaded_is_not_run_by_anyone(world, taxonomy):
    job = job_in(world, ImportStatus.UPLOADED)
    assert jobs.import_job_run(job.pk) is False
    age(job, hours=1)
    assert jobs.import_jobs_resume() == 0
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_the_checked_report_counts_what_the_lead_must_know(world, taxonomy):
    rows = [
        business("12345678", "Padelhal"),
        business("12345678", "Padelhal"),  # exact duplicate
        business("90000001", "Zwaluw Centrum", "93.13", establishment="000000000001"),
        business("90000001", "Zwaluw Oost", "93.13", establishment="000000000002"),
        business("1234", "Foute regel"),
        business("23456789", "Sportcentrum", "93.19"),  # no branch to infer
    ]
    job = job_in(world, ImportStatus.CHECK_PENDING, rows, mapping={"columns": MAPPING})
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    report = job.report
    assert (job.status, job.progress) == (ImportStatus.CHECKED, 100)
    assert (report["valid"], report["rejected_count"], report["duplicate_count"]) == (4, 1, 1)
    assert report["duplicates"] == [[3, 2]]
    assert (report["chains"], report["unknown_branch"]) == (1, 1)
    assert report["rejected"] == [
        {"line": 6, "reason": "KvK-nummer '1234' bestaat niet uit 8 cijfers."}
    ]


def test_after_storing_the_report_keeps_the_check_and_adds_the_counts(world, taxonomy):
    LandscapeBusinessFactory(office=world.office, kvk_number="87654321")
    job = job_in(
        world,
        ImportStatus.IMPORT_PENDING,
        mapping={"columns": MAPPING, "remove_missing": True},
        report={"preview": {"index_now": None}},
    )
    path = job.file.path
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.report["created"], job.report["updated"], job.report["removed"]) == (1, 0, 1)
    assert job.report["preview"] == {"index_now": None}
    assert job.finished_at is not None
    assert not job.file
    assert not os.path.exists(path)
    assert list(LandscapeBusiness.objects.values_list("kvk_number", flat=True)) == ["12345678"]


def test_an_unreadable_file_fails_the_job_with_advice(world, taxonomy):
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECK_PENDING)
    job.file.save("oud.csv", ContentFile(b"\xd0\xcf\x11\xe0" + b"\x00" * 100))
    jobs.import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.message.startswith("Dit is een oud Excel-bestand (.xls).")


def test_the_progress_is_spread_over_the_steps_share_of_the_bar(world, monkeypatch):
    job = ImportJobFactory(office=world.office, status=ImportStatus.CHECKING)
    clock = iter([100.0, 100.1, 101.0])
    monkeypatch.setattr(jobs.time, "monotonic", lambda: next(clock))
    write = jobs._progress_writer(job, 0, 80)
    write(0.5)
    job.refresh_from_db()
    assert job.progress == 40
    write(0.9)  # a tenth of a second later: not written
    job.refresh_from_db()
    assert job.progress == 40
    write(1.0)
    job.refresh_from_db()
    assert job.progress == 80


def test_files_of_jobs_at_work_are_kept_however_old(world, taxonomy):
    busy = job_in(world, ImportStatus.IMPORT_PENDING, mapping={"columns": MAPPING})
    ImportJob.objects.filter(pk=busy.pk).update(status=ImportStatus.IMPORTING)
    age(busy, minutes=5)
    jobs._abandoned_files_delete(timezone.now() + datetime.timedelta(days=8))
    busy.refresh_from_db()
    assert busy.file


def test_the_progress_page_shows_why_an_import_failed(world, login):
    job = ImportJobFactory(
        office=world.office, status=ImportStatus.FAILED, message="Het bestand is leeg."
    )
    page = login(world.users["lead"]).get(job.get_absolute_url())
    assert "Het bestand is leeg." in page.content.decode()


# --- the command -----------------------------------------------------------------------------


def run(*args) -> dict:
    out = StringIO()
    call_command("representativeness", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_refuses_a_file_that_does_not_exist(world, tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        run("--office", world.office.slug, "--landscape", str(tmp_path / "weg.csv"))


def test_the_command_passes_on_the_readers_dutch_advice(world, taxonomy, write_file):
    path = write_file(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "oud.xls")
    with pytest.raises(CommandError, match="oud Excel-bestand"):
        run("--office", world.office.slug, "--landscape", str(path))


def test_the_command_reports_the_stored_landscape_per_branch(world, taxonomy):
    fitness = world.member_entrepreneur.branches.get()
    LandscapeBusinessFactory(
        office=world.office, branch=fitness, kvk_number=world.member_entrepreneur.kvk_number
    )
    LandscapeBusinessFactory(office=world.office, branch=fitness)
    report = run("--office", world.office.slug)
    assert (report["index"], report["members"], report["landscape"]) == (1.0, 1, 2)
    assert report["branches"] == [
        {"branch": "fitness", "members": 1, "landscape": 2, "coverage": 0.5}
    ]
