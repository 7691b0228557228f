"""Which offices and businesses each role finds in the registry, and who edits a business."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.core.generation import generation_bump
from kapstok.network import services
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.network.models import Entrepreneur, OfficeStatus

pytestmark = pytest.mark.django_db


def office_names(client) -> list[str]:
    return [office.name for office in client.get("/netwerk/").context["offices"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("civil_servant", ["Kantoor Utrecht"]),
        ("partner", ["Kantoor Utrecht"]),
        ("other_lead", ["Kantoor Zwolle"]),
        ("researcher", []),
    ],
)
def test_each_role_lists_the_offices_it_works_with(world, login, persona, expected):
    assert office_names(login(world.users[persona])) == expected


def test_the_registry_keeps_listing_a_dissolved_office_for_pos(world, login):
    OfficeFactory(name="Opgeheven Kantoor", status=OfficeStatus.DISSOLVED)
    assert "Opgeheven Kantoor" in office_names(login(world.users["pos"]))


def test_a_member_edits_their_own_business_but_not_a_fellow_members(world, login):
    fellow = EntrepreneurFactory(business_name="Collega Studio")
    MembershipFactory(office=world.office, entrepreneur=fellow)
    marieke = login(world.users["member"])
    own = world.member_entrepreneur
    assert marieke.get(f"/netwerk/ondernemers/{own.pk}/bewerken/").status_code == 200
    assert marieke.get(f"/netwerk/ondernemers/{fellow.pk}/bewerken/").status_code == 403
    assert marieke.get(f"/netwerk/ondernemers/{fellow.pk}/").status_code == 403


def test_a_lead_edits_a_current_member_but_not_a_former_one(world, login):
    former = EntrepreneurFactory(business_name="Vertrokken")
    MembershipFactory(office=world.office, entrepreneur=former, left_on=datetime.date(2024, 1, 1))
    kees = login(world.users["lead"])
    own = world.member_entrepreneur
    assert kees.get(f"/netwerk/ondernemers/{own.pk}/bewerken/").status_code == 200
    assert kees.get(f"/netwerk/ondernemers/{former.pk}/bewerken/").status_code == 403


def test_an_unknown_business_is_not_found(world, login):
    missing = Entrepreneur.objects.order_by("-pk").first().pk + 100
    assert login(world.users["pos"]).get(f"/netwerk/ondernemers/{missing}/").status_code == 404


def test_a_leads_search_never_reaches_beyond_their_members(world, login):
    page = login(world.users["lead"]).get("/netwerk/ondernemers/", {"q": "Boks"}).context["page"]
    assert list(page) == []


def test_a_search_of_more_than_a_hundred_characters_is_cut(world, login):
    response = login(world.users["pos"]).get("/netwerk/ondernemers/", {"q": "Y" * 150})
    assert response.context["query"] == "Y" * 100


def test_the_office_page_takes_the_same_queries_with_more_history_and_requests(world, login):
    kees = login(world.users["lead"])
    with CaptureQueriesContext(connection) as few:
        kees.get("/netwerk/kantoren/kantoor-utrecht/")
    for number in range(6):
        MembershipFactory(
            office=world.office,
            entrepreneur=EntrepreneurFactory(),
            left_on=datetime.date(2024, 1, number + 1),
        )
        services.membership_claim_create(
            office=world.office,
            entrepreneur=EntrepreneurFactory(),
            joined_on=datetime.date(2025, 1, 1),
        )
    generation_bump()  # as writing them on the site would: the page is computed afresh
    with CaptureQueriesContext(connection) as many:
        kees.get("/netwerk/kantoren/kantoor-utrecht/")
    assert len(many) == len(few)


def test_a_partner_sees_only_the_members_listed_publicly(world, login):
    listed = EntrepreneurFactory(business_name="Publieke Studio")
    MembershipFactory(office=world.office, entrepreneur=listed, listed_publicly=True)
    page = login(world.users["partner"]).get("/netwerk/kantoren/kantoor-utrecht/")
    shown = [m.entrepreneur.business_name for m in page.context["members"]]
    assert shown == ["Publieke Studio"]
    assert page.context["public_only"] is True
