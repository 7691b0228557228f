"""The club pages: the registry, a club with its links, registering, importing, linking.

Who may do what is in `test_rules.py` and the access matrix; here, what each page shows and
does, that bad input gets a Dutch error and saves nothing, and the queries per page.
"""

import datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kapstok.clubs.models import ClubMeeting, ClubPost, ClubPractice, SportsClub
from kapstok.clubs.services import club_link
from kapstok.peers.models import ExchangePost, Meeting, Practice

CLUBS = "/netwerk/sportverenigingen/"


def practice_of(office, title="Sportdag op het plein", visibility="internal"):
    return Practice.objects.create(
        office=office, title=title, what="Veertig proeflessen.", status="published",
        visibility=visibility,
    )  # fmt: skip


def meeting_for(office):
    meeting = Meeting.objects.create(
        scope="regional",
        title="Regiobijeenkomst Utrecht",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=2),
    )
    meeting.invited_offices.add(office)
    return meeting


@pytest.mark.django_db
def test_the_registry_lists_clubs_with_municipality_sports_and_link_count(
    club_world, login, django_assert_max_num_queries
):
    club_link(
        club=club_world.hockey, kind="practice", target=practice_of(club_world.office), user=None
    )
    club_world.hockey.other_sports = "Hockey"
    club_world.hockey.save()
    client = login(club_world.users["member"])

    with django_assert_max_num_queries(12):
        page = client.get(CLUBS)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Hockeyclub De Wielewaal" in text and "Roeivereniging De Fuut" in text
    assert "Hockey" in text
    assert "Vereniging toevoegen" not in text  # a member does not manage clubs
    counts = {club.name: club.link_count for club in page.context["page"].object_list}
    assert counts == {"Hockeyclub De Wielewaal": 1, "Roeivereniging De Fuut": 0}


@pytest.mark.django_db
def test_the_registry_filters_on_municipality_sport_and_name(club_world, login):
    client = login(club_world.users["pos"])

    by_place = client.get(CLUBS, {"gemeente": club_world.zwolle.pk})
    by_name = client.get(CLUBS, {"q": "wielewaal"})

    assert [c.name for c in by_place.context["page"].object_list] == ["Roeivereniging De Fuut"]
    assert [c.name for c in by_name.context["page"].object_list] == ["Hockeyclub De Wielewaal"]


@pytest.mark.django_db
def test_the_club_page_shows_the_secretary_only_to_who_manages_the_club(club_world, login):
    url = club_world.hockey.get_absolute_url()

    as_civil_servant = login(club_world.users["civil_servant"]).get(url).content.decode()
    as_member = login(club_world.users["member"]).get(url).content.decode()

    assert "secretariaat@wielewaal.invalid" in as_civil_servant
    assert "Koppelen" in as_civil_servant
    assert "secretariaat@wielewaal.invalid" not in as_member
    assert "https://wielewaal.invalid" in as_member
    assert "Koppelen" not in as_member


@pytest.mark.django_db
def test_the_club_page_names_only_links_the_viewer_may_open(
    club_world, login, django_assert_max_num_queries
):
    internal = practice_of(club_world.office, "Samen energie inkopen")
    post = ExchangePost.objects.create(
        office=club_world.office,
        author=club_world.users["lead"],
        kind="offer",
        topic="space",
        title="Zaal vrij",
    )
    meeting = meeting_for(club_world.office)
    for kind, target in (("practice", internal), ("post", post), ("meeting", meeting)):
        club_link(club=club_world.hockey, kind=kind, target=target, user=None)
    url = club_world.hockey.get_absolute_url()

    client = login(club_world.users["member"])
    with django_assert_max_num_queries(22):
        as_member = client.get(url)
    as_civil_servant = login(club_world.users["civil_servant"]).get(url)

    links = as_member.context["links"]
    assert (links.practices, links.posts, links.meetings, links.hidden) == (
        [internal],
        [post],
        [meeting],
        0,
    )
    seen = as_civil_servant.context["links"]  # no internal practices, no exchange board
    assert (seen.practices, seen.posts, seen.meetings, seen.hidden) == ([], [], [meeting], 2)
    assert "Zaal vrij" not in as_civil_servant.content.decode()
    assert "Nog 2 koppelingen" in as_civil_servant.content.decode()


