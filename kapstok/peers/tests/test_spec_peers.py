"""Peer offices: profiles from the registry, reasons in Dutch words, weights kept by POS."""

import pytest

from kapstok.analysis.similarity import Reason
from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.network.models import OfficeStatus
from kapstok.peers import selectors
from kapstok.peers.models import PeerWeights
from kapstok.peers.texts import reason_text, reasons_text
from kapstok.strategy.factories import ThemeFactory
from kapstok.strategy.models import CatalogueTheme


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        (Reason("population", 48_712), "ook ~49.000 inwoners"),
        (Reason("urbanisation", 2), "sterk stedelijk"),
        (Reason("density", 1250), "vergelijkbare dichtheid (1.250 per km²)"),
        (Reason("distance", 25), "25 km verderop"),
        (Reason("distance", 0), "in de buurt"),
        (Reason("size", 1), "ook ~1 lid"),
        (Reason("size", 30), "ook ~30 leden"),
        (Reason("phase", 2), "dezelfde fase (strategie bepalen)"),
        (Reason("initiative", "municipality"), "ook opgericht op initiatief van gemeente"),
        (Reason("themes", ["ledenwerving"]), "deelt het thema ledenwerving"),
        (Reason("themes", ["a", "b", "c"]), "deelt de thema's a, b en c"),
        (Reason("iets-nieuws"), "iets-nieuws"),
    ],
)
def test_each_reason_reads_as_a_short_dutch_phrase(reason, text):
    assert reason_text(reason) == text


def test_reasons_are_joined_with_commas():
    reasons = [Reason("urbanisation", 1), Reason("distance", 12)]
    assert reasons_text(reasons) == "zeer sterk stedelijk, 12 km verderop"


# --- profiles ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_office_of_two_municipalities_is_profiled_as_one_area(world):
    small = MunicipalityFactory(code="GM0001", population=10_000, area_land_km2=40,
                                urbanisation=5, label_lat=51.0, label_lon=4.0)  # fmt: skip
    big = MunicipalityFactory(code="GM0002", population=90_000, area_land_km2=60,
                              urbanisation=2, label_lat=52.0, label_lon=5.0)  # fmt: skip
    office = OfficeFactory(municipalities=[small, big])
    [profile] = selectors.office_profiles(type(office).objects.filter(pk=office.pk))
    assert (profile.population, profile.density, profile.urbanisation) == (100_000, 1000, 2)
    assert (profile.lat, profile.lon) == (52.0, 5.0)  # the most populous one's label point


@pytest.mark.django_db
def test_dissolved_offices_and_offices_without_municipality_have_no_profile(world):
    OfficeFactory(status=OfficeStatus.DISSOLVED)
    loose = OfficeFactory()
    loose.municipalities.clear()
    ids = {profile.office_id for profile in selectors.office_profiles()}
    assert ids == {world.office.pk, world.other_office.pk}


@pytest.mark.django_db
def test_only_confirmed_themes_from_the_catalogue_are_shared_vocabulary(world):
    catalogue, _new = CatalogueTheme.objects.get_or_create(slug="leden", name="Ledenwerving")
    ThemeFactory(session__office=world.office, catalogue_theme=catalogue, confirmed=True)
    ThemeFactory(session__office=world.office, catalogue_theme=None, confirmed=True)
    ThemeFactory(session__office=world.other_office, catalogue_theme=catalogue, confirmed=False)
    themes = selectors._themes_by_office([world.office.pk, world.other_office.pk])
    assert dict(themes) == {world.office.pk: {"ledenwerving"}}


@pytest.mark.django_db
def test_an_office_is_never_its_own_peer_and_scores_are_percentages(world):
    for number in range(7):
        OfficeFactory(municipalities=[MunicipalityFactory(code=f"GM08{number:02d}")])
    rows = selectors.peers_of(world.office, k=3)
    assert len(rows) == 3
    assert world.office not in [row["office"] for row in rows]
    assert all(0 <= row["score"] <= 100 for row in rows)


# --- weights -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_without_saved_weights_the_defaults_apply():
    weights = PeerWeights.current()
    assert weights.pk is None
    assert (weights.weights().population, weights.weights().initiative) == (2.0, 0.5)


@pytest.mark.django_db
def test_saved_weights_remember_who_set_them(world, login):
    data = {"population": "3", "urbanisation": "2", "density": "1", "distance": "0",
            "size": "1", "phase": "1", "initiative": "0", "themes": "2"}  # fmt: skip
    login(world.users["pos"]).post("/netwerk/collega-kantoren/gewichten/", data)
    saved = PeerWeights.current()
    assert (saved.updated_by, float(saved.population), float(saved.distance)) == (
        world.users["pos"],
        3.0,
        0.0,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["lead", "researcher", "civil_servant"])
def test_only_pos_tunes_the_weights(world, login, persona):
    assert (
        login(world.users[persona]).get("/netwerk/collega-kantoren/gewichten/").status_code == 403
    )


@pytest.mark.django_db
def test_the_peer_page_of_another_office_is_closed_to_a_lead(world, login):
    response = login(world.users["lead"]).get("/netwerk/kantoren/kantoor-zwolle/collega-kantoren/")
    assert response.status_code == 403
