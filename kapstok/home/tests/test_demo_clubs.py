"""The demo's clubs and regional posts (`kapstok.home.demo_clubs`), on the small test world:
every letter's clubs imported without a skipped row, rebuilt rather than doubled, and the
regional posts only when the office has a neighbour in its province."""

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.clubs.models import ClubPost, SportsClub
from kapstok.home import demo_clubs
from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.network.models import Office
from kapstok.peers.exchange import post_create
from kapstok.peers.models import ExchangePost

LETTERS = ("A", "B", "C", "D", "E")


@pytest.fixture
def demo_world(world):
    member_a = UserFactory(email="member-a@demo.invalid", full_name="Marieke Mulder")
    grant_role(user=member_a, role=Role.MEMBER, scope=world.member_entrepreneur)
    world.question = post_create(
        office=world.office, author=member_a, kind="question", topic="knowledge",
        title="Btw-regels?", body="",
    )  # fmt: skip
    world.offices = {letter: world.office for letter in LETTERS}
    return world


def seed_clubs(world):
    return demo_clubs.clubs_seed(offices=world.offices, pos=world.users["pos"])


@pytest.mark.django_db
def test_every_demo_club_is_imported_and_marked_as_demo(demo_world):
    clubs = seed_clubs(demo_world)

    expected = sum(len(rows) for rows in demo_clubs.CLUBS.values())
    assert len(clubs) == expected == SportsClub.objects.filter(is_demo=True).count()
    hockey = clubs["Hockeyclub De Wielewaal"]
    assert hockey.municipality == demo_world.utrecht
    assert hockey.secretary_email == "secretariaat@hcdewielewaal.invalid"
    assert "Hockey" in hockey.other_sports


@pytest.mark.django_db
def test_seeding_again_rebuilds_the_demo_clubs_and_keeps_real_ones(demo_world):
    seed_clubs(demo_world)
    real = SportsClub.objects.create(name="Echte Club", municipality=demo_world.zwolle)

    seed_clubs(demo_world)

    assert SportsClub.objects.filter(is_demo=True).count() == sum(
        len(rows) for rows in demo_clubs.CLUBS.values()
    )
    assert SportsClub.objects.filter(pk=real.pk).exists()


@pytest.mark.django_db
def test_without_a_neighbour_only_a_s_question_opens_to_the_region(demo_world):
    clubs = seed_clubs(demo_world)

    demo_clubs.regional_seed(offices=demo_world.offices, clubs=clubs)

    demo_world.question.refresh_from_db()
    assert demo_world.question.is_regional is True
    assert ExchangePost.objects.count() == 1
    assert not ClubPost.objects.exists()


@pytest.mark.django_db
def test_a_neighbour_in_the_province_shares_an_offer_and_a_request_with_the_region(demo_world):
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", province="Utrecht")
    neighbour = OfficeFactory(
        name="Kantoor Amersfoort", slug="kantoor-amersfoort", municipalities=[amersfoort]
    )
    Office.objects.filter(pk=neighbour.pk).update(is_demo=True)  # neighbours are demo offices
    lead = UserFactory(email="lead-kantoor-amersfoort@demo.invalid", full_name="Anja")
    grant_role(user=lead, role=Role.LEAD, scope=neighbour)
    clubs = seed_clubs(demo_world)

    assert demo_clubs.neighbour_of(demo_world.office) == neighbour
    demo_clubs.regional_seed(offices=demo_world.offices, clubs=clubs)

    posts = ExchangePost.objects.filter(office=neighbour)
    assert sorted(posts.filter(is_regional=True).values_list("kind", flat=True)) == [
        "offer",
        "request",
    ]
    assert posts.filter(is_regional=False).count() == 1
    offer = posts.get(kind="offer")
    assert offer.replies.get().author.email == "member-a@demo.invalid"
    assert ClubPost.objects.get().club.name == "Zwemvereniging De Zeehond"
    assert demo_clubs.neighbour_of(demo_world.other_office) is None  # Zwolle: alone
