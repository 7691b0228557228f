"""The portal at national scale (issue #19): each office's card lists the first visible
businesses and links to the full list, a page at a time; the offices' figures come from a
cache of at most a minute that any write makes stale, and always equal the figures computed
from scratch."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.core.generation import generation_bump, generation_current
from kapstok.goals.factories import GoalFactory
from kapstok.municipality import selectors
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.network.models import Office, SportBranch
from kapstok.representation.factories import LandscapeBusinessFactory
from kapstok.trust.consent import municipality_contact_set

pytestmark = pytest.mark.django_db
PORTAL = "/netwerk/gemeenteportaal/GM0344/"
FULL_LIST = "/netwerk/gemeenteportaal/GM0344/kantoor-utrecht/ondernemers/"


def listed_members(world, count, *, prefix="Zaak"):
    """`count` businesses listed publicly in Kantoor Utrecht, named in alphabetical order."""
    fitness = SportBranch.objects.get(slug="fitness")
    for n in range(1, count + 1):
        entrepreneur = EntrepreneurFactory(business_name=f"{prefix} {n:03d}", branches=[fitness])
        MembershipFactory(office=world.office, entrepreneur=entrepreneur, listed_publicly=True)


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


# --- the first businesses on the portal, the rest one link away -----------------------------


def test_the_portal_lists_the_first_ten_by_name_and_links_to_all(world, login):
    listed_members(world, selectors.PORTAL_MEMBERS + 2)
    page = html(login(world.users["civil_servant"]).get(PORTAL))
    assert "Zaak 001" in page and "Zaak 010" in page
    assert "Zaak 011" not in page and "Zaak 012" not in page
    assert f'href="{FULL_LIST}"' in page
    assert "Alle 12 zichtbare ondernemers" in page


def test_a_card_with_ten_or_fewer_businesses_has_no_link_to_more(world, login):
    listed_members(world, selectors.PORTAL_MEMBERS)
    page = html(login(world.users["civil_servant"]).get(PORTAL))
    assert "Zaak 010" in page
    assert FULL_LIST not in page


def test_the_first_ten_are_counted_per_office(world):
    listed_members(world, 12)
    other = OfficeFactory(municipalities=[world.utrecht])
    MembershipFactory(office=other, listed_publicly=True)
    found = selectors.visible_members_first([world.office.pk, other.pk], world.utrecht.pk, 10)
    assert [len(found[pk]["members"]) for pk in (world.office.pk, other.pk)] == [10, 1]
    assert [found[pk]["count"] for pk in (world.office.pk, other.pk)] == [12, 1]
    names = [member["name"] for member in found[world.office.pk]["members"]]
    assert names == sorted(names)


def test_the_full_list_pages_by_fifty_with_the_same_rules_as_the_portal(world, login):
    listed_members(world, selectors.MEMBERS_PER_PAGE + 3)
    hidden = EntrepreneurFactory(business_name="Aaa Verborgen", email="verborgen@example.invalid")
    MembershipFactory(office=world.office, entrepreneur=hidden)
    sharing = EntrepreneurFactory(
        business_name="Aaa Deelt", email="deelt@example.invalid", phone="0612345678"
    )
    MembershipFactory(office=world.office, entrepreneur=sharing)
    municipality_contact_set(
        entrepreneur=sharing, municipality=world.utrecht, given=True, source="test"
    )
    client = login(world.users["civil_servant"])

    first = html(client.get(FULL_LIST))
    assert first.count("<tr>") == 1 + selectors.MEMBERS_PER_PAGE  # the header row, fifty rows
    assert "54 ondernemers" in first
    assert "Aaa Deelt" in first and "deelt@example.invalid" in first and "0612345678" in first
    assert "Aaa Verborgen" not in first and "verborgen@example.invalid" not in first
    assert "Zaak 049" in first and "Zaak 050" not in first
    assert "pagina=2" in first

    second = html(client.get(FULL_LIST + "?pagina=2"))
    assert "Zaak 050" in second and "Zaak 053" in second
    assert "Zaak 049" not in second


def test_the_full_list_says_so_when_nobody_chose_to_be_visible(world, login):
    page = html(login(world.users["civil_servant"]).get(FULL_LIST))
    assert "Nog geen leden kozen ervoor zichtbaar te zijn" in page


def test_the_full_list_is_only_for_an_office_of_that_municipality(world, login):
    client = login(world.users["civil_servant"])
    elsewhere = f"/netwerk/gemeenteportaal/GM0344/{world.other_office.slug}/ondernemers/"
    assert client.get(elsewhere).status_code == 404
    other_portal = f"/netwerk/gemeenteportaal/GM0193/{world.office.slug}/ondernemers/"
    assert client.get(other_portal).status_code == 403


def test_the_full_list_takes_the_same_queries_for_more_businesses(world, login):
    listed_members(world, 3)
    client = login(world.users["civil_servant"])
    client.get(FULL_LIST)  # warm the per-process caches (content types)
    few = _queries(client, FULL_LIST)
    listed_members(world, 60, prefix="Meer")
    assert _queries(client, FULL_LIST) == few
    assert few <= 15


def test_the_portal_of_a_big_office_stays_small(world, login):
    listed_members(world, 120)
    page = html(login(world.users["civil_servant"]).get(PORTAL))
    assert page.count("Zaak ") == selectors.PORTAL_MEMBERS
    assert "Alle 120 zichtbare ondernemers" in page


# --- the offices' figures: cached a minute, never older than the last write --------------------


@pytest.fixture
def landscape(world):
    """Kantoor Utrecht's landscape: three businesses in fitness, one of them its member."""
    fitness = SportBranch.objects.get(slug="fitness")
    rows = [LandscapeBusinessFactory(office=world.office, branch=fitness) for _n in range(3)]
    rows[0].entrepreneur = world.member_entrepreneur
    rows[0].save()
    return rows


