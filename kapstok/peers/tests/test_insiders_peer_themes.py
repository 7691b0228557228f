"""Insiders: the peers page names session themes only to who may open the office's sessions.

Replays the finding: the municipality opened its office's peer page and read "deelt de thema's
ruimte en subsidies", the themes of strategy sessions it may not open.
"""

import pytest

from kapstok.core.generation import generation_bump
from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.peers import selectors
from kapstok.strategy.factories import StrategySessionFactory, ThemeFactory
from kapstok.strategy.models import CatalogueTheme, Theme

PEERS = "/netwerk/kantoren/kantoor-utrecht/collega-kantoren/"


def _confirmed_theme(office, name):
    catalogue, _ = CatalogueTheme.objects.get_or_create(slug=name, defaults={"name": name})
    ThemeFactory(
        session=StrategySessionFactory(office=office), catalogue_theme=catalogue, confirmed=True
    )


@pytest.fixture
def peer(world):
    near = MunicipalityFactory(
        code="GM0307", name="Amersfoort", population=52_000, label_lat=52.2, label_lon=5.3
    )
    world.utrecht.population = 50_000
    world.utrecht.save()
    peer = OfficeFactory(name="Kantoor Amersfoort", municipalities=[near])
    for office in (world.office, peer):
        _confirmed_theme(office, "Huurprijzen")
    return peer


@pytest.mark.parametrize("persona", ["civil_servant"])
def test_who_may_not_open_the_sessions_reads_no_themes(persona, world, login, peer):
    response = login(world.users[persona]).get(PEERS)
    assert response.status_code == 200
    assert "Kantoor Amersfoort" in response.content.decode()
    assert "huurprijzen" not in response.content.decode().lower()
    assert all(
        reason.code != "themes" for row in response.context["rows"] for reason in row["reasons"]
    )


@pytest.mark.parametrize("persona", ["pos", "lead", "member", "partner"])
def test_who_may_open_the_sessions_reads_the_shared_themes(persona, world, login, peer):
    response = login(world.users[persona]).get(PEERS)
    assert "deelt het thema huurprijzen" in response.content.decode()


def test_the_score_does_not_count_themes_the_viewer_may_not_read(world, peer):
    """Without themes, neither the ranking nor a score depends on what the sessions said."""
    shown = selectors.peers_of(world.office)
    hidden = selectors.peers_of(world.office, with_themes=False)
    Theme.objects.all().delete()
    generation_bump()  # as the request that deleted them would
    assert shown != selectors.peers_of(world.office)
    assert hidden == selectors.peers_of(world.office, with_themes=False)
