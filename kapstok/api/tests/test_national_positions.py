"""GET /national-positions: POS-wide positions and their totals, by the pages' rules."""

import pytest

from kapstok.influence.factories import NationalPositionFactory
from kapstok.influence.models import NationalEndorsement, NationalStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/national-positions"
READERS = {"pos", "admin", "lead", "member", "civil_servant", "other_lead", "other_member"}
ALL = sorted(READERS | {"anonymous", "partner", "researcher", "outsider"})


def as_persona(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


def endorsers(position, office, municipality, count, show_name=True):
    for i in range(count):
        entrepreneur = EntrepreneurFactory(
            business_name=f"Naam {municipality.name} {i}", municipality=municipality
        )
        MembershipFactory(office=office, entrepreneur=entrepreneur)
        NationalEndorsement.objects.create(
            position=position, entrepreneur=entrepreneur, office=office, show_name=show_name
        )


@pytest.fixture
def positions(world):
    open_one = NationalPositionFactory(title="Geen btw-verhoging op sport")
    concept = NationalPositionFactory(title="Nog een concept", status=NationalStatus.CONCEPT)
    endorsers(open_one, world.office, world.utrecht, 6)
    endorsers(open_one, world.other_office, world.zwolle, 2)
    return open_one, concept


@pytest.mark.parametrize("persona", ALL)
def test_the_list_is_the_pages_list(client, world, positions, persona):
    open_one, concept = positions
    expected = set()
    if persona in READERS:
        expected = {open_one.pk}
    if persona in {"pos", "admin"}:
        expected.add(concept.pk)

    response = as_persona(client, world, persona).get(API)

    assert response.status_code == 200
    assert {item["id"] for item in response.json()} == expected


@pytest.mark.parametrize("persona", ALL)
def test_a_position_not_for_the_caller_is_not_found(client, world, positions, persona):
    open_one, concept = positions
    client = as_persona(client, world, persona)

    found = client.get(f"{API}/{open_one.pk}")
    hidden = client.get(f"{API}/{concept.pk}")

    assert found.status_code == (200 if persona in READERS else 404)
    assert hidden.status_code == (200 if persona in {"pos", "admin"} else 404)
    if found.status_code == 200:
        assert found.json()["ask"] == open_one.ask
    else:
        assert found.json() == {"detail": "Standpunt niet gevonden."}


def test_pos_gets_every_count_exactly(client, world, positions):
    open_one, _concept = positions

    totals = as_persona(client, world, "pos").get(f"{API}/{open_one.pk}/totals").json()

    assert (totals["total"], totals["total_label"]) == (8, "8")
    assert [(o["key"], o["count"]) for o in totals["per_office"]] == [
        ("kantoor-utrecht", 6),
        ("kantoor-zwolle", 2),
    ]
    assert [(m["key"], m["count"], m["label"]) for m in totals["per_municipality"]] == [
        ("GM0344", 6, "6"),
        ("GM0193", 2, "2"),
    ]


def test_a_member_gets_small_counts_as_a_band_and_no_municipalities(client, world, positions):
    open_one, _concept = positions

    totals = as_persona(client, world, "member").get(f"{API}/{open_one.pk}/totals").json()

    assert totals["total"] == 8
    assert [(o["key"], o["count"], o["label"]) for o in totals["per_office"]] == [
        ("kantoor-utrecht", 6, "6"),
        ("kantoor-zwolle", None, "< 5"),
    ]
    assert totals["per_municipality"] == []


def test_the_civil_servant_gets_only_their_municipality(client, world, positions):
    open_one, _concept = positions

    totals = as_persona(client, world, "civil_servant").get(f"{API}/{open_one.pk}/totals").json()

    assert totals["per_office"] is None
    assert totals["per_municipality"] == [
        {"key": "GM0344", "name": "Utrecht", "count": 6, "label": "6"}
    ]


def test_no_business_name_leaves_through_the_api(client, world, positions):
    open_one, _concept = positions
    client = as_persona(client, world, "pos")

    body = client.get(f"{API}/{open_one.pk}/totals").content + client.get(API).content

    assert b"Naam Utrecht" not in body


def test_totals_of_a_hidden_position_are_not_found(client, world, positions):
    _open_one, concept = positions

    response = as_persona(client, world, "member").get(f"{API}/{concept.pk}/totals")

    assert response.status_code == 404


def test_the_totals_read_a_fixed_number_of_queries(
    client, world, positions, django_assert_max_num_queries
):
    open_one, _concept = positions
    client = as_persona(client, world, "pos")
    with django_assert_max_num_queries(12) as few:
        client.get(f"{API}/{open_one.pk}/totals")
    endorsers(open_one, world.office, world.zwolle, 5)
    with django_assert_max_num_queries(12) as many:
        client.get(f"{API}/{open_one.pk}/totals")
    assert len(many.captured_queries) == len(few.captured_queries)
