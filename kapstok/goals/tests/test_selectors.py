"""The read side of the kapstok: progress rolled up through the tree, and the measurement chart."""

import datetime
from decimal import Decimal

import pytest

from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    MeasurementFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.goals.models import Goal, Measurement
from kapstok.goals.selectors import GoalView, goal_tree, measurement_chart, office_goals
from kapstok.network.factories import OfficeFactory


def tree_of(goal) -> GoalView:
    [view] = goal_tree(Goal.objects.filter(pk=goal.pk))
    return view


# --- progress roll-up ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_goal_without_strategies_has_no_progress():
    assert tree_of(GoalFactory()).progress == 0.0


@pytest.mark.django_db
def test_a_strategy_without_projects_counts_as_zero_in_its_goal():
    goal = GoalFactory()
    ProjectFactory(strategy=StrategyFactory(goal=goal), progress=100)
    StrategyFactory(goal=goal)
    view = tree_of(goal)
    assert [progress for _s, progress, _p in view.strategies] == [100.0, 0.0]
    assert view.progress == 50.0


@pytest.mark.django_db
def test_strategy_weights_decide_how_much_they_count_in_the_goal():
    goal = GoalFactory()
    heavy = StrategyFactory(goal=goal, weight=Decimal("3"), position=1)
    light = StrategyFactory(goal=goal, weight=None, position=2)
    ProjectFactory(strategy=heavy, progress=100)
    ProjectFactory(strategy=light, progress=0)
    assert tree_of(goal).progress == 75.0


@pytest.mark.django_db
def test_a_strategy_weighted_zero_is_left_out_of_the_goal():
    goal = GoalFactory()
    ProjectFactory(strategy=StrategyFactory(goal=goal), progress=80)
    ProjectFactory(strategy=StrategyFactory(goal=goal, weight=Decimal("0")), progress=0)
    assert tree_of(goal).progress == 80.0


@pytest.mark.django_db
def test_a_stopped_project_does_not_drag_its_strategy_down():
    goal = GoalFactory()
    strategy = StrategyFactory(goal=goal)
    ProjectFactory(strategy=strategy, status="running", progress=60)
    ProjectFactory(strategy=strategy, status="stopped", progress=0)
    [(_strategy, strategy_progress, projects)] = tree_of(goal).strategies
    assert strategy_progress == 60.0
    assert len(projects) == 2  # still shown, just not counted


@pytest.mark.django_db
def test_project_weights_are_used_within_a_strategy():
    goal = GoalFactory()
    strategy = StrategyFactory(goal=goal)
    ProjectFactory(strategy=strategy, progress=100, weight=Decimal("1"))
    ProjectFactory(strategy=strategy, progress=0, weight=Decimal("4"))
    assert tree_of(goal).progress == 20.0


@pytest.mark.django_db
def test_a_project_with_activities_takes_their_progress_not_its_own():
    goal = GoalFactory()
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), progress=90)
    ActivityFactory(project=project, progress=20)
    ActivityFactory(project=project, progress=40, weight=Decimal("3"))
    [(_s, _sp, [(_project, project_progress)])] = tree_of(goal).strategies
    assert project_progress == 35.0


@pytest.mark.django_db
def test_a_project_whose_activities_are_all_stopped_keeps_its_own_progress():
    goal = GoalFactory()
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), progress=30)
    ActivityFactory(project=project, progress=100, status="stopped")
    assert tree_of(goal).progress == 30.0


@pytest.mark.django_db
def test_the_tree_is_read_in_five_queries_whatever_its_size(django_assert_num_queries):
    office = OfficeFactory()
    for _ in range(3):
        goal = GoalFactory(office=office)
        MeasurementFactory(goal=goal)
        for _ in range(2):
            project = ProjectFactory(strategy=StrategyFactory(goal=goal))
            ActivityFactory(project=project)
            ActivityFactory(project=project)
    with django_assert_num_queries(5):
        views = goal_tree(Goal.objects.filter(office=office))
        # What the pages read afterwards must not query either.
        for view in views:
            view.goal.get_absolute_url()
            for _strategy, _progress, projects in view.strategies:
                for project, _p in projects:
                    list(project.activities.all())
    assert len(views) == 3


@pytest.mark.django_db
def test_has_running_project_looks_through_every_strategy():
    goal = GoalFactory()
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="planned")
    assert not tree_of(goal).has_running_project
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    assert tree_of(goal).has_running_project


@pytest.mark.django_db
def test_measurements_come_in_date_order_whatever_the_order_they_were_entered():
    goal = GoalFactory()
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 6, 1), value=6)
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 1, 1), value=2)
    assert [m.value for m in tree_of(goal).measurements] == [Decimal("2"), Decimal("6")]


