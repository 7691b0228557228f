"""Who speaks, who is reached, what the mail carries, and what the sender learns: counts only."""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.messaging import selectors, services
from kapstok.messaging.models import (
    Delivery,
    DeliveryStatus,
    MessageStatus,
    OfficeMessage,
    OptOut,
    SenderKind,
)
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, MunicipalityFactory
from kapstok.network.models import OfficeEvent
from kapstok.trust.models import OutboxMessage

pytestmark = pytest.mark.django_db


def compose(world, persona="lead", office=None, **kwargs):
    user = world.users[persona]
    defaults = {"subject": "Ledenavond", "body": "Donderdag om acht uur."}
    return services.message_compose(
        office=office or world.office, viewer=viewer_for(user), author=user, **(defaults | kwargs)
    )


# --- who speaks ----------------------------------------------------------------------------------


def test_a_lead_who_is_also_a_civil_servant_writes_as_the_office(world):
    kees = world.users["lead"]
    grant_role(user=kees, role=Role.CIVIL_SERVANT, scope=world.utrecht)
    assert services.sender_for(viewer=viewer_for(kees), office=world.office) == (
        SenderKind.OFFICE,
        None,
        "Kantoor Utrecht",
    )


def test_pos_writes_as_pos(world):
    sender = services.sender_for(viewer=viewer_for(world.users["pos"]), office=world.office)
    assert sender == (SenderKind.POS, None, "POS")


def test_a_civil_servant_of_one_of_two_municipalities_speaks_for_their_own(world):
    houten = MunicipalityFactory(code="GM0321", name="Houten")
    world.office.municipalities.add(houten)
    clerk = UserFactory(email="houten@example.invalid")
    grant_role(user=clerk, role=Role.CIVIL_SERVANT, scope=houten)
    kind, municipality, label = services.sender_for(viewer=viewer_for(clerk), office=world.office)
    assert (kind, municipality, label) == (SenderKind.MUNICIPALITY, houten, "Gemeente Houten")


# --- rate limits ---------------------------------------------------------------------------------


def test_the_limit_counts_per_sender_so_the_lead_is_not_stopped_by_pos(world, members, settings):
    settings.KAPSTOK_MESSAGES_PER_WEEK = 1
    compose(world, "pos")
    compose(world, "lead")  # another sender: still allowed
    with pytest.raises(ValidationError) as refused:
        compose(world, "pos")
    assert "U kunt weer een bericht sturen vanaf" in refused.value.messages[0]
    assert OfficeMessage.objects.count() == 2


def test_two_municipalities_of_one_office_each_have_their_own_limit(world, members, settings):
    settings.KAPSTOK_MESSAGES_PER_WEEK = 1
    houten = MunicipalityFactory(code="GM0321", name="Houten")
    world.office.municipalities.add(houten)
    clerk = UserFactory(email="houten@example.invalid")
    grant_role(user=clerk, role=Role.CIVIL_SERVANT, scope=houten)
    compose(world, "civil_servant")
    services.message_compose(
        office=world.office, viewer=viewer_for(clerk), author=clerk, subject="Hallo", body="Ja"
    )
    assert OfficeMessage.objects.filter(sender_kind=SenderKind.MUNICIPALITY).count() == 2


def test_the_limit_names_when_writing_is_possible_again(world, members, settings):
    settings.KAPSTOK_MESSAGES_PER_WEEK = 1
    first = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Amsterdam
    compose(world, "pos", now=first)
    with pytest.raises(ValidationError, match="vanaf 10 maart 2025 10:00"):
        compose(world, "pos", now=first + datetime.timedelta(days=2))


# --- who is reached ------------------------------------------------------------------------------


def test_former_members_are_not_reached_and_two_branches_count_a_member_once(world, members):
    gone = EntrepreneurFactory(business_name="Weg", branches=[world.padel])
    MembershipFactory(office=world.office, entrepreneur=gone, left_on=datetime.date(2024, 6, 1))
    both = EntrepreneurFactory(business_name="Beide", branches=[world.padel, world.fitness])
    MembershipFactory(office=world.office, entrepreneur=both)
    reached = services.recipients(world.office, [world.padel, world.fitness])
    assert gone.pk not in reached
    assert reached.count(both.pk) == 1
    assert len(reached) == 5  # Marieke, Henk, Piet, the silent studio and Beide


