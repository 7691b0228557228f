"""Edge cases of the small pure rules: months, SMART, roll-up, stall rules, membership counts,
regions and coder agreement."""

import datetime

import pytest

from kapstok.analysis import membership
from kapstok.analysis.agreement import (
    NO_OVERLAP,
    NO_VARIATION,
    Kappa,
    code_pairs,
    cohen_kappa,
    kappa_per_code,
    pooled_kappa,
)
from kapstok.analysis.phases import OfficeFacts, derive_phase
from kapstok.analysis.progress import Node, rolled_up
from kapstok.analysis.regions import Site, propose_regions, region_problems
from kapstok.analysis.smart import GoalFacts, is_smart, missing_for_smart
from kapstok.analysis.stall_rules import (
    OfficeStallFacts,
    Thresholds,
    add_months,
    evaluate,
    rule_no_activity,
    rule_no_session,
    rule_shrinking,
)

d = datetime.date


# --- months --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (d(2024, 1, 31), 1, d(2024, 2, 29)),  # leap year
        (d(2023, 1, 31), 1, d(2023, 2, 28)),
        (d(2024, 3, 31), -1, d(2024, 2, 29)),  # backwards
        (d(2024, 12, 15), 1, d(2025, 1, 15)),  # over the year
        (d(2024, 1, 15), -13, d(2022, 12, 15)),
        (d(2024, 5, 10), 0, d(2024, 5, 10)),
        (d(2024, 8, 31), 1, d(2024, 9, 30)),
    ],
)
def test_adding_months_clips_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


# --- SMART ---------------------------------------------------------------------------------


def test_an_empty_goal_misses_everything_but_the_unit():
    facts = GoalFacts("", "", None, "", False, False)
    assert missing_for_smart(facts) == ["specific", "indicator", "target", "owner", "deadline"]


def test_whitespace_is_no_indicator_and_no_unit_but_zero_is_a_target():
    facts = GoalFacts("een twee drie vier", "  ", 0, " ", True, True)
    assert missing_for_smart(facts) == ["indicator", "unit"]
    assert not is_smart(facts)


def test_four_words_are_specific_enough_three_are_not():
    complete = dict(indicator="leden", target_value=10, unit="leden", has_owner=True)
    assert is_smart(GoalFacts("Tien nieuwe leden werven", deadline_set=True, **complete))
    assert not is_smart(GoalFacts("Nieuwe leden werven", deadline_set=True, **complete))


# --- roll-up -------------------------------------------------------------------------------


def test_fractional_weights_are_a_weighted_mean():
    node = Node(0, children=(Node(100, weight=0.5), Node(0, weight=1.5)))
    assert rolled_up(node) == 25.0


def test_children_all_weighted_zero_fall_back_to_the_nodes_own_progress():
    assert rolled_up(Node(50, children=(Node(100, weight=0),))) == 50.0


def test_a_stopped_node_still_rolls_up_its_own_children_when_asked_directly():
    stopped = Node(0, status="stopped", children=(Node(80),))
    assert rolled_up(stopped) == 80.0


def test_roll_up_rounds_to_one_decimal():
    assert rolled_up(Node(0, children=(Node(100), Node(0), Node(0)))) == 33.3


# --- phases --------------------------------------------------------------------------------


def test_measuring_without_members_does_not_make_an_office_embedded():
    facts = OfficeFacts(
        member_count=0, sessions_planned_or_held=3, smart_goals_with_running_project=2,
        measured_periods=8,
    )  # fmt: skip
    result = derive_phase(facts)
    assert result.phase == "founded"
    assert result.index == 0
    assert [e.met for e in result.evidence] == [True, False, True, True, True]


# --- stall rules ---------------------------------------------------------------------------

TODAY = d(2025, 6, 1)


def facts(**overrides):
    base = dict(
        today=TODAY, founded_on=d(2024, 1, 1), sessions=1, last_session_held_on=d(2025, 4, 1),
        smart_goals=1, last_activity_on=d(2025, 5, 20), members_now=20, members_before=18,
        recent_actors=3, recent_actions=9, overdue_support_requests=0,
    )  # fmt: skip
    return OfficeStallFacts(**{**base, **overrides})


def test_no_session_trips_on_the_due_day_itself():
    due_today = facts(sessions=0, founded_on=add_months(TODAY, -6))
    finding = rule_no_session(due_today, Thresholds())
    assert finding.since == TODAY
    assert rule_no_session(facts(sessions=0, founded_on=d(2024, 12, 2)), Thresholds()) is None


def test_a_planned_session_is_enough_to_silence_no_session():
    assert rule_no_session(facts(sessions=1, last_session_held_on=None), Thresholds()) is None


def test_no_activity_since_is_the_day_the_quiet_became_too_long():
    finding = rule_no_activity(facts(last_activity_on=d(2025, 1, 1)), Thresholds())
    assert finding.since == d(2025, 4, 1)
    assert finding.params == {"days": 151, "last": d(2025, 1, 1)}


def test_no_activity_is_critical_from_twice_the_threshold():
    assert (
        rule_no_activity(
            facts(last_activity_on=TODAY - datetime.timedelta(179)), Thresholds()
        ).severity
        == "warning"
    )
    assert (
        rule_no_activity(
            facts(last_activity_on=TODAY - datetime.timedelta(180)), Thresholds()
        ).severity
        == "critical"
    )


def test_losing_exactly_a_fifth_of_the_members_is_critical():
    assert (
        rule_shrinking(facts(members_now=8, members_before=10), Thresholds()).severity == "critical"
    )
    assert (
        rule_shrinking(facts(members_now=9, members_before=10), Thresholds()).severity == "warning"
    )


