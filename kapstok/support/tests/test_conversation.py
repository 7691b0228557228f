"""The conversation: replies, internal notes, notifications, the pause while waiting."""

import datetime

import pytest
import time_machine

from django.core import mail
from django.core.exceptions import ValidationError

from kapstok.support import services
from kapstok.support.models import Message, Status

AMS = datetime.timezone(datetime.timedelta(hours=1))


def _url(req, action=""):
    return f"/netwerk/ondersteuning/vragen/{req.pk}/{action}"


def test_first_public_answer_starts_handling_and_mails_the_asker(
    world, login, support_request, django_capture_on_commit_callbacks
):
    client = login(world.users["pos"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(support_request, "reageren/"), {"body": "Een vereniging."})
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == Status.IN_PROGRESS
    assert support_request.first_response_at is not None
    assert [m.to for m in mail.outbox] == [["kees@example.invalid"]]


def test_internal_note_is_hidden_from_the_office_and_mails_nobody(
    world, login, support_request, django_capture_on_commit_callbacks
):
    client = login(world.users["pos"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(support_request), {})
        client.post(_url(support_request, "reageren/"), {"body": "Geheim", "internal": "on"})
    support_request.refresh_from_db()
    assert support_request.first_response_at is None
    assert not mail.outbox
    page = login(world.users["lead"]).get(_url(support_request)).content.decode()
    assert "Geheim" not in page
    partner_page = login(world.users["pos"]).get(_url(support_request)).content.decode()
    assert "Geheim" in partner_page


def test_office_cannot_write_internal_notes(world, login, support_request):
    client = login(world.users["lead"])
    client.post(_url(support_request, "reageren/"), {"body": "Hallo", "internal": "on"})
    assert not Message.objects.get().internal


def test_reply_to_a_closed_request_is_refused_and_kept_on_the_page(world, login, support_request):
    support_request.status = Status.CLOSED
    support_request.save()
    client = login(world.users["lead"])
    response = client.post(_url(support_request, "reageren/"), {"body": "Nog een vraag"})
    assert response.status_code == 400
    assert "Deze vraag is gesloten" in response.content.decode()
    assert not Message.objects.exists()


def test_office_answer_ends_the_wait(world, support_request):
    pos = world.users["pos"]
    services.request_set_status(request=support_request, status=Status.WAITING, actor=pos)
    services.message_post(
        request=support_request, author=world.users["lead"], body="Hier is het.", handler=False
    )
    support_request.refresh_from_db()
    assert support_request.status == Status.IN_PROGRESS
    assert support_request.pauses.get().ended_at is not None


def test_closed_request_cannot_be_reopened(world, support_request):
    pos = world.users["pos"]
    services.request_set_status(request=support_request, status=Status.CLOSED, actor=pos)
    with pytest.raises(ValidationError):
        services.request_set_status(request=support_request, status=Status.IN_PROGRESS, actor=pos)


def test_pause_does_not_count_towards_the_target(world, support_request):
    from kapstok.support.selectors import clocks

    pos = world.users["pos"]
    support_request.created_at = datetime.datetime(2026, 6, 1, 10, tzinfo=AMS)
    support_request.save()
    with time_machine.travel(datetime.datetime(2026, 6, 3, 10, tzinfo=AMS)):
        services.request_set_status(request=support_request, status=Status.WAITING, actor=pos)
    with time_machine.travel(datetime.datetime(2026, 6, 8, 10, tzinfo=AMS)):
        services.message_post(
            request=support_request, author=world.users["lead"], body="Klaar.", handler=False
        )
    [clock] = clocks([support_request], today=datetime.date(2026, 6, 12))
    assert clock.resolution_days == 6
