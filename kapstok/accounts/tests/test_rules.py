"""Specification of the office-level rules in `accounts.access` that had no direct tests:
which roles a person holds, who administers the site, who needs a second login step, and who
lets the municipality speak to an office's members."""

import pytest

from kapstok.accounts.access import (
    can_administer_site,
    can_decide_office_messages,
    has_role,
    needs_two_factor,
    viewer_for,
)
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.tests.rule_viewers import viewer

ROLES_HELD = {
    "anonymous": set(),
    "pos": {Role.POS_STAFF},
    "lead": {Role.LEAD},
    "member": {Role.MEMBER},
    "civil_servant": {Role.CIVIL_SERVANT},
    "partner": {Role.PARTNER_STAFF},
    "researcher": {Role.RESEARCHER},
    "admin": {Role.SITE_ADMIN},
    "other_lead": {Role.LEAD},
    "other_member": {Role.MEMBER},
    "outsider": set(),
}
PERSONAS = list(ROLES_HELD)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "role",
    [
        Role.POS_STAFF,
        Role.LEAD,
        Role.MEMBER,
        Role.CIVIL_SERVANT,
        Role.PARTNER_STAFF,
        Role.RESEARCHER,
        Role.SITE_ADMIN,
    ],
)
def test_has_role(world, persona, role):
    assert has_role(viewer(world, persona), role) is (role in ROLES_HELD[persona])


def test_an_inactive_account_holds_no_role(world):
    lead = world.users["lead"]
    lead.is_active = False
    lead.save()

    assert not has_role(viewer(world, "lead"), Role.LEAD)


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_administer_site_only_site_administrators(world, persona):
    assert can_administer_site(viewer(world, persona)) is (persona == "admin")


def test_a_superuser_without_a_grant_administers_the_site(db):
    assert can_administer_site(viewer_for(UserFactory(is_superuser=True))) is True


@pytest.mark.parametrize("persona", PERSONAS)
def test_needs_two_factor_whoever_reaches_every_office(world, persona):
    assert needs_two_factor(viewer(world, persona)) is (persona in {"pos", "admin"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_decide_office_messages_only_the_offices_own_leads(world, persona):
    v = viewer(world, persona)

    # Not POS, not the municipality that wrote: the office's leads decide for its members.
    assert can_decide_office_messages(v, world.office) is (persona == "lead")
    assert can_decide_office_messages(v, world.other_office) is (persona == "other_lead")


def test_an_alderman_is_arranged_as_a_civil_servant(world):
    """Aldermen reach what civil servants reach (`Viewer.roles` folds them together)."""
    from kapstok.accounts.services import grant_role

    alderman = UserFactory()
    grant_role(user=alderman, role=Role.ALDERMAN, scope=world.utrecht)
    v = viewer_for(alderman)

    assert has_role(v, Role.CIVIL_SERVANT) is True
    assert has_role(v, Role.ALDERMAN) is False
