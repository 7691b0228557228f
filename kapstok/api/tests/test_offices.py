"""GET /api/v1/offices and /offices/{slug}: who sees which fields, filters, pages and errors."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.network.models import LegalForm, OfficeStatus

pytestmark = pytest.mark.django_db

LIST = "/api/v1/offices"
UTRECHT = "/api/v1/offices/kantoor-utrecht"
ZWOLLE = "/api/v1/offices/kantoor-zwolle"
INTERNAL_KEYS = {"legal_form", "contact_name", "contact_email", "contact_phone"}


def get(client, url, user=None, **params):
    if user is not None:
        client.force_login(user)
    return client.get(url, params)


def items_by_slug(response):
    assert response.status_code == 200, response.content
    return {item["slug"]: item for item in response.json()["items"]}


def test_anonymous_caller_gets_public_fields_only(world, client):
    offices = items_by_slug(get(client, LIST))
    utrecht = offices["kantoor-utrecht"]
    assert utrecht["internal"] is None
    assert not INTERNAL_KEYS & utrecht.keys()
    assert utrecht["municipalities"] == [{"code": "GM0344", "name": "Utrecht"}]
    assert utrecht["province"] == "Utrecht"
    assert utrecht["member_count"] == 1
    assert utrecht["size_class"] == "small"
    assert utrecht["public_url"] == "http://testserver/kantoren/kantoor-utrecht/"
    assert world.office.contact_email not in get(client, UTRECHT).content.decode()


def test_api_never_shows_members_or_their_personal_data(world, client):
    world.office.legal_form = LegalForm.ASSOCIATION
    world.office.save()
    for url in (LIST, UTRECHT):
        body = get(client, url, world.users["pos"]).content.decode()
        assert "Yoga Marieke" not in body
        assert world.member_entrepreneur.email not in body
        assert world.member_entrepreneur.kvk_number not in body


def test_lead_sees_internal_fields_of_own_office_only(world, client):
    offices = items_by_slug(get(client, LIST, world.users["lead"]))
    own = offices["kantoor-utrecht"]["internal"]
    assert own["contact_email"] == world.office.contact_email
    assert own["legal_form"] == "none"
    assert own["members_by_branch"] == [{"slug": "fitness", "name": "Fitness", "members": 1}]
    assert offices["kantoor-zwolle"]["internal"] is None
    assert get(client, ZWOLLE).json()["internal"] is None


def test_member_sees_contact_email_of_own_office(world, client):
    office = get(client, UTRECHT, world.users["member"]).json()
    assert office["internal"]["contact_email"] == world.office.contact_email


def test_civil_servant_sees_internal_fields_without_contact_details(world, client):
    internal = get(client, UTRECHT, world.users["civil_servant"]).json()["internal"]
    assert internal["contact_name"] == world.office.contact_name
    assert internal["contact_email"] is None
    assert internal["contact_phone"] is None


def test_detail_adds_the_public_description(world, client):
    world.office.description = "Samen sterker in Utrecht."
    world.office.save()
    assert get(client, UTRECHT).json()["description"] == "Samen sterker in Utrecht."


def test_dissolved_office_is_hidden_from_anonymous_but_not_from_its_lead(world, client):
    world.office.status = OfficeStatus.DISSOLVED
    world.office.save()
    assert "kantoor-utrecht" not in items_by_slug(get(client, LIST))
    assert get(client, UTRECHT).status_code == 404
    assert get(client, UTRECHT, world.users["other_lead"]).status_code == 404
    response = get(client, UTRECHT, world.users["lead"])
    assert response.json()["status"] == "dissolved"


def test_unknown_office_answers_404_in_dutch(world, client):
    response = get(client, "/api/v1/offices/bestaat-niet")
    assert response.status_code == 404
    assert response.json() == {"detail": "Kantoor niet gevonden."}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "Overijssel"}, {"kantoor-zwolle"}),
        ({"q": "zwol"}, {"kantoor-zwolle"}),
        ({"q": "utrecht"}, {"kantoor-utrecht"}),
        ({"status": "dormant"}, {"kantoor-zwolle"}),
        ({"initiative": "municipality"}, {"kantoor-utrecht"}),
        ({"size": "small"}, {"kantoor-utrecht", "kantoor-zwolle"}),
        ({"size": "large"}, set()),
    ],
)
def test_filters_narrow_the_list(world, client, params, expected):
    world.other_office.status = OfficeStatus.DORMANT
    world.other_office.save()
    world.office.initiative = "municipality"
    world.office.save()
    assert set(items_by_slug(get(client, LIST, **params))) == expected


def test_province_filter_counts_members_once_per_office(world, client):
    amersfoort = MunicipalityFactory(name="Amersfoort", province="Utrecht")
    world.office.municipalities.add(amersfoort)
    offices = items_by_slug(get(client, LIST, province="Utrecht", q="a"))
    assert offices["kantoor-utrecht"]["member_count"] == 1
    assert offices["kantoor-utrecht"]["province"] == "Utrecht"


def test_bad_filter_value_answers_422_in_dutch(world, client):
    response = get(client, LIST, status="gesloten")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "'status' kies uit 'founding', 'active', 'dormant' of 'dissolved'."
    assert body["errors"][0]["loc"] == ["query", "status"]


def test_unknown_province_answers_422_naming_the_provinces(world, client):
    """The schema lists the twelve provinces (an enum), so the refusal is the schema's own."""
    response = get(client, LIST, province="Atlantis")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("'province' kies uit 'Drenthe', 'Flevoland', 'Fryslân'")
    assert body["errors"][0]["loc"] == ["query", "province"]


