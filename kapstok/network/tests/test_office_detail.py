"""The internal office page: who sees which members, and how much of them."""

import datetime

import pytest

from kapstok.core.generation import generation_bump
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/netwerk/kantoren/kantoor-utrecht/"


@pytest.fixture
def unlisted_and_listed(world):
    listed = EntrepreneurFactory(business_name="Padel Openbaar", email="padel@example.invalid")
    MembershipFactory(office=world.office, entrepreneur=listed, listed_publicly=True)
    return world


def page(client, user, url=URL):
    client.force_login(user)
    return client.get(url).content.decode()


def test_lead_sees_members_with_contact_details(world, client):
    html = page(client, world.users["lead"])
    assert "Yoga Marieke" in html
    assert world.member_entrepreneur.email in html
    assert world.member_entrepreneur.kvk_number in html


def test_member_sees_fellow_members_without_contact_details(unlisted_and_listed, client):
    world = unlisted_and_listed
    html = page(client, world.users["member"])
    assert "Padel Openbaar" in html
    assert "padel@example.invalid" not in html
    assert world.member_entrepreneur.kvk_number not in html


def test_civil_servant_sees_only_publicly_listed_members(unlisted_and_listed, client):
    world = unlisted_and_listed
    html = page(client, world.users["civil_servant"])
    assert "Padel Openbaar" in html
    assert "Yoga Marieke" not in html
    assert "padel@example.invalid" not in html


def test_lead_cannot_see_other_office_members(world, client):
    client.force_login(world.users["other_lead"])
    assert client.get(URL).status_code == 403
    html = client.get("/netwerk/").content.decode()
    assert "Kantoor Utrecht" not in html
    assert "Kantoor Zwolle" in html


def test_other_office_member_cannot_open_entrepreneur_page(world, client):
    client.force_login(world.users["other_member"])
    response = client.get(f"/netwerk/ondernemers/{world.member_entrepreneur.pk}/")
    assert response.status_code == 403


def test_former_members_are_history_not_members(world, client):
    gone = EntrepreneurFactory(business_name="Oud Lid Golf")
    MembershipFactory(
        office=world.office,
        entrepreneur=gone,
        joined_on=datetime.date(2023, 5, 1),
        left_on=datetime.date(2024, 1, 1),
    )
    client.force_login(world.users["lead"])
    response = client.get(URL)
    members = [m.entrepreneur.business_name for m in response.context["members"]]
    assert "Oud Lid Golf" not in members
    assert "Oud Lid Golf" in response.content.decode()  # listed under former members
    assert response.context["figures"]["members"] == 1


def test_office_without_members_says_so(world, client):
    world.office.memberships.all().delete()
    html = page(client, world.users["lead"])
    assert "Dit kantoor heeft nog geen leden" in html


def test_office_page_queries_do_not_grow_with_members(world, client, django_assert_max_num_queries):
    client.force_login(world.users["pos"])
    with django_assert_max_num_queries(40) as small:
        client.get(URL)
    for _ in range(30):
        MembershipFactory(office=world.office)
    generation_bump()  # as adding them on the site would: the page is computed afresh
    with django_assert_max_num_queries(40) as large:
        client.get(URL)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_unknown_office_is_a_dutch_404(world, client):
    client.force_login(world.users["pos"])
    response = client.get("/netwerk/kantoren/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_each_member_shows_their_branches_in_the_branches_order(world, client):
    from kapstok.network.factories import SportBranchFactory

    later = SportBranchFactory(slug="zwemmen", name="Zwemmen", sort_order=9)
    sooner = SportBranchFactory(slug="atletiek", name="Atletiek", sort_order=1)
    both = EntrepreneurFactory(business_name="Twee Takken", branches=[later, sooner])
    MembershipFactory(office=world.office, entrepreneur=both)
    html = page(client, world.users["lead"])
    assert "<td>Atletiek, Zwemmen</td>" in html


def test_the_members_branches_come_as_a_list_without_a_query_per_member(
    world, django_assert_num_queries
):
    from kapstok.accounts.access import MemberDetail
    from kapstok.network import selectors

    for _ in range(5):
        MembershipFactory(office=world.office)
    with django_assert_num_queries(2):
        shown = list(selectors.members_for(world.office, MemberDetail.FULL))
    with django_assert_num_queries(0):
        names = [[b.name for b in m.entrepreneur.branch_list] for m in shown]
    assert ["Fitness"] in names
