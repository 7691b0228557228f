"""The monitor's work figures per office: open goals, projects, and the share on track.

Specification of `goals.selectors.work_figures`: a project is on track when it is done or not
past its due date; stopped projects do not count at all; an office without projects has no
share rather than a share of zero.
"""

import datetime

import pytest

from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.models import GoalStatus, WorkStatus
from kapstok.goals.selectors import NO_WORK, work_figures

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def project(goal, status=WorkStatus.RUNNING, due_on=None):
    return ProjectFactory(strategy=StrategyFactory(goal=goal), status=status, due_on=due_on)


def test_an_office_without_goals_or_projects_has_zeroes_and_no_share(world):
    assert work_figures([world.office.pk], TODAY) == {world.office.pk: NO_WORK}
    assert NO_WORK["pct_on_track"] is None


def test_open_and_all_goals_are_counted_apart(world):
    GoalFactory(office=world.office, status=GoalStatus.OPEN)
    GoalFactory(office=world.office, status=GoalStatus.ACHIEVED)
    GoalFactory(office=world.office, status=GoalStatus.DROPPED)
    figures = work_figures([world.office.pk], TODAY)[world.office.pk]
    assert (figures["goals"], figures["goals_total"]) == (1, 3)
    assert figures["projects"] == 0 and figures["pct_on_track"] is None


def test_a_project_past_its_due_date_is_late_unless_it_is_done(world):
    goal = GoalFactory(office=world.office)
    project(goal, due_on=YESTERDAY)  # late
    project(goal, status=WorkStatus.DONE, due_on=YESTERDAY)  # done in time or not: on track
    project(goal, due_on=TODAY)  # due today: not late yet
    project(goal)  # no due date: never late
    figures = work_figures([world.office.pk], TODAY)[world.office.pk]
    assert figures["projects"] == 4
    assert figures["pct_on_track"] == 75


def test_stopped_projects_do_not_count(world):
    goal = GoalFactory(office=world.office)
    project(goal, status=WorkStatus.STOPPED, due_on=YESTERDAY)
    project(goal, due_on=TODAY)
    figures = work_figures([world.office.pk], TODAY)[world.office.pk]
    assert (figures["projects"], figures["pct_on_track"]) == (1, 100)


def test_each_office_gets_only_its_own_figures(world):
    project(GoalFactory(office=world.office), due_on=YESTERDAY)
    project(GoalFactory(office=world.other_office), due_on=TODAY)
    figures = work_figures([world.office.pk, world.other_office.pk], TODAY)
    assert figures[world.office.pk]["pct_on_track"] == 0
    assert figures[world.other_office.pk]["pct_on_track"] == 100
