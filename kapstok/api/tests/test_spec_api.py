"""The API's Dutch errors, its paging edges, what each role gets, and what maps receive."""

import datetime

import pytest

from kapstok.api.errors import dutch_message
from kapstok.api.pagination import Page
from kapstok.network.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from kapstok.network.models import Municipality, OfficeStatus

LIST = "/api/v1/offices"


# --- Dutch errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ({"loc": ("query", "size"), "type": "enum", "ctx": {"expected": "'a' or 'b'"}},
         "'size' kies uit 'a' of 'b'."),
        ({"loc": ("query", "page"), "type": "int_parsing"}, "'page' moet een geheel getal zijn."),
        ({"loc": ("query", "page_size"), "type": "less_than_equal", "ctx": {"le": 100}},
         "'page_size' mag hoogstens 100 zijn."),
        ({"loc": ("query", "q"), "type": "string_too_long", "ctx": {"max_length": 100}},
         "'q' mag hoogstens 100 tekens lang zijn."),
        ({"loc": ("query", "code"), "type": "missing"}, "'code' ontbreekt."),
        ({"loc": ("path", "code"), "type": "string_pattern_mismatch", "ctx": {"pattern": "^GM$"}},
         "'code' heeft niet de vorm ^GM$."),
        ({"loc": ("query", "x"), "type": "iets_onbekends"}, "'x' is ongeldig."),
        ({"loc": ("query", "page"), "type": "greater_than_equal"}, "'page' is ongeldig."),
        ({"type": "missing"}, "'?' ontbreekt."),
    ],
)  # fmt: skip
def test_each_parameter_error_is_one_dutch_sentence(error, message):
    assert dutch_message(error) == message


@pytest.mark.django_db
def test_two_bad_parameters_are_both_named(client):
    response = client.get(LIST, {"page": "nul", "page_size": 0})
    assert response.status_code == 422
    body = response.json()
    assert [error["loc"] for error in body["errors"]] == [["query", "page"], ["query", "page_size"]]
    assert body["detail"] == "'page' moet een geheel getal zijn. 'page_size' moet minstens 1 zijn."


@pytest.mark.django_db
def test_a_search_that_is_too_long_is_refused(client):
    response = client.get(LIST, {"q": "x" * 101})
    assert response.status_code == 422
    assert "'q' mag hoogstens" in response.json()["detail"]


@pytest.mark.django_db
def test_a_malformed_office_address_is_refused_in_dutch(client):
    response = client.get(f"{LIST}/niet%20goed")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("'slug' heeft niet de vorm")


# --- pages ---------------------------------------------------------------------------------------


def test_an_empty_list_still_has_one_page():
    page = Page(items=[], count=0, page=1, page_size=20)
    assert page.meta() == {"count": 0, "page": 1, "pages": 1, "page_size": 20}


@pytest.mark.django_db
def test_a_search_without_results_answers_an_empty_first_page(world, client):
    body = client.get(LIST, {"q": "bestaat-nergens"}).json()
    assert (body["count"], body["pages"], body["items"]) == (0, 1, [])


# --- what each role gets -------------------------------------------------------------------------


def internal_of(client, user, slug):
    client.force_login(user)
    return client.get(f"{LIST}/{slug}").json()["internal"]


@pytest.mark.django_db
def test_a_partner_sees_the_internal_block_of_its_office_without_contact_details(world, client):
    internal = internal_of(client, world.users["partner"], "kantoor-utrecht")
    assert internal is not None
    assert (internal["contact_email"], internal["contact_phone"]) == (None, None)
    assert internal["members_by_branch"] == [{"slug": "fitness", "name": "Fitness", "members": 1}]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["researcher", "outsider", "other_member"])
def test_others_get_the_public_fields_only(world, client, persona):
    assert internal_of(client, world.users[persona], "kantoor-utrecht") is None


