"""Writing the social value: an activity is counted once held, a story needs consent, alt text
and a readable photo, and nothing is kept of a story that cannot be saved."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from kapstok.community import services
from kapstok.community.factories import ActivityFactory, StoryFactory, image_bytes, upload
from kapstok.community.models import ActivityKind, CommunityActivity, CommunityStory
from kapstok.network.models import OfficeEvent

from .conftest import stored_files

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def activity(world, **fields):
    values = {
        "office": world.office,
        "title": "Gym op De Regenboog",
        "held_on": TODAY,
        "kind": ActivityKind.SCHOOLS,
        "partner": "Basisschool De Regenboog",
        "participants": 60,
    }
    return CommunityActivity(**{**values, **fields})


def test_an_activity_is_recorded_with_who_recorded_it_and_on_the_timeline(world):
    saved = services.activity_save(activity=activity(world), actor=world.users["lead"], today=TODAY)

    assert saved.recorded_by == world.users["lead"]
    event = OfficeEvent.objects.get(office=world.office)
    assert event.summary == "Activiteit voor de buurt: Gym op De Regenboog"


def test_an_activity_after_today_is_refused_in_dutch_and_not_saved(world):
    with pytest.raises(ValidationError) as refused:
        services.activity_save(
            activity=activity(world, held_on=TODAY + datetime.timedelta(days=1)), today=TODAY
        )

    assert "tot en met vandaag" in refused.value.message_dict["held_on"][0]
    assert not CommunityActivity.objects.exists()


@pytest.mark.parametrize("participants", [-1, 100_001])
def test_participants_outside_0_to_100000_are_refused_with_the_range(world, participants):
    with pytest.raises(ValidationError) as refused:
        services.activity_save(activity=activity(world, participants=participants), today=TODAY)

    assert refused.value.message_dict["participants"] == [
        "Kies een waarde van 0 tot en met 100.000."
    ]
    assert not CommunityActivity.objects.exists()


def test_zero_participants_is_allowed(world):
    services.activity_save(activity=activity(world, participants=0), today=TODAY)

    assert CommunityActivity.objects.get().participants == 0


def test_the_database_refuses_an_unknown_kind_from_any_path(world):
    with pytest.raises(IntegrityError):
        ActivityFactory(office=world.office, kind="party")


def test_correcting_an_activity_adds_no_second_timeline_line(world):
    saved = services.activity_save(activity=activity(world), today=TODAY)
    saved.participants = 65
    services.activity_save(activity=saved, today=TODAY)

    assert CommunityActivity.objects.get().participants == 65
    assert OfficeEvent.objects.filter(office=world.office).count() == 1


def story(world, **fields):
    values = {
        "office": world.office,
        "title": "Sportdag in de wijk",
        "text": "Veertig kinderen probeerden padel.",
        "alt_text": "Kinderen op een padelbaan",
        "consent_confirmed": True,
    }
    return CommunityStory(**{**values, **fields})


def test_a_story_is_stored_with_its_photo_re_encoded_and_measured(world, media_root):
    saved = services.story_save(
        story=story(world),
        upload=upload(image_bytes("PNG", (2000, 1000)), name="x.png"),
        actor=world.users["lead"],
    )

    assert (saved.photo_width, saved.photo_height) == (1600, 800)
    assert saved.photo.name.endswith(".jpg")
    assert saved.created_by == world.users["lead"]
    assert not saved.published and saved.published_at is None
    assert len(stored_files(media_root)) == 1


def test_a_story_published_at_once_gets_its_publication_date(world):
    saved = services.story_save(story=story(world, published=True), upload=upload())

    assert saved.published_at is not None


def test_without_consent_nothing_is_saved_and_the_photo_not_even_read(world, media_root):
    with pytest.raises(ValidationError) as refused:
        services.story_save(story=story(world, consent_confirmed=False), upload=upload())

    assert "toestemming" in refused.value.message_dict["consent_confirmed"][0]
    assert not CommunityStory.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_without_alt_text_nothing_is_saved(world, media_root, alt_text):
    with pytest.raises(ValidationError) as refused:
        services.story_save(story=story(world, alt_text=alt_text), upload=upload())

    assert refused.value.message_dict["alt_text"] == [
        "Beschrijf wat er op de foto te zien is, voor wie hem niet kan zien."
    ]
    assert not CommunityStory.objects.exists()
    assert stored_files(media_root) == []


def test_a_text_over_2000_characters_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.story_save(story=story(world, text="a" * 2001), upload=upload())

    assert refused.value.message_dict["text"] == ["De tekst is 2.001 tekens; hoogstens 2.000."]
    assert not CommunityStory.objects.exists()


def test_an_activity_description_over_1000_characters_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.activity_save(activity=activity(world, description="a" * 1001), today=TODAY)

    assert refused.value.message_dict["description"] == [
        "De tekst is 1.001 tekens; hoogstens 1.000."
    ]
    assert not CommunityActivity.objects.exists()


def test_a_new_story_needs_a_photo(world):
    with pytest.raises(ValidationError) as refused:
        services.story_save(story=story(world), upload=None)

    assert refused.value.message_dict["photo"] == ["Kies een foto bij het verhaal."]


def test_a_refused_photo_is_reported_at_the_photo_and_nothing_is_saved(world, media_root):
    with pytest.raises(ValidationError) as refused:
        services.story_save(story=story(world), upload=upload(image_bytes("GIF"), "a.gif"))

    assert "GIF" in refused.value.message_dict["photo"][0]
    assert not CommunityStory.objects.exists()
    assert stored_files(media_root) == []


def test_the_database_refuses_a_story_without_consent_from_any_path(world):
    with pytest.raises(IntegrityError):
        StoryFactory(office=world.office, consent_confirmed=False)


def test_replacing_the_photo_removes_the_old_file(world, media_root):
    saved = services.story_save(story=story(world), upload=upload())
    old = saved.photo.path

    services.story_save(story=saved, upload=upload(image_bytes("JPEG", (80, 60))))

    assert [str(path) for path in stored_files(media_root)] == [saved.photo.path]
    assert saved.photo.path != old
    assert (saved.photo_width, saved.photo_height) == (80, 60)


def test_editing_the_text_keeps_the_photo(world, media_root):
    saved = services.story_save(story=story(world), upload=upload())
    saved.title = "Sportdag 2026"

    services.story_save(story=saved, upload=None)

    assert CommunityStory.objects.get().title == "Sportdag 2026"
    assert len(stored_files(media_root)) == 1


def test_publishing_sets_the_date_once_and_unpublishing_clears_it(world):
    saved = services.story_save(story=story(world), upload=upload())

    services.story_publish(story=saved, published=True)
    first = CommunityStory.objects.get().published_at
    services.story_publish(story=saved, published=True)

    assert CommunityStory.objects.get().published_at == first is not None
    services.story_publish(story=saved, published=False)
    assert CommunityStory.objects.get().published_at is None


def test_deleting_a_story_removes_its_photo_file(world, media_root):
    saved = services.story_save(story=story(world), upload=upload())

    services.story_delete(story=saved)

    assert not CommunityStory.objects.exists()
    assert stored_files(media_root) == []
