"""The representativeness index: pure functions, checked by hand-computed examples."""

import datetime
import doctest

import pytest

from kapstok.analysis import representativeness as rep

d = datetime.date


def test_docstring_examples_hold():
    assert doctest.testmod(rep).failed == 0


def test_the_worked_example_of_the_docstring():
    members = {"fitness": 3, "dans": 1}
    landscape = {"fitness": 4, "dans": 2, "padel": 4}
    assert rep.dissimilarity(members, landscape) == pytest.approx(0.4)
    assert rep.representativeness_index(members, landscape) == pytest.approx(0.6)


def test_a_perfect_mirror_scores_one_whatever_the_sizes():
    assert rep.representativeness_index({"golf": 1, "padel": 3}, {"golf": 10, "padel": 30}) == 1


def test_no_overlap_at_all_scores_zero():
    assert rep.representativeness_index({"yoga-pilates": 4}, {"golf": 2, "padel": 2}) == 0


def test_an_empty_landscape_has_no_index():
    assert rep.representativeness_index({"fitness": 3}, {}) is None
    assert rep.representativeness_index({}, {"fitness": 0}) is None


def test_an_office_without_members_scores_zero():
    assert rep.representativeness_index({}, {"fitness": 3}) == 0


def test_a_member_branch_missing_from_the_landscape_counts_against():
    # yoga: .5 among members, 0 in the landscape; fitness .5 vs 1 → D = .5
    assert rep.representativeness_index({"yoga-pilates": 1, "fitness": 1}, {"fitness": 5}) == 0.5


def test_branches_empty_on_both_sides_change_nothing():
    base = rep.representativeness_index({"fitness": 2}, {"fitness": 3, "padel": 1})
    padded = rep.representativeness_index(
        {"fitness": 2, "golf": 0}, {"fitness": 3, "padel": 1, "golf": 0}
    )
    assert padded == base


def test_the_index_is_symmetric_and_stays_between_zero_and_one():
    a, b = {"fitness": 5, "dans": 1}, {"fitness": 1, "dans": 1, "golf": 4}
    assert rep.dissimilarity(a, b) == pytest.approx(rep.dissimilarity(b, a))
    assert 0 <= rep.representativeness_index(a, b) <= 1


def test_member_weights_split_a_business_over_its_branches():
    weights = rep.member_weights([["fitness", "yoga-pilates"], ["padel"]])
    assert weights == {"fitness": 0.5, "yoga-pilates": 0.5, "padel": 1.0}
    assert sum(weights.values()) == 2


def test_a_prospect_in_a_missing_branch_gains_and_the_biggest_gap_breaks_the_tie():
    members, landscape = {"fitness": 5}, {"fitness": 5, "padel": 3, "golf": 2}
    gains = rep.index_gains(members, landscape)
    assert gains["fitness"] <= 0 < gains["golf"] == gains["padel"]
    gaps = rep.shortfalls(members, landscape)
    assert gaps["padel"] > gaps["golf"] > gaps["fitness"] == 0


def test_a_prospect_that_would_overshoot_its_branch_gains_less():
    gains = rep.index_gains({"fitness": 1, "padel": 1}, {"fitness": 10, "padel": 1, "golf": 1})
    assert gains["fitness"] > gains["golf"] > gains["padel"]


def test_for_an_office_without_members_the_first_gain_is_the_branch_share():
    assert rep.index_gains({}, {"padel": 1, "golf": 3}) == {"padel": 0.25, "golf": 0.75}


def test_the_series_follows_joining_and_leaving():
    periods = [
        rep.MemberPeriod(d(2024, 1, 1), d(2024, 3, 1), {"padel": 1}),
        rep.MemberPeriod(d(2024, 2, 1), None, {"fitness": 1}),
    ]
    days = [d(2023, 12, 1), d(2024, 1, 1), d(2024, 2, 1), d(2024, 3, 1)]
    series = rep.index_series(periods, {"padel": 1, "fitness": 1}, days)
    assert [index for _day, index in series] == [0.0, 0.5, 1.0, 0.5]


def test_coverage_rows_put_the_biggest_gap_first_and_cap_covered():
    rows = rep.coverage_rows({"fitness": 3}, {"fitness": 2, "golf": 4}, {"fitness": 3})
    assert [(r.branch, r.covered, r.coverage) for r in rows] == [
        ("golf", 0, 0.0),
        ("fitness", 2, 1.0),
    ]


def test_national_gaps_skip_offices_without_landscape():
    gaps = rep.national_gaps(
        [rep.OfficeMix({"fitness": 1}, {}, {}), rep.OfficeMix({}, {"golf": 2}, {})]
    )
    assert [(g.branch, g.missing, g.shortfall) for g in gaps] == [("golf", 2, 1.0)]
