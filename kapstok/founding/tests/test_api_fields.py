"""The founding API's fields as a client reads them, its refusals' words, and its queries."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.founding.factories import FoundingChecklistFactory
from kapstok.network.factories import MembershipFactory, MunicipalityFactory
from kapstok.network.models import Office, OfficeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
STARTED = datetime.date(2026, 1, 5)


@pytest.fixture
def ede(world):
    """Kantoor Ede in founding since 5 January 2026, its meeting held, Kees its kartrekker."""
    office = FoundingChecklistFactory(
        office__name="Kantoor Ede",
        office__slug="kantoor-ede",
        office__municipalities=[MunicipalityFactory(name="Ede")],
        started_on=STARTED,
        first_meeting_on=datetime.date(2026, 1, 20),
        first_meeting_note="Acht ondernemers.",
    ).office
    grant_role(user=world.users["lead"], role=Role.LEAD, scope=office, starts_on=STARTED)
    return office


def item(row, key):
    return next(i for i in row["items"] if i["key"] == key)


def test_each_item_says_how_it_is_known_and_since_when(world, login, ede):
    row = login(world.users["pos"]).get("/api/v1/offices/kantoor-ede/founding").json()

    assert row["name"] == "Kantoor Ede"
    assert row["started_on"] == "2026-01-05"
    assert row["days_in_founding"] == (TODAY - STARTED).days
    assert item(row, "initiators") == {
        "key": "initiators",
        "label": "Initiatiefnemers",
        "done": True,
        "done_on": "2026-01-05",
        "derived": True,
        "detail": "Kartrekker: Kees Kartrekker.",
    }
    assert item(row, "first_meeting") | {"label": None} == {
        "key": "first_meeting",
        "label": None,
        "done": True,
        "done_on": "2026-01-20",
        "derived": False,
        "detail": "Gehouden op 20 januari 2026. Acht ondernemers.",
    }
    assert item(row, "first_members")["done_on"] is None


def test_pos_reads_the_checklist_of_any_office_in_founding(world, login, ede):
    response = login(world.users["pos"]).get("/api/v1/offices/kantoor-ede/founding")

    assert response.status_code == 200
    assert response.json()["office"] == "kantoor-ede"


def test_a_founded_office_s_checklist_stays_readable_as_its_record(world, login, ede):
    MembershipFactory(office=ede, joined_on=STARTED)
    Office.objects.filter(pk=ede.pk).update(
        status=OfficeStatus.ACTIVE, founded_on=datetime.date(2026, 2, 4)
    )

    row = login(world.users["lead"]).get("/api/v1/offices/kantoor-ede/founding").json()

    assert (row["status"], row["founded_on"], row["days_in_founding"]) == (
        "active",
        "2026-02-04",
        30,
    )


def test_a_founded_office_is_no_longer_in_the_list(world, login, ede):
    Office.objects.filter(pk=ede.pk).update(status=OfficeStatus.ACTIVE, founded_on=TODAY)

    assert login(world.users["pos"]).get("/api/v1/founding").json() == []


def test_the_refusals_say_why_in_dutch(world, login, ede):
    client = login(world.users["pos"])
    assert client.get("/api/v1/offices/bestaat-niet/founding").json()["detail"] == (
        "Kantoor niet gevonden."
    )
    assert client.get("/api/v1/offices/kantoor-utrecht/founding").json()["detail"] == (
        "Dit kantoor heeft geen oprichtingschecklist."
    )
    other = login(world.users["other_lead"]).get("/api/v1/offices/kantoor-ede/founding")
    assert other.json()["detail"] == "U mag de oprichting van dit kantoor niet zien."


def test_the_kartrekker_of_another_office_learns_nothing_from_an_office_without_checklist(
    world, login
):
    response = login(world.users["other_lead"]).get("/api/v1/offices/kantoor-utrecht/founding")

    assert response.status_code == 403


def test_a_slug_that_is_no_web_address_is_refused(world, login):
    response = login(world.users["pos"]).get("/api/v1/offices/Kantoor%20Ede!/founding")

    assert response.status_code == 422


def test_the_list_s_queries_stay_flat_as_offices_are_added(world, login, ede):
    client = login(world.users["pos"])
    client.get("/api/v1/founding")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/founding")
    for _ in range(3):
        office = FoundingChecklistFactory(office__municipalities=[MunicipalityFactory()]).office
        MembershipFactory(office=office)
    with CaptureQueriesContext(connection) as four:
        rows = client.get("/api/v1/founding").json()

    assert len(rows) == 4
    assert len(four) == len(one)