def test_an_office_that_lost_every_member_shrinks_critically():
    finding = rule_shrinking(facts(members_now=0, members_before=3), Thresholds())
    assert (finding.severity, finding.params["now"]) == ("critical", 0)


def test_growing_from_nothing_is_not_shrinking():
    assert rule_shrinking(facts(members_now=1, members_before=0), Thresholds()) is None


def test_findings_come_in_the_order_of_the_rules():
    everything = facts(
        sessions=0, last_session_held_on=d(2024, 9, 1), smart_goals=0,
        last_activity_on=d(2024, 1, 1), members_now=1, members_before=5, recent_actors=1,
        overdue_support_requests=1,
    )  # fmt: skip
    assert [f.rule for f in evaluate(everything)] == [
        "no_session", "no_smart_goal", "no_activity", "shrinking", "single_lead",
        "support_overdue",
    ]  # fmt: skip


def test_no_rule_enabled_means_no_findings():
    assert evaluate(facts(members_now=0), Thresholds(enabled=frozenset())) == []


# --- membership counts ---------------------------------------------------------------------


def test_month_starts_within_one_month_is_that_month():
    assert membership.month_starts(d(2024, 5, 20), d(2024, 5, 31)) == [d(2024, 5, 1)]


def test_month_starts_backwards_is_empty():
    assert membership.month_starts(d(2024, 6, 1), d(2024, 5, 1)) == []


def test_a_membership_counts_from_the_day_it_starts():
    periods = [(d(2024, 3, 15), None)]
    assert membership.count_on(periods, d(2024, 3, 14)) == 0
    assert membership.count_on(periods, d(2024, 3, 15)) == 1


def test_a_series_ending_on_the_first_of_a_month_does_not_repeat_that_day():
    series = membership.monthly_counts([(d(2024, 1, 1), None)], d(2024, 3, 1))
    assert series == [(d(2024, 1, 1), 1), (d(2024, 2, 1), 1), (d(2024, 3, 1), 1)]


def test_a_series_since_a_day_after_until_holds_only_until():
    series = membership.monthly_counts([(d(2024, 1, 1), None)], d(2024, 3, 10), since=d(2024, 5, 1))
    assert series == [(d(2024, 3, 10), 1)]


# --- regions -------------------------------------------------------------------------------


def test_offices_too_far_apart_to_form_regions_are_kept_together_rather_than_alone():
    pairs = [Site(1, 52.0, 4.0), Site(2, 52.0, 4.01), Site(3, 53.8, 7.0), Site(4, 53.8, 7.01)]
    assert propose_regions(pairs) == [[1, 2, 3, 4]]


def test_a_smaller_span_keeps_towns_apart():
    sites = [Site(i, 52.0, 4.0 + 0.02 * i) for i in range(3)] + [
        Site(10 + i, 52.0, 4.5 + 0.02 * i) for i in range(3)
    ]
    assert propose_regions(sites, max_span_km=10) == [[0, 1, 2], [10, 11, 12]]
    assert propose_regions(sites, max_span_km=100) == [[0, 1, 2, 10, 11, 12]]


def test_an_office_twice_in_one_region_is_a_duplicate_and_an_empty_region_no_problem():
    assert region_problems({"A": [1, 1, 2], "B": []}) == [("A", "duplicate:1")]
    assert region_problems({}) == []


# --- coder agreement -----------------------------------------------------------------------


def test_one_unit_the_coders_agree_on_shows_no_variation():
    result = cohen_kappa([("ja", "ja")])
    assert (result.kappa, result.reason, result.is_defined) == (None, NO_VARIATION, False)


def test_one_unit_they_disagree_on_is_chance_level():
    assert cohen_kappa([("ja", "nee")]).kappa == 0.0


def test_kappa_does_not_depend_on_the_order_of_the_units():
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("c", "b"), ("c", "c")]
    assert cohen_kappa(pairs) == cohen_kappa(list(reversed(pairs)))


def test_kappa_is_the_same_whichever_coder_is_called_a():
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b"), ("a", "a")]
    assert cohen_kappa(pairs).kappa == cohen_kappa([(b, a) for a, b in pairs]).kappa


def test_units_only_one_coder_coded_are_left_out():
    assert code_pairs({1: {"x"}, 2: {"x"}}, {3: {"x"}}, "x") == []
    assert kappa_per_code({1: {"x"}}, {2: {"x"}}, ["x"])["x"].reason == NO_OVERLAP


def test_units_of_mixed_types_are_compared_in_a_stable_order():
    pairs = code_pairs({1: {"x"}, "b": set()}, {1: set(), "b": {"x"}}, "x")
    assert pairs == [(True, False), (False, True)]


def test_pooled_kappa_of_codes_nobody_used_is_undefined():
    unused = Kappa(None, 1.0, 1.0, 10, NO_VARIATION)
    assert pooled_kappa({"x": unused, "y": unused}).reason == NO_VARIATION


def test_pooled_kappa_ignores_codes_without_units():
    empty = Kappa(None, None, None, 0, NO_OVERLAP)
    real = Kappa(0.4, 0.7, 0.5, 50)
    assert pooled_kappa({"x": real, "y": empty}).kappa == 0.4


def test_the_evidence_carries_the_counts_behind_each_phase():
    facts = OfficeFacts(
        member_count=12,
        sessions_planned_or_held=2,
        smart_goals_with_running_project=1,
        measured_periods=3,
    )
    result = derive_phase(facts)
    assert [(e.phase, e.value) for e in result.evidence] == [
        ("founded", 1),
        ("building", 12),
        ("strategy", 2),
        ("executing", 1),
        ("embedded", 3),
    ]
    assert (result.phase, result.index) == ("embedded", 4)
