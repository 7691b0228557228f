"""Adding and ending memberships through the lead's forms: the bad-input rules of the issue."""

import datetime

import pytest

from kapstok.network.factories import EntrepreneurFactory, SportBranchFactory
from kapstok.network.models import Entrepreneur, Membership

pytestmark = pytest.mark.django_db

ADD_URL = "/netwerk/kantoren/kantoor-utrecht/leden/nieuw/"


def new_member_form(world, **overrides):
    data = {
        "kvk_number": "87654321",
        "establishment_number": "",
        "business_name": "Padel Centrum Noord",
        "branches": [SportBranchFactory(slug="padel", name="Padel").pk],
        "municipality": world.utrecht.pk,
        "website": "padelnoord.example.invalid",
        "email": "info@padelnoord.example.invalid",
        "joined_on": "2025-02-01",
        "listed_publicly": "on",
    }
    data.update(overrides)
    return data


def test_lead_adds_a_new_entrepreneur_as_member(world, client):
    client.force_login(world.users["lead"])
    response = client.post(ADD_URL, new_member_form(world))
    assert response.status_code == 302
    entrepreneur = Entrepreneur.objects.get(kvk_number="87654321")
    assert entrepreneur.website == "https://padelnoord.example.invalid"
    membership = Membership.objects.get(entrepreneur=entrepreneur, office=world.office)
    assert membership.joined_on == datetime.date(2025, 2, 1)
    assert membership.listed_publicly


def test_known_kvk_number_asks_the_business_and_overwrites_nothing(world, client):
    known = EntrepreneurFactory(kvk_number="11112222", business_name="Tennis Oost")
    client.force_login(world.users["lead"])
    form = new_member_form(world, kvk_number="11112222", business_name="Iets Anders")
    assert client.post(ADD_URL, form).status_code == 302
    known.refresh_from_db()
    assert known.business_name == "Tennis Oost"
    assert Entrepreneur.objects.filter(kvk_number="11112222").count() == 1
    assert not world.office.memberships.filter(entrepreneur=known).exists()
    assert world.office.claims.get().entrepreneur == known


@pytest.mark.parametrize("kvk", ["1234", "123456789", "1234abcd", ""])
def test_bad_kvk_number_is_a_dutch_error_and_nothing_is_saved(world, client, kvk):
    client.force_login(world.users["lead"])
    before = Membership.objects.count(), Entrepreneur.objects.count()
    response = client.post(ADD_URL, new_member_form(world, kvk_number=kvk))
    assert response.status_code == 200
    errors = response.context["form"].errors["kvk_number"]
    assert errors in (["Een KvK-nummer bestaat uit precies 8 cijfers."], ["Dit veld is verplicht."])
    assert (Membership.objects.count(), Entrepreneur.objects.count()) == before


def test_duplicate_membership_is_refused(world, client):
    client.force_login(world.users["lead"])
    form = new_member_form(world, kvk_number=world.member_entrepreneur.kvk_number)
    response = client.post(ADD_URL, form)
    assert response.status_code == 200
    assert "is al lid van dit kantoor" in response.context["form"].errors["kvk_number"][0]
    assert world.office.memberships.count() == 1


def test_new_entrepreneur_needs_name_branch_and_municipality(world, client):
    client.force_login(world.users["lead"])
    form = new_member_form(world, business_name="", branches=[], municipality="")
    response = client.post(ADD_URL, form)
    errors = response.context["form"].errors
    assert set(errors) == {"business_name", "branches", "municipality"}
    assert not Entrepreneur.objects.filter(kvk_number="87654321").exists()


def test_municipality_outside_the_office_is_refused(world, client):
    client.force_login(world.users["lead"])
    response = client.post(ADD_URL, new_member_form(world, municipality=world.zwolle.pk))
    assert "municipality" in response.context["form"].errors


def test_joining_in_the_future_is_refused(world, client):
    client.force_login(world.users["lead"])
    response = client.post(ADD_URL, new_member_form(world, joined_on="2999-01-01"))
    assert "joined_on" in response.context["form"].errors


def test_business_name_over_its_limit_is_refused(world, client):
    client.force_login(world.users["lead"])
    response = client.post(ADD_URL, new_member_form(world, business_name="x" * 151))
    assert "business_name" in response.context["form"].errors


def test_ending_before_joining_is_refused_and_membership_stays_open(world, client):
    membership = world.office.memberships.get()
    client.force_login(world.users["lead"])
    url = f"/netwerk/kantoren/kantoor-utrecht/leden/{membership.pk}/beeindigen/"
    response = client.post(url, {"left_on": "2020-01-01"})
    assert response.context["form"].errors["left_on"] == [
        "De einddatum ligt vóór de datum van aansluiten."
    ]
    membership.refresh_from_db()
    assert membership.left_on is None


def test_ending_a_membership_keeps_it_as_history(world, client):
    membership = world.office.memberships.get()
    client.force_login(world.users["lead"])
    url = f"/netwerk/kantoren/kantoor-utrecht/leden/{membership.pk}/beeindigen/"
    assert client.post(url, {"left_on": "2025-01-01", "left_reason": "no_time"}).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2025, 1, 1)
    assert world.office.member_count_on(datetime.date(2024, 12, 31)) == 1
    assert world.office.member_count_on(datetime.date(2025, 1, 1)) == 0


def test_other_lead_cannot_add_members_here(world, client):
    client.force_login(world.users["other_lead"])
    assert client.post(ADD_URL, new_member_form(world)).status_code == 403
    assert not Entrepreneur.objects.filter(kvk_number="87654321").exists()
