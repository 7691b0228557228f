"""GET /api/v1/offices/{slug}/messages: counts for the senders' side, nothing for others."""

from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import Delivery

URL = "/api/v1/offices/kantoor-utrecht/messages"


def test_municipality_gets_its_own_messages_with_counts_only(world, members, login):
    message = OfficeMessageFactory(
        office=world.office, sender_kind="municipality", municipality=world.utrecht
    )
    OfficeMessageFactory(office=world.office, subject="Van de kartrekker")
    Delivery.objects.create(message=message, entrepreneur=members["gym"], status="sent")
    Delivery.objects.create(message=message, entrepreneur=members["padel"], status="opted_out")
    response = login(world.users["civil_servant"]).get(URL)
    assert response.status_code == 200
    [item] = response.json()
    assert item["subject"] == message.subject
    assert item["counts"]["reached"] == 1 and item["counts"]["opted_out"] == 1
    assert "Gym Henk" not in response.content.decode()


def test_members_and_strangers_are_refused_in_dutch(world, login, client):
    assert client.get(URL).status_code == 403
    response = login(world.users["member"]).get(URL)
    assert response.status_code == 403
    assert response.json()["detail"] == "U mag de berichten van dit kantoor niet zien."
    assert login(world.users["pos"]).get("/api/v1/offices/onbekend/messages").status_code == 404
