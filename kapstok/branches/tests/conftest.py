"""The branch organisations' world, on top of the root conftest's `world`.

NL Actief (fitness) has three businesses in Kantoor Utrecht (Marieke's yoga school, Fit Publiek
listed publicly, Fit Stil not listed) and one that is in no office (Fit Los); Kantoor Zwolle's
only member is in fitness but not in NL Actief; Kantoor Deventer's only member does padel, so it
lacks the fitness branch; a dissolved office is left out. Utrecht's landscape holds three
fitness businesses (one of them Fit Publiek, so covered) and a swimming pool. WiZZ (swimming)
has Zwem Utrecht. Bram works for NL Actief, Wendy for WiZZ.
"""

import datetime

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import (
    BranchOrganisationFactory,
    EntrepreneurFactory,
    MembershipFactory,
    OfficeFactory,
    SportBranchFactory,
)
from kapstok.network.models import OfficeStatus
from kapstok.representation.factories import LandscapeBusinessFactory

SINCE = datetime.date(2024, 1, 1)


@pytest.fixture
def branch_world(world):
    fitness = SportBranchFactory(slug="fitness", name="Fitness")
    swimming = SportBranchFactory(slug="zwemmen", name="Zwemmen")
    padel = SportBranchFactory(slug="padel", name="Padel")
    nl_actief = BranchOrganisationFactory(name="NL Actief", slug="nl-actief")
    nl_actief.branches.set([fitness])
    wizz = BranchOrganisationFactory(name="WiZZ", slug="wizz")
    wizz.branches.set([swimming])
    world.member_entrepreneur.branch_organisations.add(nl_actief)

    def business(name, branch, office=None, organisation=None, listed=False, **fields):
        entrepreneur = EntrepreneurFactory(
            business_name=name, municipality=world.utrecht, branches=[branch], **fields
        )
        if organisation:
            entrepreneur.branch_organisations.add(organisation)
        if office:
            MembershipFactory(
                office=office, entrepreneur=entrepreneur, joined_on=SINCE, listed_publicly=listed
            )
        return entrepreneur

    publiek = business(
        "Fit Publiek", fitness, world.office, nl_actief, listed=True, kvk_number="55500001"
    )
    business("Fit Stil", fitness, world.office, nl_actief, email="fitstil@example.invalid")
    business("Fit Los", fitness, organisation=nl_actief)
    business("Zwem Utrecht", swimming, world.office, wizz)
    deventer = OfficeFactory(name="Kantoor Deventer", slug="kantoor-deventer")
    business("Padel Deventer", padel, deventer)
    dissolved = OfficeFactory(
        name="Kantoor Opgeheven", slug="kantoor-opgeheven", status=OfficeStatus.DISSOLVED
    )
    MembershipFactory(office=dissolved, entrepreneur=publiek, joined_on=SINCE)

    LandscapeBusinessFactory(office=world.office, branch=fitness, kvk_number="55500001")
    LandscapeBusinessFactory(office=world.office, branch=fitness)
    LandscapeBusinessFactory(office=world.office, branch=fitness)
    LandscapeBusinessFactory(office=world.office, branch=swimming)
    LandscapeBusinessFactory(office=deventer, branch=fitness)

    for key, email, organisation in (
        ("branch_staff", "bram@example.invalid", nl_actief),
        ("other_branch_staff", "wendy@example.invalid", wizz),
    ):
        user = UserFactory(email=email, full_name=key)
        grant_role(user=user, role=Role.BRANCH_STAFF, scope=organisation)
        world.users[key] = user
    world.nl_actief, world.wizz, world.deventer = nl_actief, wizz, deventer
    world.fitness = fitness
    return world
