"""The office's current kartrekkers with their since-dates, in the `internal` block: the same
rule as the internal office page, and only current roles."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.services import grant_role

pytestmark = pytest.mark.django_db

UTRECHT = "/api/v1/offices/kantoor-utrecht"
DAY = datetime.timedelta(days=1)


def _internal(client, user=None, url=UTRECHT):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["internal"]


def test_the_office_people_see_the_current_kartrekkers_longest_serving_first(world, client):
    today = timezone.localdate()
    RoleGrant.objects.filter(user=world.users["lead"]).update(starts_on=today - 30 * DAY)
    grant_role(
        user=UserFactory(full_name="Sanne Opvolger"),
        role=Role.LEAD,
        scope=world.office,
        starts_on=today - DAY,
    )
    grant_role(user=UserFactory(full_name="Later"), role=Role.LEAD, scope=world.office,
               starts_on=today + DAY)  # fmt: skip
    grant_role(
        user=UserFactory(full_name="Vroeger"),
        role=Role.LEAD,
        scope=world.office,
        starts_on=today - 90 * DAY,
        ends_on=today - 31 * DAY,
    )

    for persona in ("member", "civil_servant", "pos"):
        assert _internal(client, world.users[persona])["kartrekkers"] == [
            {"name": "Kees Kartrekker", "since": str(today - 30 * DAY)},
            {"name": "Sanne Opvolger", "since": str(today - DAY)},
        ]


def test_outsiders_and_other_offices_do_not_get_the_kartrekkers(world, client):
    assert _internal(client) is None
    assert _internal(client, world.users["other_lead"]) is None
    listed = {item["slug"]: item for item in client.get("/api/v1/offices").json()["items"]}
    assert listed["kantoor-utrecht"]["internal"] is None


def test_the_list_names_each_office_its_own_kartrekkers(world, client):
    client.force_login(world.users["pos"])
    items = {item["slug"]: item for item in client.get("/api/v1/offices").json()["items"]}

    assert [k["name"] for k in items["kantoor-utrecht"]["internal"]["kartrekkers"]] == [
        "Kees Kartrekker"
    ]
    assert [k["name"] for k in items["kantoor-zwolle"]["internal"]["kartrekkers"]] == [
        "Olga Andere-Kartrekker"
    ]


def test_the_openapi_document_describes_the_kartrekkers(client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]

    assert "kartrekkers" in schemas["OfficeInternal"]["required"]
    assert set(schemas["KartrekkerOut"]["properties"]) == {"name", "since"}
