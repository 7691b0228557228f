"""The message pages: writing with bad input, approving, counts for the sender, the inbox, the
unsubscribe link, and what each page costs in queries."""

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import Delivery, DeliveryStatus, MessageStatus, OfficeMessage, OptOut
from kapstok.messaging.services import unsubscribe_token

BERICHTEN = "/netwerk/kantoren/kantoor-utrecht/berichten/"


@pytest.fixture
def pending(world, members):
    return OfficeMessage.objects.create(
        office=world.office,
        sender_kind="municipality",
        municipality=world.utrecht,
        author=world.users["civil_servant"],
        sender_label="Gemeente Utrecht",
        subject="Word een vereniging",
        body="Dan kunnen wij u een opdracht geven.",
    )


def test_civil_servant_writes_and_the_message_waits(world, members, login, send_now):
    client = login(world.users["civil_servant"])
    response = send_now(
        client.post,
        path=f"{BERICHTEN}nieuw/",
        data={"subject": "Word een vereniging", "body": "Graag."},
    )
    message = OfficeMessage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == message.get_absolute_url()
    assert message.status == MessageStatus.PENDING
    assert not Delivery.objects.exists()


def test_sender_page_shows_counts_never_names_or_addresses(world, members, login, send_now):
    client = login(world.users["lead"])
    send_now(client.post, path=f"{BERICHTEN}nieuw/", data={"subject": "Nieuws", "body": "Hoi"})
    message = OfficeMessage.objects.get()
    client = login(world.users["civil_servant"])
    message.municipality = world.utrecht  # even a municipality message shows no names
    message.save()
    page = client.get(message.get_absolute_url()).content.decode()
    assert 'id="delivery-counts"' in page
    for entrepreneur in members.values():
        assert entrepreneur.business_name not in page
        if entrepreneur.email:
            assert entrepreneur.email not in page


def test_lead_of_another_office_cannot_approve(world, pending, login):
    response = login(world.users["other_lead"]).post(f"{BERICHTEN}{pending.pk}/goedkeuren/")
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == MessageStatus.PENDING


@pytest.mark.parametrize("persona", ["civil_servant", "pos", "member"])
def test_only_the_lead_approves(world, pending, login, persona):
    response = login(world.users[persona]).post(f"{BERICHTEN}{pending.pk}/goedkeuren/")
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == MessageStatus.PENDING


def test_lead_approves_and_members_receive(world, pending, login, send_now):
    client = login(world.users["lead"])
    page = client.get(pending.get_absolute_url()).content.decode()
    assert "Goedkeuren en versturen" in page
    response = send_now(client.post, path=f"{BERICHTEN}{pending.pk}/goedkeuren/")
    assert response.status_code == 302
    assert len(mail.outbox) == 3
    pending.refresh_from_db()
    assert pending.status == MessageStatus.SENT


def test_lead_rejects_with_a_reason_the_municipality_reads(world, pending, login):
    client = login(world.users["lead"])
    empty = client.post(f"{BERICHTEN}{pending.pk}/afwijzen/", {"reason": ""})
    assert empty.status_code == 400
    assert "Schrijf de gemeente kort waarom niet." in empty.content.decode()
    client.post(f"{BERICHTEN}{pending.pk}/afwijzen/", {"reason": "Past niet bij ons."})
    page = login(world.users["civil_servant"]).get(pending.get_absolute_url())
    assert "Past niet bij ons." in page.content.decode()


