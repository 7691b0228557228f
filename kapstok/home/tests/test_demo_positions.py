"""The demo's POS-wide position on the VAT rate on sport (report 2.3, 5.1), on a small network."""

import datetime

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.home.demo_positions import VAT_TITLE, positions_seed
from kapstok.influence.models import NationalPosition, NationalStatus
from kapstok.influence.selectors import national_totals
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def network(world):
    demo_member = UserFactory(email="member-a@demo.invalid")
    grant_role(user=demo_member, role=Role.MEMBER, scope=world.member_entrepreneur)
    for office, place in ((world.office, world.utrecht), (world.other_office, world.zwolle)):
        for _i in range(6):
            MembershipFactory(
                office=office,
                entrepreneur=EntrepreneurFactory(municipality=place),
                joined_on=datetime.date(2024, 1, 1),
            )
    return world


def test_the_vat_position_is_open_and_endorsed_across_offices_and_municipalities(network):
    vat = positions_seed(pos=network.users["pos"], today=TODAY)

    totals = national_totals(vat)
    assert (vat.title, vat.status) == (VAT_TITLE, NationalStatus.OPEN)
    assert vat.accepts_endorsements(TODAY)
    assert {row.place for row in totals.per_office} == {network.office, network.other_office}
    assert {row.place for row in totals.per_municipality} == {network.utrecht, network.zwolle}
    assert 0 < totals.total < 14  # about half of the 14 current members
    assert any(e.show_name for e in vat.endorsements.all())
    assert not all(e.show_name for e in vat.endorsements.all())


def test_the_demo_member_still_has_it_to_do(network):
    vat = positions_seed(pos=network.users["pos"], today=TODAY)

    assert not vat.endorsements.filter(entrepreneur=network.member_entrepreneur).exists()


def test_the_seed_is_deterministic_and_adds_a_concept(network):
    first = positions_seed(pos=network.users["pos"], today=TODAY)
    second = positions_seed(pos=network.users["pos"], today=TODAY)

    def chosen(position):
        return list(position.endorsements.values_list("entrepreneur_id", "office_id", "show_name"))

    assert chosen(first) == chosen(second)
    assert NationalPosition.objects.filter(status=NationalStatus.CONCEPT).count() == 2
