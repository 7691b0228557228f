"""Who to approach next, and the national gaps: behaviour beyond the docstring examples."""

import datetime
import random

import pytest

from kapstok.analysis import representativeness as rep

d = datetime.date


def index_after(members, landscape, branch):
    return rep.representativeness_index({**members, branch: members.get(branch, 0) + 1}, landscape)


# --- approach order ------------------------------------------------------------------------


def test_the_list_is_as_long_as_the_prospects_available():
    order = rep.approach_order(
        {"fitness": 2}, {"fitness": 4, "padel": 4}, {"padel": 3, "fitness": 2}
    )
    assert sorted(order) == ["fitness", "fitness", "padel", "padel", "padel"]


def test_the_first_prospect_is_always_one_that_raises_the_index_most():
    rng = random.Random(7)
    branches = ["dans", "fitness", "golf", "padel"]
    for _ in range(200):
        members = {b: rng.randint(0, 5) for b in branches}
        landscape = {b: rng.randint(0, 5) for b in branches}
        available = {b: rng.randint(0, 2) for b in branches}
        if not sum(landscape.values()) or not sum(available.values()):
            continue
        [first] = rep.approach_order(members, landscape, available, limit=1)
        candidates = [b for b, n in available.items() if n]
        best = max(index_after(members, landscape, b) for b in candidates)
        assert index_after(members, landscape, first) == pytest.approx(best)


def test_equal_gains_go_to_the_branch_that_falls_short_most_then_alphabetically():
    # Padel and golf raise the index equally; padel falls short more (.3 against .2).
    members, landscape = {"fitness": 5}, {"fitness": 5, "padel": 3, "golf": 2}
    assert rep.approach_order(members, landscape, {"golf": 1, "padel": 1}) == ["padel", "golf"]
    # Equal shortfalls too: the name decides.
    even = {"fitness": 2, "padel": 1, "golf": 1}
    assert rep.approach_order({"fitness": 2}, even, {"padel": 1, "golf": 1}) == ["golf", "padel"]


def test_a_branch_unknown_on_both_sides_is_never_proposed():
    order = rep.approach_order({"fitness": 2}, {"padel": 1}, {"curling": 3, "padel": 1})
    assert order == ["padel"]


def test_an_office_without_landscape_gets_no_order():
    assert rep.approach_order({"fitness": 1}, {}, {"fitness": 3}) == []


def test_no_prospects_or_a_limit_of_zero_give_an_empty_order():
    landscape = {"fitness": 5, "padel": 3}
    assert rep.approach_order({}, landscape, {}) == []
    assert rep.approach_order({}, landscape, {"padel": 0}) == []
    assert rep.approach_order({}, landscape, {"padel": 2}, limit=0) == []


def test_a_limit_gives_the_start_of_the_full_order():
    members, landscape = {"fitness": 3}, {"fitness": 4, "padel": 3, "golf": 2, "dans": 1}
    available = {"padel": 3, "golf": 2, "dans": 2, "fitness": 2}
    full = rep.approach_order(members, landscape, available)
    assert rep.approach_order(members, landscape, available, limit=4) == full[:4]


def test_the_order_mixes_branches_instead_of_exhausting_one_first():
    order = rep.approach_order({}, {"padel": 1, "golf": 1}, {"padel": 3, "golf": 3})
    assert order[:2] in (["golf", "padel"], ["padel", "golf"])


def test_the_order_is_the_same_whatever_the_order_of_the_input():
    members, landscape = {"fitness": 2, "dans": 1}, {"fitness": 3, "padel": 3, "golf": 3, "dans": 1}
    available = {"padel": 2, "golf": 2, "dans": 1}
    reverse = dict(reversed(list(available.items())))
    assert rep.approach_order(members, landscape, available) == rep.approach_order(
        dict(reversed(list(members.items()))), landscape, reverse
    )


# --- gains and shortfalls ------------------------------------------------------------------


def test_gains_are_only_given_for_branches_present_in_the_landscape():
    gains = rep.index_gains({"yoga-pilates": 1}, {"fitness": 2, "padel": 0})
    assert set(gains) == {"fitness"}


def test_an_office_without_members_falls_short_by_each_branch_share():
    assert rep.shortfalls({}, {"fitness": 1, "padel": 3}) == {"fitness": 0.25, "padel": 0.75}


def test_no_landscape_no_shortfalls():
    assert rep.shortfalls({"fitness": 1}, {}) == {}


def test_an_over_represented_branch_falls_short_by_nothing():
    assert rep.shortfalls({"fitness": 9, "padel": 1}, {"fitness": 1, "padel": 1})["fitness"] == 0


def test_fractional_member_weights_are_allowed():
    weights = rep.member_weights([["fitness", "yoga-pilates"], ["fitness"]])
    index = rep.representativeness_index(weights, {"fitness": 3, "yoga-pilates": 1})
    assert index == pytest.approx(1.0)


def test_a_member_without_branches_adds_no_weight():
    assert rep.member_weights([[], ["padel"]]) == {"padel": 1.0}


# --- series, coverage and national gaps ----------------------------------------------------


def test_a_series_over_no_days_is_empty():
    assert rep.index_series([], {"fitness": 1}, []) == []


def test_a_series_against_an_empty_landscape_has_no_index():
    periods = [rep.MemberPeriod(d(2024, 1, 1), None, {"fitness": 1})]
    assert rep.index_series(periods, {}, [d(2024, 6, 1)]) == [(d(2024, 6, 1), None)]


def test_a_member_counts_until_the_day_before_leaving():
    periods = [rep.MemberPeriod(d(2024, 1, 1), d(2024, 2, 1), {"fitness": 1})]
    series = rep.index_series(periods, {"fitness": 1}, [d(2024, 1, 31), d(2024, 2, 1)])
    assert [index for _day, index in series] == [1.0, 0.0]


def test_coverage_ties_are_broken_by_landscape_size_then_name():
    rows = rep.coverage_rows({}, {"golf": 2, "dans": 2, "padel": 3}, {"padel": 1})
    # Every gap is 2: the bigger landscape (padel) first, then by name.
    assert [r.branch for r in rows] == ["padel", "dans", "golf"]


def test_coverage_of_branches_in_neither_is_not_shown():
    assert rep.coverage_rows({}, {}, {"fitness": 2}) == []


def test_no_offices_no_national_gaps():
    assert rep.national_gaps([]) == []


def test_an_office_without_members_falls_short_in_every_branch():
    [gap] = rep.national_gaps([rep.OfficeMix({}, {"padel": 4}, {})])
    assert (gap.branch, gap.missing, gap.shortfall) == ("padel", 4, 1.0)