def test_empty_selection_keeps_the_text_and_says_why(world, members, login):
    # The padel member leaves while the lead writes: the padel box on the form reaches nobody.
    from kapstok.network.models import Membership

    client = login(world.users["lead"])
    assert "Padel (1)" in client.get(f"{BERICHTEN}nieuw/").content.decode()
    Membership.objects.filter(entrepreneur=members["padel"]).update(left_on="2024-06-01")
    response = client.post(
        f"{BERICHTEN}nieuw/",
        {"subject": "Padeldag", "body": "Baan vrij", "branches": [world.padel.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Er zijn geen leden in deze selectie." in page
    assert "Padeldag" in page and "Baan vrij" in page
    assert not OfficeMessage.objects.exists()


def test_over_the_rate_limit_keeps_the_text(world, members, login, settings):
    settings.KAPSTOK_MESSAGES_PER_WEEK = 1
    client = login(world.users["civil_servant"])
    client.post(f"{BERICHTEN}nieuw/", {"subject": "Eerste", "body": "Een"})
    response = client.post(f"{BERICHTEN}nieuw/", {"subject": "Tweede", "body": "Nog een"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "U kunt weer een bericht sturen vanaf" in page
    assert "Tweede" in page and "Nog een" in page
    assert OfficeMessage.objects.count() == 1


def test_a_disallowed_attachment_keeps_the_text(world, members, login):
    exe = SimpleUploadedFile("regeling.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = login(world.users["civil_servant"]).post(
        f"{BERICHTEN}nieuw/",
        {"subject": "Regeling", "body": "Zie bijlage", "attachments": [exe]},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "is geen PDF-, Word-, Excel- of afbeeldingsbestand" in page
    assert "Regeling" in page and "Zie bijlage" in page
    assert not OfficeMessage.objects.exists()


def test_municipality_archive_holds_only_its_own_messages(world, members, login):
    OfficeMessageFactory(office=world.office, subject="Van de kartrekker")
    OfficeMessageFactory(
        office=world.office,
        sender_kind="municipality",
        municipality=world.utrecht,
        subject="Van de gemeente",
    )
    page = login(world.users["civil_servant"]).get(BERICHTEN).content.decode()
    assert "Van de gemeente" in page
    assert "Van de kartrekker" not in page
    lead_page = login(world.users["lead"]).get(BERICHTEN).content.decode()
    assert "Van de kartrekker" in lead_page and "Van de gemeente" in lead_page


def test_municipality_cannot_open_a_lead_message(world, members, login):
    message = OfficeMessageFactory(office=world.office)
    response = login(world.users["civil_servant"]).get(message.get_absolute_url())
    assert response.status_code == 403


def test_pos_switches_auto_approval(world, members, login):
    client = login(world.users["pos"])
    client.post(f"{BERICHTEN}instellingen/", {"enabled": "on"})
    assert world.office.messaging.auto_approve_municipality
    client.post(f"{BERICHTEN}instellingen/", {})
    world.office.messaging.refresh_from_db()
    assert not world.office.messaging.auto_approve_municipality


def _sent_to_member(world, members, send_now, login):
    client = login(world.users["lead"])
    send_now(client.post, path=f"{BERICHTEN}nieuw/", data={"subject": "Nieuws", "body": "Hoi"})
    return Delivery.objects.get(entrepreneur=world.member_entrepreneur)


def test_unsubscribe_link_works_without_login(world, members, client, send_now, login):
    delivery = _sent_to_member(world, members, send_now, login)
    client.logout()
    url = f"/afmelden/{unsubscribe_token(delivery)}/"
    asked = client.get(url)
    assert "Wilt u geen berichten meer ontvangen van Kantoor Utrecht" in asked.content.decode()
    assert not OptOut.objects.exists()
    done = client.post(url)
    assert "U bent afgemeld" in done.content.decode()
    assert OptOut.objects.filter(entrepreneur=world.member_entrepreneur).exists()


def test_the_unsubscribe_link_is_in_the_mail_and_works(world, members, client, send_now, login):
    _sent_to_member(world, members, send_now, login)
    mailed = next(m for m in mail.outbox if m.to == [world.member_entrepreneur.email])
    url = next(line for line in mailed.body.splitlines() if "/afmelden/" in line).strip()
    client.logout()
    client.post(url.replace("http://127.0.0.1:8000", ""))
    assert OptOut.objects.filter(entrepreneur=world.member_entrepreneur).exists()


def test_a_broken_unsubscribe_link_explains_in_dutch(client, db):
    response = client.get("/afmelden/niet-geldig/")
    assert response.status_code == 404
    assert "Deze afmeldlink werkt niet" in response.content.decode()


def test_inbox_shows_received_messages_and_marks_them_read(world, members, send_now, login):
    delivery = _sent_to_member(world, members, send_now, login)
    client = login(world.users["member"])
    assert "Nieuws" in client.get("/netwerk/berichten/").content.decode()
    client.get(f"/netwerk/berichten/{delivery.pk}/")
    delivery.refresh_from_db()
    assert delivery.read_at is not None


def test_opted_out_messages_stay_out_of_the_inbox(world, members, send_now, login):
    delivery = _sent_to_member(world, members, send_now, login)
    delivery.status = DeliveryStatus.OPTED_OUT
    delivery.save()
    client = login(world.users["member"])
    assert "Nieuws" not in client.get("/netwerk/berichten/").content.decode()
    assert client.get(f"/netwerk/berichten/{delivery.pk}/").status_code == 404


def test_preferences_switch_senders_off_and_on(world, members, login):
    client = login(world.users["member"])
    membership = world.member_entrepreneur.memberships.get()
    client.post(
        "/netwerk/berichten/voorkeuren/",
        {f"off-{membership.pk}-municipality": "on", f"off-{membership.pk}-pos": "on"},
    )
    kinds = set(OptOut.objects.values_list("sender_kind", flat=True))
    assert kinds == {"municipality", "pos"}
    client.post("/netwerk/berichten/voorkeuren/", {})
    assert not OptOut.objects.exists()


def _many_messages(world, count):
    for n in range(count):
        message = OfficeMessageFactory(
            office=world.office,
            sender_kind="municipality",
            municipality=world.utrecht,
            subject=f"Bericht {n}",
        )
        Delivery.objects.create(
            message=message, entrepreneur=world.member_entrepreneur, status="sent"
        )


@pytest.mark.parametrize("count", [1, 12])
def test_pages_cost_the_same_for_few_or_many_messages(
    world, members, login, count, django_assert_max_num_queries
):
    _many_messages(world, count)
    lead = login(world.users["lead"])
    with django_assert_max_num_queries(10):
        assert lead.get(BERICHTEN).status_code == 200
    with django_assert_max_num_queries(9):
        assert lead.get(f"{BERICHTEN}nieuw/").status_code == 200
    member = login(world.users["member"])
    with django_assert_max_num_queries(7):
        assert member.get("/netwerk/berichten/").status_code == 200


def test_the_lead_dashboard_points_to_a_waiting_message(world, pending, login):
    page = login(world.users["lead"]).get("/netwerk/kantoren/kantoor-utrecht/dashboard/")
    assert "Er wacht 1 bericht van de gemeente op uw goedkeuring." in page.content.decode()
    member_page = login(world.users["member"]).get("/netwerk/kantoren/kantoor-utrecht/dashboard/")
    assert "op uw goedkeuring" not in member_page.content.decode()
