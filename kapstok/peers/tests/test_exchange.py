"""The exchange board: posts stay inside the office, offers meet requests, the weekly digest."""

import datetime

import pytest

from django.core import mail

from kapstok.peers.exchange import exchange_digest_send, post_create
from kapstok.peers.models import ExchangePost, ExchangeReply

BOARD = "/netwerk/kantoren/kantoor-utrecht/uitwisselbord/"


def _post(world, kind="offer", topic="space", title="200 m² zaal vrij op dinsdag", who="lead"):
    return post_create(
        office=world.office, author=world.users[who], kind=kind, topic=topic, title=title, body=""
    )


def test_member_posts_an_offer(world, login):
    response = login(world.users["member"]).post(
        BOARD, {"kind": "offer", "topic": "space", "title": "Zaal vrij", "body": "Dinsdags"}
    )
    post = ExchangePost.objects.get()
    assert response.status_code == 302
    assert (post.office, post.author, post.kind) == (world.office, world.users["member"], "offer")


def test_html_in_a_post_is_shown_as_text(world, login):
    client = login(world.users["member"])
    client.post(BOARD, {"kind": "question", "topic": "knowledge", "title": "<script>x</script>"})
    post = ExchangePost.objects.get()
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_an_offer_is_suggested_to_a_request_of_the_same_topic(world, login):
    offer = _post(world)
    request = _post(world, kind="request", title="Wie heeft ruimte voor yogales?", who="member")
    _post(world, kind="request", topic="staff", title="Trainer gezocht", who="member")
    page = login(world.users["member"]).get(request.get_absolute_url())
    assert list(page.context["matches"]) == [offer]
    assert list(ExchangePost.objects.matches_for(offer)) == [request]


def test_solved_posts_are_no_longer_suggested(world, login):
    offer = _post(world)
    request = _post(world, kind="request", who="member")
    login(world.users["lead"]).post(f"{BOARD}{offer.pk}/opgelost/")
    offer.refresh_from_db()
    assert offer.solved_at is not None
    assert not ExchangePost.objects.matches_for(request).exists()


def test_member_replies(world, login):
    offer = _post(world)
    login(world.users["member"]).post(offer.get_absolute_url(), {"body": "Graag!"})
    assert ExchangeReply.objects.get().body == "Graag!"


def test_member_cannot_solve_someone_elses_post(world, login):
    offer = _post(world)
    assert login(world.users["member"]).post(f"{BOARD}{offer.pk}/opgelost/").status_code == 403


@pytest.mark.parametrize("persona", ["pos", "civil_servant", "partner", "other_member"])
def test_posts_stay_inside_the_office(world, login, persona):
    offer = _post(world)
    client = login(world.users[persona])
    assert client.get(BOARD).status_code == 403
    assert client.get(offer.get_absolute_url()).status_code == 403


def test_weekly_digest_goes_to_the_office_people_on_monday(world):
    _post(world)
    monday = datetime.datetime(2026, 11, 30, 7, tzinfo=datetime.UTC)
    assert exchange_digest_send(monday - datetime.timedelta(days=1)) == 0
    assert exchange_digest_send(monday) == 2
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["kees@example.invalid", "marieke@example.invalid"]
    assert "200 m² zaal vrij op dinsdag" in mail.outbox[0].body


def test_digest_skips_old_and_solved_posts(world):
    post = _post(world)
    post.solved_at = post.created_at
    post.save()
    assert exchange_digest_send(force=True) == 0
