"""The working-day clock of the support desk, without a database."""

import datetime as dt

import pytest

from kapstok.analysis.sla import (
    BREACHED,
    OK,
    WARNING,
    WorkingCalendar,
    percentile,
    sla_state,
)

CAL = WorkingCalendar.for_years([2025, 2026])


def test_koningsdag_is_not_a_working_day():
    assert not CAL.is_working_day(dt.date(2026, 4, 27))
    assert CAL.is_working_day(dt.date(2026, 4, 28))


def test_hemelvaartsdag_is_not_a_working_day():
    assert not CAL.is_working_day(dt.date(2026, 5, 14))


def test_weekend_does_not_count():
    assert CAL.elapsed(dt.date(2026, 3, 6), dt.date(2026, 3, 9)) == 1  # Fri → Mon


def test_same_day_is_zero():
    assert CAL.elapsed(dt.date(2026, 3, 9), dt.date(2026, 3, 9)) == 0


def test_end_before_start_is_zero():
    assert CAL.elapsed(dt.date(2026, 3, 9), dt.date(2026, 3, 2)) == 0


def test_week_over_koningsdag_has_four_working_days():
    assert CAL.elapsed(dt.date(2026, 4, 24), dt.date(2026, 5, 1)) == 4


def test_week_over_hemelvaartsdag_has_four_working_days():
    assert CAL.elapsed(dt.date(2026, 5, 11), dt.date(2026, 5, 18)) == 4


def test_christmas_and_new_year_are_skipped():
    # Wed 24 Dec 2025 → Fri 2 Jan 2026: 25, 26 Dec and 1 Jan are holidays.
    assert CAL.elapsed(dt.date(2025, 12, 24), dt.date(2026, 1, 2)) == 4


def test_pause_while_waiting_for_the_office_is_not_counted():
    pauses = [(dt.date(2026, 6, 3), dt.date(2026, 6, 8))]
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 12), pauses) == 6


def test_open_pause_stops_the_clock_until_now():
    pauses = [(dt.date(2026, 6, 3), None)]
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 12), pauses) == 2


def test_overlapping_pauses_are_subtracted_once():
    pauses = [
        (dt.date(2026, 6, 3), dt.date(2026, 6, 8)),
        (dt.date(2026, 6, 5), dt.date(2026, 6, 9)),
    ]
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 12), pauses) == 5


def test_pause_over_a_holiday_removes_only_working_days():
    pauses = [(dt.date(2026, 4, 24), dt.date(2026, 4, 28))]  # over weekend and Koningsdag
    assert CAL.elapsed(dt.date(2026, 4, 22), dt.date(2026, 4, 30)) == 5
    assert CAL.elapsed(dt.date(2026, 4, 22), dt.date(2026, 4, 30), pauses) == 4


def test_pause_before_the_start_is_ignored():
    pauses = [(dt.date(2026, 5, 1), dt.date(2026, 6, 1))]
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 3), pauses) == 2


def test_due_date_skips_koningsdag():
    assert CAL.add(dt.date(2026, 4, 24), 2) == dt.date(2026, 4, 29)


def test_covering_spans_the_years_of_the_dates():
    cal = WorkingCalendar.covering(dt.date(2024, 12, 30), None, dt.date(2025, 1, 3))
    assert cal.first == dt.date(2024, 1, 1)
    assert cal.elapsed(dt.date(2024, 12, 30), dt.date(2025, 1, 3)) == 3  # 1 Jan off


@pytest.mark.parametrize(
    ("elapsed", "target", "state"),
    [(0, 2, OK), (1, 2, WARNING), (2, 2, WARNING), (3, 2, BREACHED), (5, None, OK)],
)
def test_sla_state(elapsed, target, state):
    assert sla_state(elapsed, target) == state


def test_percentile_matches_spreadsheet_interpolation():
    assert percentile([1, 2, 3, 4, 5], 0.5) == 3
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9.1
    assert percentile([7], 0.9) == 7
