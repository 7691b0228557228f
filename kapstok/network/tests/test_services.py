"""Registry services: the rules hold whoever calls them (views, API, commands, demo)."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from kapstok.network import services
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.network.models import Municipality, Office, SizeClass

pytestmark = pytest.mark.django_db


def test_second_open_membership_of_the_same_office_is_refused():
    membership = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            office=membership.office,
            entrepreneur=membership.entrepreneur,
            joined_on=datetime.date(2024, 1, 1),
        )
    assert "is al lid van dit kantoor" in str(error.value)


def test_rejoining_after_leaving_is_allowed():
    membership = MembershipFactory(left_on=datetime.date(2024, 1, 1))
    again = services.membership_add(
        office=membership.office,
        entrepreneur=membership.entrepreneur,
        joined_on=datetime.date(2024, 6, 1),
    )
    assert again.pk != membership.pk


def test_size_class_follows_the_member_count():
    office = OfficeFactory()
    assert office.size_class == SizeClass.SMALL
    for _ in range(15):
        MembershipFactory(office=office)
    assert office.size_class == SizeClass.MEDIUM
    assert Office.objects.with_member_count().of_size("medium").get() == office


def test_member_count_on_a_date_uses_the_history():
    office = OfficeFactory()
    MembershipFactory(office=office, joined_on=datetime.date(2023, 4, 1))
    MembershipFactory(
        office=office, joined_on=datetime.date(2023, 4, 1), left_on=datetime.date(2024, 4, 1)
    )
    assert office.member_count_on(datetime.date(2023, 3, 31)) == 0
    assert office.member_count_on(datetime.date(2024, 3, 31)) == 2
    assert office.member_count_on(datetime.date(2024, 4, 1)) == 1


def test_office_needs_a_municipality_and_gets_a_unique_slug():
    municipality = MunicipalityFactory()
    OfficeFactory(name="POS-kantoor Ede", slug="pos-kantoor-ede")
    with pytest.raises(ValidationError):
        services.office_save(
            office=Office(name="X", founded_on=datetime.date(2024, 1, 1)), municipalities=[]
        )
    office = services.office_save(
        office=Office(
            name="POS-kantoor Ede", founded_on=datetime.date(2024, 1, 1), initiative="pos"
        ),
        municipalities=[municipality],
    )
    assert office.slug == "pos-kantoor-ede-2"


def test_cbs_code_must_be_gm_and_four_digits():
    municipality = Municipality(
        code="0363",
        name="Amsterdam",
        province_code="PV27",
        province="Noord-Holland",
        population=1,
        area_land_km2=1,
        density=1,
        urbanisation=1,
        label_lat=0,
        label_lon=0,
        statistics_year=2024,
    )
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "GM" in error.value.message_dict["code"][0]


def test_kvk_number_and_establishment_are_unique_together():
    first = EntrepreneurFactory(kvk_number="12345678", establishment_number="")
    duplicate = EntrepreneurFactory.build(
        kvk_number="12345678", establishment_number="", municipality=first.municipality
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict == {
        "__all__": ["Er is al een sportondernemer met dit KvK-nummer en vestigingsnummer."]
    }
