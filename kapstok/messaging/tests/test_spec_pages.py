"""The message pages with bad input and foreign objects: attachments, inbox, approvals, the API."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.access import viewer_for
from kapstok.messaging import services
from kapstok.messaging.models import Delivery, MessageAttachment, MessageStatus, OfficeMessage
from kapstok.network.factories import MembershipFactory

pytestmark = pytest.mark.django_db
BERICHTEN = "/netwerk/kantoren/kantoor-utrecht/berichten/"
PDF = b"%PDF-1.4\n% ledenavond\n"


def compose(world, persona="lead", **kwargs):
    user = world.users[persona]
    defaults = {"subject": "Ledenavond", "body": "Donderdag om acht uur."}
    return services.message_compose(
        office=world.office, viewer=viewer_for(user), author=user, **(defaults | kwargs)
    )


@pytest.fixture
def with_attachment(world, members, send_now):
    pdf = SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf")
    message = send_now(compose, world=world, files=[pdf])
    return message, MessageAttachment.objects.get()


def download(client, attachment):
    return client.get(f"/netwerk/berichten/bijlagen/{attachment.pk}/")


# --- attachments -------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [("member", 200), ("lead", 200), ("pos", 200)])
def test_the_sender_side_and_the_receivers_download_the_attachment(
    world, login, with_attachment, persona, status
):
    _message, attachment = with_attachment
    response = download(login(world.users[persona]), attachment)
    assert response.status_code == status
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="agenda.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("persona", ["other_member", "other_lead", "civil_servant", "outsider"])
def test_others_do_not_even_learn_the_attachment_exists(world, login, with_attachment, persona):
    _message, attachment = with_attachment
    assert download(login(world.users[persona]), attachment).status_code == 404


def test_a_member_who_opted_out_gets_no_attachment(world, login, members, send_now):
    services.opt_out_set(
        entrepreneur=world.member_entrepreneur,
        office=world.office,
        sender_kind="office",
        opted_out=True,
    )
    pdf = SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf")
    send_now(compose, world=world, files=[pdf])
    attachment = MessageAttachment.objects.get()
    assert download(login(world.users["member"]), attachment).status_code == 404


def test_an_attachment_whose_file_is_gone_is_not_found(world, login, with_attachment):
    _message, attachment = with_attachment
    attachment.file.delete(save=False)
    assert download(login(world.users["lead"]), attachment).status_code == 404


def test_the_attachment_is_stored_under_a_name_of_our_making(world, members, send_now):
    upload = SimpleUploadedFile("../../etc/passwd.exe", PDF, content_type="application/pdf")
    send_now(compose, world=world, files=[upload])
    attachment = MessageAttachment.objects.get()
    assert attachment.name.endswith(".pdf") and "/" not in attachment.name
    assert attachment.file.name.startswith(f"messaging/{attachment.message_id}/")


# --- the inbox ---------------------------------------------------------------------------------


def test_a_member_cannot_open_another_members_delivery(world, login, members, send_now):
    message = send_now(compose, world=world)
    other = Delivery.objects.get(message=message, entrepreneur=members["gym"])
    assert login(world.users["member"]).get(f"/netwerk/berichten/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_reading_a_message_lowers_the_unread_count(world, login, members, send_now):
    message = send_now(compose, world=world)
    marieke = login(world.users["member"])
    badge = Template("{% load messaging_tags %}{{ viewer|unread_messages }}")
    viewer = viewer_for(world.users["member"])
    assert badge.render(Context({"viewer": viewer})) == "1"
    mine = Delivery.objects.get(message=message, entrepreneur=world.member_entrepreneur)
    marieke.get(f"/netwerk/berichten/{mine.pk}/")
    marieke.get(f"/netwerk/berichten/{mine.pk}/")
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert badge.render(Context({"viewer": viewer})) == "0"


@pytest.mark.parametrize("persona", ["lead", "civil_servant", "pos", "outsider"])
def test_the_inbox_is_for_members_only(world, login, persona):
    assert login(world.users[persona]).get("/netwerk/berichten/").status_code == 403


def test_a_member_of_two_offices_chooses_per_office_and_sender(world, login, members):
    MembershipFactory(office=world.other_office, entrepreneur=world.member_entrepreneur)
    marieke = login(world.users["member"])
    rows = marieke.get("/netwerk/berichten/voorkeuren/").context["rows"]
    assert [row["membership"].office.name for row in rows] == ["Kantoor Utrecht", "Kantoor Zwolle"]
    zwolle = rows[1]["membership"]
    marieke.post("/netwerk/berichten/voorkeuren/", {f"off-{zwolle.pk}-municipality": "on"})
    rows = marieke.get("/netwerk/berichten/voorkeuren/").context["rows"]
    off = {(row["membership"].office.name, s["kind"]) for row in rows for s in row["senders"]
           if s["off"]}  # fmt: skip
    assert off == {("Kantoor Zwolle", "municipality")}


# --- approving ---------------------------------------------------------------------------------


@pytest.fixture
def waiting(world, members):
    return compose(world, "civil_servant")


def test_rejecting_without_a_reason_keeps_the_message_waiting(world, login, waiting):
    response = login(world.users["lead"]).post(
        f"{BERICHTEN}{waiting.pk}/afwijzen/", {"reason": "  "}
    )
    assert response.status_code == 400
    assert "Schrijf de gemeente kort waarom niet." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == MessageStatus.PENDING


def test_approving_a_rejected_message_is_refused_with_the_reason(world, login, waiting):
    services.message_reject(message=waiting, actor=world.users["lead"], reason="Past niet")
    response = login(world.users["lead"]).post(f"{BERICHTEN}{waiting.pk}/goedkeuren/", follow=True)
    assert "Over dit bericht is al beslist." in response.content.decode()
    assert not Delivery.objects.exists()


def test_a_message_of_another_office_is_not_found_through_this_one(world, login, members):
    foreign = OfficeMessage.objects.create(
        office=world.other_office, sender_kind="office", sender_label="Kantoor Zwolle",
        subject="Zwolle", body="...",
    )  # fmt: skip
    assert login(world.users["pos"]).get(f"{BERICHTEN}{foreign.pk}/").status_code == 404


def test_the_compose_page_tells_the_municipality_it_needs_approval(world, login, members):
    page = login(world.users["civil_servant"]).get(f"{BERICHTEN}nieuw/")
    assert page.context["needs_approval"] is True
    assert (page.context["sender_label"], page.context["member_count"]) == ("Gemeente Utrecht", 4)
    services.auto_approve_set(office=world.office, enabled=True, actor=world.users["pos"])
    assert (
        login(world.users["civil_servant"]).get(f"{BERICHTEN}nieuw/").context["needs_approval"]
        is False
    )


def test_a_subject_of_only_spaces_is_refused(world, login, members):
    response = login(world.users["lead"]).post(
        f"{BERICHTEN}nieuw/", {"subject": "   ", "body": "Tekst"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["subject"] == ["Geef het bericht een onderwerp."]
    assert not OfficeMessage.objects.exists()


def test_only_pos_switches_auto_approval(world, login):
    response = login(world.users["lead"]).post(f"{BERICHTEN}instellingen/", {"enabled": "on"})
    assert response.status_code == 403
    assert not services.auto_approves(world.office)


# --- the API -----------------------------------------------------------------------------------


def test_the_api_refuses_an_unknown_office_in_dutch(world, login):
    response = login(world.users["pos"]).get("/api/v1/offices/bestaat-niet/messages")
    assert response.status_code == 404
    assert "Kantoor niet gevonden." in response.content.decode()


def test_pos_sees_every_message_of_the_office_through_the_api(world, login, members, send_now):
    send_now(compose, world=world)
    compose(world, "civil_servant")
    rows = login(world.users["pos"]).get("/api/v1/offices/kantoor-utrecht/messages").json()
    assert sorted((row["sender_kind"], row["status"]) for row in rows) == [
        ("municipality", "pending"),
        ("office", "sent"),
    ]
    sent = next(row for row in rows if row["status"] == "sent")
    assert sent["counts"]["reached"] == 4
    assert "email" in sent["counts"] and "adres" not in str(rows)


# --- costs and what stays hidden ---------------------------------------------------------------


def test_the_inbox_takes_the_same_queries_for_more_messages(
    world, login, members, send_now, django_assert_max_num_queries
):
    send_now(compose, world=world)
    marieke = login(world.users["member"])
    with CaptureQueriesContext(connection) as one:
        marieke.get("/netwerk/berichten/")
    for persona in ("pos", "pos", "lead", "lead"):
        send_now(compose, world=world, persona=persona)
    with django_assert_max_num_queries(len(one)):
        page = marieke.get("/netwerk/berichten/")
    assert len(page.context["deliveries"]) == 5


def test_a_rejected_message_never_reaches_the_members_inbox(world, login, waiting):
    services.message_reject(message=waiting, actor=world.users["lead"], reason="Te commercieel")
    assert login(world.users["member"]).get("/netwerk/berichten/").context["deliveries"] == []
    page = login(world.users["civil_servant"]).get(f"{BERICHTEN}{waiting.pk}/")
    assert "Te commercieel" in page.content.decode()


def test_the_badge_counts_waiting_messages_for_the_office(world, waiting):
    badge = Template("{% load messaging_tags %}{{ office|messages_waiting }}")
    assert badge.render(Context({"office": world.office})) == "1"
    services.message_approve(message=waiting, actor=world.users["lead"])
    assert badge.render(Context({"office": world.office})) == "0"
