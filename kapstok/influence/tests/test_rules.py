"""Specification of influence's rules per persona: which positions wait for whose endorsement
or answer, and which business endorses for a member."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.influence import rules
from kapstok.influence.factories import EndorsementFactory, PositionFactory
from kapstok.influence.models import PositionStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.network.models import Membership


@pytest.fixture
def positions(world):
    def position(office, status, municipality=None):
        municipality = municipality or office.municipalities.first()
        return PositionFactory(office=office, status=status, municipality=municipality)

    return {
        "concept": position(world.office, PositionStatus.CONCEPT),
        "open": position(world.office, PositionStatus.OPEN),
        "sent": position(world.office, PositionStatus.SENT),
        "answered": position(world.office, PositionStatus.ANSWERED),
        "other_open": position(world.other_office, PositionStatus.OPEN),
        "other_sent": position(world.other_office, PositionStatus.SENT),
        # Zwolle's office writes to Utrecht, where it does not work.
        "other_to_utrecht": position(world.other_office, PositionStatus.SENT, world.utrecht),
    }


def names(queryset, positions):
    by_pk = {position.pk: name for name, position in positions.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_positions_open_to_the_offices_members(world, positions, persona):
    expected = {"member": {"open"}, "other_member": {"other_open"}}.get(persona, set())

    # Leads and POS write positions; they do not endorse them.
    assert names(rules.positions_open_to(viewer(world, persona)), positions) == expected


def test_an_endorsed_position_no_longer_waits_for_that_business_only(world, positions):
    EndorsementFactory(position=positions["open"], entrepreneur=world.member_entrepreneur)
    colleague = EntrepreneurFactory(municipality=world.utrecht)
    MembershipFactory(
        office=world.office, entrepreneur=colleague, joined_on=datetime.date(2024, 1, 1)
    )
    colleague_user = UserFactory()
    grant_role(user=colleague_user, role=Role.MEMBER, scope=colleague)

    assert not rules.positions_open_to(viewer(world, "member")).exists()
    assert names(rules.positions_open_to(viewer_for(colleague_user)), positions) == {"open"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_positions_addressed_to_the_municipality_of_an_office_working_there(
    world, positions, persona
):
    expected = {"sent"} if persona == "civil_servant" else set()

    # Not answered ones, not concepts, not one from an office that does not work in Utrecht.
    assert names(rules.positions_addressed_to(viewer(world, persona)), positions) == expected


def test_zwolle_gets_only_what_zwolles_office_sent_it(world, positions):
    servant = UserFactory()
    grant_role(user=servant, role=Role.CIVIL_SERVANT, scope=world.zwolle)

    assert names(rules.positions_addressed_to(viewer_for(servant)), positions) == {"other_sent"}


@pytest.mark.parametrize(
    ("persona", "entrepreneur"),
    [
        ("member", "member_entrepreneur"),
        ("other_member", None),  # a member of another office
        ("lead", None),
        ("pos", None),
        ("civil_servant", None),
        ("anonymous", None),
    ],
)
def test_endorsing_entrepreneur(world, positions, persona, entrepreneur):
    expected = getattr(world, entrepreneur).pk if entrepreneur else None

    assert rules.endorsing_entrepreneur(viewer(world, persona), positions["open"]) == expected


def test_a_business_that_left_the_office_endorses_no_more(world, positions):
    Membership.objects.filter(entrepreneur=world.member_entrepreneur).update(
        left_on=timezone.localdate()
    )

    assert rules.endorsing_entrepreneur(viewer(world, "member"), positions["open"]) is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_sees_open_positions_only_the_offices_members(world, persona):
    v = viewer(world, persona)

    assert rules.sees_open_positions(v, world.office) is (persona == "member")
    assert rules.sees_open_positions(v, world.other_office) is (persona == "other_member")


# --- POS-wide positions ---------------------------------------------------------------------

NATIONAL_READERS = {"pos", "admin", "lead", "member", "civil_servant", "other_lead", "other_member"}


@pytest.fixture
def national(world):
    from kapstok.influence.factories import NationalPositionFactory
    from kapstok.influence.models import NationalStatus

    return {
        "concept": NationalPositionFactory(status=NationalStatus.CONCEPT),
        "open": NationalPositionFactory(),
        "closed": NationalPositionFactory(status=NationalStatus.CLOSED),
        "past_closing_day": NationalPositionFactory(closes_on=datetime.date(2020, 1, 1)),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_national_positions_visible_to(world, national, persona):
    v = viewer(world, persona)
    expected = set()
    if persona in NATIONAL_READERS:
        expected = {"open", "closed", "past_closing_day"}
    if persona in {"pos", "admin"}:
        expected.add("concept")

    assert names(rules.national_positions_visible_to(v), national) == expected
    assert rules.can_view_national_positions(v) is (persona in NATIONAL_READERS)
    assert rules.can_write_national_positions(v) is (persona in {"pos", "admin"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_national_positions_wait_for_the_members_of_every_office(world, national, persona):
    expected = {"open"} if persona in {"member", "other_member"} else set()

    assert names(rules.national_positions_open_to(viewer(world, persona)), national) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_national_endorser_is_the_business_and_its_office(world, persona):
    expected = {
        "member": (world.member_entrepreneur.pk, world.office.pk),
        "other_member": (world.other_entrepreneur.pk, world.other_office.pk),
    }.get(persona)

    assert rules.national_endorser(viewer(world, persona)) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_downloads_which_municipalitys_pdf(world, persona):
    v = viewer(world, persona)

    assert rules.can_download_municipality_pdf(v, world.utrecht) is (
        persona in {"pos", "admin", "civil_servant"}
    )
    assert rules.can_download_municipality_pdf(v, world.zwolle) is (persona in {"pos", "admin"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_exact_counts_are_pos_only_and_office_counts_for_members_and_leads(world, persona):
    v = viewer(world, persona)

    assert rules.sees_exact_national_counts(v) is (persona in {"pos", "admin"})
    assert rules.sees_office_totals(v) is (
        persona in {"pos", "admin", "lead", "member", "other_lead", "other_member"}
    )


def test_a_member_who_left_no_longer_endorses_nor_sees_the_position(world, national):
    Membership.objects.filter(entrepreneur=world.member_entrepreneur).update(
        left_on=timezone.localdate()
    )
    v = viewer(world, "member")

    assert rules.national_endorser(v) is None
    assert not rules.national_positions_open_to(v).exists()
    assert not rules.can_view_national_positions(v)
