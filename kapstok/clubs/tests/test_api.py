"""GET /api/v1/clubs and /api/v1/clubs/{id}: the same rules as the pages."""

import pytest

from kapstok.clubs.services import club_link
from kapstok.peers.models import ExchangePost, Practice

API = "/api/v1/clubs"


@pytest.mark.django_db
def test_anonymous_callers_get_an_empty_list_and_404(club_world, client):
    listing = client.get(API)
    detail = client.get(f"{API}/{club_world.hockey.pk}")

    assert listing.status_code == 200 and listing.json()["results"] == []
    assert detail.status_code == 404
    assert detail.json()["detail"] == "Vereniging niet gevonden."


@pytest.mark.django_db
def test_the_list_gives_clubs_with_sports_and_the_secretary_only_for_managers(
    club_world, login, django_assert_max_num_queries
):
    client = login(club_world.users["civil_servant"])

    with django_assert_max_num_queries(10):
        answer = client.get(API)

    clubs = {club["name"]: club for club in answer.json()["results"]}
    assert answer.json()["count"] == 2
    assert clubs["Hockeyclub De Wielewaal"]["secretary_email"] == "secretariaat@wielewaal.invalid"
    assert clubs["Hockeyclub De Wielewaal"]["municipality"] == "GM0344"
    assert clubs["Roeivereniging De Fuut"]["secretary_email"] is None  # Zwolle is not theirs


@pytest.mark.django_db
def test_the_list_filters_on_municipality_and_sport(club_world, login):
    from kapstok.network.models import SportBranch

    club_world.rowing.sports.add(SportBranch.objects.get(slug="zwemmen"))
    client = login(club_world.users["member"])

    by_place = client.get(API, {"municipality": "gm0193"}).json()["results"]
    by_sport = client.get(API, {"sport": "zwemmen"}).json()["results"]

    assert [club["name"] for club in by_place] == ["Roeivereniging De Fuut"]
    assert [club["sports"] for club in by_sport] == [["zwemmen"]]
    assert by_place[0]["secretary_email"] is None  # members never get the address


@pytest.mark.django_db
def test_the_detail_lists_only_links_the_caller_may_open(club_world, login):
    practice = Practice.objects.create(
        office=club_world.office, title="Intern voorbeeld", what="Iets.", status="published"
    )
    post = ExchangePost.objects.create(
        office=club_world.office, kind="offer", topic="space", title="Zaal vrij"
    )
    club_link(club=club_world.hockey, kind="practice", target=practice, user=None)
    club_link(club=club_world.hockey, kind="post", target=post, user=None)
    url = f"{API}/{club_world.hockey.pk}"

    as_member = login(club_world.users["member"]).get(url).json()
    as_civil_servant = login(club_world.users["civil_servant"]).get(url).json()

    assert as_member["practices"] == [{"id": practice.pk, "title": "Intern voorbeeld"}]
    assert as_member["exchange_posts"] == [{"id": post.pk, "title": "Zaal vrij"}]
    assert as_civil_servant["practices"] == [] and as_civil_servant["exchange_posts"] == []


@pytest.mark.django_db
def test_researchers_and_outsiders_see_no_clubs(club_world, login):
    for persona in ("researcher", "outsider"):
        client = login(club_world.users[persona])
        assert client.get(API).json()["count"] == 0
        assert client.get(f"{API}/{club_world.hockey.pk}").status_code == 404


@pytest.mark.django_db
def test_a_page_past_the_last_is_a_dutch_404(club_world, login):
    client = login(club_world.users["pos"])

    answer = client.get(API, {"page": 3, "page_size": 1})
    bad = client.get(API, {"page": 0})

    assert answer.status_code == 404
    assert "Pagina 3 bestaat niet" in answer.json()["detail"]
    assert bad.status_code == 422


@pytest.mark.django_db
def test_the_detail_names_meetings_the_caller_is_invited_to(club_world, login):
    import datetime

    from django.utils import timezone

    from kapstok.peers.models import Meeting

    starts = timezone.now() + datetime.timedelta(days=10)
    meeting = Meeting.objects.create(
        scope="regional", title="Regiodag", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )  # fmt: skip
    meeting.invited_offices.add(club_world.office)
    club_link(club=club_world.rowing, kind="meeting", target=meeting, user=None)
    url = f"{API}/{club_world.rowing.pk}"

    invited = login(club_world.users["member"]).get(url).json()
    not_invited = login(club_world.users["other_member"]).get(url).json()

    assert invited["meetings"] == [{"id": meeting.pk, "title": "Regiodag"}]
    assert not_invited["meetings"] == []


def test_the_openapi_document_describes_the_club_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {"/api/v1/clubs", "/api/v1/clubs/{club_id}"} <= set(paths)
    assert paths["/api/v1/clubs"]["get"]["tags"] == ["Sportverenigingen"]
