"""The facts behind phases and signals, read from the database per office."""

import datetime

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.analysis.stall_rules import Thresholds
from kapstok.goals.factories import GoalFactory, MeasurementFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.network.models import OfficeEvent
from kapstok.progress.facts import office_phases, office_states
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)
AMS = datetime.timezone(datetime.timedelta(hours=2))  # summer time


def at(day, hour=12):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMS)


def stall(office, thresholds=None):
    return office_states([office], TODAY, thresholds)[office.pk].stall


@pytest.fixture
def office():
    return OfficeFactory(founded_on=datetime.date(2024, 1, 1))


def smart_goal(office, **fields):
    return GoalFactory(office=office, owner=UserFactory(), **fields)


# --- members -------------------------------------------------------------------------------


def test_members_now_and_before_come_from_the_membership_history(office):
    MembershipFactory(office=office, joined_on=datetime.date(2024, 2, 1))
    MembershipFactory(office=office, joined_on=datetime.date(2025, 3, 1))  # joined since
    MembershipFactory(  # left since
        office=office, joined_on=datetime.date(2024, 2, 1), left_on=datetime.date(2025, 2, 1)
    )
    MembershipFactory(  # left before the window
        office=office, joined_on=datetime.date(2024, 2, 1), left_on=datetime.date(2024, 6, 1)
    )
    facts = stall(office)  # six months back: 1 December 2024
    assert (facts.members_now, facts.members_before) == (2, 2)


def test_the_shrink_window_follows_the_threshold(office):
    MembershipFactory(
        office=office, joined_on=datetime.date(2024, 2, 1), left_on=datetime.date(2025, 1, 1)
    )
    assert stall(office, Thresholds(shrink_months=3)).members_before == 0  # 1 March 2025
    assert stall(office, Thresholds(shrink_months=12)).members_before == 1  # 1 June 2024


# --- sessions ------------------------------------------------------------------------------


def test_a_planned_session_counts_but_has_not_been_held(office):
    StrategySessionFactory(office=office, starts_at=at(datetime.date(2025, 7, 1)))
    facts = stall(office)
    assert facts.sessions == 1
    assert facts.last_session_held_on is None


def test_the_last_held_session_is_the_latest_up_to_the_end_of_today(office):
    StrategySessionFactory(office=office, starts_at=at(datetime.date(2025, 1, 10)))
    StrategySessionFactory(office=office, starts_at=at(TODAY, hour=20))  # tonight
    StrategySessionFactory(office=office, starts_at=at(datetime.date(2025, 9, 1)))
    facts = stall(office)
    assert facts.sessions == 3
    assert facts.last_session_held_on == TODAY


# --- goals ---------------------------------------------------------------------------------


def test_only_open_smart_goals_count(office):
    smart_goal(office)
    smart_goal(office, status="achieved")
    smart_goal(office, indicator="   ")  # whitespace is no indicator
    smart_goal(office, title="Meer", description="leden")  # too vague
    GoalFactory(office=office, owner=None)
    state = office_states([office], TODAY)[office.pk]
    assert state.smart_goals == 1
    assert state.stall.smart_goals == 1


def test_a_smart_goal_with_a_running_project_moves_the_office_to_executing(office):
    MembershipFactory(office=office)
    StrategySessionFactory(office=office, starts_at=at(datetime.date(2025, 1, 10)))
    goal = smart_goal(office)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), status="planned")
    assert office_states([office], TODAY)[office.pk].phase.phase == "strategy"
    project.status = "running"
    project.save()
    assert office_states([office], TODAY)[office.pk].phase.phase == "executing"


def test_measurements_count_per_distinct_quarter(office):
    goal = GoalFactory(office=office)
    other_goal = GoalFactory(office=office)
    MeasurementFactory(goal=goal, measured_on=datetime.date(2024, 1, 5))
    MeasurementFactory(goal=goal, measured_on=datetime.date(2024, 3, 31))  # same quarter
    MeasurementFactory(goal=other_goal, measured_on=datetime.date(2024, 3, 31))  # same day
    MeasurementFactory(goal=goal, measured_on=datetime.date(2024, 4, 1))
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 1, 5))  # next year's Q1
    [evidence] = [
        e for e in office_states([office], TODAY)[office.pk].phase.evidence if e.phase == "embedded"
    ]
    assert evidence.value == 3


# --- activity ------------------------------------------------------------------------------


def event(office, kind, day, actor=None):
    return OfficeEvent.objects.create(
        office=office, kind=kind, summary=kind, actor=actor, occurred_at=at(day)
    )


