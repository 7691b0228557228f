"""Writing clubs and links (`kapstok.clubs.services`), and the link form's choices."""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.clubs import rules, services
from kapstok.clubs.factories import SportsClubFactory
from kapstok.clubs.forms import ClubLinkForm
from kapstok.clubs.models import ClubPractice, SportsClub
from kapstok.network.models import SportBranch
from kapstok.peers import page_parts
from kapstok.peers.models import ExchangePost, Practice


def practice_of(office, title="Sportdag"):
    return Practice.objects.create(office=office, title=title, what="Iets.", status="published")


@pytest.mark.django_db
def test_saving_a_new_club_tidies_its_name_and_sets_its_sports(club_world):
    tennis = SportBranch.objects.get(slug="tennis")
    club = SportsClub(name="  TC   De Zwaluw ", municipality=club_world.utrecht)

    services.club_save(club=club, sports=[tennis], user=club_world.users["lead"])

    club.refresh_from_db()
    assert club.name == "TC De Zwaluw"
    assert list(club.sports.all()) == [tennis]
    assert club.created_by == club_world.users["lead"]


@pytest.mark.django_db
def test_the_same_name_in_the_same_municipality_is_refused_in_any_case(club_world):
    twin = SportsClub(name="HOCKEYCLUB  de wielewaal", municipality=club_world.utrecht)

    with pytest.raises(services.ClubError, match="al een vereniging met deze naam"):
        services.club_save(club=twin, sports=[], user=None)

    assert SportsClub.objects.filter(municipality=club_world.utrecht).count() == 1


@pytest.mark.django_db
def test_the_same_name_elsewhere_is_another_club(club_world):
    club = SportsClub(name="Hockeyclub De Wielewaal", municipality=club_world.zwolle)

    services.club_save(club=club, sports=[], user=None)

    assert SportsClub.objects.filter(name="Hockeyclub De Wielewaal").count() == 2


@pytest.mark.django_db
def test_editing_a_club_keeps_its_creator_and_may_keep_its_own_name(club_world):
    club = club_world.hockey
    club.created_by = club_world.users["pos"]
    club.save()
    club.website = "https://nieuw.invalid"

    services.club_save(club=club, sports=[], user=club_world.users["civil_servant"])

    club.refresh_from_db()
    assert club.website == "https://nieuw.invalid"
    assert club.created_by == club_world.users["pos"]


@pytest.mark.django_db
def test_linking_twice_keeps_one_link_and_unlinking_says_whether_there_was_one(club_world):
    practice = practice_of(club_world.office)

    first = services.club_link(club=club_world.hockey, kind="practice", target=practice, user=None)
    second = services.club_link(club=club_world.hockey, kind="practice", target=practice, user=None)

    assert (first, second) == (True, False)
    assert ClubPractice.objects.count() == 1
    assert services.club_unlink(club=club_world.hockey, kind="practice", target_id=practice.pk)
    assert not services.club_unlink(club=club_world.hockey, kind="practice", target_id=practice.pk)


@pytest.mark.django_db
def test_deleting_a_practice_removes_its_club_links_not_the_club(club_world):
    practice = practice_of(club_world.office)
    services.club_link(club=club_world.hockey, kind="practice", target=practice, user=None)

    practice.delete()

    assert SportsClub.objects.filter(pk=club_world.hockey.pk).exists()
    assert not ClubPractice.objects.exists()


@pytest.mark.django_db
def test_the_link_form_offers_only_what_the_person_may_read(club_world):
    own = practice_of(club_world.office, "Eigen voorbeeld")
    other_internal = practice_of(club_world.other_office, "Zwolle intern")
    own_post = ExchangePost.objects.create(
        office=club_world.office, kind="offer", topic="space", title="Zaal"
    )
    ExchangePost.objects.create(
        office=club_world.other_office, kind="offer", topic="space", title="Zwolle zaal"
    )
    lead = viewer_for(club_world.users["lead"])

    form = ClubLinkForm(
        practices=rules.linkable_practices(lead),
        meetings=rules.linkable_meetings(lead),
        posts=rules.linkable_posts(lead),
    )

    practices = dict(form.fields["practice"].choices)
    posts = dict(form.fields["post"].choices)
    assert own.pk in practices and other_internal.pk in practices  # the network reads both
    assert list(posts) == ["", own_post.pk]
    assert form.fields["meeting"].choices == [("", "—")]


@pytest.mark.django_db
def test_the_link_form_needs_exactly_one_choice(club_world):
    practice = practice_of(club_world.office)
    post = ExchangePost.objects.create(
        office=club_world.office, kind="offer", topic="space", title="Zaal"
    )

    def form(data):
        return ClubLinkForm(data, practices=[practice], meetings=[], posts=[post])

    one = form({"practice": practice.pk})
    assert one.is_valid() and one.cleaned_data["target"] == practice
    assert one.cleaned_data["kind"] == "practice"
    assert not form({}).is_valid()
    assert not form({"practice": practice.pk, "post": post.pk}).is_valid()
    assert not form({"practice": practice.pk + 1000}).is_valid()


@pytest.mark.django_db
def test_the_clubs_part_of_a_page_lists_linked_clubs_and_whether_they_open(club_world):
    practice = practice_of(club_world.office)
    other = SportsClubFactory(name="Atletiekvereniging De Haas", municipality=club_world.utrecht)
    for club in (club_world.hockey, other):
        services.club_link(club=club, kind="practice", target=practice, user=None)

    member = page_parts.parts_for("practice", practice, viewer_for(club_world.users["member"]))
    researcher = page_parts.parts_for(
        "practice", practice, viewer_for(club_world.users["researcher"])
    )

    assert [club.name for club in member[0]["clubs"]] == [
        "Atletiekvereniging De Haas",
        "Hockeyclub De Wielewaal",
    ]
    assert member[0]["can_open"] is True and researcher[0]["can_open"] is False
    assert page_parts.parts_for("practice", practice_of(club_world.office, "Leeg"), None) == []


def test_the_page_parts_registry_knows_its_kinds():
    with pytest.raises(ValueError):
        page_parts.parts_for("office", object(), None)
    before = page_parts.registered()
    page_parts.register_page_part(before[0])  # registering twice adds nothing
    assert page_parts.registered() == before
