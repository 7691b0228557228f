"""Reading brokered messages: who sees which message, the member's inbox, the start-page items.

Specifications of `messaging.selectors`: senders see counts and their own messages; a member
sees what reached their business and nothing of another member's; the lead is asked to decide
on waiting messages and the civil servant sees theirs wait.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.core.todo import Urgency
from kapstok.messaging import rules, selectors, services
from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import Delivery, DeliveryStatus, MessageStatus, SenderKind
from kapstok.network.factories import MunicipalityFactory
from kapstok.network.models import Membership

pytestmark = pytest.mark.django_db


def viewer(world, persona):
    return viewer_for(world.users[persona])


def deliver(message, entrepreneur, status=DeliveryStatus.SENT, **fields):
    return Delivery.objects.create(
        message=message, entrepreneur=entrepreneur, status=status, **fields
    )


def sent(office, subject="Nieuws", days_ago=0, **fields):
    return OfficeMessageFactory(
        office=office,
        subject=subject,
        sent_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def from_municipality(world, municipality=None, status=MessageStatus.PENDING, subject="Inspraak"):
    municipality = municipality or world.utrecht
    return OfficeMessageFactory(
        office=world.office,
        sender_kind=SenderKind.MUNICIPALITY,
        municipality=municipality,
        sender_label=f"Gemeente {municipality.name}",
        subject=subject,
        status=status,
    )


# --- who may open which message -------------------------------------------------------------


def test_pos_and_the_lead_see_every_message_of_the_office(world):
    own = sent(world.office)
    theirs = from_municipality(world)
    for persona in ("pos", "lead"):
        assert set(rules.messages_visible_to(viewer(world, persona), world.office)) == {
            own,
            theirs,
        }


def test_a_civil_servant_sees_only_their_own_municipalitys_messages(world):
    sent(world.office)
    elsewhere = MunicipalityFactory(name="Nieuwegein")
    world.office.municipalities.add(elsewhere)
    theirs = from_municipality(world)
    from_municipality(world, municipality=elsewhere)
    visible = rules.messages_visible_to(viewer(world, "civil_servant"), world.office)
    assert list(visible) == [theirs]


def test_the_archive_gives_counts_never_names(world, members):
    message = sent(world.office)
    deliver(message, members["yoga"])
    deliver(message, members["gym"], status=DeliveryStatus.IN_APP)
    deliver(message, members["padel"], status=DeliveryStatus.BOUNCED)
    deliver(message, members["silent"], status=DeliveryStatus.OPTED_OUT)
    (row,) = selectors.archive(viewer(world, "lead"), world.office)
    counts = row["counts"]
    assert (counts["total"], counts["reached"], counts["email"]) == (4, 2, 1)
    assert (counts["in_app"], counts["bounced"], counts["opted_out"]) == (1, 1, 1)
    assert set(row) == {"message", "counts"}


def test_only_waiting_messages_count_for_the_leads_badge(world):
    from_municipality(world)
    from_municipality(world, status=MessageStatus.REJECTED)
    sent(world.office)
    assert selectors.pending_count(world.office) == 1


def test_the_sender_chooses_among_the_branches_of_current_members(world, members):
    Membership.objects.filter(entrepreneur=members["padel"]).update(
        left_on=datetime.date(2024, 6, 1)
    )
    choices = selectors.branch_choices(world.office)
    assert [(name, count) for _pk, name, count in choices] == [("Fitness", 3)]


# --- the member's inbox -------------------------------------------------------------------------


def test_the_inbox_shows_sent_messages_newest_first_but_not_opted_out_ones(world, members):
    old = deliver(sent(world.office, "Oud", days_ago=9), members["yoga"])
    new = deliver(sent(world.office, "Nieuw", days_ago=1), members["yoga"])
    deliver(sent(world.office, "Afgemeld"), members["yoga"], status=DeliveryStatus.OPTED_OUT)
    deliver(from_municipality(world), members["yoga"])  # still waiting: not sent
    assert selectors.inbox(viewer(world, "member")) == [new, old]


def test_a_member_cannot_open_another_members_delivery(world, members):
    message = sent(world.office)
    mine = deliver(message, members["yoga"])
    theirs = deliver(message, members["gym"])
    member = viewer(world, "member")
    assert selectors.inbox_delivery(member, mine.pk) == mine
    assert selectors.inbox_delivery(member, theirs.pk) is None
    assert selectors.inbox_delivery(viewer(world, "lead"), mine.pk) is None


def test_reading_a_message_lowers_the_unread_count_once(world, members):
    delivery = deliver(sent(world.office), members["yoga"])
    deliver(sent(world.office), members["yoga"])
    member = viewer(world, "member")
    assert selectors.unread_count(member) == 2
    services.delivery_mark_read(delivery=delivery)
    first_read = Delivery.objects.get(pk=delivery.pk).read_at
    services.delivery_mark_read(delivery=delivery)
    assert Delivery.objects.get(pk=delivery.pk).read_at == first_read
    assert selectors.unread_count(member) == 1


def test_someone_without_a_business_has_no_unread_messages(world):
    assert selectors.unread_count(viewer(world, "lead")) == 0
    assert selectors.unread_messages(viewer(world, "lead")) == []


def test_the_preferences_list_each_membership_with_every_kind_of_sender(world):
    services.opt_out_set(
        entrepreneur=world.member_entrepreneur,
        office=world.office,
        sender_kind=SenderKind.MUNICIPALITY,
        opted_out=True,
    )
    (row,) = selectors.preferences(viewer(world, "member"))
    assert row["membership"].office == world.office
    off = {sender["kind"]: sender["off"] for sender in row["senders"]}
    assert off == {kind: kind == SenderKind.MUNICIPALITY for kind in SenderKind.values}


# --- the start page -------------------------------------------------------------------------


def test_an_unread_message_names_its_sender_and_the_office(world, members):
    deliver(sent(world.office, "Ledenavond"), members["yoga"])
    message = from_municipality(world, status=MessageStatus.SENT, subject="Sportnota")
    message.sent_at = timezone.now()
    message.save()
    deliver(message, members["yoga"])
    items = selectors.unread_messages(viewer(world, "member"))
    details = {item.title: item.detail for item in items}
    assert details["Lees het bericht ‘Ledenavond’"].startswith("Van Kantoor Utrecht, ")
    assert details["Lees het bericht ‘Sportnota’"].startswith(
        "Van Gemeente Utrecht via Kantoor Utrecht, "
    )


def test_beyond_five_unread_messages_one_line_counts_the_rest(world, members):
    for n in range(8):
        deliver(sent(world.office, f"Bericht {n}", days_ago=n), members["yoga"])
    items = selectors.unread_messages(viewer(world, "member"))
    assert len(items) == 6
    assert items[0].title == "Lees het bericht ‘Bericht 0’"
    assert items[-1].title == "Nog 3 ongelezen berichten" and items[-1].count == 3


def test_the_lead_is_asked_to_decide_on_waiting_municipality_messages(world):
    from_municipality(world, subject="Inspraakavond")
    from_municipality(world, status=MessageStatus.SENT, subject="Al verstuurd")
    (item,) = selectors.messages_to_approve(viewer(world, "lead"))
    assert item.title == "Keur het bericht van Gemeente Utrecht goed of af: ‘Inspraakavond’"
    assert item.urgency == Urgency.SOON
    assert selectors.messages_to_approve(viewer(world, "other_lead")) == []


def test_the_civil_servant_sees_their_message_wait_for_the_office(world):
    from_municipality(world, subject="Inspraakavond")
    (item,) = selectors.messages_awaiting_approval(viewer(world, "civil_servant"))
    assert "Inspraakavond" in item.title and item.urgency == Urgency.INFO
    assert selectors.messages_awaiting_approval(viewer(world, "member")) == []


def test_the_weekly_limit_follows_the_setting(settings):
    assert services.messages_per_week() == services.DEFAULT_MESSAGES_PER_WEEK
    settings.KAPSTOK_MESSAGES_PER_WEEK = 1
    assert services.messages_per_week() == 1


def test_the_unsubscribe_link_is_absolute_and_leads_back_to_the_delivery(world, members):
    delivery = deliver(sent(world.office), members["yoga"])
    url = services.unsubscribe_url(delivery)
    assert url.startswith("http")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert services.delivery_from_token(token) == delivery
