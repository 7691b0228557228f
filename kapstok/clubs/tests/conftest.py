"""The clubs' world, on top of the root conftest's `world`.

Utrecht (province Utrecht) has Kantoor Utrecht; Amersfoort, in the same province, has Kantoor
Amersfoort with lead Anja and member Arie: the region of Kantoor Utrecht. Zwolle (Overijssel)
is outside it. Hockeyclub De Wielewaal plays in Utrecht, Roeivereniging De Fuut in Zwolle.
"""

import datetime

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.clubs.factories import SportsClubFactory
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    SportBranchFactory,
)

SINCE = datetime.date(2000, 1, 1)


@pytest.fixture
def club_world(world):
    SportBranchFactory(slug="tennis", name="Tennis")
    SportBranchFactory(slug="padel", name="Padel")
    SportBranchFactory(slug="zwemmen", name="Zwemmen")
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", province="Utrecht")
    world.amersfoort = amersfoort
    world.amersfoort_office = OfficeFactory(
        name="Kantoor Amersfoort", slug="kantoor-amersfoort", municipalities=[amersfoort]
    )
    business = EntrepreneurFactory(business_name="Padel Arie", municipality=amersfoort)
    MembershipFactory(
        office=world.amersfoort_office, entrepreneur=business, joined_on=datetime.date(2024, 1, 1)
    )
    lead = UserFactory(email="anja@example.invalid", full_name="Anja Amersfoort")
    grant_role(user=lead, role=Role.LEAD, scope=world.amersfoort_office, starts_on=SINCE)
    member = UserFactory(email="arie@example.invalid", full_name="Arie Amersfoort")
    grant_role(user=member, role=Role.MEMBER, scope=business, starts_on=SINCE)
    world.users["region_lead"] = lead
    world.users["region_member"] = member
    world.hockey = SportsClubFactory(
        name="Hockeyclub De Wielewaal",
        municipality=world.utrecht,
        website="https://wielewaal.invalid",
        secretary_email="secretariaat@wielewaal.invalid",
    )
    world.rowing = SportsClubFactory(name="Roeivereniging De Fuut", municipality=world.zwolle)
    return world
