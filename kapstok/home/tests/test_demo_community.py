"""The demo's social value (`demo_community`): deterministic, fictitious, through the real
upload path, and counted only for the last twelve months."""

import datetime
import io

import pytest
from PIL import Image

from kapstok.community import selectors
from kapstok.community.models import CommunityActivity, CommunityStory
from kapstok.home.demo_community import STORIES, community_seed, illustration
from kapstok.network.factories import OfficeFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def seeded(world):
    offices = {"A": world.office, "D": world.other_office}
    others = [OfficeFactory() for _n in range(6)]
    community_seed(offices=offices, others=others, today=TODAY, seed=3)
    return offices, others


def test_each_report_office_gets_its_stories_with_a_stored_photo(seeded):
    offices, _others = seeded

    for letter, office in offices.items():
        stories = CommunityStory.objects.filter(office=office)
        assert sorted(stories.values_list("title", flat=True)) == sorted(
            story[0] for story in STORIES[letter]
        )
        for story in stories:
            assert story.consent_confirmed and story.alt_text.startswith("Illustratie:")
            assert Image.open(story.photo.path).format == "JPEG"
            assert story.photo_width == 1200 and story.photo_height == 800


def test_a_has_a_year_to_show_and_stalled_d_has_nothing_in_it(seeded):
    offices, _others = seeded

    values = selectors.social_value([o.pk for o in offices.values()], TODAY)

    assert values[offices["A"].pk].activities >= 1 and values[offices["A"].pk].participants > 0
    assert values[offices["D"].pk].is_empty
    assert CommunityActivity.objects.filter(office=offices["D"]).exists()


def test_some_other_offices_get_activities_and_a_story(seeded):
    _offices, others = seeded

    with_activities = {a.office_id for a in CommunityActivity.objects.filter(office__in=others)}
    with_stories = {s.office_id for s in CommunityStory.objects.filter(office__in=others)}

    assert with_activities == {others[0].pk, others[3].pk}
    assert with_stories == {others[0].pk}


def test_the_same_seed_gives_the_same_demo(world):
    def activity_rows():
        return list(
            CommunityActivity.objects.order_by("held_on", "title", "participants").values_list(
                "held_on", "title", "participants"
            )
        )

    community_seed(offices={"A": world.office}, others=[], today=TODAY, seed=3)
    first = activity_rows()
    CommunityActivity.objects.all().delete()
    community_seed(offices={"A": world.office}, others=[], today=TODAY, seed=3)

    assert activity_rows() == first


def test_the_illustration_is_a_picture_drawn_here():
    import random

    image = Image.open(io.BytesIO(illustration(random.Random(1), "net")))

    assert image.size == (1200, 800) and image.format == "PNG"
    # sky, ground, sun, figures: not a blank canvas
    assert len(image.getcolors(maxcolors=1_000_000)) > 5
