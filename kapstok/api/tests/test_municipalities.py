"""GET /api/v1/municipalities and /municipalities/{code}: CBS facts, pages and Dutch errors."""

import datetime

import pytest

from kapstok.network.factories import MunicipalityFactory
from kapstok.network.models import MunicipalityBoundary, OfficeStatus

pytestmark = pytest.mark.django_db

LIST = "/api/v1/municipalities"


def test_anonymous_caller_reads_municipality_facts_with_office_slugs(world, client):
    response = client.get(f"{LIST}/GM0344")
    assert response.status_code == 200
    utrecht = response.json()
    assert utrecht["name"] == "Utrecht"
    assert utrecht["urbanisation"] == {"code": 3, "label": "matig stedelijk"}
    assert utrecht["label_point"] == {"lat": 52.09, "lon": 5.12}
    assert utrecht["area_land_km2"] == 50.0
    assert utrecht["offices"] == ["kantoor-utrecht"]
    assert utrecht["boundary"] is None


def test_boundary_comes_only_when_asked_for(world, client):
    MunicipalityBoundary.objects.create(
        municipality=world.utrecht,
        geometry={"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0]]]},
    )
    assert "boundary" not in client.get(LIST).json()["items"][0]
    detail = client.get(f"{LIST}/GM0344", {"include": "boundary"}).json()
    assert detail["boundary"]["type"] == "Polygon"


def test_lowercase_code_is_accepted(world, client):
    assert client.get(f"{LIST}/gm0344").json()["code"] == "GM0344"


def test_dissolved_office_is_not_listed_with_its_municipality_for_anonymous(world, client):
    world.office.status = OfficeStatus.DISSOLVED
    world.office.save()
    assert client.get(f"{LIST}/GM0344").json()["offices"] == []
    client.force_login(world.users["lead"])
    assert client.get(f"{LIST}/GM0344").json()["offices"] == ["kantoor-utrecht"]


def test_list_shows_current_municipalities_by_name_and_filters_on_province(world, client):
    MunicipalityFactory(code="GM0001", name="Opgeheven", ended_on=datetime.date(2020, 1, 1))
    names = [m["name"] for m in client.get(LIST).json()["items"]]
    assert names == ["Utrecht", "Zwolle"]
    names = [m["name"] for m in client.get(LIST, {"province": "Overijssel"}).json()["items"]]
    assert names == ["Zwolle"]
    assert client.get(f"{LIST}/GM0001").json()["ended_on"] == "2020-01-01"


def test_all_342_municipalities_come_in_pages(db, client):
    for number in range(342):
        MunicipalityFactory(code=f"GM{number:04d}", name=f"Gemeente {number:03d}")
    first = client.get(LIST, {"page_size": 100}).json()
    assert (first["count"], first["pages"], len(first["items"])) == (342, 4, 100)
    last = client.get(LIST, {"page_size": 100, "page": 4}).json()
    assert [m["name"] for m in last["items"]][-1] == "Gemeente 341"


def test_unknown_municipality_answers_404_in_dutch(world, client):
    response = client.get(f"{LIST}/GM9999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Gemeente niet gevonden."}


def test_malformed_code_answers_422_in_dutch(world, client):
    """The pattern is in the schema (GM and four digits), so the refusal is the schema's."""
    response = client.get(f"{LIST}/Utrecht")
    assert response.status_code == 422
    assert response.json()["detail"] == "'code' heeft niet de vorm ^[Gg][Mm][0-9]{4}$."


def test_unknown_include_answers_422_in_dutch(world, client):
    response = client.get(f"{LIST}/GM0344", {"include": "alles"})
    assert response.status_code == 422
    assert response.json()["detail"] == "'include' kies uit 'boundary'."


def test_list_uses_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    for _number in range(30):
        MunicipalityFactory()
    # count, page, offices of the page
    with django_assert_max_num_queries(3):
        response = client.get(LIST, {"page_size": 100})
    assert response.json()["count"] == 32
