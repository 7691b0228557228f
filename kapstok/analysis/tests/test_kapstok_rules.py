"""Pure rules of the kapstok: SMART check, progress roll-up, phases and every stall rule."""

import dataclasses
import datetime
import doctest

import pytest

from kapstok.analysis import phases, progress, smart, stall_rules
from kapstok.analysis.phases import OfficeFacts, derive_phase
from kapstok.analysis.progress import Node, rolled_up
from kapstok.analysis.smart import GoalFacts, missing_for_smart
from kapstok.analysis.stall_rules import OfficeStallFacts, Thresholds, evaluate

d = datetime.date


def test_docstring_examples_hold():
    for module in (phases, progress, smart, stall_rules):
        assert doctest.testmod(module).failed == 0


# --- SMART ---------------------------------------------------------------------------------

SMART_GOAL = GoalFacts(
    description="Tien nieuwe leden uit racketsport en paardensport",
    indicator="nieuwe leden uit ontbrekende takken",
    target_value=10,
    unit="ondernemers",
    has_owner=True,
    deadline_set=True,
)


def test_a_complete_goal_is_smart():
    assert missing_for_smart(SMART_GOAL) == []


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"indicator": ""}, ["indicator"]),
        ({"target_value": None}, ["target"]),
        ({"unit": " "}, ["unit"]),
        ({"has_owner": False}, ["owner"]),
        ({"deadline_set": False}, ["deadline"]),
        ({"description": "Meer leden"}, ["specific"]),
    ],
)
def test_smart_check_names_what_is_missing(change, missing):
    assert missing_for_smart(dataclasses.replace(SMART_GOAL, **change)) == missing


# --- progress ------------------------------------------------------------------------------


def test_leaf_progress_is_its_own_percentage():
    assert rolled_up(Node(progress=35)) == 35


def test_equal_children_average():
    assert rolled_up(Node(children=(Node(100), Node(0)))) == 50


def test_weights_count():
    assert rolled_up(Node(children=(Node(100, weight=3), Node(0, weight=1)))) == 75


def test_zero_weight_child_is_left_out():
    assert rolled_up(Node(children=(Node(100, weight=0), Node(20)))) == 20


def test_stopped_children_do_not_drag_progress_down():
    assert rolled_up(Node(children=(Node(80), Node(0, status="stopped")))) == 80


def test_progress_rolls_up_through_three_levels():
    activities = (Node(100), Node(50))
    project = Node(0, children=activities)  # 75
    strategy = Node(0, children=(project, Node(25)))  # (75 + 25) / 2
    goal = Node(0, children=(strategy,))
    assert rolled_up(goal) == 50


# --- phases --------------------------------------------------------------------------------


def facts(**overrides):
    base = dict(
        member_count=0,
        sessions_planned_or_held=0,
        smart_goals_with_running_project=0,
        measured_periods=0,
    )
    return OfficeFacts(**{**base, **overrides})


@pytest.mark.parametrize(
    ("overrides", "phase"),
    [
        ({}, "founded"),
        ({"member_count": 5}, "building"),
        ({"member_count": 5, "sessions_planned_or_held": 1}, "strategy"),
        (
            {
                "member_count": 5,
                "sessions_planned_or_held": 1,
                "smart_goals_with_running_project": 1,
            },
            "executing",
        ),
        (
            {
                "member_count": 5,
                "sessions_planned_or_held": 1,
                "smart_goals_with_running_project": 1,
                "measured_periods": 2,
            },
            "embedded",
        ),
    ],
)
def test_phase_follows_the_evidence(overrides, phase):
    assert derive_phase(facts(**overrides)).phase == phase


def test_a_later_phase_needs_the_earlier_ones():
    result = derive_phase(facts(sessions_planned_or_held=2, measured_periods=4))
    assert result.phase == "founded"
    assert [e.met for e in result.evidence] == [True, False, True, False, True]


