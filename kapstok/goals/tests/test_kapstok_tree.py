"""The kapstok as a tree (issue 17): goals → strategies → projects → activities on one page, and
every goal page names the session, theme and cards it came from."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.strategy.factories import CardFactory, StrategySessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

KAPSTOK = "/netwerk/kantoren/kantoor-utrecht/kapstok/"


@pytest.fixture
def tree(world):
    goal = GoalFactory(office=world.office, title="Meer padel")
    strategy = StrategyFactory(goal=goal, title="Samen met de tennisclubs")
    project = ProjectFactory(strategy=strategy, title="Padeldag", progress=0)
    ActivityFactory(project=project, title="Banen reserveren", progress=100)
    ActivityFactory(project=project, title="Flyers", progress=0)
    return goal


def test_the_kapstok_page_shows_the_whole_tree_with_rolled_up_progress(world, login, tree):
    client = login(world.users["member"])

    html = client.get(KAPSTOK).content.decode()

    for title in ["Meer padel", "Samen met de tennisclubs", "Padeldag", "Banen reserveren"]:
        assert title in html
    tree_html = html[html.index('class="kapstok-tree"') :]
    # The project's progress comes from its two activities (100 and 0), and so the strategy's.
    assert tree_html.count('<span class="tree-percent">50%</span>') == 2
    assert '<span class="tree-percent">100%</span>' in tree_html


def test_the_tree_costs_the_same_queries_for_more_projects(world, login, tree):
    client = login(world.users["lead"])
    client.get(KAPSTOK)
    with CaptureQueriesContext(connection) as small:
        client.get(KAPSTOK)
    strategy = tree.strategies.get()
    for n in range(5):
        ActivityFactory(project=ProjectFactory(strategy=strategy, title=f"Extra {n}"))
    with CaptureQueriesContext(connection) as large:
        client.get(KAPSTOK)

    assert len(large) == len(small)


@pytest.fixture
def voted_goal(world):
    session = StrategySessionFactory(office=world.office, title="Sessie voorjaar")
    theme = ThemeFactory(session=session, label="Zaalruimte")
    picked = CardFactory(
        session=session, participant__session=session, theme=theme, text="Geen zaal op dinsdag"
    )
    CardFactory(session=session, participant__session=session, theme=theme, text="Huur te hoog")
    goal = GoalFactory(office=world.office, title="Meer zaaluren", source_theme=theme)
    goal.source_cards.add(picked)
    return goal


def test_a_goal_page_shows_its_session_theme_and_cards(world, login, voted_goal):
    html = login(world.users["member"]).get(voted_goal.get_absolute_url()).content.decode()

    session = voted_goal.source_theme.session
    assert f'href="{session.get_absolute_url()}">Sessie voorjaar</a>' in html
    assert "Zaalruimte" in html
    assert "Geen zaal op dinsdag" in html
    # The cards picked for the goal, not every card of the theme.
    assert "Huur te hoog" not in html


def test_without_picked_cards_the_goal_shows_all_cards_of_its_theme(world, login, voted_goal):
    voted_goal.source_cards.clear()

    html = login(world.users["lead"]).get(voted_goal.get_absolute_url()).content.decode()

    assert "Geen zaal op dinsdag" in html and "Huur te hoog" in html


def test_the_municipality_sees_the_theme_but_not_the_members_cards(world, login, voted_goal):
    html = login(world.users["civil_servant"]).get(voted_goal.get_absolute_url()).content.decode()

    assert "Zaalruimte" in html and "Sessie voorjaar" in html
    assert "Geen zaal op dinsdag" not in html
    assert voted_goal.source_theme.session.get_absolute_url() not in html