# --- office_goals --------------------------------------------------------------------------


@pytest.mark.django_db
def test_office_goals_holds_only_that_offices_goals():
    office, other = OfficeFactory(), OfficeFactory()
    mine = GoalFactory(office=office)
    GoalFactory(office=other)
    assert [view.goal for view in office_goals(office)] == [mine]


@pytest.mark.django_db
def test_office_goals_can_leave_out_achieved_and_dropped_goals():
    office = OfficeFactory()
    open_goal = GoalFactory(office=office, status="open")
    GoalFactory(office=office, status="achieved")
    GoalFactory(office=office, status="dropped")
    assert len(office_goals(office)) == 3
    assert [view.goal for view in office_goals(office, include_closed=False)] == [open_goal]


@pytest.mark.django_db
def test_goals_of_the_same_status_follow_their_position():
    office = OfficeFactory()
    second = GoalFactory(office=office, position=2)
    first = GoalFactory(office=office, position=1)
    assert [view.goal for view in office_goals(office)] == [first, second]


# --- measurement chart (no database: a GoalView of unsaved objects) ------------------------


def chart_for(points, target=None, baseline=None):
    goal = Goal(title="Leden", target_value=target, baseline_value=baseline)
    measurements = [Measurement(measured_on=day, value=Decimal(value)) for day, value in points]
    return measurement_chart(GoalView(goal, 0.0, [], measurements))


def test_no_measurements_means_no_chart():
    assert chart_for([], target=Decimal("10")) is None


def test_the_chart_spans_the_first_to_the_last_measurement_and_zero_to_the_target():
    chart = chart_for(
        [(datetime.date(2025, 1, 1), "2"), (datetime.date(2025, 1, 11), "4")],
        target=Decimal("10"),
    )
    # x: 30 (left padding) to 570 (600 - 30); y: 190 at zero to 30 at the highest value (10).
    assert [(cx, cy) for cx, cy, _d, _v in chart["points"]] == [(30.0, 158.0), (570.0, 126.0)]
    assert chart["polyline"] == "30.0,158.0 570.0,126.0"
    assert chart["target_y"] == 30.0
    assert chart["target_label_y"] == 26.0
    assert chart["axis_y"] == 190
    assert (chart["min_label"], chart["max_label"]) == (0.0, 10.0)


def test_a_measurement_halfway_in_time_is_drawn_halfway_across():
    chart = chart_for(
        [
            (datetime.date(2025, 1, 1), "1"),
            (datetime.date(2025, 1, 6), "1"),
            (datetime.date(2025, 1, 11), "1"),
        ]
    )
    assert [cx for cx, _cy, _d, _v in chart["points"]] == [30.0, 300.0, 570.0]


def test_a_single_measurement_is_drawn_in_the_middle():
    chart = chart_for([(datetime.date(2025, 3, 1), "5")])
    [(cx, cy, day, value)] = chart["points"]
    assert cx == 300.0
    assert cy == 30.0  # it is the highest value: top of the chart
    assert (day, value) == (datetime.date(2025, 3, 1), 5.0)


def test_without_a_target_there_is_no_target_line():
    chart = chart_for([(datetime.date(2025, 3, 1), "5")])
    assert chart["target_y"] is None
    assert chart["target_label_y"] is None


def test_only_zero_values_are_drawn_on_the_axis_without_dividing_by_zero():
    chart = chart_for([(datetime.date(2025, 1, 1), "0"), (datetime.date(2025, 2, 1), "0")])
    assert [cy for _cx, cy, _d, _v in chart["points"]] == [190.0, 190.0]
    assert chart["max_label"] == 1.0


def test_a_baseline_above_every_measurement_raises_the_top_of_the_chart():
    chart = chart_for([(datetime.date(2025, 1, 1), "5")], baseline=Decimal("20"))
    [(_cx, cy, _d, _v)] = chart["points"]
    assert cy == 150.0  # a quarter of the way up from 190 to 30
    assert chart["max_label"] == 20.0


def test_negative_values_lower_the_bottom_of_the_chart():
    chart = chart_for(
        [(datetime.date(2025, 1, 1), "-5"), (datetime.date(2025, 2, 1), "10")],
    )
    assert [cy for _cx, cy, _d, _v in chart["points"]] == [190.0, 30.0]
    assert chart["min_label"] == -5.0


def test_two_measurements_on_one_day_do_not_divide_by_zero():
    day = datetime.date(2025, 1, 1)
    chart = chart_for([(day, "1"), (day, "2")])
    assert [cx for cx, _cy, _d, _v in chart["points"]] == [30.0, 30.0]