def test_one_measured_period_is_not_embedded():
    full = facts(
        member_count=5,
        sessions_planned_or_held=1,
        smart_goals_with_running_project=1,
        measured_periods=1,
    )
    assert derive_phase(full).phase == "executing"


# --- stall rules ---------------------------------------------------------------------------

TODAY = d(2025, 6, 1)


def office(**overrides):
    """A healthy office: every rule stays quiet unless a test changes a fact."""
    base = dict(
        today=TODAY,
        founded_on=d(2024, 1, 1),
        sessions=1,
        last_session_held_on=d(2025, 4, 1),
        smart_goals=1,
        last_activity_on=d(2025, 5, 20),
        members_now=20,
        members_before=18,
        recent_actors=3,
        recent_actions=9,
        overdue_support_requests=0,
    )
    return OfficeStallFacts(**{**base, **overrides})


def rules(facts, thresholds=None):
    return {f.rule: f for f in evaluate(facts, thresholds)}


def test_a_healthy_office_trips_nothing():
    assert rules(office()) == {}


def test_no_session_trips_six_months_after_founding():
    young = office(sessions=0, last_session_held_on=None, founded_on=d(2025, 1, 1))
    assert "no_session" not in rules(young)
    older = office(sessions=0, last_session_held_on=None, founded_on=d(2024, 12, 1))
    finding = rules(older)["no_session"]
    assert finding.severity == "warning"
    assert finding.params["months"] == 6


def test_no_session_becomes_critical_after_twice_the_threshold():
    old = office(sessions=0, last_session_held_on=None, founded_on=d(2024, 5, 1))
    assert rules(old)["no_session"].severity == "critical"


def test_no_smart_goal_trips_three_months_after_the_last_session():
    assert "no_smart_goal" not in rules(office(smart_goals=0, last_session_held_on=d(2025, 3, 15)))
    finding = rules(office(smart_goals=0, last_session_held_on=d(2025, 2, 28)))["no_smart_goal"]
    assert finding.params["session_on"] == d(2025, 2, 28)


def test_no_smart_goal_waits_for_a_held_session():
    assert "no_smart_goal" not in rules(office(smart_goals=0, last_session_held_on=None))


def test_no_activity_trips_after_90_quiet_days():
    assert "no_activity" not in rules(office(last_activity_on=TODAY - datetime.timedelta(89)))
    finding = rules(office(last_activity_on=TODAY - datetime.timedelta(90)))["no_activity"]
    assert finding.params["days"] == 90
    assert finding.severity == "warning"
    assert rules(office(last_activity_on=d(2024, 6, 1)))["no_activity"].severity == "critical"


def test_an_office_that_never_did_anything_counts_from_its_founding():
    finding = rules(office(last_activity_on=None, founded_on=d(2024, 1, 1)))["no_activity"]
    assert finding.params["last"] == d(2024, 1, 1)


def test_shrinking_membership_trips():
    assert "shrinking" not in rules(office(members_now=18, members_before=18))
    finding = rules(office(members_now=17, members_before=18))["shrinking"]
    assert finding.severity == "warning"
    assert rules(office(members_now=10, members_before=18))["shrinking"].severity == "critical"


def test_single_lead_trips_when_one_person_does_everything():
    assert rules(office(recent_actors=1, recent_actions=5))["single_lead"].params["actions"] == 5
    assert "single_lead" not in rules(office(recent_actors=1, recent_actions=2))
    assert "single_lead" not in rules(office(recent_actors=2, recent_actions=20))


def test_overdue_support_request_trips():
    assert rules(office(overdue_support_requests=2))["support_overdue"].params == {"count": 2}


def test_thresholds_are_configurable_and_rules_can_be_switched_off():
    quiet = office(last_activity_on=TODAY - datetime.timedelta(40))
    assert "no_activity" in rules(quiet, Thresholds(inactive_days=30))
    switched_off = Thresholds(enabled=frozenset(stall_rules.RULES) - {"shrinking"})
    assert "shrinking" not in rules(office(members_now=1), switched_off)
