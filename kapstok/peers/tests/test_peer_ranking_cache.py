"""The peer offices page keeps the network's ranking as one cached part (issue #19): from the
cache until the next write on the site, then equal to the ranking computed from scratch; the
ranking that used the session themes never reaches a viewer who may not read them."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.core.generation import generation_bump
from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.network.models import OfficeStatus
from kapstok.peers import selectors
from kapstok.strategy.factories import StrategySessionFactory, ThemeFactory
from kapstok.strategy.models import CatalogueTheme, Theme

pytestmark = pytest.mark.django_db

PEERS = "/netwerk/kantoren/kantoor-utrecht/collega-kantoren/"
WEIGHTS = "/netwerk/collega-kantoren/gewichten/"


def _confirmed_theme(office, name):
    catalogue, _ = CatalogueTheme.objects.get_or_create(slug=name, defaults={"name": name})
    ThemeFactory(
        session=StrategySessionFactory(office=office), catalogue_theme=catalogue, confirmed=True
    )


def _office_near_utrecht(name, code, population=52_000):
    near = MunicipalityFactory(
        code=code, name=name, population=population, label_lat=52.1, label_lon=5.2
    )
    return OfficeFactory(name=f"Kantoor {name}", municipalities=[near])


def shown_ids(response) -> list[int]:
    return [row["office"].pk for row in response.context["rows"]]


def assert_fresh(response, office, *, with_themes=True):
    """The page's rows are the ones ranked from scratch, in the same order, with the same
    scores and reasons."""
    scratch = selectors._rank(5, with_themes).get(office.pk, [])
    assert shown_ids(response) == [peer.office_id for peer in scratch]
    assert [row["score"] for row in response.context["rows"]] == [
        round(100 * peer.score) for peer in scratch
    ]
    assert [row["reasons"] for row in response.context["rows"]] == [
        peer.reasons for peer in scratch
    ]


def test_a_second_view_takes_fewer_queries(world, login):
    _office_near_utrecht("Amersfoort", "GM0307")
    client = login(world.users["lead"])
    with CaptureQueriesContext(connection) as first:
        client.get(PEERS)
    with CaptureQueriesContext(connection) as second:
        client.get(PEERS)
    assert len(second) < len(first)


def test_the_ranking_is_shared_by_every_office_page(world, login):
    """One ranking for the network: the other office's page is served from the same part."""
    _office_near_utrecht("Amersfoort", "GM0307")
    themes = Theme._meta.db_table
    client = login(world.users["pos"])
    with CaptureQueriesContext(connection) as first:
        client.get(PEERS)
    with CaptureQueriesContext(connection) as other:
        response = client.get(f"/netwerk/kantoren/{world.other_office.slug}/collega-kantoren/")
    assert response.status_code == 200
    assert any(themes in query["sql"] for query in first.captured_queries)
    assert not any(themes in query["sql"] for query in other.captured_queries)


def test_without_a_write_on_the_site_the_ranking_may_be_a_minute_old(world, login):
    """An office made around the site (a command, a factory) shows within the cache's minute;
    this test proves the cache is used at all."""
    client = login(world.users["lead"])
    before = shown_ids(client.get(PEERS))
    newcomer = _office_near_utrecht("Amersfoort", "GM0307")
    assert shown_ids(client.get(PEERS)) == before
    generation_bump()
    assert newcomer.pk in shown_ids(client.get(PEERS))


def test_after_writes_the_ranking_equals_the_one_computed_from_scratch(world, login):
    office = world.office
    lead = login(world.users["lead"])
    assert_fresh(lead.get(PEERS), office)

    # Create: an office nearby, then any write on the site.
    near = _office_near_utrecht("Amersfoort", "GM0307", population=world.utrecht.population)
    generation_bump()
    response = lead.get(PEERS)
    assert_fresh(response, office)
    assert near.pk in shown_ids(response)

    # Update: POS weighs only the session themes, with the form; an office sharing a theme
    # with Utrecht now leads the list.
    _confirmed_theme(office, "Huurprijzen")
    sharing = _office_near_utrecht("Zeist", "GM0355", population=9_000)
    _confirmed_theme(sharing, "Huurprijzen")
    data = {name: "0" for name in ("population", "urbanisation", "density", "distance")}
    data |= {"size": "0", "phase": "0", "initiative": "0", "themes": "5"}
    assert login(world.users["pos"]).post(WEIGHTS, data).status_code == 302
    response = login(world.users["lead"]).get(PEERS)
    assert_fresh(response, office)
    assert shown_ids(response)[0] == sharing.pk
    assert "huurprijzen" in response.content.decode()

    # Delete: the office that shared the theme is dissolved and no longer a peer.
    sharing.status = OfficeStatus.DISSOLVED
    sharing.save()
    generation_bump()
    response = login(world.users["lead"]).get(PEERS)
    assert_fresh(response, office)
    assert sharing.pk not in shown_ids(response)


def test_a_ranking_with_themes_never_reaches_who_may_not_read_them(world, login, peer_theme):
    """The lead views first, filling the part with the themes; the civil servant, who may not
    open the office's sessions, then gets the ranking made without them."""
    assert "huurprijzen" in login(world.users["lead"]).get(PEERS).content.decode()
    response = login(world.users["civil_servant"]).get(PEERS)
    assert response.status_code == 200
    assert "huurprijzen" not in response.content.decode().lower()
    assert_fresh(response, world.office, with_themes=False)


def test_a_ranking_without_themes_is_not_served_to_who_may_read_them(world, login, peer_theme):
    """The other way round: the civil servant fills the part first; the lead still reads the
    shared theme."""
    login(world.users["civil_servant"]).get(PEERS)
    response = login(world.users["lead"]).get(PEERS)
    assert "deelt het thema huurprijzen" in response.content.decode()
    assert_fresh(response, world.office)


@pytest.fixture
def peer_theme(world):
    world.utrecht.population = 50_000
    world.utrecht.save()
    peer = _office_near_utrecht("Amersfoort", "GM0307")
    for office in (world.office, peer):
        _confirmed_theme(office, "Huurprijzen")
    return peer
