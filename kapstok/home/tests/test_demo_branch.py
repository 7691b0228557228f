"""The demo's branch organisation login (`demo_branch`): `branche@demo.invalid` works for NL
Actief, which is a partner of office A; seeding twice changes nothing."""

import pytest

from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password

from kapstok.accounts.models import Role, RoleGrant
from kapstok.home import demo
from kapstok.home.demo_branch import EMAIL, branch_seed
from kapstok.network.factories import BranchOrganisationFactory
from kapstok.network.models import Partner, PartnerKind


@pytest.fixture
def seeded(world):
    world.nl_actief = BranchOrganisationFactory(name="NL Actief", slug="nl-actief")
    hashed = make_password(demo.DEMO_PASSWORD)
    world.login = branch_seed(offices={"A": world.office}, password_hash=hashed)
    return world


def test_the_login_works_for_nl_actief_with_the_demo_password(seeded):
    user = authenticate(username=EMAIL, password=demo.DEMO_PASSWORD)

    assert user is not None
    grant = RoleGrant.objects.get(user=user)
    assert (grant.role, grant.branch_organisation) == (Role.BRANCH_STAFF, seeded.nl_actief)
    assert (seeded.login.email, seeded.login.role) == (EMAIL, "medewerker brancheorganisatie")


def test_nl_actief_is_a_partner_of_office_a(seeded):
    partner = Partner.objects.get(branch_organisation=seeded.nl_actief)

    assert partner.kind == PartnerKind.BRANCH_ORGANISATION
    assert list(partner.offices.all()) == [seeded.office]


def test_seeding_again_keeps_one_grant_and_one_partner(seeded):
    branch_seed(offices={"A": seeded.office}, password_hash=make_password("anders"))

    assert RoleGrant.objects.filter(user__email=EMAIL).count() == 1
    assert Partner.objects.filter(branch_organisation=seeded.nl_actief).count() == 1
    assert authenticate(username=EMAIL, password=demo.DEMO_PASSWORD) is not None


def test_the_login_is_in_the_makefile_and_the_readme():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    assert " branche " in (root / "Makefile").read_text()
    assert "`branche@demo.invalid`" in (root / "README.md").read_text()
