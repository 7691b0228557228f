"""The pages of an office's social value: its own page and forms, the photo, and the block
"Wat we doen voor de buurt" on the public page, the internal office page and the portal."""

import datetime
import io
import uuid

import pytest
from PIL import Image

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.community.factories import (
    GPS_IFD,
    ActivityFactory,
    StoryFactory,
    image_bytes,
    upload,
)
from kapstok.community.models import CommunityActivity, CommunityStory
from kapstok.network.factories import OfficeFactory

from .conftest import stored_files

pytestmark = pytest.mark.django_db

PAGE = "/netwerk/kantoren/kantoor-utrecht/buurt/"
PUBLIC = "/kantoren/kantoor-utrecht/"
PORTAL = "/netwerk/gemeenteportaal/GM0344/"
RECENT = timezone.localdate() - datetime.timedelta(days=20)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def record(world):
    ActivityFactory(
        office=world.office, title="Gym op De Regenboog", participants=60, held_on=RECENT
    )
    ActivityFactory(
        office=world.office,
        title="Zitvolleybal in het verpleeghuis",
        kind="care",
        partner="Zorggroep Oost",
        participants=14,
        held_on=RECENT,
    )
    ActivityFactory(
        office=world.office,
        title="Lang geleden",
        participants=999,
        held_on=RECENT - datetime.timedelta(days=400),
    )
    return {
        "published": StoryFactory(office=world.office, title="Sportdag in de wijk"),
        "draft": StoryFactory(
            office=world.office, title="Nog geheim verhaal", published=False, published_at=None
        ),
    }


# --- the office's own page ----------------------------------------------------------------


def test_the_lead_sees_totals_activities_drafts_and_the_buttons(world, login, record):
    page = login(world.users["lead"]).get(PAGE).content.decode()

    assert "<h1>Wat we doen voor de buurt</h1>" in page
    assert "<dt>Deelnemers bereikt</dt><dd>74</dd>" in page  # 60 + 14; not the old one
    assert "Zitvolleybal in het verpleeghuis" in page and "Lang geleden" in page
    assert "Nog geheim verhaal" in page and "Niet gepubliceerd" in page
    assert 'href="/netwerk/kantoren/kantoor-utrecht/buurt/activiteiten/nieuw/"' in page


def test_a_member_reads_the_record_without_drafts_or_buttons(world, login, record):
    page = login(world.users["member"]).get(PAGE).content.decode()

    assert "Gym op De Regenboog" in page and "Sportdag in de wijk" in page
    assert "Nog geheim verhaal" not in page
    assert "activiteiten/nieuw/" not in page and "publiceren/" not in page


def test_the_page_queries_do_not_grow_with_activities_and_stories(world, login, record):
    client = login(world.users["lead"])
    client.get(PAGE)
    few = queries(client, PAGE)
    for _n in range(10):
        ActivityFactory(office=world.office, held_on=RECENT)
        StoryFactory(office=world.office)

    assert queries(client, PAGE) == few


def test_the_page_is_in_the_offices_navigation(world, login):
    page = login(world.users["member"]).get(PAGE).content.decode()

    assert 'aria-current="page">Voor de buurt</a>' in page


# --- recording an activity ------------------------------------------------------------------


def activity_data(**fields):
    values = {
        "title": "Beweegles in het buurthuis",
        "held_on": RECENT.isoformat(),
        "kind": "neighbourhood",
        "partner": "Buurthuis De Linde",
        "participants": "35",
        "description": "Elke woensdag een uur bewegen voor ouderen.",
    }
    return {**values, **fields}


