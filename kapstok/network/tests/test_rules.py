"""Specification of network's rules per persona: whose offices, businesses, memberships and
membership requests each viewer reaches, and what they must not reach (another office's
people, someone else's business, an anonymous viewer)."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, pks, viewer
from kapstok.network import rules
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    PartnerFactory,
)
from kapstok.network.models import ClaimStatus, Membership, MembershipClaim


def office_names(world, ids):
    by_pk = {world.office.pk: "office", world.other_office.pk: "other_office"}
    return {by_pk.get(pk, pk) for pk in ids}


# --- office_scope: which offices a member, a civil servant or a partner reaches -----------


# Leads, POS and the rest reach nothing through the scope (leads by their own grant).
SCOPE = {
    "member": ({"office"}, set(), set()),
    "other_member": ({"other_office"}, set(), set()),
    "civil_servant": (set(), {"office"}, set()),
    "partner": (set(), set(), {"office"}),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_office_scope_reaches_the_offices_of_each_grant(world, persona):
    as_member, as_municipality, as_partner = SCOPE.get(persona, (set(), set(), set()))
    v = viewer(world, persona)

    member, municipality, partner = rules.office_scope(
        v.entrepreneur_ids, v.municipality_ids, v.partner_ids
    )

    assert office_names(world, member) == as_member
    assert office_names(world, municipality) == as_municipality
    assert office_names(world, partner) == as_partner


def test_office_scope_counts_only_current_memberships(world):
    business = EntrepreneurFactory(municipality=world.utrecht)
    today = timezone.localdate()
    MembershipFactory(
        office=world.office, entrepreneur=business, joined_on=datetime.date(2020, 1, 1)
    )
    MembershipFactory(  # left yesterday
        office=world.other_office,
        entrepreneur=business,
        joined_on=datetime.date(2020, 1, 1),
        left_on=today - datetime.timedelta(days=1),
    )
    future = OfficeFactory()
    MembershipFactory(office=future, entrepreneur=business, joined_on=today + datetime.timedelta(1))

    member, _municipality, _partner = rules.office_scope(
        frozenset({business.pk}), frozenset(), frozenset()
    )

    assert member == {world.office.pk}


def test_office_scope_of_a_municipality_and_a_partner_with_two_offices(world):
    shared = OfficeFactory(municipalities=[world.utrecht, world.zwolle])
    partner = PartnerFactory(offices=[world.other_office, shared])

    _member, municipality, as_partner = rules.office_scope(
        frozenset(), frozenset({world.zwolle.pk}), frozenset({partner.pk})
    )

    assert municipality == {world.other_office.pk, shared.pk}
    assert as_partner == {world.other_office.pk, shared.pk}


# --- the dashboards, municipalities and businesses a person works from ----------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_offices_worked_for(world, persona):
    # Not the municipality (it works from its portal), nor POS, who sees all but works for none.
    offices = {
        **dict.fromkeys(["lead", "member", "partner"], {"office"}),
        **dict.fromkeys(["other_lead", "other_member"], {"other_office"}),
    }.get(persona, set())
    assert office_names(world, pks(rules.offices_worked_for(viewer(world, persona)))) == offices


@pytest.mark.parametrize("persona", PERSONAS)
def test_municipalities_served_by_only_the_civil_servant(world, persona):
    served = pks(rules.municipalities_served_by(viewer(world, persona)))

    assert served == ({world.utrecht.pk} if persona == "civil_servant" else set())


def test_an_alderman_serves_their_own_municipality(world):
    alderman = UserFactory()
    grant_role(user=alderman, role=Role.ALDERMAN, scope=world.zwolle)

    assert pks(rules.municipalities_served_by(viewer_for(alderman))) == {world.zwolle.pk}


@pytest.mark.parametrize("persona", PERSONAS)
def test_represented_businesses_are_only_the_own_ones(world, persona):
    own = {"member": {world.member_entrepreneur.pk}, "other_member": {world.other_entrepreneur.pk}}

    # A lead sees the office's members but does not speak for them.
    assert pks(rules.represented_businesses(viewer(world, persona))) == own.get(persona, set())


@pytest.mark.parametrize("persona", PERSONAS)
def test_current_memberships_of_the_own_business_only(world, persona):
    own = {
        "member": {world.member_entrepreneur.memberships.get().pk},
        "other_member": {world.other_entrepreneur.memberships.get().pk},
    }

    assert pks(rules.current_memberships_of(viewer(world, persona))) == own.get(persona, set())


def test_an_ended_membership_is_no_longer_the_members_to_manage(world):
    Membership.objects.filter(entrepreneur=world.member_entrepreneur).update(
        left_on=timezone.localdate()
    )

    assert not rules.current_memberships_of(viewer(world, "member")).exists()


# --- an entrepreneur's memberships ---------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_memberships_visible_to(world, persona):
    """All for POS and the business itself; a lead only their own office's, nobody else any."""
    both = {"office", "other_office"}
    offices = {"pos": both, "admin": both, "member": both, "lead": {"office"}}
    offices["other_lead"] = {"other_office"}
    MembershipFactory(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        joined_on=datetime.date(2024, 1, 1),
    )

    memberships = rules.memberships_visible_to(viewer(world, persona), world.member_entrepreneur)

    got = office_names(world, memberships.values_list("office_id", flat=True))
    assert got == offices.get(persona, set())


