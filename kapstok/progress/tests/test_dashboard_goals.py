"""The office dashboard's goals: the first open ones with their progress, and a link to the
kapstok for the rest, so an office with 150 goals gets as short and cheap a page as one with 5."""

import re

import pytest

from kapstok.core.generation import generation_bump
from kapstok.goals.factories import ActivityFactory, GoalFactory, ProjectFactory, StrategyFactory
from kapstok.progress.views import DASHBOARD_GOALS

pytestmark = pytest.mark.django_db

DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"
KAPSTOK = "/netwerk/kantoren/kantoor-utrecht/kapstok/"


def html(response):
    return response.content.decode()


def open_goals(office, count):
    return [
        GoalFactory(office=office, title=f"Lopend {n:02}", position=n) for n in range(1, count + 1)
    ]


def goal_titles(page: str) -> list[str]:
    """The titles in the goals section (they are in "Wat komt eraan" too, by deadline)."""
    section = page.split('id="goals-heading"')[1].split('id="due-heading"')[0]
    return re.findall(r">(Lopend \d\d)</a>", section)


def test_the_dashboard_shows_the_first_open_goals_and_links_to_all_of_them(world, login):
    open_goals(world.office, DASHBOARD_GOALS + 2)
    GoalFactory(office=world.office, title="Behaald doel", status="achieved", position=0)
    page = html(login(world.users["member"]).get(DASHBOARD))
    assert goal_titles(page) == [f"Lopend {n:02}" for n in range(1, DASHBOARD_GOALS + 1)]
    assert "Behaald doel" not in page
    assert (
        f'<a href="{KAPSTOK}">Alle {DASHBOARD_GOALS + 2} lopende doelen in de kapstok</a>' in page
    )


def test_a_dashboard_with_few_goals_shows_them_all_without_the_link(world, login):
    open_goals(world.office, 3)
    page = html(login(world.users["member"]).get(DASHBOARD))
    assert goal_titles(page) == ["Lopend 01", "Lopend 02", "Lopend 03"]
    assert "lopende doelen in de kapstok" not in page


def test_each_goal_on_the_dashboard_shows_its_rolled_up_progress(world, login):
    [goal] = open_goals(world.office, 1)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), progress=0)
    ActivityFactory(project=project, progress=100, weight=1)
    ActivityFactory(project=project, progress=0, weight=3)
    page = html(login(world.users["member"]).get(DASHBOARD))
    assert 'aria-label="Voortgang 25 procent"' in page


def test_the_dashboard_costs_the_same_queries_for_many_more_goals(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["lead"])

    def grow(count):
        for _ in range(count):
            goal = GoalFactory(office=world.office)
            ActivityFactory(project=ProjectFactory(strategy=StrategyFactory(goal=goal)))

    grow(2)
    with django_assert_max_num_queries(60) as few:
        assert client.get(DASHBOARD).status_code == 200
    grow(3 * DASHBOARD_GOALS)
    generation_bump()  # as making them on the site would: the page is computed afresh
    with django_assert_max_num_queries(60) as many:
        assert client.get(DASHBOARD).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
