"""When the scheduler runs its jobs, over days of wake-ups (Hypothesis), clock changes included.

`test_scheduler*.py` check single wake-ups. Here a worker wakes up every few minutes for days,
starting anywhere in 2024–2026 (so across the nights the clocks go forward or back), and every
job must keep the promise of `kapstok.home.scheduler`:

- a daily job runs exactly once on each day in Europe/Amsterdam, on the first wake-up at or after
  its hour — also on the day with a 23- or 25-hour clock;
- an interval job never runs twice within its interval and is never kept waiting longer than
  its interval plus one wake-up step — also in the hour that happens twice in October.
"""

import datetime
import zoneinfo
from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.core.models import JobRun
from kapstok.home.scheduler import Job, is_due, run_due_jobs

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
SETTINGS = settings(max_examples=60, deadline=None)
EPOCH = datetime.datetime(2024, 1, 1, tzinfo=UTC)
starts = st.integers(0, 3 * 365 * 24 * 60).map(lambda m: EPOCH + datetime.timedelta(minutes=m))
# Nights the clocks change, so Hypothesis does not have to be lucky to find them.
CLOCK_CHANGES = [
    datetime.datetime(2025, 3, 29, 22, tzinfo=UTC),
    datetime.datetime(2025, 10, 25, 22, tzinfo=UTC),
    datetime.datetime(2026, 3, 28, 22, tzinfo=UTC),
    datetime.datetime(2026, 10, 24, 22, tzinfo=UTC),
]
starts = starts | st.sampled_from(CLOCK_CHANGES)


def wake_ups(start_utc: datetime.datetime, step_minutes: int, hours: int):
    """Local times of a worker waking every `step_minutes` for `hours` hours from `start_utc`."""
    instant = start_utc
    end = instant + datetime.timedelta(hours=hours)
    while instant < end:
        yield instant.astimezone(AMSTERDAM)
        instant += datetime.timedelta(minutes=step_minutes)


def simulate(job: Job, times) -> list[datetime.datetime]:
    """The moments the worker starts the job, remembering only its last start (as JobRun does)."""
    started, last = [], None
    for now in times:
        if is_due(job, last, now):
            started.append(now)
            last = now
    return started


@SETTINGS
@given(starts, st.integers(1, 30), st.integers(0, 23), st.integers(1, 3))
def test_a_daily_job_runs_once_a_day_on_the_first_wake_up_after_its_hour(start, step, hour, days):
    times = list(wake_ups(start, step, 24 * days))
    runs = simulate(Job("dagelijks", hour, lambda: ""), times)
    per_day = Counter(run.date() for run in runs)
    assert all(count == 1 for count in per_day.values())
    first_after_hour = {}
    for t in times:
        if t.hour >= hour:
            first_after_hour.setdefault(t.date(), t)
    assert runs == sorted(first_after_hour.values())


@SETTINGS
@given(starts, st.integers(1, 10), st.sampled_from([5, 15, 60]), st.integers(1, 2))
def test_an_interval_job_keeps_its_rhythm_whatever_the_wall_clock_says(start, step, interval, days):
    runs = simulate(
        Job("vaak", 0, lambda: "", every_minutes=interval), wake_ups(start, step, 24 * days)
    )
    gaps = [
        (later.astimezone(UTC) - earlier.astimezone(UTC)).total_seconds() / 60
        for earlier, later in zip(runs, runs[1:], strict=False)
    ]
    assert all(interval <= gap < interval + step for gap in gaps)


def test_the_mail_outbox_keeps_going_in_the_hour_that_happens_twice():
    """26 October 2025: 02:00–03:00 comes twice. Five minutes after 02:58 CEST is 02:03 CET."""
    outbox = Job("mail_outbox", 0, lambda: "", every_minutes=5)
    last = datetime.datetime(2025, 10, 26, 0, 58, tzinfo=UTC).astimezone(AMSTERDAM)
    now = datetime.datetime(2025, 10, 26, 1, 3, tzinfo=UTC).astimezone(AMSTERDAM)
    assert (last.hour, now.hour) == (2, 2) and now.minute < last.minute
    assert is_due(outbox, last, now)


@pytest.mark.django_db
def test_a_day_of_wake_ups_runs_each_daily_job_once_and_the_interval_job_every_time_due():
    ran = defaultdict(int)

    def job(name):
        def run():
            ran[name] += 1
            return name

        return run

    jobs = (
        Job("vroeg", 3, job("vroeg")),
        Job("laat", 22, job("laat")),
        Job("kwartier", 0, job("kwartier"), every_minutes=15),
    )
    start = datetime.datetime(
        2025, 10, 25, 22, tzinfo=UTC
    )  # local midnight before the clocks go back
    for now in wake_ups(start, 5, 25):  # the 25 hours of 26 October 2025
        run_due_jobs(now=now, jobs=jobs)
    # the 25-hour day: 100 quarters, each started on the first wake-up due
    assert dict(ran) == {"vroeg": 1, "laat": 1, "kwartier": 100}
    assert set(JobRun.objects.values_list("last_status", flat=True)) == {"ok"}
