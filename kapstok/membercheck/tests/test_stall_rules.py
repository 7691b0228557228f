"""The two stall rules the member check feeds, on plain facts: where each one trips, how hard,
and that POS can switch them off like the others."""

import datetime

import pytest

from kapstok.analysis.stall_rules import (
    CRITICAL,
    RULES,
    WARNING,
    MemberCheckFacts,
    OfficeStallFacts,
    Thresholds,
    evaluate,
    rule_member_response,
    rule_member_value,
)

TODAY = datetime.date(2026, 12, 7)


def facts(check: MemberCheckFacts | None) -> OfficeStallFacts:
    """A lively office (recent session, SMART goal, activity, several people acting)."""
    return OfficeStallFacts(
        today=TODAY,
        founded_on=datetime.date(2024, 1, 1),
        sessions=2,
        last_session_held_on=datetime.date(2026, 10, 1),
        smart_goals=1,
        last_activity_on=datetime.date(2026, 12, 1),
        members_now=20,
        members_before=20,
        recent_actors=3,
        recent_actions=9,
        overdue_support_requests=0,
        member_check=check,
    )


def check(value=None, previous=None, responses=10, members=20):
    return MemberCheckFacts("Ledencheck najaar 2026", members, responses, value, previous)


def test_both_rules_are_known_and_on_by_default():
    assert {"member_value", "member_response"} <= set(RULES)
    assert {"member_value", "member_response"} <= Thresholds().enabled


def test_an_office_without_a_closed_check_trips_neither():
    assert evaluate(facts(None)) == []


@pytest.mark.parametrize(
    "value, previous, expected",
    [
        (3.0, None, None),  # exactly the minimum is not below it
        (2.9, None, WARNING),
        (2.4, None, CRITICAL),  # half a point or more under the minimum
        (3.6, 4.0, None),  # 0.4 down: within what a round varies
        (3.5, 4.0, WARNING),  # 0.5 down: clearly
        (3.2, 4.2, CRITICAL),  # a full point down
        (4.5, 3.0, None),  # up
        (None, 4.0, None),  # fewer than five answers: no score to judge
    ],
)
def test_the_value_rule(value, previous, expected):
    finding = rule_member_value(facts(check(value, previous)), Thresholds())
    assert (finding.severity if finding else None) == expected


def test_the_value_finding_carries_the_words_the_text_needs():
    finding = rule_member_value(facts(check(2.9, 3.8, responses=12)), Thresholds())
    assert finding.params == {
        "round": "Ledencheck najaar 2026",
        "score": "2,9",
        "previous": "3,8",
        "responses": 12,
    }


@pytest.mark.parametrize(
    "responses, members, trips",
    [(5, 20, False), (4, 20, True), (0, 5, True), (0, 4, False), (1, 4, False)],
)
def test_the_response_rule_asks_a_quarter_of_offices_of_five_or_more(responses, members, trips):
    finding = rule_member_response(facts(check(responses=responses, members=members)), Thresholds())
    assert (finding is not None) is trips
    if finding:
        assert finding.params == {
            "round": "Ledencheck najaar 2026",
            "responses": responses,
            "members": members,
        }


def test_thresholds_move_the_lines_and_switching_off_silences_the_rules():
    low = facts(check(2.0, 4.0, responses=1))
    assert {f.rule for f in evaluate(low)} == {"member_value", "member_response"}
    lenient = Thresholds(member_value_min=1.5, member_value_drop=3.0, member_response_min_percent=5)
    assert evaluate(low, lenient) == []
    off = Thresholds(enabled=frozenset(RULES) - {"member_value", "member_response"})
    assert evaluate(low, off) == []
