"""GET /api/v1/offices/{slug}/social-value (public, as on the public page) and
GET /api/v1/offices/{slug}/community-activities (the office's people), issue 18 item 7."""

import datetime

import pytest

from django.utils import timezone

from kapstok.community.factories import ActivityFactory, StoryFactory
from kapstok.network.models import OfficeStatus

pytestmark = pytest.mark.django_db

VALUE = "/api/v1/offices/kantoor-utrecht/social-value"
ACTIVITIES = "/api/v1/offices/kantoor-utrecht/community-activities"
RECENT = timezone.localdate() - datetime.timedelta(days=10)
READERS = {"civil_servant", "partner", "member", "lead", "pos", "admin"}
PERSONAS = [
    "anonymous", "outsider", "researcher", "other_lead", "other_member", *sorted(READERS),
]  # fmt: skip


@pytest.fixture
def record(world):
    ActivityFactory(office=world.office, held_on=RECENT, kind="schools", participants=40,
                    title="Gym op De Regenboog")  # fmt: skip
    ActivityFactory(office=world.office, held_on=RECENT, kind="adapted", participants=9)
    StoryFactory(office=world.office, title="Sportdag in de wijk")
    StoryFactory(office=world.office, title="Concept", published=False, published_at=None)


def as_persona(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_social_value_is_public_with_only_published_stories(client, world, record, persona):
    answer = as_persona(client, world, persona).get(VALUE)

    assert answer.status_code == 200
    data = answer.json()
    assert (data["activities"], data["participants"]) == (2, 49)
    assert [(k["kind"], k["label"], k["participants"]) for k in data["by_kind"]] == [
        ("schools", "met scholen", 40),
        ("adapted", "aangepast sporten", 9),
    ]
    assert [s["title"] for s in data["stories"]] == ["Sportdag in de wijk"]
    story = data["stories"][0]
    assert story["photo_url"].startswith("http://testserver/kantoren/kantoor-utrecht/verhalen/")
    assert (story["photo_width"], story["photo_height"]) == (40, 30)
    assert story["photo_alt"] == "Kinderen met rackets op een padelbaan"


def test_a_dissolved_office_is_not_found_by_the_public(client, world, record):
    world.office.status = OfficeStatus.DISSOLVED
    world.office.save()

    answer = client.get(VALUE)

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Kantoor niet gevonden."}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_activities_are_for_the_offices_people(client, world, record, persona):
    answer = as_persona(client, world, persona).get(ACTIVITIES)

    if persona not in READERS:
        assert answer.status_code == 403
        assert answer.json() == {"detail": "U mag de activiteiten van dit kantoor niet zien."}
        return
    assert answer.status_code == 200
    data = answer.json()
    assert data["count"] == 2
    assert {a["title"] for a in data["items"]} >= {"Gym op De Regenboog"}
    assert {a["participants"] for a in data["items"]} == {40, 9}


def test_activities_are_paged_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _n in range(30):
        ActivityFactory(office=world.office, held_on=RECENT)
    client.force_login(world.users["lead"])
    client.get(ACTIVITIES)

    with django_assert_max_num_queries(12):
        answer = client.get(f"{ACTIVITIES}?page=2&page_size=20")

    assert answer.json()["count"] == 30 and len(answer.json()["items"]) == 10


def test_an_unknown_office_is_404_in_dutch(client):
    answer = client.get("/api/v1/offices/bestaat-niet/social-value")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Kantoor niet gevonden."}


def test_the_social_value_counts_only_the_last_twelve_months(client, world):
    ActivityFactory(office=world.office, held_on=RECENT, participants=5)
    ActivityFactory(
        office=world.office,
        held_on=timezone.localdate() - datetime.timedelta(days=500),
        participants=500,
    )

    data = client.get(VALUE).json()

    assert (data["activities"], data["participants"]) == (1, 5)
    assert data["until"] == timezone.localdate().isoformat()
