"""GET /api/v1/offices/{slug}/goals: the kapstok with the chain card → theme → goal → project
kept as links, under the pages' rules (issue 18)."""

import pytest

from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.models import GoalStatus
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
)
from kapstok.strategy.models import CatalogueTheme

pytestmark = pytest.mark.django_db

GOALS = "/api/v1/offices/kantoor-utrecht/goals"

# persona: (may read the kapstok, sees the cards a goal came from)
MATRIX = {
    "anonymous": (False, False),
    "outsider": (False, False),
    "researcher": (False, False),
    "other_lead": (False, False),
    "other_member": (False, False),
    "civil_servant": (True, False),
    "partner": (True, True),
    "member": (True, True),
    "lead": (True, True),
    "pos": (True, True),
    "admin": (True, True),
}


@pytest.fixture
def chain(world):
    """A session's theme with two cards, one of them picked for a goal with a project."""
    session = StrategySessionFactory(office=world.office)
    theme = ThemeFactory(
        session=session,
        label="Ruimte om te sporten",
        catalogue_theme=CatalogueTheme.objects.get(slug="ruimte"),
    )
    writer = ParticipantFactory(session=session)
    picked = CardFactory(participant=writer, theme=theme, text="Geen zaal op dinsdag")
    CardFactory(participant=writer, theme=theme, text="Gymzaal te duur")
    goal = GoalFactory(office=world.office, title="Een eigen zaal in 2027", source_theme=theme)
    goal.source_cards.set([picked])
    project = ProjectFactory(strategy=StrategyFactory(goal=goal, title="Huren"), progress=50)
    return {"session": session, "theme": theme, "picked": picked, "goal": goal, "project": project}


def as_persona(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


@pytest.mark.parametrize("persona", MATRIX)
def test_the_kapstok_follows_the_pages_rules(world, client, chain, persona):
    may_read, sees_cards = MATRIX[persona]
    response = as_persona(client, world, persona).get(GOALS)

    if not may_read:
        assert response.status_code == 403
        assert response.json() == {"detail": "U mag de kapstok van dit kantoor niet zien."}
        return
    assert response.status_code == 200
    [goal] = response.json()["items"]
    assert (goal["source"]["cards"] is not None) == sees_cards


def test_a_goal_links_to_its_session_theme_and_picked_cards(world, client, chain):
    [goal] = as_persona(client, world, "lead").get(GOALS).json()["items"]

    assert goal["id"] == chain["goal"].pk
    assert goal["source"] == {
        "session_id": chain["session"].pk,
        "theme_id": chain["theme"].pk,
        "theme": "Ruimte om te sporten",
        "catalogue_theme": "ruimte",
        "cards": [{"id": chain["picked"].pk, "kind": "challenge", "text": "Geen zaal op dinsdag"}],
    }
    [strategy] = goal["strategies"]
    assert strategy["title"] == "Huren"
    assert strategy["projects"] == [
        {"id": chain["project"].pk, "title": chain["project"].title, "status": "running",
         "progress": 50.0}
    ]  # fmt: skip
    assert goal["url"].endswith(chain["goal"].get_absolute_url())


def test_without_picked_cards_a_goal_shows_all_of_its_themes_cards(world, client, chain):
    chain["goal"].source_cards.clear()

    [goal] = as_persona(client, world, "lead").get(GOALS).json()["items"]

    assert [card["text"] for card in goal["source"]["cards"]] == [
        "Geen zaal op dinsdag",
        "Gymzaal te duur",
    ]


def test_a_goal_typed_in_directly_has_no_source(world, client):
    GoalFactory(office=world.office, title="Zelf bedacht")
    [goal] = as_persona(client, world, "lead").get(GOALS).json()["items"]
    assert goal["source"] is None
    assert goal["strategies"] == []


def test_open_goals_come_first_and_the_list_pages(world, client):
    GoalFactory(office=world.office, title="Gehaald", status=GoalStatus.ACHIEVED, position=0)
    for n in range(3):
        GoalFactory(office=world.office, title=f"Open {n}", position=n + 1)
    client = as_persona(client, world, "lead")

    first = client.get(GOALS, {"page_size": 3}).json()
    second = client.get(GOALS, {"page_size": 3, "page": 2}).json()

    assert [g["title"] for g in first["items"]] == ["Open 0", "Open 1", "Open 2"]
    assert [g["title"] for g in second["items"]] == ["Gehaald"]
    assert (first["count"], first["pages"]) == (4, 2)
    assert client.get(GOALS, {"page": 3}).status_code == 404


def test_an_unknown_office_is_404_in_dutch(world, client):
    response = as_persona(client, world, "pos").get("/api/v1/offices/bestaat-niet/goals")
    assert response.status_code == 404
    assert response.json() == {"detail": "Kantoor niet gevonden."}


def test_queries_do_not_grow_with_goals_and_sources(
    world, client, chain, django_assert_max_num_queries
):
    client = as_persona(client, world, "lead")
    client.get(GOALS)  # session and viewer warmed up
    with django_assert_max_num_queries(20) as few:
        client.get(GOALS)
    for _n in range(10):
        goal = GoalFactory(office=world.office, source_theme=chain["theme"])
        goal.source_cards.set([chain["picked"]])
        ProjectFactory(strategy=StrategyFactory(goal=goal))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(GOALS).json()
    assert body["count"] == 11
