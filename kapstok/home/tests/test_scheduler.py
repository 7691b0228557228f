"""The background scheduler runs each daily job once per day, whoever asks."""

import datetime
import doctest
import zoneinfo

import pytest

from kapstok.core.generation import generation_current
from kapstok.core.models import JobRun
from kapstok.home import scheduler
from kapstok.home.scheduler import JOBS, Job, run_due_jobs

pytestmark = pytest.mark.django_db

TZ = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(hour, day=2):
    return datetime.datetime(2025, 1, day, hour, tzinfo=TZ)


def test_docstring_examples_hold():
    assert doctest.testmod(scheduler).failed == 0


def test_a_job_runs_once_per_day_after_its_hour():
    calls = []
    jobs = (Job("tel", 6, lambda: calls.append(1) or "ok"),)
    assert run_due_jobs(at(5), jobs) == []
    assert run_due_jobs(at(7), jobs) == ["tel"]
    assert run_due_jobs(at(9), jobs) == []  # a second server, later that day
    assert run_due_jobs(at(7, day=3), jobs) == ["tel"]
    assert len(calls) == 2
    assert JobRun.objects.get(name="tel").last_status == "ok"


def test_a_run_that_ran_jobs_makes_cached_page_parts_stale_and_an_idle_one_does_not():
    """Jobs change what pages show outside a request (a member-check round closes, coverage
    figures are recomputed); the short caches key on the content generation."""
    jobs = (Job("tel", 6, lambda: "ok"),)
    before = generation_current()
    run_due_jobs(at(5), jobs)
    assert generation_current() == before
    run_due_jobs(at(7), jobs)
    assert generation_current() == before + 1
    run_due_jobs(at(9), jobs)  # nothing due any more
    assert generation_current() == before + 1


def test_a_failing_job_is_recorded_and_does_not_stop_the_others():
    def broken():
        raise RuntimeError("mailserver weg")

    jobs = (Job("kapot", 6, broken), Job("heel", 6, lambda: "ok"))
    assert run_due_jobs(at(7), jobs) == ["kapot", "heel"]
    run = JobRun.objects.get(name="kapot")
    assert run.last_status == "failed"
    assert "mailserver weg" in run.last_message


def test_the_signals_job_computes_signals(world):
    from kapstok.progress.models import Signal

    run_due_jobs(at(7))
    assert Signal.objects.open().filter(office=world.office).exists()


def test_planner_statistics_are_refreshed_daily():
    assert "planner_statistics" in {job.name for job in JOBS}