def test_pages_split_the_list_by_name(world, client):
    for number in range(3):
        OfficeFactory(name=f"Kantoor Extra {number}", slug=f"kantoor-extra-{number}")
    first = get(client, LIST, page_size=2).json()
    assert (first["count"], first["pages"], first["page"]) == (5, 3, 1)
    assert [o["slug"] for o in first["items"]] == ["kantoor-extra-0", "kantoor-extra-1"]
    last = get(client, LIST, page_size=2, page=3).json()
    assert [o["slug"] for o in last["items"]] == ["kantoor-zwolle"]


def test_page_past_the_end_answers_404_in_dutch(world, client):
    response = get(client, LIST, page=9)
    assert response.status_code == 404
    assert response.json()["detail"] == "Pagina 9 bestaat niet; er zijn 1 pagina's."


def test_page_size_above_maximum_answers_422_in_dutch(world, client):
    response = get(client, LIST, page_size=1000)
    assert response.status_code == 422
    assert response.json()["detail"] == "'page_size' mag hoogstens 100 zijn."


@pytest.fixture
def many_offices(world):
    """Twenty more offices with members in two municipalities each, all led by Kees."""
    for number in range(20):
        office = OfficeFactory(
            slug=f"kantoor-{number:02d}",
            municipalities=[MunicipalityFactory(), MunicipalityFactory()],
        )
        for _member in range(3):
            MembershipFactory(office=office, entrepreneur=EntrepreneurFactory())
        grant_role(user=world.users["lead"], role=Role.LEAD, scope=office)
    return world


@pytest.mark.parametrize("persona", [None, "lead", "pos"])
def test_list_uses_the_same_queries_for_any_page_size(many_offices, client, persona):
    if persona:
        client.force_login(many_offices.users[persona])
    counts = []
    for size in (2, 22):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST, {"page_size": size}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_list_loads_a_full_page_in_few_queries(many_offices, client, django_assert_max_num_queries):
    client.force_login(many_offices.users["lead"])
    # session, user, grants, provinces, count, page, municipalities, branch counts, kartrekkers
    with django_assert_max_num_queries(9):
        response = client.get(LIST, {"page_size": 100, "province": "Utrecht"})
    assert len(response.json()["items"]) == 21
