"""GET /api/v1/offices.geojson: public offices as GeoJSON points, nothing internal."""

import pytest

from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.network.models import OfficeStatus

pytestmark = pytest.mark.django_db

URL = "/api/v1/offices.geojson"


def features(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    return {feature["id"]: feature for feature in collection["features"]}


def test_every_public_office_is_a_point_with_public_fields(world, client):
    found = features(client)
    utrecht = found["kantoor-utrecht"]
    assert utrecht["type"] == "Feature"
    assert utrecht["geometry"] == {"type": "Point", "coordinates": [5.12, 52.09]}
    properties = utrecht["properties"]
    assert properties["name"] == "Kantoor Utrecht"
    assert properties["member_count"] == 1
    assert properties["public_url"] == "http://testserver/kantoren/kantoor-utrecht/"
    assert properties["municipalities"] == [{"code": "GM0344", "name": "Utrecht"}]


def test_nothing_internal_even_for_the_lead(world, client):
    properties = features(client, world.users["lead"])["kantoor-utrecht"]["properties"]
    assert "internal" not in properties
    assert world.office.contact_email not in str(properties)


def test_dissolved_offices_are_left_out(world, client):
    world.other_office.status = OfficeStatus.DISSOLVED
    world.other_office.save()
    assert set(features(client)) == {"kantoor-utrecht"}


def test_office_over_several_municipalities_sits_in_the_largest(world, client):
    small = MunicipalityFactory(code="GM0001", population=1000, label_lat=50.0, label_lon=4.0)
    big = MunicipalityFactory(code="GM0002", population=90000, label_lat=53.0, label_lon=6.0)
    OfficeFactory(slug="samen", municipalities=[small, big])
    assert features(client)["samen"]["geometry"]["coordinates"] == [6.0, 53.0]