@pytest.mark.django_db
def test_a_civil_servant_registers_a_club_of_their_municipality(club_world, login):
    client = login(club_world.users["civil_servant"])
    form = client.get(f"{CLUBS}nieuw/").context["form"]
    assert list(form.fields["municipality"].queryset) == [club_world.utrecht]

    answer = client.post(
        f"{CLUBS}nieuw/",
        {
            "name": "  Tennisclub  De Zwaluw ",
            "municipality": club_world.utrecht.pk,
            "other_sports": "",
            "website": "zwaluw.invalid",
            "secretary_email": "info@zwaluw.invalid",
            "kvk_number": "",
        },
    )

    club = SportsClub.objects.get(name="Tennisclub De Zwaluw")
    assert answer.status_code == 302 and answer.url == club.get_absolute_url()
    assert club.website == "https://zwaluw.invalid"
    assert club.created_by == club_world.users["civil_servant"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({"name": "hockeyclub de wielewaal"}, "name", "al een vereniging met deze naam"),
        ({"name": ""}, "name", "Dit veld is verplicht"),
        ({"kvk_number": "12ab"}, "kvk_number", "Een KvK-nummer bestaat uit 8 cijfers."),
        ({"secretary_email": "geen"}, "secretary_email", "geldig e-mailadres"),
        ({"municipality": "zwolle"}, "municipality", "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gets_a_dutch_error_and_saves_nothing(club_world, login, fields, field, error):
    client = login(club_world.users["civil_servant"])
    data = {"name": "Nieuwe Club", "municipality": club_world.utrecht.pk, **fields}
    if data["municipality"] == "zwolle":
        data["municipality"] = club_world.zwolle.pk
    before = SportsClub.objects.count()

    page = client.post(f"{CLUBS}nieuw/", data)

    errors = page.context["form"].errors
    assert page.status_code == 200
    assert error in " ".join(errors.get(field, []) + errors.get("__all__", []))
    assert SportsClub.objects.count() == before


@pytest.mark.django_db
def test_editing_keeps_one_club_per_name_and_municipality(club_world, login):
    client = login(club_world.users["pos"])
    url = f"{CLUBS}{club_world.rowing.pk}/bewerken/"

    renamed = client.post(
        url, {"name": "Roeivereniging De Fuut 1910", "municipality": club_world.zwolle.pk}
    )

    club_world.rowing.refresh_from_db()
    assert renamed.status_code == 302
    assert club_world.rowing.name == "Roeivereniging De Fuut 1910"


@pytest.mark.django_db
def test_the_import_page_shows_the_report_of_skipped_rows(club_world, login):
    client = login(club_world.users["civil_servant"])
    data = "naam;gemeente\nDe Mees;Utrecht\nDe Kraai;Zwolle\n;Utrecht\n".encode("cp1252")
    upload = SimpleUploadedFile("clubs.csv", data, content_type="text/csv")

    page = client.post(f"{CLUBS}importeren/", {"file": upload})

    text = page.content.decode()
    assert page.status_code == 200
    assert page.context["report"].created == 1
    assert "gemeente Zwolle is niet van u" in text
    assert "naam ontbreekt" in text
    assert "2 rijen overgeslagen" in text
    assert SportsClub.objects.filter(name="De Mees").exists()


@pytest.mark.django_db
def test_checking_a_file_on_the_page_stores_nothing(club_world, login):
    client = login(club_world.users["pos"])
    upload = SimpleUploadedFile("clubs.csv", b"naam;gemeente\nDe Kievit;Utrecht\n")

    page = client.post(f"{CLUBS}importeren/", {"file": upload, "check_only": "on"})

    assert "nog niets opgeslagen" in page.content.decode()
    assert not SportsClub.objects.filter(name="De Kievit").exists()


@pytest.mark.django_db
def test_an_unreadable_file_is_a_dutch_error_at_the_field(club_world, login):
    client = login(club_world.users["pos"])
    upload = SimpleUploadedFile("oud.xls", b"\xd0\xcf\x11\xe0oud")

    page = client.post(f"{CLUBS}importeren/", {"file": upload})

    assert "oud Excel-bestand" in " ".join(page.context["form"].errors["file"])
    assert page.context["report"] is None


@pytest.mark.django_db
def test_a_lead_links_a_club_to_a_practice_and_unlinks_it(club_world, login):
    practice = practice_of(club_world.office)
    client = login(club_world.users["lead"])
    url = club_world.hockey.get_absolute_url()

    client.post(f"{url}koppelen/", {"practice": practice.pk})
    again = client.post(f"{url}koppelen/", {"practice": practice.pk}, follow=True)

    assert ClubPractice.objects.filter(club=club_world.hockey, practice=practice).count() == 1
    assert "Deze koppeling bestond al." in again.content.decode()
    client.post(f"{url}ontkoppelen/practice/{practice.pk}/")
    assert not ClubPractice.objects.exists()


@pytest.mark.django_db
def test_linking_needs_exactly_one_target_the_viewer_may_read(club_world, login):
    hidden = ExchangePost.objects.create(
        office=club_world.other_office,
        author=club_world.users["other_lead"],
        kind="offer",
        topic="space",
        title="Zwolle intern",
    )
    practice = practice_of(club_world.office)
    client = login(club_world.users["lead"])
    url = f"{club_world.hockey.get_absolute_url()}koppelen/"

    none = client.post(url, {}, follow=True)
    meeting = meeting_for(club_world.office)
    two = client.post(url, {"practice": practice.pk, "meeting": meeting.pk}, follow=True)
    other = client.post(url, {"post": hidden.pk}, follow=True)

    assert "Kies één praktijkvoorbeeld" in none.content.decode()
    assert "Kies één praktijkvoorbeeld" in two.content.decode()
    assert "niet (meer) mogelijk" in other.content.decode()
    assert not ClubPost.objects.exists() and not ClubPractice.objects.exists()


@pytest.mark.django_db
def test_deleting_a_club_removes_its_links_not_the_practice(club_world, login):
    practice = practice_of(club_world.office)
    club_link(club=club_world.hockey, kind="practice", target=practice, user=None)
    client = login(club_world.users["civil_servant"])
    url = f"{club_world.hockey.get_absolute_url()}verwijderen/"

    question = client.get(url)
    answer = client.post(url)

    assert "De vereniging en 1 koppeling verdwijnen." in question.content.decode()
    assert answer.status_code == 302
    assert not SportsClub.objects.filter(pk=club_world.hockey.pk).exists()
    assert Practice.objects.filter(pk=practice.pk).exists()


@pytest.mark.django_db
def test_the_practice_meeting_and_post_pages_show_their_clubs(club_world, login):
    practice = practice_of(club_world.office)
    meeting = meeting_for(club_world.office)
    post = ExchangePost.objects.create(
        office=club_world.office,
        author=club_world.users["lead"],
        kind="offer",
        topic="space",
        title="Zaal vrij",
    )
    for kind, target in (("practice", practice), ("meeting", meeting), ("post", post)):
        club_link(club=club_world.hockey, kind=kind, target=target, user=None)
    client = login(club_world.users["member"])

    pages = [client.get(practice.get_absolute_url()), client.get(meeting.get_absolute_url())]
    pages.append(client.get(post.get_absolute_url()))

    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200
        assert "Sportverenigingen" in text
        assert f'href="{club_world.hockey.get_absolute_url()}"' in text
    assert ClubMeeting.objects.count() == 1


@pytest.mark.django_db
def test_a_page_without_linked_clubs_has_no_clubs_section(club_world, login):
    practice = practice_of(club_world.office)

    page = login(club_world.users["member"]).get(practice.get_absolute_url())

    assert page.context["page_parts"] == []
    assert 'id="clubs-heading"' not in page.content.decode()


@pytest.mark.django_db
def test_the_import_page_says_for_which_municipalities_one_may_import(club_world, login):
    lead_page = login(club_world.users["lead"]).get(f"{CLUBS}importeren/").content.decode()
    pos_page = login(club_world.users["pos"]).get(f"{CLUBS}importeren/").content.decode()

    assert "U kunt verenigingen importeren in: Utrecht." in lead_page
    assert "U kunt verenigingen in alle gemeenten importeren." in pos_page


@pytest.mark.django_db
def test_the_registry_pages_through_many_clubs_and_ignores_a_bad_filter(club_world, login):
    for n in range(55):
        SportsClub.objects.create(name=f"Club {n:02d}", municipality=club_world.utrecht)
    client = login(club_world.users["member"])

    first = client.get(CLUBS, {"gemeente": "abc"})
    second = client.get(CLUBS, {"pagina": 2})

    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 7
    assert "pagina=2" in first.content.decode()


@pytest.mark.django_db
def test_unlinking_an_unknown_kind_changes_nothing(club_world, login):
    practice = practice_of(club_world.office)
    club_link(club=club_world.hockey, kind="practice", target=practice, user=None)
    client = login(club_world.users["lead"])

    answer = client.post(f"{club_world.hockey.get_absolute_url()}ontkoppelen/office/{practice.pk}/")

    assert answer.status_code == 302
    assert ClubPractice.objects.count() == 1


@pytest.mark.django_db
def test_a_regional_post_shows_the_way_back_to_the_right_board(club_world, login):
    post = ExchangePost.objects.create(
        office=club_world.office,
        author=club_world.users["lead"],
        kind="offer",
        topic="space",
        title="Zaal vrij",
        is_regional=True,
    )

    own = login(club_world.users["member"]).get(post.get_absolute_url()).content.decode()
    region = login(club_world.users["region_member"]).get(post.get_absolute_url())

    assert "/netwerk/kantoren/kantoor-utrecht/uitwisselbord/" in own
    assert "/netwerk/uitwisselbord/regio/" in region.content.decode()
    assert "gedeeld met de kantoren in de regio" in region.content.decode()
    assert region.context["can_solve"] is False