@pytest.mark.django_db
def test_members_by_branch_counts_only_current_members(world, client):
    MembershipFactory(office=world.office, left_on=datetime.date(2024, 1, 1))
    internal = internal_of(client, world.users["pos"], "kantoor-utrecht")
    assert internal["members_by_branch"] == [{"slug": "fitness", "name": "Fitness", "members": 1}]


# --- municipalities ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_ended_municipality_is_found_by_code_but_not_listed(world, client):
    MunicipalityFactory(code="GM0999", name="Opgeheven", ended_on=datetime.date(2020, 1, 1))
    found = client.get("/api/v1/municipalities/GM0999").json()
    assert (found["name"], found["ended_on"]) == ("Opgeheven", "2020-01-01")
    listed = [
        m["code"] for m in client.get("/api/v1/municipalities", {"page_size": 100}).json()["items"]
    ]
    assert "GM0999" not in listed


@pytest.mark.django_db
def test_a_municipality_without_a_stored_boundary_answers_null_when_asked(world, client):
    body = client.get("/api/v1/municipalities/GM0344", {"include": "boundary"}).json()
    assert body["boundary"] is None
    assert body["urbanisation"] == {"code": 3, "label": "matig stedelijk"}
    assert body["offices"] == ["kantoor-utrecht"]


@pytest.mark.django_db
def test_a_municipality_lists_the_offices_the_caller_may_find(world, client):
    OfficeFactory(slug="opgeheven", municipalities=[world.utrecht], status=OfficeStatus.DISSOLVED)
    assert client.get("/api/v1/municipalities/GM0344").json()["offices"] == ["kantoor-utrecht"]
    client.force_login(world.users["pos"])
    assert client.get("/api/v1/municipalities/GM0344").json()["offices"] == [
        "kantoor-utrecht",
        "opgeheven",
    ]


# --- maps ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_map_points_are_rounded_and_served_as_geojson(world, client):
    Municipality.objects.filter(pk=world.utrecht.pk).update(
        label_lat=52.0907374, label_lon=5.1214201
    )
    response = client.get("/api/v1/offices.geojson")
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    [utrecht] = [f for f in body["features"] if f["id"] == "kantoor-utrecht"]
    assert utrecht["geometry"] == {"type": "Point", "coordinates": [5.12142, 52.09074]}
    assert utrecht["properties"]["founded_on"] == world.office.founded_on.isoformat()
    assert "internal" not in utrecht["properties"]


@pytest.mark.django_db
def test_an_unknown_api_address_answers_in_json(client):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Niet gevonden."}


@pytest.mark.django_db
def test_every_operation_has_its_own_id(client):
    document = client.get("/api/v1/openapi.json").json()
    ids = [
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
    ]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_errors_follow_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    response = client.get(LIST, {"page": 0})
    assert response.status_code == 422
    assert response.json()["detail"] != "'page' moet minstens 1 zijn."
    client.cookies["django_language"] = "nl"
    assert client.get(LIST, {"page": 0}).json()["detail"] == "'page' moet minstens 1 zijn."


@pytest.mark.django_db
def test_the_default_page_holds_twenty_five_offices(world, client):
    for number in range(25):
        OfficeFactory(slug=f"extra-{number:02d}")
    body = client.get(LIST).json()  # 27 offices
    assert (body["page_size"], len(body["items"]), body["pages"]) == (25, 25, 2)


@pytest.mark.django_db
def test_a_dissolved_office_stays_readable_for_pos_with_its_description(world, client):
    world.other_office.status = OfficeStatus.DISSOLVED
    world.other_office.description = "Opgegaan in een regionaal kantoor."
    world.other_office.save()
    assert client.get(f"{LIST}/kantoor-zwolle").status_code == 404
    client.force_login(world.users["pos"])
    body = client.get(f"{LIST}/kantoor-zwolle").json()
    assert (body["status"], body["description"]) == (
        "dissolved",
        "Opgegaan in een regionaal kantoor.",
    )
