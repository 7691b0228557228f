"""More of the working-day clock, and the supply-versus-demand figures of the support desk."""

import datetime as dt

import pytest

from kapstok.analysis.sla import (
    BREACHED,
    OK,
    WARNING,
    RequestFacts,
    WorkingCalendar,
    dutch_holidays,
    figures,
    percentile,
    sla_state,
    supply_demand,
)

CAL = WorkingCalendar.for_years([2026])


# --- calendar ------------------------------------------------------------------------------


def test_a_dutch_year_has_the_expected_holidays():
    days = dutch_holidays([2026])
    assert {
        dt.date(2026, 1, 1),  # Nieuwjaarsdag
        dt.date(2026, 4, 6),  # Tweede paasdag
        dt.date(2026, 4, 27),  # Koningsdag
        dt.date(2026, 5, 25),  # Tweede pinksterdag
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 26),
    } <= days


def test_2026_has_254_working_days():
    # 261 weekdays minus the 7 holidays on a weekday: 1 Jan, Good Friday, Easter Monday,
    # Koningsdag, Ascension, Whit Monday and 25 Dec (26 Dec is a Saturday).
    assert len(CAL.working) == 254


def test_a_year_given_twice_is_covered_once():
    assert WorkingCalendar.for_years([2026, 2026]).working == CAL.working


def test_covering_needs_a_date():
    with pytest.raises(ValueError):
        WorkingCalendar.covering(None, None)


def test_covering_includes_the_next_year_for_due_dates():
    cal = WorkingCalendar.covering(dt.date(2026, 12, 28))
    assert cal.last == dt.date(2027, 12, 31)
    assert cal.add(dt.date(2026, 12, 28), 3) == dt.date(2026, 12, 31)
    assert cal.add(dt.date(2026, 12, 28), 4) == dt.date(2027, 1, 4)


def test_dates_before_the_calendar_are_clamped():
    # Only the January days of 2026 count: December 2025 is not covered.
    assert CAL.elapsed(dt.date(2025, 12, 1), dt.date(2026, 1, 5)) == 2


def test_a_due_date_from_a_weekend_counts_from_the_next_working_day():
    assert CAL.add(dt.date(2026, 3, 7), 1) == dt.date(2026, 3, 9)  # Saturday + 1 → Monday


def test_a_pause_running_past_the_end_stops_at_the_end():
    pauses = [(dt.date(2026, 6, 3), dt.date(2026, 7, 1))]
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 5), pauses) == 2


def test_a_pause_covering_the_whole_time_leaves_nothing():
    pauses = [(dt.date(2026, 5, 1), dt.date(2026, 7, 1))]
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 5), pauses) == 0


def test_pauses_touching_end_to_start_are_merged_not_double_counted():
    pauses = [
        (dt.date(2026, 6, 2), dt.date(2026, 6, 4)),
        (dt.date(2026, 6, 4), dt.date(2026, 6, 8)),
    ]
    # Nine working days in (1 June, 12 June]; the pauses take 3, 4, 5 and 8 June.
    assert CAL.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 12), pauses) == 5


# --- state and percentile ------------------------------------------------------------------


def test_a_wider_warning_window_warns_earlier():
    assert sla_state(1, 5) == OK
    assert sla_state(1, 5, warn_days=4) == WARNING
    assert sla_state(6, 5, warn_days=4) == BREACHED


def test_a_zero_day_target_warns_on_the_day_and_breaches_after():
    assert [sla_state(n, 0) for n in (0, 1)] == [WARNING, BREACHED]


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([3, 1, 2], 0.0, 1),  # the order given does not matter
        ([3, 1, 2], 1.0, 3),
        ([1, 2], 0.25, 1.25),
        ([2.5, 2.5, 2.5], 0.9, 2.5),
        ([1, 2, 4], 0.5, 2),
    ],
)
def test_percentiles(values, fraction, expected):
    assert percentile(values, fraction) == expected


# --- figures -------------------------------------------------------------------------------


def request(category="rechtsvorm", response=1, resolution=4, *, is_open=False, **more):
    return RequestFacts(category, response, resolution, 2, 10, is_open, **more)


def test_no_requests_give_empty_figures():
    row = figures("rechtsvorm", [])
    assert (row.requests, row.backlog, row.ratings) == (0, 0, 0)
    assert row.response_median is None
    assert row.resolution_median is None
    assert row.within_target is None
    assert row.satisfaction is None


def test_within_target_needs_both_the_response_and_the_resolution_in_time():
    facts = [
        request(response=1, resolution=4),  # both in time
        request(response=3, resolution=4),  # answered late
        request(response=1, resolution=11),  # solved late
        request(response=2, resolution=10),  # exactly on both targets
    ]
    assert figures("x", facts).within_target == 50.0


def test_open_requests_count_in_the_backlog_not_in_resolution_times():
    facts = [request(resolution=4), request(response=2, resolution=None, is_open=True)]
    row = figures("x", facts)
    assert row.backlog == 1
    assert row.resolution_median == 4
    assert row.response_median == 1.5
    assert row.within_target == 100.0


def test_an_unanswered_request_has_no_response_time():
    row = figures("x", [request(response=None, resolution=None, is_open=True)])
    assert row.response_median is None
    assert row.backlog == 1


def test_satisfaction_is_the_mean_rating_of_those_who_rated():
    facts = [request(rating=5), request(rating=4), request(rating=None), request(rating=2)]
    row = figures("x", facts)
    assert (row.satisfaction, row.ratings) == (3.67, 3)


def test_requests_are_counted_per_phase_and_size_in_order():
    facts = [
        request(office_phase="strategy", office_size="small"),
        request(office_phase="building", office_size="small"),
        request(office_phase="strategy", office_size="large"),
    ]
    row = figures("x", facts)
    assert row.by_phase == {"building": 1, "strategy": 2}
    assert list(row.by_size.items()) == [("large", 1), ("small", 2)]


def test_capacity_used_counts_requests_linked_to_an_offer():
    facts = [request(has_offer=True), request(has_offer=True), request(no_offer=True)]
    row = figures("x", facts, capacity=5)
    assert (row.capacity, row.capacity_used, row.no_offer) == (5, 2, 1)


def test_supply_and_demand_per_category_and_in_total():
    facts = [request("rechtsvorm"), request("subsidie"), request("rechtsvorm", is_open=True)]
    rows = supply_demand(facts)
    assert [(row.category, row.requests) for row in rows] == [
        ("rechtsvorm", 2),
        ("subsidie", 1),
        ("Totaal", 3),
    ]
    assert rows[-1].backlog == 1


def test_a_category_with_capacity_but_no_requests_is_still_shown():
    rows = supply_demand([request("subsidie")], capacity={"juridisch": 4, "subsidie": 2})
    assert [(row.category, row.requests, row.capacity) for row in rows] == [
        ("juridisch", 0, 4),
        ("subsidie", 1, 2),
        ("Totaal", 1, 6),
    ]


def test_no_requests_and_no_capacity_give_only_the_total():
    [total] = supply_demand([])
    assert (total.category, total.requests, total.capacity) == ("Totaal", 0, 0)
