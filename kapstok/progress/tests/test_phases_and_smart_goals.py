"""`phases_and_smart_goals`: the phase and SMART goals that the municipality portal shows, the
same as `office_states` finds, in fewer queries that do not grow with the offices."""

import datetime

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.progress.facts import office_states, phases_and_smart_goals
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


def offices_in_every_phase() -> list:
    """An office without members, one with members, one with a session, one with SMART goals
    (one of them with a running project) and a vague goal that is not SMART."""
    empty = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    building = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    MembershipFactory(office=building)
    strategy = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    MembershipFactory(office=strategy)
    StrategySessionFactory(
        office=strategy, starts_at=datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC)
    )
    executing = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    MembershipFactory(office=executing)
    goal = GoalFactory(office=executing, owner=UserFactory())
    GoalFactory(office=executing, owner=UserFactory())
    GoalFactory(office=executing, owner=UserFactory(), indicator="", description="iets")
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    return [empty, building, strategy, executing]


def test_the_phase_and_smart_goals_are_those_of_office_states():
    offices = offices_in_every_phase()
    states = office_states(offices, TODAY)
    found = phases_and_smart_goals(offices, TODAY)
    assert {pk: (phase, smart) for pk, (phase, smart) in found.items()} == {
        pk: (state.phase, state.smart_goals) for pk, state in states.items()
    }
    assert [found[office.pk][1] for office in offices] == [0, 0, 0, 2]
    assert len({found[office.pk][0].phase for office in offices}) >= 3


def test_no_offices_means_no_phases():
    assert phases_and_smart_goals([], TODAY) == {}


def test_the_queries_do_not_grow_with_the_offices(django_assert_max_num_queries):
    one = [OfficeFactory()]
    many = offices_in_every_phase()
    with django_assert_max_num_queries(4) as few:
        phases_and_smart_goals(one, TODAY)
    with django_assert_max_num_queries(4) as more:
        phases_and_smart_goals(many, TODAY)
    assert len(more.captured_queries) == len(few.captured_queries)
