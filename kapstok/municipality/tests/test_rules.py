"""Specification of the municipality app's rules per persona: who opens which portal, and for
which of an office's municipalities one records a contribution."""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, pks, viewer
from kapstok.municipality import rules
from kapstok.network.factories import MunicipalityFactory


def servant_of(*municipalities, role=Role.CIVIL_SERVANT):
    user = UserFactory()
    for municipality in municipalities:
        grant_role(user=user, role=role, scope=municipality)
    return viewer_for(user)


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_open_portal_list(world, persona):
    allowed = {"pos", "admin", "civil_servant"}

    assert rules.can_open_portal_list(viewer(world, persona)) is (persona in allowed)


def test_an_alderman_opens_the_portal_list(world):
    assert rules.can_open_portal_list(servant_of(world.zwolle, role=Role.ALDERMAN)) is True


@pytest.mark.parametrize("persona", PERSONAS)
def test_own_portal_only_for_the_servant_of_one_municipality(world, persona):
    assert rules.own_portal_only(viewer(world, persona)) is (persona == "civil_servant")


def test_a_servant_of_two_municipalities_gets_the_list(world):
    assert rules.own_portal_only(servant_of(world.utrecht, world.zwolle)) is False


def test_pos_who_also_serves_a_municipality_gets_the_list(world):
    grant_role(user=world.users["civil_servant"], role=Role.POS_STAFF)

    assert rules.own_portal_only(viewer(world, "civil_servant")) is False


@pytest.mark.parametrize("persona", PERSONAS)
def test_portal_municipalities(world, persona):
    """POS every municipality with an office, the civil servant their own, nobody else any."""
    MunicipalityFactory(name="Zonder kantoor")  # no office: not on POS's list
    both = {world.utrecht.pk, world.zwolle.pk}
    portals = {"pos": both, "admin": both, "civil_servant": {world.utrecht.pk}}

    assert pks(rules.portal_municipalities(viewer(world, persona))) == portals.get(persona, set())


def test_a_servant_opens_their_own_portal_before_an_office_works_there(world):
    empty = MunicipalityFactory(name="Nog zonder kantoor")

    assert pks(rules.portal_municipalities(servant_of(empty))) == {empty.pk}


@pytest.mark.parametrize("persona", PERSONAS)
def test_contribution_municipalities(world, persona):
    """Any of the office's for POS and its leads; the civil servant only their own."""
    amersfoort = MunicipalityFactory(name="Amersfoort")
    world.office.municipalities.add(amersfoort)
    both = {world.utrecht.pk, amersfoort.pk}
    allowed = {"pos": both, "admin": both, "lead": both, "civil_servant": {world.utrecht.pk}}

    got = pks(rules.contribution_municipalities(viewer(world, persona), world.office))

    assert got == allowed.get(persona, set())


def test_zwolle_records_nothing_for_utrechts_office(world):
    assert not rules.contribution_municipalities(servant_of(world.zwolle), world.office).exists()


# --- the offices whose members the viewer may call on: the portal's cards are cached on it ----


@pytest.mark.parametrize("persona", PERSONAS)
def test_call_office_ids_only_for_the_municipalitys_own_contacts(world, persona):
    offices = [world.office, world.other_office]
    expected = [world.office.pk] if persona == "civil_servant" else []

    assert rules.call_office_ids(viewer(world, persona), offices) == expected


def test_call_office_ids_follow_the_municipality_of_the_viewer(world):
    offices = [world.office, world.other_office]

    assert rules.call_office_ids(servant_of(world.zwolle), offices) == [world.other_office.pk]
    assert rules.call_office_ids(servant_of(world.utrecht, world.zwolle), offices) == [
        world.office.pk,
        world.other_office.pk,
    ]
    assert rules.call_office_ids(servant_of(world.utrecht), []) == []
