"""The demo's clubs and regional posts: fictitious clubs in the municipalities of A–E, some
linked to practices, a meeting and posts, and regional posts between two offices of one
province that a member of an office elsewhere does not see."""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import User
from kapstok.clubs import selectors
from kapstok.clubs.models import ClubMeeting, ClubPost, ClubPractice, SportsClub
from kapstok.home.tests.seeded_demo import demo_seeded_for_module, on_one_worker
from kapstok.network.models import Office
from kapstok.peers import rules as peers_rules
from kapstok.peers.models import ExchangePost

pytestmark = [pytest.mark.django_db, on_one_worker(__name__)]


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    with demo_seeded_for_module(django_db_blocker) as output:
        yield output


def test_every_office_a_to_e_has_fictitious_clubs_in_its_municipality():
    for email in ("lead-a@demo.invalid", "lead-e@demo.invalid"):
        office = Office.objects.get(contact_email=email)
        clubs = SportsClub.objects.filter(municipality__in=office.municipalities.all())
        assert clubs.count() >= 3, office
    assert SportsClub.objects.filter(is_demo=True).count() == 13
    emails = SportsClub.objects.exclude(secretary_email="").values_list(
        "secretary_email", flat=True
    )
    assert emails and all(email.endswith(".invalid") for email in emails)


def test_clubs_are_linked_to_practices_a_meeting_and_posts():
    sports_day = ClubPractice.objects.filter(practice__title__startswith="Lokale sportdag")
    assert {link.club.name for link in sports_day} == {
        "Hockeyclub De Buizerd",
        "Badmintonclub De Mus",
    }
    assert ClubMeeting.objects.exists()
    assert ClubPost.objects.count() == 2


def test_regional_posts_reach_the_neighbour_office_not_an_office_elsewhere():
    member_a = viewer_for(User.objects.get(email="member-a@demo.invalid"))
    regional = peers_rules.regional_posts_visible_to(member_a)
    offices = {post.office.name for post in regional}
    assert len(offices) == 2  # A's own and its neighbour's
    own = regional.filter(office__contact_email="lead-a@demo.invalid")
    assert [post.kind for post in own] == ["question"]  # A's board keeps its own story
    neighbour_posts = ExchangePost.objects.filter(office__name__in=offices).exclude(
        office__contact_email="lead-a@demo.invalid"
    )
    assert neighbour_posts.filter(is_regional=False).exists()  # kept inside that office
    assert not regional.filter(is_regional=False).exists()
    provinces = peers_rules.provinces_of(peers_rules.offices_of_people(member_a))
    elsewhere = (
        Office.objects.filter(is_demo=True)
        .exclude(municipalities__province__in=provinces)
        .order_by("name")
        .first()
    )
    lead = User.objects.get(email=f"lead-{elsewhere.slug}@demo.invalid")
    assert (
        not peers_rules.regional_posts_visible_to(viewer_for(lead))
        .filter(office__name__in=offices)
        .exists()
    )


def test_the_pages_of_the_demo_clubs_answer_for_the_demo_personas(client):
    club = SportsClub.objects.get(name="Hockeyclub De Wielewaal")
    for email in ("pos@demo.invalid", "gemeente-a@demo.invalid", "member-a@demo.invalid"):
        client.force_login(User.objects.get(email=email))
        assert client.get("/netwerk/sportverenigingen/").status_code == 200
        page = client.get(club.get_absolute_url())
        assert page.status_code == 200
        assert selectors.club_links(viewer_for(page.wsgi_request.user), club).total >= 1
    client.force_login(User.objects.get(email="member-a@demo.invalid"))
    assert client.get("/netwerk/uitwisselbord/regio/").status_code == 200