def offices(world) -> list:
    return list(Office.objects.filter(municipalities=world.utrecht).order_by("name"))


def assert_fresh(world):
    """What the portal shows equals what is computed from scratch."""
    assert selectors.office_figures(offices(world)) == selectors._office_figures_computed(
        offices(world)
    )


def test_the_figures_hold_phase_goals_branches_and_coverage(world, landscape):
    figures = selectors.office_figures(offices(world))[world.office.pk]
    assert figures["phase"] == "building"
    assert figures["smart_goals"] == 0
    assert figures["branch_counts"] == [{"slug": "fitness", "name": "Fitness", "members": 1}]
    coverage = figures["coverage"]
    assert (coverage.members, coverage.landscape) == (1, 3)
    assert coverage.rows[0]["covered"] == 1


def test_the_cached_figures_equal_the_figures_from_scratch_after_every_write(
    world, landscape, login
):
    fitness = SportBranch.objects.get(slug="fitness")
    assert_fresh(world)  # fills the cache

    # create: a business joins that the landscape knows, and a SMART goal
    joined = MembershipFactory(
        office=world.office, entrepreneur=EntrepreneurFactory(branches=[fitness])
    )
    landscape[1].entrepreneur = joined.entrepreneur
    landscape[1].save()
    GoalFactory(office=world.office)
    generation_bump()  # what ContentGenerationMiddleware does after the write request
    assert_fresh(world)
    assert selectors.office_figures(offices(world))[world.office.pk]["coverage"].members == 2

    # update: the member leaves
    joined.left_on = joined.joined_on.replace(year=joined.joined_on.year + 1)
    joined.save()
    generation_bump()
    assert_fresh(world)

    # delete: a landscape row goes
    landscape[2].delete()
    generation_bump()
    assert_fresh(world)
    assert selectors.office_figures(offices(world))[world.office.pk]["coverage"].landscape == 2

    # the AVG erasure of a member, through the page (its request moves the generation itself)
    before = generation_current()
    client = login(world.users["member"])
    response = client.post("/account/mijn-gegevens/wissen/bevestigd/", {"confirm": "ja"})
    assert response.status_code == 302
    assert generation_current() > before
    assert_fresh(world)


def test_without_a_write_the_figures_are_kept_for_at_most_a_minute(world, landscape, monkeypatch):
    stored = []
    original = cache.set
    monkeypatch.setattr(
        cache,
        "set",
        lambda key, value, timeout: stored.append(timeout) or original(key, value, timeout),
    )
    first = selectors.office_figures(offices(world))
    LandscapeBusinessFactory(office=world.office)  # no write request: the generation stays
    assert selectors.office_figures(offices(world)) == first
    assert stored == [selectors.FIGURES_SECONDS] and selectors.FIGURES_SECONDS <= 60


def test_the_figures_are_keyed_on_the_offices(world, landscape):
    utrecht = selectors.office_figures(offices(world))
    elsewhere = selectors.office_figures([world.other_office])
    assert set(utrecht) == {world.office.pk}
    assert set(elsewhere) == {world.other_office.pk}
    assert selectors.office_figures([]) == {}
