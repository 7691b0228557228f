"""POS sees which offices have a landscape and how old each is; an office without one is told
how to get it (issue #18).

The list puts the offices without a landscape first, then the oldest, so POS knows whom to
ask for a (new) KvK export; the coverage page of an office without one tells its lead the steps
and links the import, and tells everyone else whom to ask.
"""

import datetime

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.network.factories import OfficeFactory
from kapstok.network.models import OfficeStatus
from kapstok.representation import rules, selectors
from kapstok.representation.factories import LandscapeBusinessFactory

pytestmark = pytest.mark.django_db

LANDSCAPES = "/netwerk/afspiegeling/landschappen/"
OFFICE = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"
NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


def read(office, days_ago: int, count: int = 1):
    when = NOW - datetime.timedelta(days=days_ago)
    return [
        LandscapeBusinessFactory(office=office, first_imported_at=when, last_imported_at=when)
        for _n in range(count)
    ]


@pytest.fixture
def arnhem(world):
    return OfficeFactory(
        name="Kantoor Arnhem", slug="kantoor-arnhem", municipalities=[world.zwolle]
    )


# --- the selector ----------------------------------------------------------------------------


def test_offices_without_a_landscape_come_first_then_the_oldest(world, arnhem):
    read(world.office, days_ago=20, count=3)
    read(arnhem, days_ago=400)
    statuses = selectors.landscape_statuses(NOW)
    assert [s.office for s in statuses] == [world.other_office, arnhem, world.office]
    assert [s.state for s in statuses] == ["none", "stale", "current"]
    assert [s.age_days for s in statuses] == [None, 400, 20]
    assert [s.businesses for s in statuses] == [0, 1, 3]


def test_the_age_is_that_of_the_latest_read_of_any_of_its_businesses(world):
    read(world.office, days_ago=500)
    read(world.office, days_ago=3)
    status = next(s for s in selectors.landscape_statuses(NOW) if s.office == world.office)
    assert status.age_days == 3 and status.state == "current"


def test_a_landscape_of_exactly_a_year_is_still_current_a_day_more_is_stale(world, arnhem):
    read(world.office, days_ago=selectors.STALE_AFTER_DAYS)
    read(arnhem, days_ago=selectors.STALE_AFTER_DAYS + 1)
    states = {s.office: s.state for s in selectors.landscape_statuses(NOW)}
    assert states[world.office] == "current" and states[arnhem] == "stale"


def test_dissolved_offices_are_left_out(world, arnhem):
    arnhem.status = OfficeStatus.DISSOLVED
    arnhem.save()
    assert arnhem not in {s.office for s in selectors.landscape_statuses(NOW)}


def test_the_list_takes_one_query_whatever_the_number_of_offices(
    world, arnhem, django_assert_num_queries
):
    read(world.office, days_ago=5, count=4)
    read(arnhem, days_ago=50, count=2)
    with django_assert_num_queries(1):
        assert len(selectors.landscape_statuses(NOW)) == 3


# --- who may see it --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("pos", True),
        ("admin", True),
        ("lead", False),
        ("member", False),
        ("civil_servant", False),
        ("partner", False),
        ("researcher", False),
        ("outsider", False),
    ],
)
def test_only_pos_sees_the_landscapes_of_all_offices(world, persona, allowed):
    assert rules.can_view_landscape_status(viewer_for(world.users[persona])) is allowed


@pytest.mark.parametrize("persona", ["lead", "civil_servant", "researcher", "member"])
def test_the_page_refuses_everyone_but_pos(world, login, persona):
    assert login(world.users[persona]).get(LANDSCAPES).status_code == 403


# --- the page --------------------------------------------------------------------------------


def test_pos_sees_each_office_with_its_state_age_and_lead(
    world, login, arnhem, django_assert_max_num_queries
):
    world.other_office.contact_name = "Olga Andere-Kartrekker"
    world.other_office.contact_email = "olga@example.invalid"
    world.other_office.save()
    read(world.office, days_ago=10, count=2)
    read(arnhem, days_ago=420)
    client = login(world.users["pos"])
    with django_assert_max_num_queries(12):
        response = client.get(LANDSCAPES)
    html = response.content.decode()
    assert response.status_code == 200
    assert [s.office for s in response.context["statuses"]][0] == world.other_office
    assert (response.context["without"], response.context["stale"]) == (1, 1)
    for text in ("geen landschap", "ouder dan een jaar", "actueel", "mailto:olga@example.invalid"):
        assert text in html
    assert (
        html.index("Kantoor Zwolle") < html.index("Kantoor Arnhem") < html.index("Kantoor Utrecht")
    )
    assert f'href="{OFFICE}"' in html


def test_the_national_view_links_the_list_of_landscapes(world, login):
    html = login(world.users["pos"]).get("/netwerk/afspiegeling/").content.decode()
    assert f'href="{LANDSCAPES}"' in html


def test_pos_finds_the_list_among_the_pages_of_the_start_page(world):
    from kapstok.home.todo import main_pages

    pos = world.users["pos"]
    assert LANDSCAPES in [page.url for page in main_pages(viewer_for(pos), pos)]
    lead = world.users["lead"]
    assert LANDSCAPES not in [page.url for page in main_pages(viewer_for(lead), lead)]


def test_the_start_page_item_about_missing_landscapes_leads_to_the_list(world):
    read(world.office, days_ago=10)
    items = selectors.offices_without_landscape(viewer_for(world.users["pos"]))
    assert [item.url for item in items] == [LANDSCAPES]
    assert "Kantoor Zwolle" in items[0].detail


# --- an office without a landscape is told how to get one --------------------------------------


def test_the_lead_of_an_office_without_landscape_gets_the_kvk_steps_and_the_import(world, login):
    html = login(world.users["lead"]).get(OFFICE).content.decode()
    assert "Zo komt u aan een sportlandschap" in html
    assert "Handelsregister" in html and "Utrecht" in html and "93.1" in html
    assert f'href="{OFFICE}importeren/"' in html


def test_the_municipality_is_told_to_ask_the_lead_and_gets_no_import_link(world, login):
    world.office.contact_name = "Kees Kartrekker"
    world.office.contact_email = "kees@example.invalid"
    world.office.save()
    html = login(world.users["civil_servant"]).get(OFFICE).content.decode()
    assert "Vraag de kartrekker, Kees Kartrekker (kees@example.invalid)" in html
    assert "Zo komt u aan een sportlandschap" not in html
    assert f'href="{OFFICE}importeren/"' not in html


def test_without_a_contact_the_municipality_is_told_to_ask_the_offices_lead(world, login):
    world.office.contact_name = world.office.contact_email = ""
    world.office.save()
    html = login(world.users["civil_servant"]).get(OFFICE).content.decode()
    assert "Vraag de kartrekker van het kantoor" in html


def test_an_office_with_a_landscape_shows_no_steps(world, login):
    read(world.office, days_ago=10)
    html = login(world.users["lead"]).get(OFFICE).content.decode()
    assert "Zo komt u aan een sportlandschap" not in html