# --- menu rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_list_entrepreneurs(world, persona):
    allowed = {"pos", "admin", "lead", "other_lead"}

    assert rules.can_list_entrepreneurs(viewer(world, persona)) is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_sees_office_list(world, persona):
    without_office = {"anonymous", "researcher", "outsider"}

    assert rules.sees_office_list(viewer(world, persona)) is (persona not in without_office)


def test_a_member_whose_membership_ended_loses_the_office_list(world):
    Membership.objects.filter(entrepreneur=world.member_entrepreneur).update(
        left_on=timezone.localdate()
    )

    assert rules.sees_office_list(viewer(world, "member")) is False


# --- membership requests -----------------------------------------------------------------------


@pytest.fixture
def claims(world):
    """Zwolle asks to count Utrecht's member as its own; an older request was declined."""
    asked = datetime.date(2025, 1, 1)
    pending = MembershipClaim.objects.create(
        office=world.other_office, entrepreneur=world.member_entrepreneur, joined_on=asked
    )
    declined = MembershipClaim.objects.create(
        office=world.office,
        entrepreneur=world.other_entrepreneur,
        joined_on=asked,
        status=ClaimStatus.DECLINED,
    )
    return pending, declined


@pytest.mark.parametrize("persona", PERSONAS)
def test_claims_to_answer_by_only_the_business_asked(world, claims, persona):
    pending, _declined = claims

    answer = pks(rules.claims_to_answer_by(viewer(world, persona)))

    # Never the office that asked (other_lead), nor POS on this list, nor the declined one.
    assert answer == ({pending.pk} if persona == "member" else set())


@pytest.mark.parametrize("persona", PERSONAS)
def test_claims_of_led_offices_only_the_asking_offices_leads(world, claims, persona):
    pending, _declined = claims

    waiting = pks(rules.claims_of_led_offices(viewer(world, persona)))

    # The declined request of Utrecht's lead is no longer waiting.
    assert waiting == ({pending.pk} if persona == "other_lead" else set())


# --- get_office_for with a rule of an app above network ---------------------------------------


def test_get_office_for_asks_a_callable_rule_about_the_viewer_and_the_office(world):
    asked = []

    def rule(viewer, office):
        asked.append((viewer, office))
        return True

    v = viewer(world, "member")

    assert rules.get_office_for(v, "kantoor-utrecht", rule) == world.office
    assert asked == [(v, world.office)]


def test_get_office_for_refuses_when_the_callable_rule_says_no(world):
    with pytest.raises(PermissionDenied):
        rules.get_office_for(viewer(world, "pos"), "kantoor-utrecht", lambda v, office: False)


def test_get_office_for_an_unknown_office_is_404_whatever_the_rule(world):
    with pytest.raises(Http404):
        rules.get_office_for(viewer(world, "pos"), "kantoor-nergens", lambda v, office: True)


def test_a_municipality_without_offices_reaches_none(world):
    empty = MunicipalityFactory()
    servant = UserFactory()
    grant_role(user=servant, role=Role.CIVIL_SERVANT, scope=empty)

    v = viewer_for(servant)

    assert v.municipality_office_ids == frozenset()
    assert rules.sees_office_list(v) is False