def test_the_lead_records_an_activity(world, login):
    response = login(world.users["lead"]).post(f"{PAGE}activiteiten/nieuw/", activity_data())

    assert response.status_code == 302 and response["Location"] == PAGE
    activity = CommunityActivity.objects.get()
    assert (activity.office, activity.participants, activity.kind) == (
        world.office,
        35,
        "neighbourhood",
    )
    assert activity.recorded_by == world.users["lead"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"participants": "-5"}, "Kies een waarde van 0 tot en met 100.000."),
        ({"participants": ""}, "Dit veld is verplicht."),
        ({"kind": "feest"}, "Selecteer een geldige keuze."),
        ({"held_on": "2999-01-01"}, "kies een datum tot en met vandaag"),
        ({"title": ""}, "Dit veld is verplicht."),
    ],
)
def test_bad_activity_input_gets_a_dutch_error_and_saves_nothing(world, login, fields, message):
    response = login(world.users["lead"]).post(
        f"{PAGE}activiteiten/nieuw/", activity_data(**fields)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommunityActivity.objects.exists()


def test_an_empty_post_shows_the_errors(world, login):
    response = login(world.users["lead"]).post(f"{PAGE}activiteiten/nieuw/", {})

    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()


def test_the_lead_corrects_and_removes_an_activity(world, login):
    activity = ActivityFactory(office=world.office, held_on=RECENT)
    client = login(world.users["lead"])

    client.post(f"{PAGE}activiteiten/{activity.pk}/", activity_data(participants="12"))
    assert CommunityActivity.objects.get().participants == 12

    response = client.post(f"{PAGE}activiteiten/{activity.pk}/verwijderen/")
    assert response.status_code == 302
    assert not CommunityActivity.objects.exists()


def test_another_offices_activity_is_not_found_through_this_office(world, login):
    theirs = ActivityFactory(office=world.other_office, held_on=RECENT)

    response = login(world.users["lead"]).get(f"{PAGE}activiteiten/{theirs.pk}/")

    assert response.status_code == 404


# --- a story with a photo -------------------------------------------------------------------


def story_data(photo=None, **fields):
    values = {
        "title": "Sportdag in de wijk",
        "text": "Veertig kinderen probeerden padel, boksen en yoga.",
        "alt_text": "Kinderen met rackets op een padelbaan",
        "consent_confirmed": "on",
        "published": "on",
        "photo": upload(image_bytes("JPEG", (2400, 1200), gps=True)) if photo is None else photo,
    }
    return {key: value for key, value in {**values, **fields}.items() if value is not None}


def test_the_lead_adds_a_story_and_the_stored_photo_is_small_and_without_exif(
    world, login, media_root
):
    response = login(world.users["lead"]).post(f"{PAGE}verhalen/nieuw/", story_data())

    assert response.status_code == 302
    story = CommunityStory.objects.get()
    assert story.published and story.published_at is not None
    stored = Image.open(story.photo.path)
    assert stored.size == (1600, 800) == (story.photo_width, story.photo_height)
    assert not stored.getexif().get_ifd(GPS_IFD) and not stored.getexif()
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"photo": upload(image_bytes("GIF"), name="foto.gif", content_type="image/gif")},
         "Dit is een GIF-bestand. Kies een foto in JPEG, PNG of WebP."),
        ({"photo": upload(b"%PDF-1.4 geen foto", name="foto.jpg")},
         "Dit bestand is geen foto die we kunnen lezen."),
        ({"photo": upload(b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1))},
         "De foto is te groot: hoogstens 5 MB."),
        ({"photo": ""}, "Kies een foto bij het verhaal."),
        ({"alt_text": ""}, "Beschrijf wat er op de foto te zien is, voor wie hem niet kan zien."),
        ({"consent_confirmed": None},
         "Bevestig dat de mensen op de foto toestemming gaven voor publicatie."),
        ({"text": "a" * 2001}, "2000 tekens"),
    ],
)  # fmt: skip
def test_a_bad_story_gets_a_dutch_error_and_nothing_is_saved(
    world, login, media_root, fields, message
):
    response = login(world.users["lead"]).post(f"{PAGE}verhalen/nieuw/", story_data(**fields))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommunityStory.objects.exists()
    assert stored_files(media_root) == []


