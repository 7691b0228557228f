"""Specification of messaging's rules per persona: which brokered messages each viewer opens,
receives, decides or waits for, and as whom they write."""

import pytest

from kapstok.accounts.access import can_view_office_message, viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, pks, viewer
from kapstok.messaging import rules
from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import (
    Delivery,
    DeliveryStatus,
    MessageStatus,
    OptOut,
    SenderKind,
)
from kapstok.network.factories import MunicipalityFactory


@pytest.fixture
def messages(world):
    """Utrecht's office writes, the municipality wrote one (sent) and waits on another; Zwolle's
    office has its own municipality message waiting."""
    from_office = OfficeMessageFactory(office=world.office)
    from_municipality = OfficeMessageFactory(
        office=world.office, sender_kind=SenderKind.MUNICIPALITY, municipality=world.utrecht
    )
    waiting = OfficeMessageFactory(
        office=world.office,
        sender_kind=SenderKind.MUNICIPALITY,
        municipality=world.utrecht,
        status=MessageStatus.PENDING,
    )
    elsewhere = OfficeMessageFactory(
        office=world.other_office,
        sender_kind=SenderKind.MUNICIPALITY,
        municipality=world.zwolle,
        status=MessageStatus.PENDING,
    )
    return {
        "from_office": from_office,
        "from_municipality": from_municipality,
        "waiting": waiting,
        "elsewhere": elsewhere,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_messages_visible_to(world, messages, persona):
    """All for POS and the leads, its own for the municipality; members read their inbox, not
    the office's archive; nobody else any."""
    every = {"from_office", "from_municipality", "waiting"}
    visible = {"pos": every, "admin": every, "lead": every}
    visible["civil_servant"] = {"from_municipality", "waiting"}

    shown = pks(rules.messages_visible_to(viewer(world, persona), world.office))

    assert shown == {messages[name].pk for name in visible.get(persona, set())}


@pytest.mark.parametrize("persona", PERSONAS)
def test_messages_visible_to_agrees_with_the_rule_for_one_message(world, messages, persona):
    v = viewer(world, persona)
    shown = pks(rules.messages_visible_to(v, world.office))

    for message in world.office.brokered_messages.all():
        assert (message.pk in shown) is can_view_office_message(v, message), message


def test_another_municipality_sees_none_of_the_offices_messages(world, messages):
    zwolle_servant = UserFactory()
    grant_role(user=zwolle_servant, role=Role.CIVIL_SERVANT, scope=world.zwolle)

    assert not rules.messages_visible_to(viewer_for(zwolle_servant), world.office).exists()


# --- what reaches a member ------------------------------------------------------------------


@pytest.fixture
def deliveries(world, messages):
    mine = Delivery.objects.create(
        message=messages["from_office"],
        entrepreneur=world.member_entrepreneur,
        status=DeliveryStatus.SENT,
    )
    opted_out = Delivery.objects.create(
        message=messages["from_municipality"],
        entrepreneur=world.member_entrepreneur,
        status=DeliveryStatus.OPTED_OUT,
    )
    not_yet_sent = Delivery.objects.create(
        message=messages["waiting"],
        entrepreneur=world.member_entrepreneur,
        status=DeliveryStatus.IN_APP,
    )
    theirs = Delivery.objects.create(
        message=OfficeMessageFactory(office=world.other_office),
        entrepreneur=world.other_entrepreneur,
        status=DeliveryStatus.IN_APP,
    )
    return {"mine": mine, "opted_out": opted_out, "not_yet_sent": not_yet_sent, "theirs": theirs}


@pytest.mark.parametrize("persona", PERSONAS)
def test_deliveries_received_by(world, deliveries, persona):
    received = {"member": {"mine"}, "other_member": {"theirs"}}.get(persona, set())

    got = pks(rules.deliveries_received_by(viewer(world, persona)))

    assert got == {deliveries[name].pk for name in received}


@pytest.mark.parametrize(
    ("persona", "message", "received"),
    [
        ("member", "from_office", True),
        ("member", "from_municipality", False),  # opted out
        ("member", "waiting", False),  # not sent (yet)
        ("other_member", "from_office", False),
        ("lead", "from_office", False),  # the writer did not receive it
        ("pos", "from_office", False),
        ("anonymous", "from_office", False),
    ],
)
def test_has_received(world, messages, deliveries, persona, message, received):
    assert rules.has_received(viewer(world, persona), messages[message]) is received


@pytest.mark.parametrize("persona", PERSONAS)
def test_opt_outs_of_only_the_own_businesses(world, persona):
    mine = OptOut.objects.create(
        entrepreneur=world.member_entrepreneur,
        office=world.office,
        sender_kind=SenderKind.MUNICIPALITY,
    )
    theirs = OptOut.objects.create(
        entrepreneur=world.other_entrepreneur,
        office=world.other_office,
        sender_kind=SenderKind.POS,
    )

    expected = {"member": {mine.pk}, "other_member": {theirs.pk}}.get(persona, set())
    assert pks(rules.opt_outs_of(viewer(world, persona))) == expected


# --- waiting for a decision ------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_messages_to_decide(world, messages, persona):
    """Only the office's own leads let the municipality speak: not POS, not the writer."""
    to_decide = {"lead": {"waiting"}, "other_lead": {"elsewhere"}}.get(persona, set())

    got = pks(rules.messages_to_decide(viewer(world, persona)))

    assert got == {messages[name].pk for name in to_decide}


@pytest.mark.parametrize("persona", PERSONAS)
def test_own_messages_waiting(world, messages, persona):
    waiting = {"civil_servant": {"waiting"}}.get(persona, set())

    got = pks(rules.own_messages_waiting(viewer(world, persona)))

    assert got == {messages[name].pk for name in waiting}


def test_zwolle_waits_only_for_its_own_message(world, messages):
    zwolle_servant = UserFactory()
    grant_role(user=zwolle_servant, role=Role.CIVIL_SERVANT, scope=world.zwolle)

    assert pks(rules.own_messages_waiting(viewer_for(zwolle_servant))) == {messages["elsewhere"].pk}


# --- as whom one writes ------------------------------------------------------------------------


def test_sender_kind_for_the_role_closest_to_the_office(world):
    assert rules.sender_kind_for(viewer(world, "lead"), world.office) == SenderKind.OFFICE
    assert rules.sender_kind_for(viewer(world, "pos"), world.office) == SenderKind.POS
    assert rules.sender_kind_for(viewer(world, "admin"), world.office) == SenderKind.POS
    servant = viewer(world, "civil_servant")
    assert rules.sender_kind_for(servant, world.office) == SenderKind.MUNICIPALITY


def test_a_lead_who_is_also_pos_writes_to_their_own_office_as_the_office(world):
    lead = world.users["lead"]
    grant_role(user=lead, role=Role.POS_STAFF)
    v = viewer(world, "lead")

    assert rules.sender_kind_for(v, world.office) == SenderKind.OFFICE
    assert rules.sender_kind_for(v, world.other_office) == SenderKind.POS


@pytest.mark.parametrize("persona", PERSONAS)
def test_sender_municipalities(world, persona):
    """The civil servant's own of the office's two; POS writes as POS, never for one."""
    world.office.municipalities.add(MunicipalityFactory(name="Amersfoort"))

    got = pks(rules.sender_municipalities(viewer(world, persona), world.office))

    assert got == ({world.utrecht.pk} if persona == "civil_servant" else set())


def test_sender_municipalities_of_another_office_are_none_of_utrechts(world):
    servant = viewer(world, "civil_servant")

    assert not rules.sender_municipalities(servant, world.other_office).exists()


def test_a_message_in_the_name_of_another_municipality_stays_with_the_office_it_went_to(world):
    """A civil servant of Zwolle does not read Utrecht's office archive, not even a message
    that carries Zwolle's name: the office does not work in their municipality."""
    OfficeMessageFactory(office=world.office, municipality=world.zwolle)
    zwolle_servant = UserFactory()
    grant_role(user=zwolle_servant, role=Role.CIVIL_SERVANT, scope=world.zwolle)

    assert not rules.messages_visible_to(viewer_for(zwolle_servant), world.office).exists()


@pytest.mark.parametrize(
    "persona", ["anonymous", "member", "partner", "researcher", "other_member", "outsider"]
)
def test_no_sender_kind_for_those_who_may_not_write_to_the_office(world, persona):
    assert rules.sender_kind_for(viewer(world, persona), world.office) is None


def test_a_civil_servant_writes_only_to_an_office_of_their_municipality(world):
    servant = viewer(world, "civil_servant")
    assert rules.sender_kind_for(servant, world.office) == SenderKind.MUNICIPALITY
    assert rules.sender_kind_for(servant, world.other_office) is None
