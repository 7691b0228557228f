"""Worked examples for role matrices, the working-day calendar, member series and the
cross-validation figures, including the odd inputs real data brings."""

import datetime as dt

import pytest

from kapstok.analysis import membership
from kapstok.analysis.dutch_text import Analyser
from kapstok.analysis.evaluation import CrossValidation, RepeatedCrossValidation, RunResult
from kapstok.analysis.role_matrix import cell, consensus, decision_warnings, differences
from kapstok.analysis.sla import WorkingCalendar

PARTIES = ["pos", "office", "municipality"]


# --- role matrices -------------------------------------------------------------------------


def test_a_missing_task_row_or_a_none_cell_reads_as_empty():
    assert cell({}, "t", "pos") == ""
    assert cell({"t": None}, "t", "pos") == ""
    assert cell({"t": {"pos": None}}, "t", "pos") == ""
    assert cell({"t": {"pos": "decides"}}, "t", "pos") == "decides"


def test_three_views_differ_where_any_one_of_them_says_something_else():
    views = {
        "pos": {"t": {"office": "decides", "pos": "supports"}},
        "office": {"t": {"office": "decides", "pos": "supports"}},
        "municipality": {"t": {"office": "decides", "pos": "informed"}},
    }
    assert differences(views, ["t"], PARTIES) == {
        ("t", "pos"): {"pos": "supports", "office": "supports", "municipality": "informed"}
    }
    assert consensus(views, ["t"], PARTIES) == {
        "t": {"pos": "", "office": "decides", "municipality": ""}
    }


def test_a_single_view_is_its_own_consensus_and_has_no_differences():
    view = {"t": {"office": "decides"}}
    assert differences({"office": view}, ["t"], PARTIES) == {}
    assert consensus({"office": view}, ["t"], PARTIES)["t"]["office"] == "decides"


def test_tasks_missing_from_every_view_have_no_decider():
    assert decision_warnings({}, ["a", "b"], PARTIES) == {"a": "none", "b": "none"}


def test_deciders_outside_the_parties_are_not_counted():
    matrix = {"t": {"office": "decides", "partner": "decides"}}
    assert decision_warnings(matrix, ["t"], PARTIES) == {}
    assert decision_warnings(matrix, ["t"], [*PARTIES, "partner"]) == {"t": "many"}


def test_no_tasks_no_differences_no_warnings():
    assert differences({"office": {}}, [], PARTIES) == {}
    assert consensus({"office": {}}, [], PARTIES) == {}
    assert decision_warnings({}, [], PARTIES) == {}


# --- the working-day calendar --------------------------------------------------------------


def test_a_request_over_new_year_skips_the_holidays_of_both_years():
    cal = WorkingCalendar.covering(dt.date(2025, 12, 30))
    # Tue 30 Dec 2025 → Mon 5 Jan 2026: 31 Dec, 2 Jan and 5 Jan count; 1 Jan is a holiday.
    assert cal.elapsed(dt.date(2025, 12, 30), dt.date(2026, 1, 5)) == 3


def test_days_outside_the_calendar_are_no_working_days():
    cal = WorkingCalendar.for_years([2026])
    assert not cal.is_working_day(dt.date(2027, 1, 4))
    assert cal.is_working_day(dt.date(2026, 1, 2))


def test_a_due_date_beyond_the_calendar_is_its_last_working_day():
    cal = WorkingCalendar.for_years([2026])
    assert cal.add(dt.date(2026, 12, 30), 10) == dt.date(2026, 12, 31)


def test_good_friday_easter_and_whit_monday_are_off():
    cal = WorkingCalendar.for_years([2026])
    assert not cal.is_working_day(dt.date(2026, 4, 3))  # Goede Vrijdag
    assert not cal.is_working_day(dt.date(2026, 4, 6))  # Tweede paasdag
    assert not cal.is_working_day(dt.date(2026, 5, 25))  # Tweede pinksterdag
    assert cal.is_working_day(dt.date(2026, 5, 5))  # Bevrijdingsdag: only every fifth year


# --- member series -------------------------------------------------------------------------


def test_a_series_since_before_the_first_member_starts_at_zero():
    periods = [(dt.date(2024, 3, 10), None)]
    series = membership.monthly_counts(periods, dt.date(2024, 4, 15), since=dt.date(2024, 1, 20))
    assert series == [
        (dt.date(2024, 1, 1), 0),
        (dt.date(2024, 2, 1), 0),
        (dt.date(2024, 3, 1), 0),
        (dt.date(2024, 4, 1), 1),
        (dt.date(2024, 4, 15), 1),
    ]


def test_a_member_who_joined_and_left_on_the_same_day_never_counts():
    periods = [(dt.date(2024, 3, 1), dt.date(2024, 3, 1))]
    assert membership.count_on(periods, dt.date(2024, 3, 1)) == 0


def test_members_leaving_show_in_the_next_month():
    periods = [(dt.date(2024, 1, 1), dt.date(2024, 2, 15)), (dt.date(2024, 1, 1), None)]
    counts = [count for _day, count in membership.monthly_counts(periods, dt.date(2024, 3, 1))]
    assert counts == [2, 2, 1]


# --- cross-validation figures --------------------------------------------------------------


def run(*folds, pooled=(0.5, 0.5)):
    return CrossValidation(
        tuple(RunResult(10, ari, share) for ari, share in folds),
        RunResult(10 * len(folds), *pooled),
    )


def test_fold_means_are_plain_means():
    result = run((0.2, 0.6), (0.4, 0.8))
    assert result.ari_mean == pytest.approx(0.3)
    assert result.share_correct_mean == pytest.approx(0.7)


def test_repeated_figures_average_over_the_seeds():
    first = run((0.2, 0.6), (0.4, 0.8), pooled=(0.5, 0.7))
    second = run((0.6, 0.9), (0.8, 1.0), pooled=(0.7, 0.9))
    repeated = RepeatedCrossValidation((0, 1), (first, second))
    assert repeated.ari_mean == pytest.approx(0.5)
    assert repeated.pooled_ari == pytest.approx(0.6)
    assert repeated.share_correct == pytest.approx(0.8)
    assert repeated.fold_aris == [0.2, 0.4, 0.6, 0.8]


# --- more Dutch compounds ------------------------------------------------------------------


def test_a_compound_takes_the_concepts_of_both_its_parts():
    terms = Analyser(thesaurus=True).terms("parkeerkosten")
    assert "~kosten" in terms


def test_the_same_text_gives_the_same_terms_every_time():
    analyser = Analyser(thesaurus=True, prefix_length=5)
    text = "Hoge energiekosten voor de sporthal en de zaalhuur"
    assert (
        analyser.terms(text)
        == analyser.terms(text)
        == Analyser(thesaurus=True, prefix_length=5).terms(text)
    )