def test_editing_a_story_without_a_new_photo_keeps_the_photo(world, login, media_root):
    client = login(world.users["lead"])
    client.post(f"{PAGE}verhalen/nieuw/", story_data())
    story = CommunityStory.objects.get()

    response = client.post(
        f"{PAGE}verhalen/{story.pk}/", story_data(photo="", title="Sportdag 2026")
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Sportdag 2026" and story.photo_width == 1600
    assert len(stored_files(media_root)) == 1


def test_the_lead_publishes_unpublishes_and_removes_a_story(world, login, media_root):
    client = login(world.users["lead"])
    client.post(f"{PAGE}verhalen/nieuw/", story_data(published=None))
    story = CommunityStory.objects.get()
    assert not story.published

    client.post(f"{PAGE}verhalen/{story.pk}/publiceren/", {"published": "1"})
    assert CommunityStory.objects.get().published
    client.post(f"{PAGE}verhalen/{story.pk}/publiceren/", {"published": "0"})
    assert not CommunityStory.objects.get().published

    client.post(f"{PAGE}verhalen/{story.pk}/verwijderen/")
    assert not CommunityStory.objects.exists()
    assert stored_files(media_root) == []


def test_a_member_may_not_publish(world, login, record):
    draft = record["draft"]

    response = login(world.users["member"]).post(
        f"{PAGE}verhalen/{draft.pk}/publiceren/", {"published": "1"}
    )

    assert response.status_code == 403
    assert not CommunityStory.objects.get(pk=draft.pk).published


# --- the photo ------------------------------------------------------------------------------


def photo_url(story):
    return f"/kantoren/kantoor-utrecht/verhalen/{story.pk}/foto.jpg"


def test_a_published_photo_is_public_as_a_jpeg(client, record):
    response = client.get(photo_url(record["published"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "JPEG"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 404), ("other_lead", 404), ("member", 403), ("lead", 200), ("pos", 200)],
)
def test_a_drafts_photo_is_for_its_keepers_only(world, client, record, persona, status):
    if persona != "anonymous":
        client.force_login(world.users[persona])

    response = client.get(photo_url(record["draft"]))

    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"


def test_a_photo_is_not_found_under_another_office(client, world):
    theirs = StoryFactory(office=world.other_office)

    assert client.get(photo_url(theirs)).status_code == 404


# --- the public page, the office page and the portal ----------------------------------------


def test_the_public_page_shows_totals_and_only_published_stories(client, record):
    page = client.get(PUBLIC).content.decode()

    assert '<h2 id="community-heading">Wat we doen voor de buurt</h2>' in page
    assert "<dt>Activiteiten</dt><dd>2</dd>" in page
    assert (
        '<th scope="row">Met zorg en welzijn</th><td class="num">1</td><td class="num">14</td>'
        in page
    )
    assert "Sportdag in de wijk" in page
    assert "Nog geheim verhaal" not in page
    published = record["published"]
    assert (
        f'<img src="{published.get_photo_url()}" width="40" height="30" '
        'alt="Kinderen met rackets op een padelbaan" loading="lazy" decoding="async">'
    ) in page


def test_an_office_with_nothing_for_the_community_shows_no_empty_block(client, world):
    assert "Wat we doen voor de buurt" not in client.get(PUBLIC).content.decode()


def test_the_public_page_queries_do_not_grow_with_stories(client, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    StoryFactory(office=world.office)
    client.get(PUBLIC)
    few = queries(client, PUBLIC)
    for _n in range(5):
        StoryFactory(office=world.office)
        ActivityFactory(office=world.office, held_on=RECENT)

    assert queries(client, PUBLIC) == few


def test_the_internal_office_page_shows_the_block_to_its_people(world, login, record):
    page = login(world.users["partner"]).get("/netwerk/kantoren/kantoor-utrecht/").content.decode()

    assert '<h2 id="community-heading">Wat we doen voor de buurt</h2>' in page
    assert "Sportdag in de wijk" in page and "Nog geheim verhaal" not in page
    assert f'href="{PAGE}"' in page


def test_the_portal_shows_each_offices_social_value(world, login, record):
    second = OfficeFactory(name="Kantoor Leidsche Rijn", municipalities=[world.utrecht])
    StoryFactory(office=second, title="Aangepast sporten in Leidsche Rijn")
    StoryFactory(office=world.other_office, title="Verhaal uit Zwolle")

    page = login(world.users["civil_servant"]).get(PORTAL).content.decode()

    assert page.count("<h3>Wat het kantoor doet voor de buurt</h3>") == 2
    assert "<dt>Deelnemers bereikt</dt><dd>74</dd>" in page
    assert "Sportdag in de wijk" in page and "Aangepast sporten in Leidsche Rijn" in page
    assert "Nog geheim verhaal" not in page and "Verhaal uit Zwolle" not in page


def test_removing_twice_says_it_was_already_removed(world, login, record):
    client = login(world.users["lead"])
    url = f"{PAGE}verhalen/{record['published'].pk}/verwijderen/"
    client.post(url)

    response = client.post(url, follow=True)

    assert "Dit verhaal was al verwijderd." in response.content.decode()
    assert CommunityStory.objects.filter(pk=record["draft"].pk).exists()


def test_a_member_may_not_remove_an_activity(world, login, record):
    activity = CommunityActivity.objects.first()

    response = login(world.users["member"]).post(f"{PAGE}activiteiten/{activity.pk}/verwijderen/")

    assert response.status_code == 403
    assert CommunityActivity.objects.filter(pk=activity.pk).exists()


def test_a_form_sent_twice_with_one_key_records_one_activity_and_one_story(world, login):
    client = login(world.users["lead"])
    key = str(uuid.uuid4())
    for _n in range(2):
        response = client.post(f"{PAGE}activiteiten/nieuw/", activity_data(_once=key))
        assert response.status_code == 302
    story_key = str(uuid.uuid4())
    for _n in range(2):
        response = client.post(f"{PAGE}verhalen/nieuw/", story_data(_once=story_key))
        assert response.status_code == 302

    assert CommunityActivity.objects.count() == 1
    assert CommunityStory.objects.count() == 1


def test_an_empty_record_says_so_and_still_links_to_the_page(world, login):
    client = login(world.users["member"])

    page = client.get(PAGE).content.decode()
    office_page = client.get("/netwerk/kantoren/kantoor-utrecht/").content.decode()

    assert "Er zijn nog geen activiteiten vastgelegd." in page
    assert "Er zijn nog geen verhalen." in page
    assert "nog geen activiteiten voor de buurt vastgelegd" in office_page
    assert f'href="{PAGE}"' in office_page


def test_the_activities_are_paged_25_at_a_time(world, login):
    for n in range(27):
        ActivityFactory(office=world.office, title=f"Les {n:02d}", held_on=RECENT)
    client = login(world.users["lead"])

    first = client.get(PAGE).content.decode()
    second = client.get(f"{PAGE}?pagina=2").content.decode()

    assert first.count('<th scope="row">Les ') == 25
    assert second.count('<th scope="row">Les ') == 2


@pytest.mark.parametrize(
    ("persona", "status"), [("other_lead", 403), ("member", 403), ("civil_servant", 403)]
)
def test_only_the_keepers_open_a_storys_form(world, login, record, persona, status):
    response = login(world.users[persona]).get(f"{PAGE}verhalen/{record['published'].pk}/")

    assert response.status_code == status


def test_another_offices_story_is_not_found_through_this_office(world, login):
    theirs = StoryFactory(office=world.other_office)

    response = login(world.users["lead"]).get(f"{PAGE}verhalen/{theirs.pk}/")

    assert response.status_code == 404


def test_the_public_block_is_in_english_after_the_language_switch(client, record):
    client.cookies["django_language"] = "en"

    page = client.get(PUBLIC).content.decode()

    assert "What we do for the community" in page
    assert "Participants reached" in page
    assert "With care and welfare" in page


def test_the_story_form_says_what_happens_to_the_photo(world, login):
    page = login(world.users["lead"]).get(f"{PAGE}verhalen/nieuw/").content.decode()

    assert 'accept="image/jpeg,image/png,image/webp"' in page
    assert "halen verborgen gegevens (zoals de GPS-locatie) eruit" in page
    assert 'enctype="multipart/form-data"' in page
