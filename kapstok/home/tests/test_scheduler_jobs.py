"""The scheduler's jobs: each one runs on a quiet day and says in Dutch what it did.

`test_scheduler` covers the once-a-day rule; this module covers the list of jobs itself, the
interval jobs, a claim another server holds, the background tasks and the worker command.
"""

import datetime
import zoneinfo
from io import StringIO
from unittest import mock

import pytest

from django.core.management import call_command

from kapstok.core.models import JobRun
from kapstok.home import scheduler
from kapstok.home.scheduler import JOBS, Job, is_due, run_due_jobs

pytestmark = pytest.mark.django_db

TZ = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(hour, minute=0, day=2):
    return datetime.datetime(2025, 1, day, hour, minute, tzinfo=TZ)


def test_every_job_has_its_own_name_and_a_real_hour():
    names = [job.name for job in JOBS]
    assert len(names) == len(set(names))
    assert all(0 <= job.hour <= 23 for job in JOBS)


def test_the_mail_and_delivery_jobs_run_every_few_minutes_the_rest_daily():
    often = {job.name: job.every_minutes for job in JOBS if job.every_minutes}
    assert often == {"mail_outbox": 5, "message_deliveries": 15}


# The embeddings job loads a language model (seconds); `strategy/tests/test_embeddings` runs it.
QUICK_JOBS = [job for job in JOBS if job.name != "text_embeddings"]


@pytest.mark.parametrize("job", QUICK_JOBS, ids=lambda job: job.name)
def test_every_job_runs_on_an_empty_network_and_reports_what_it_did(job, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = job.run()
    assert isinstance(message, str) and message.strip()


def test_an_interval_job_waits_for_its_interval_and_ignores_the_hour():
    often = Job("vaak", 23, lambda: "ok", every_minutes=15)
    started = at(6)
    assert is_due(often, None, at(1))
    assert not is_due(often, started, at(6, 14))
    assert is_due(often, started, at(6, 15))


def test_a_daily_job_started_late_yesterday_is_due_again_after_its_hour_today():
    daily = Job("dag", 6, lambda: "ok")
    yesterday = at(23, day=1)
    assert not is_due(daily, yesterday, at(5))
    assert is_due(daily, yesterday, at(6))


def test_an_interval_job_runs_again_on_the_next_wake_up_after_its_interval():
    calls = []
    jobs = (Job("vaak", 0, lambda: calls.append(1) or "ok", every_minutes=5),)
    assert run_due_jobs(at(6), jobs) == ["vaak"]
    assert run_due_jobs(at(6, 3), jobs) == []
    assert run_due_jobs(at(6, 5), jobs) == ["vaak"]
    assert len(calls) == 2


def test_a_job_another_server_started_today_is_not_run_again():
    JobRun.objects.create(name="tel", last_started_at=at(6, 30), last_status="running")
    calls = []
    assert run_due_jobs(at(9), (Job("tel", 6, lambda: calls.append(1) or "ok"),)) == []
    assert calls == []
    assert JobRun.objects.get(name="tel").last_status == "running"


def test_a_finished_job_records_its_message_and_when_it_finished():
    run_due_jobs(at(7), (Job("tel", 6, lambda: "3 nieuw"),))
    run = JobRun.objects.get(name="tel")
    assert run.last_status == "ok"
    assert run.last_message == "3 nieuw"
    assert run.last_finished_at is not None and run.last_started_at == at(7)


def test_a_very_long_failure_message_is_cut_to_fit():
    def broken():
        raise RuntimeError("x" * 5000)

    run_due_jobs(at(7), (Job("lang", 6, broken),))
    assert len(JobRun.objects.get(name="lang").last_message) == 2000


def test_a_failing_background_task_is_logged_and_the_worker_goes_on(caplog):
    with mock.patch(
        "kapstok.representation.jobs.import_jobs_resume", side_effect=RuntimeError("weg")
    ):
        assert scheduler.run_background_tasks() == []
    assert "Resuming landscape imports failed" in caplog.text


def test_the_background_tasks_say_nothing_when_there_is_nothing_to_resume():
    assert scheduler.run_background_tasks() == []


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections, as in production
def test_the_worker_command_runs_the_due_jobs_once_and_names_them():
    from kapstok.home.management.commands import run_scheduler

    jobs = (Job("tel", 0, lambda: "ok"),)
    output = StringIO()
    with mock.patch.object(run_scheduler, "run_due_jobs", lambda: run_due_jobs(jobs=jobs)):
        call_command("run_scheduler", "--once", stdout=output)
    assert output.getvalue() == "Uitgevoerd: tel\n"
