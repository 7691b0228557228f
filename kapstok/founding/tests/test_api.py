"""The founding API: the same rules as the pages (POS sees all, a kartrekker their own)."""

import datetime

import pytest

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.founding.factories import FoundingChecklistFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def founding(world):
    checklist = FoundingChecklistFactory(
        office__name="Kantoor Ede", office__slug="kantoor-ede", started_on=datetime.date(2026, 1, 5)
    )
    grant_role(
        user=world.users["lead"],
        role=Role.LEAD,
        scope=checklist.office,
        starts_on=datetime.date(2026, 1, 5),
    )
    return checklist.office


def test_pos_lists_the_offices_in_founding_with_their_checklists(world, login, founding):
    response = login(world.users["pos"]).get("/api/v1/founding")

    assert response.status_code == 200
    (row,) = response.json()
    assert row["office"] == "kantoor-ede"
    assert row["status"] == "founding"
    assert row["founded_on"] is None
    assert (row["done"], row["total"], row["complete"]) == (1, 4, False)
    assert [item["key"] for item in row["items"] if item["done"]] == ["initiators"]


@pytest.mark.parametrize("persona", ["lead", "member", "civil_servant", "researcher"])
def test_only_pos_lists_every_office_in_founding(world, login, founding, persona):
    response = login(world.users[persona]).get("/api/v1/founding")

    assert response.status_code == 403
    assert response.json()["detail"] == "Alleen POS ziet de kantoren in oprichting."


def test_the_kartrekker_reads_the_checklist_of_their_office(world, login, founding):
    response = login(world.users["lead"]).get("/api/v1/offices/kantoor-ede/founding")

    assert response.status_code == 200
    assert response.json()["members_needed"] == 3


@pytest.mark.parametrize("persona", ["other_lead", "member", "outsider"])
def test_others_may_not_read_an_office_s_checklist(world, login, founding, persona):
    response = login(world.users[persona]).get("/api/v1/offices/kantoor-ede/founding")

    assert response.status_code == 403


def test_an_anonymous_caller_may_not_read_a_checklist(client, founding):
    assert client.get("/api/v1/offices/kantoor-ede/founding").status_code == 403


def test_an_office_without_checklist_or_unknown_is_not_found(world, login):
    client = login(world.users["pos"])

    assert client.get("/api/v1/offices/kantoor-utrecht/founding").status_code == 404
    assert client.get("/api/v1/offices/bestaat-niet/founding").status_code == 404


def test_the_office_api_shows_the_founding_status_and_no_date(client, founding):
    response = client.get("/api/v1/offices/kantoor-ede")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["founded_on"]) == ("founding", None)
