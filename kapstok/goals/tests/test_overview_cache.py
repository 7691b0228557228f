"""The kapstok overview's trees come from a short cache of their HTML (issue #19): the same for
everyone who may open the kapstok, kept per office, page and language until the next write on
the site, and then equal to the trees computed from scratch."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kapstok.core.generation import generation_bump
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.selectors import GOALS_PER_PAGE, office_goal_page

pytestmark = pytest.mark.django_db

BASE = "/netwerk/kantoren/kantoor-utrecht/kapstok/"


def html(response):
    return response.content.decode()


def shown_percents(page: str) -> list[str]:
    """Each goal's progress as the page shows it ("40%"), in order."""
    return re.findall(r'class="progress-label">(\d+)%<', page)


def scratch_percents(office) -> list[str]:
    """The same, computed from scratch for the first page."""
    return [f"{view.progress:.0f}" for view in office_goal_page(office).views]


@pytest.fixture
def project(world):
    goal = GoalFactory(office=world.office, title="Meer leden", owner=world.users["lead"])
    # Without activities: the project's own progress is what rolls up to the goal.
    return ProjectFactory(strategy=StrategyFactory(goal=goal), progress=0, status="running")


def test_a_second_view_reads_no_trees(world, login, project):
    client = login(world.users["member"])
    with CaptureQueriesContext(connection) as first:
        client.get(BASE)
    with CaptureQueriesContext(connection) as second:
        assert "Meer leden" in html(client.get(BASE))
    assert len(second) < len(first)
    assert not [q for q in second if "goals_strategy" in q["sql"]]


def test_without_a_write_on_the_site_the_trees_may_be_a_minute_old(world, login, project):
    """A goal made around the site (a command, a factory) shows within the cache's minute;
    this test proves the cache is used at all."""
    client = login(world.users["member"])
    client.get(BASE)
    GoalFactory(office=world.office, title="Nieuw doel", position=0)
    assert "Nieuw doel" not in html(client.get(BASE))
    generation_bump()
    assert "Nieuw doel" in html(client.get(BASE))


def test_after_a_change_on_the_site_the_trees_equal_those_computed_from_scratch(
    world, login, project
):
    member = login(world.users["member"])
    assert shown_percents(html(member.get(BASE))) == scratch_percents(world.office)
    lead = login(world.users["lead"])
    response = lead.post(
        reverse("goals:project_progress", args=[world.office.slug, project.pk]),
        {"status": "running", "progress": 80},
    )
    assert response.status_code == 302
    page = html(lead.get(BASE))
    assert shown_percents(page) == scratch_percents(world.office)
    assert shown_percents(page) != ["0"]


def test_an_erased_owner_is_gone_from_the_trees_at_once(world, login, project):
    client = login(world.users["member"])
    assert "Kees Kartrekker" in html(client.get(BASE))
    lead = login(world.users["lead"])
    assert lead.post(reverse("trust:erase"), {"confirm": "ja"}).status_code == 302
    assert "Kees Kartrekker" not in html(login(world.users["member"]).get(BASE))


def test_each_page_and_office_keeps_its_own_trees(world, login):
    for n in range(1, GOALS_PER_PAGE + 3):
        GoalFactory(office=world.office, title=f"Doel {n:02}", position=n)
    GoalFactory(office=world.other_office, title="Doel in Zwolle")
    client = login(world.users["pos"])
    first = html(client.get(BASE))
    second = html(client.get(f"{BASE}?pagina=2"))
    zwolle = html(client.get("/netwerk/kantoren/kantoor-zwolle/kapstok/"))
    assert "Doel 01" in first and "Doel 01" not in second
    assert f"Doel {GOALS_PER_PAGE + 2}" in second and f"Doel {GOALS_PER_PAGE + 2}" not in first
    assert "Doel in Zwolle" in zwolle and "Doel 01" not in zwolle
