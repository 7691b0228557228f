"""The demo for connecting offices: practices of office E, the 200 m² story, meetings, regions."""

import pytest

from kapstok.analysis.regions import MAX_SIZE
from kapstok.home.tests.seeded_demo import demo_seeded_for_module, on_one_worker
from kapstok.network.models import Office
from kapstok.peers.models import ExchangePost, Meeting, Practice, Region
from kapstok.peers.search import search
from kapstok.peers.selectors import peers_of

pytestmark = [pytest.mark.django_db, on_one_worker(__name__)]


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    with demo_seeded_for_module(django_db_blocker) as output:
        yield output


def test_office_e_shares_its_roadside_sign_and_sports_day():
    titles = set(
        Practice.objects.filter(office__name__endswith="Venlo").values_list("title", flat=True)
    )
    assert {"Bord langs de invalsweg", "Lokale sportdag op het marktplein"} <= titles
    assert list(search(Practice.objects.all(), "sportdagen").values_list("title", flat=True)) == [
        "Lokale sportdag op het marktplein"
    ]


def test_the_space_sharing_story_is_on_the_board():
    offer = ExchangePost.objects.get(title__startswith="200 m²")
    assert offer.replies.exists()
    assert ExchangePost.objects.filter(kind="request", topic="space", solved_at__isnull=False)


def test_regions_cover_the_offices_in_groups_of_at_most_eight():
    sizes = [region.offices.count() for region in Region.objects.all()]
    assert sizes and all(2 <= size <= MAX_SIZE for size in sizes)


def test_meetings_of_every_scope():
    assert set(Meeting.objects.values_list("scope", flat=True)) == {
        "national",
        "regional",
        "office",
    }


def test_every_demo_office_has_five_peers_with_reasons():
    office = Office.objects.get(name__endswith="Venlo")
    rows = peers_of(office)
    assert len(rows) == 5 and all(row["reasons"] for row in rows)