def test_every_mail_goes_to_one_member_with_the_offices_name_and_a_way_out(
    world, members, send_now
):
    world.office.contact_email = "kantoor@utrecht.invalid"
    world.office.save()
    send_now(compose, world=world)
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "[Kantoor Utrecht] Ledenavond"
    assert message.reply_to == ["kantoor@utrecht.invalid"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "Uw e-mailadres is niet met de afzender gedeeld." in message.body


def test_a_member_without_any_address_gets_the_message_in_kapstok_only(world, members, send_now):
    message = send_now(compose, world=world)
    silent = Delivery.objects.get(message=message, entrepreneur=members["silent"])
    assert silent.status == DeliveryStatus.IN_APP
    counts = selectors.delivery_counts([message.pk])[message.pk]
    assert counts == {"total": 4, "reached": 4, "email": 3, "in_app": 1, "bounced": 0,
                      "opted_out": 0, "unsubscribed": 0}  # fmt: skip


def test_sending_is_in_the_office_timeline(world, members, send_now):
    send_now(compose, world=world)
    summaries = list(OfficeEvent.objects.values_list("summary", flat=True))
    assert summaries == ["Bericht van Kantoor Utrecht verstuurd via het kantoor: Ledenavond"]


def test_a_message_without_any_deliveries_counts_zero_everywhere(world):
    counts = selectors.delivery_counts([12345])
    assert counts[12345]["total"] == 0 and counts[12345]["reached"] == 0


# --- after sending -------------------------------------------------------------------------------


@pytest.fixture
def sent(world, members, send_now):
    message = send_now(compose, world=world)
    return message, Delivery.objects.get(message=message, entrepreneur=members["gym"])


def test_only_a_sent_delivery_can_bounce(sent):
    message, delivery = sent
    services.delivery_mark_bounced(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.BOUNCED
    in_app = Delivery.objects.get(message=message, status=DeliveryStatus.IN_APP)
    services.delivery_mark_bounced(delivery=in_app)
    in_app.refresh_from_db()
    assert in_app.status == DeliveryStatus.IN_APP


def test_the_outbox_sync_ignores_mail_that_is_no_delivery(sent):
    OutboxMessage.objects.create(
        subject="x", body="y", from_email="a@example.invalid", to=["b@example.invalid"],
        headers={services.DELIVERY_HEADER: "geen-getal"},
    )  # fmt: skip
    assert services.deliveries_sync_outbox() == 0


def test_unsubscribing_twice_keeps_the_first_moment(sent):
    _message, delivery = sent
    services.unsubscribe(delivery=delivery)
    delivery.refresh_from_db()
    first = delivery.unsubscribed_at
    services.unsubscribe(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.unsubscribed_at == first
    assert OptOut.objects.count() == 1


def test_the_counts_show_who_unsubscribed_since(sent):
    message, delivery = sent
    services.unsubscribe(delivery=delivery)
    counts = selectors.delivery_counts([message.pk])[message.pk]
    assert (counts["unsubscribed"], counts["email"]) == (1, 3)


def test_an_erased_member_keeps_the_counts_and_loses_the_link(sent):
    message, delivery = sent
    token = services.unsubscribe_token(delivery)
    delivery.entrepreneur.delete()
    assert services.delivery_from_token(token) is None
    assert selectors.delivery_counts([message.pk])[message.pk]["total"] == 4


def test_an_opt_out_for_an_unknown_sender_is_refused(world):
    with pytest.raises(ValidationError, match="Onbekende afzender."):
        services.opt_out_set(
            entrepreneur=world.member_entrepreneur,
            office=world.office,
            sender_kind="iedereen",
            opted_out=True,
        )


def test_an_opt_out_of_one_office_does_not_silence_another(world, members, send_now):
    services.opt_out_set(
        entrepreneur=world.member_entrepreneur,
        office=world.other_office,
        sender_kind=SenderKind.OFFICE,
        opted_out=True,
    )
    message = send_now(compose, world=world)
    marieke = Delivery.objects.get(message=message, entrepreneur=world.member_entrepreneur)
    assert marieke.status == DeliveryStatus.SENT


def test_switching_auto_approval_is_told_in_the_timeline(world):
    services.auto_approve_set(office=world.office, enabled=True, actor=world.users["pos"])
    services.auto_approve_set(office=world.office, enabled=False, actor=world.users["pos"])
    summaries = list(
        OfficeEvent.objects.filter(office=world.office)
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    assert summaries == [
        "Berichten van de gemeente gaan voortaan zonder goedkeuring van de kartrekker.",
        "Berichten van de gemeente wachten voortaan op goedkeuring van de kartrekker.",
    ]
    assert not services.auto_approves(world.office)


def test_a_waiting_message_is_counted_for_the_leads_badge(world, members):
    compose(world, "civil_servant")
    compose(world, "lead")
    assert selectors.pending_count(world.office) == 1
    assert OfficeMessage.objects.get(status=MessageStatus.PENDING).sender_kind == (
        SenderKind.MUNICIPALITY
    )


def test_the_leads_are_asked_with_a_link_to_the_waiting_message(world, members, send_now):
    message = send_now(compose, world=world, persona="civil_servant")
    [request] = mail.outbox
    assert request.subject == "Goedkeuring gevraagd: bericht van Gemeente Utrecht"
    assert message.get_absolute_url() in request.body


def test_without_an_active_lead_the_request_goes_to_the_offices_address(world, members, send_now):
    world.users["lead"].is_active = False
    world.users["lead"].save()
    message = send_now(compose, world=world, persona="civil_servant")
    assert message.status == MessageStatus.PENDING
    assert [m.to for m in mail.outbox] == [[world.office.contact_email]]


def test_without_any_address_the_message_simply_waits(world, members, send_now):
    world.users["lead"].is_active = False
    world.users["lead"].save()
    world.office.contact_email = ""
    world.office.save()
    message = send_now(compose, world=world, persona="civil_servant")
    assert message.status == MessageStatus.PENDING and mail.outbox == []
