"""GET /api/v1/branch-organisations and /{slug}: names, websites and branches for everyone;
the figures under the same rules as the pages (POS exactly, the organisation's own staff with
small counts banded, nobody else); names of businesses never."""

import pytest

LIST = "/api/v1/branch-organisations"
DETAIL = "/api/v1/branch-organisations/nl-actief"


def get(client, url, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def by_slug(rows):
    return {row["slug"]: row for row in rows}


def test_everyone_lists_the_organisations_with_their_branches_and_no_figures(branch_world, client):
    rows = get(client, LIST)

    assert [row["name"] for row in rows] == ["NL Actief", "WiZZ"]
    assert by_slug(rows)["nl-actief"]["branches"] == ["fitness"]
    assert all(row["totals"] is None for row in rows)


def test_pos_gets_the_totals_of_every_organisation_exactly(branch_world, client):
    rows = by_slug(get(client, LIST, branch_world.users["pos"]))

    assert rows["nl-actief"]["totals"] == {
        "affiliated": 4,
        "members": 3,
        "members_shown": "3",
        "offices": 1,
    }
    assert rows["wizz"]["totals"]["members"] == 1


def test_an_organisations_staff_get_only_their_own_totals_banded(branch_world, client):
    rows = by_slug(get(client, LIST, branch_world.users["branch_staff"]))

    assert rows["nl-actief"]["totals"] == {
        "affiliated": 4,
        "members": None,
        "members_shown": "< 5",
        "offices": 1,
    }
    assert rows["wizz"]["totals"] is None


@pytest.mark.parametrize("persona", [None, "lead", "member", "other_branch_staff", "partner"])
def test_the_detail_shows_no_figures_to_others(branch_world, client, persona):
    user = branch_world.users[persona] if persona else None

    body = get(client, DETAIL, user)

    assert body["name"] == "NL Actief"
    assert body["internal"] is None


def test_pos_gets_each_office_with_counts_share_and_coverage(branch_world, client):
    body = get(client, DETAIL, branch_world.users["pos"])
    offices = by_slug(body["internal"]["offices"])

    assert (body["internal"]["affiliated"], body["internal"]["members"]) == (4, 3)
    assert offices["kantoor-utrecht"] == {
        "slug": "kantoor-utrecht",
        "name": "Kantoor Utrecht",
        "office_members": 4,
        "members": 3,
        "members_shown": "3",
        "share_percent": 75,
        "branch_members": 3,
        "landscape": 3,
        "covered": 1,
        "coverage_percent": 33,
        "lacks_branch": False,
    }
    assert offices["kantoor-deventer"]["lacks_branch"] is True
    assert "kantoor-opgeheven" not in offices


def test_the_organisations_staff_get_banded_counts_without_the_share(branch_world, client):
    body = get(client, DETAIL, branch_world.users["branch_staff"])
    utrecht = by_slug(body["internal"]["offices"])["kantoor-utrecht"]

    assert (utrecht["members"], utrecht["members_shown"], utrecht["share_percent"]) == (
        None,
        "< 5",
        None,
    )
    assert body["internal"]["members_shown"] == "< 5"


def test_no_business_is_ever_named(branch_world, client):
    text = client.get(DETAIL).content.decode()
    client.force_login(branch_world.users["pos"])
    text += client.get(DETAIL).content.decode() + client.get(LIST).content.decode()

    for name in ("Fit Publiek", "Fit Stil", "Yoga Marieke", "fitstil@example.invalid"):
        assert name not in text


def test_an_unknown_organisation_is_a_dutch_404(branch_world, client):
    response = client.get("/api/v1/branch-organisations/bestaat-niet")

    assert response.status_code == 404
    assert response.json() == {"detail": "Brancheorganisatie niet gevonden."}


def test_the_openapi_document_describes_both_endpoints(branch_world, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert paths["/api/v1/branch-organisations"]["get"]["tags"] == ["Brancheorganisaties"]
    detail = paths["/api/v1/branch-organisations/{slug}"]["get"]
    assert set(detail["responses"]) >= {"200", "404"}


def test_the_detail_takes_the_same_queries_for_more_offices(
    branch_world, client, django_assert_max_num_queries
):
    from kapstok.network.factories import MembershipFactory, OfficeFactory

    client.force_login(branch_world.users["pos"])
    client.get(DETAIL)
    for number in range(8):
        MembershipFactory(office=OfficeFactory(slug=f"extra-{number}"))

    with django_assert_max_num_queries(12):
        body = client.get(DETAIL).json()

    assert len(body["internal"]["offices"]) == 11
