"""The API's access matrix: per persona, what each route gives of Kantoor Utrecht.

The page matrix (`accounts/tests/test_access_matrix.py`) leaves the API routes out; this module
is their matrix. The rules are those of the pages: the internal block for whoever may see the
internal office page, its contact details from the network's member view up, and the message
archive for POS, the office's leads and its municipality.
"""

import pytest

from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import SenderKind

pytestmark = pytest.mark.django_db

UTRECHT = "/api/v1/offices/kantoor-utrecht"
MESSAGES = "/api/v1/offices/kantoor-utrecht/messages"

# persona: (sees the internal block, sees its contact details, may read the message archive)
MATRIX = {
    "anonymous": (False, False, False),
    "outsider": (False, False, False),
    "researcher": (False, False, False),
    "other_lead": (False, False, False),
    "other_member": (False, False, False),
    "member": (True, True, False),
    "partner": (True, False, False),
    "civil_servant": (True, False, True),
    "lead": (True, True, True),
    "pos": (True, True, True),
    "admin": (True, True, True),
}


def as_persona(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


@pytest.mark.parametrize("persona", MATRIX)
def test_the_office_detail_follows_the_access_rules(world, client, persona):
    internal, contact, _archive = MATRIX[persona]
    world.office.contact_email = "kantoor@example.invalid"
    world.office.save()
    body = as_persona(client, world, persona).get(UTRECHT).json()
    assert (body["internal"] is not None) == internal
    if internal:
        assert (body["internal"]["contact_email"] == "kantoor@example.invalid") == contact


@pytest.mark.parametrize("persona", MATRIX)
def test_the_office_list_gives_the_same_internal_block_as_the_detail(world, client, persona):
    internal, _contact, _archive = MATRIX[persona]
    body = as_persona(client, world, persona).get("/api/v1/offices").json()
    utrecht = next(item for item in body["items"] if item["slug"] == "kantoor-utrecht")
    assert (utrecht["internal"] is not None) == internal


@pytest.mark.parametrize("persona", MATRIX)
def test_the_message_archive_follows_the_access_rules(world, client, persona):
    _internal, _contact, archive = MATRIX[persona]
    response = as_persona(client, world, persona).get(MESSAGES)
    assert response.status_code == (200 if archive else 403)


def test_the_municipality_sees_only_its_own_messages_and_the_lead_sees_all(world, client):
    OfficeMessageFactory(office=world.office, subject="Van de kartrekker")
    OfficeMessageFactory(
        office=world.office,
        subject="Van de gemeente",
        sender_kind=SenderKind.MUNICIPALITY,
        municipality=world.utrecht,
        sender_label="Gemeente Utrecht",
    )
    client.force_login(world.users["civil_servant"])
    assert [m["subject"] for m in client.get(MESSAGES).json()] == ["Van de gemeente"]
    client.force_login(world.users["lead"])
    assert {m["subject"] for m in client.get(MESSAGES).json()} == {
        "Van de kartrekker",
        "Van de gemeente",
    }


def test_a_message_without_deliveries_counts_zero(world, client):
    OfficeMessageFactory(office=world.office)
    client.force_login(world.users["pos"])
    (message,) = client.get(MESSAGES).json()
    assert set(message["counts"].values()) == {0}
    assert message["status"] == "sent" and message["sender_kind"] == "office"