def test_the_last_activity_is_the_latest_activity_event_or_new_member(office):
    event(office, "goal_created", datetime.date(2025, 2, 1))
    event(office, "office_updated", datetime.date(2025, 5, 1))  # not an activity
    MembershipFactory(office=office, joined_on=datetime.date(2025, 1, 1))
    assert stall(office).last_activity_on == datetime.date(2025, 2, 1)
    MembershipFactory(office=office, joined_on=datetime.date(2025, 3, 1))
    assert stall(office).last_activity_on == datetime.date(2025, 3, 1)


def test_an_office_where_nothing_happened_has_no_last_activity(office):
    assert stall(office).last_activity_on is None


def test_late_evening_activity_counts_on_its_dutch_day(office):
    OfficeEvent.objects.create(
        office=office,
        kind="goal_created",
        summary="laat",
        occurred_at=datetime.datetime(2025, 2, 1, 23, 30, tzinfo=datetime.UTC),
    )
    assert stall(office).last_activity_on == datetime.date(2025, 2, 2)


def test_recent_actors_count_people_not_system_lines_within_the_window(office):
    kees, marieke = UserFactory(), UserFactory()
    recent = datetime.date(2025, 5, 1)
    event(office, "goal_created", recent, actor=kees)
    event(office, "goal_updated", recent, actor=kees)
    event(office, "project_created", recent)  # written by the system
    event(office, "goal_updated", datetime.date(2024, 12, 1), actor=marieke)  # too long ago
    facts = stall(office)
    assert (facts.recent_actors, facts.recent_actions) == (1, 2)


# --- many offices at once ------------------------------------------------------------------


def test_offices_do_not_mix_their_facts(office):
    other = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    MembershipFactory(office=office)
    smart_goal(other)
    states = office_states([office, other], TODAY)
    assert (states[office.pk].stall.members_now, states[office.pk].smart_goals) == (1, 0)
    assert (states[other.pk].stall.members_now, states[other.pk].smart_goals) == (0, 1)


def test_an_empty_office_is_founded_with_nothing_else(office):
    state = office_states([office], TODAY)[office.pk]
    assert state.phase.phase == "founded"
    assert state.stall.sessions == 0
    assert state.stall.overdue_support_requests == 0


def test_no_offices_means_no_states():
    assert office_states([], TODAY) == {}
    assert office_phases([], TODAY) == {}


def test_the_facts_take_the_same_queries_for_one_office_as_for_ten(
    django_assert_max_num_queries,
):
    one = [OfficeFactory()]
    ten = [OfficeFactory() for _ in range(10)]
    for office in ten:
        MembershipFactory(office=office)
        smart_goal(office)
    with django_assert_max_num_queries(20) as few:
        office_states(one, TODAY)
    with django_assert_max_num_queries(20) as many:
        office_states(ten, TODAY)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- a snapshot of an earlier day ------------------------------------------------------------


def test_a_snapshot_of_an_earlier_day_leaves_out_later_goals_and_measurements(office):
    """The monitor's snapshot of June 2025 shows the office as it stood then (issue 18's demo
    story: office A was on the eve of its strategy, not executing measured goals)."""
    MembershipFactory(office=office)
    StrategySessionFactory(office=office, starts_at=at(datetime.date(2025, 1, 10)))
    goal = smart_goal(office)
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 9, 1))
    type(goal).objects.filter(pk=goal.pk).update(created_at=at(datetime.date(2025, 8, 1)))

    then = office_phases([office], TODAY, as_of=True)[office.pk]
    later = office_phases([office], datetime.date(2025, 10, 1), as_of=True)[office.pk]

    assert then.phase == "strategy"
    assert later.phase == "executing"
    [measured] = [e for e in later.evidence if e.phase == "embedded"]
    assert measured.value == 1
    # Without as_of (today's lists and signals), every goal and measurement counts.
    assert office_phases([office], TODAY)[office.pk].phase == "executing"


def test_the_snapshot_figures_are_the_phase_as_it_stood(office):
    from kapstok.progress.selectors import phase_figures

    MembershipFactory(office=office)
    StrategySessionFactory(office=office, starts_at=at(datetime.date(2025, 1, 10)))
    goal = smart_goal(office)
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    type(goal).objects.filter(pk=goal.pk).update(created_at=at(datetime.date(2025, 8, 1)))

    assert phase_figures([office.pk], TODAY)[office.pk]["phase"] == "strategy"
    assert phase_figures([office.pk], datetime.date(2025, 9, 1))[office.pk]["phase"] == (
        "executing"
    )
