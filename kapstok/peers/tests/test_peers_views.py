"""Peer offices page and the weights POS staff set."""

from decimal import Decimal

from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.peers.models import PeerWeights
from kapstok.strategy.factories import StrategySessionFactory, ThemeFactory
from kapstok.strategy.models import CatalogueTheme


def _confirmed_theme(office, name):
    catalogue, _ = CatalogueTheme.objects.get_or_create(slug=name, defaults={"name": name})
    ThemeFactory(
        session=StrategySessionFactory(office=office), catalogue_theme=catalogue, confirmed=True
    )


def test_lead_sees_peers_with_reasons_in_words(world, login):
    near = MunicipalityFactory(
        code="GM0307", name="Amersfoort", population=52_000, label_lat=52.2, label_lon=5.3
    )
    world.utrecht.population, world.utrecht.urbanisation = 50_000, 2
    world.utrecht.save()
    near.urbanisation = 2
    near.save()
    peer = OfficeFactory(name="Kantoor Amersfoort", municipalities=[near])
    for office in (world.office, peer):
        _confirmed_theme(office, "Ruimte")
        _confirmed_theme(office, "Subsidies")
    response = login(world.users["lead"]).get("/netwerk/kantoren/kantoor-utrecht/collega-kantoren/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kantoor Amersfoort" in text
    assert "Ook ~52.000 inwoners" in text
    assert "sterk stedelijk" in text
    assert "km verderop" in text
    assert "deelt de thema&#x27;s ruimte en subsidies" in text
    first = response.context["rows"][0]
    assert first["office"] == peer


def test_pos_saves_weights(world, login):
    data = {name: "1" for name in ("population", "urbanisation", "density", "distance")}
    data |= {"size": "0", "phase": "0", "initiative": "0", "themes": "3"}
    response = login(world.users["pos"]).post("/netwerk/collega-kantoren/gewichten/", data)
    assert response.status_code == 302
    assert PeerWeights.current().themes == Decimal("3.0")


def test_negative_weight_is_refused_in_dutch(world, login):
    data = {name: "1" for name in ("population", "urbanisation", "density", "distance", "size")}
    data |= {"phase": "1", "initiative": "1", "themes": "-2"}
    response = login(world.users["pos"]).post("/netwerk/collega-kantoren/gewichten/", data)
    assert response.status_code == 200
    assert "Kies een waarde van 0 tot en met 10." in response.content.decode()
    assert not PeerWeights.objects.exists()


def test_all_zero_weights_are_refused_in_dutch(world, login):
    names = ("population", "urbanisation", "density", "distance", "size", "phase", "initiative")
    data = {name: "0" for name in (*names, "themes")}
    response = login(world.users["pos"]).post("/netwerk/collega-kantoren/gewichten/", data)
    assert "Alle gewichten staan op nul" in response.content.decode()
    assert not PeerWeights.objects.exists()
