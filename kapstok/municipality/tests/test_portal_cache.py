"""The portal's cached parts (issue #19).

What every viewer of one municipality's portal sees alike (the offices' cards with their
visible businesses, the positions, contributions, bodies and partners) is kept at most a minute,
keyed on the content generation, the language and the municipality. So:

- after any write (create, update, delete, a consent given or withdrawn, the AVG erasure) the
  page equals the page computed from scratch, and a withdrawn consent hides the details at once;
- what depends on the viewer (the button to call on the members, the POS-wide positions) and
  what depends on the municipality (whose consent counts) never reaches another viewer's page;
- a page from the cache takes a fixed number of queries, whatever the offices and members.
"""

import re

import pytest

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.core.generation import generation_bump, generation_current
from kapstok.municipality import selectors
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.network.models import SportBranch
from kapstok.trust.consent import municipality_contact_set
from kapstok.trust.models import ConsentPurpose

pytestmark = pytest.mark.django_db
PORTAL = "/netwerk/gemeenteportaal/GM0344/"
ZWOLLE_PORTAL = "/netwerk/gemeenteportaal/GM0193/"
SHARING = "/netwerk/kantoren/kantoor-utrecht/delen-met-gemeente/"
WITHDRAW = "/account/mijn-gegevens/toestemming-intrekken/"
ERASE = "/account/mijn-gegevens/wissen/bevestigd/"
CALL_BUTTON = "Oproep aan de leden<span"


def client_for(user) -> Client:
    """A client of its own per person, so two viewers can take turns on the same cache."""
    client = Client()
    client.force_login(user)
    return client


def page(client, url=PORTAL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    # The CSRF tokens differ per response; everything else must be equal.
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def page_from_scratch(client, url=PORTAL) -> str:
    cache.clear()
    return page(client, url)


def plain(shown: dict) -> dict:
    """The portal's part as plain values (model instances compare by key only)."""
    return {
        "rows": [
            {
                **{key: value for key, value in row.items() if key not in ("office", "stories")},
                "office": (row["office"].pk, row["office"].name, row["office"].member_count),
                "stories": [story.pk for story in row["stories"]],
            }
            for row in shown["rows"]
        ],
        "contributions": [(c.pk, c.amount, c.purpose) for c in shown["contributions"]],
        "contributed_total": shown["contributed_total"],
        "positions": [p.pk for p in shown["positions"]],
        "bodies": [b.pk for b in shown["bodies"]],
        "partners": [p.pk for p in shown["partners"]],
    }


def assert_fresh(world):
    """The part the portal shows equals the part computed from scratch."""
    assert plain(selectors.portal(world.utrecht)) == plain(selectors._portal(world.utrecht))


@pytest.fixture
def listed(world):
    """Yoga Marieke (the member's business) is listed publicly and has a phone number."""
    membership = world.member_entrepreneur.memberships.get()
    membership.listed_publicly = True
    membership.save()
    world.member_entrepreneur.phone = "0611111111"
    world.member_entrepreneur.save()
    return world


# --- after every kind of write the page equals the page from scratch -------------------------


def test_a_business_that_joins_shows_on_the_next_view(listed):
    client = client_for(listed.users["civil_servant"])
    before = page(client)  # fills the cache
    MembershipFactory(
        office=listed.office,
        entrepreneur=EntrepreneurFactory(business_name="Zwemschool Nieuw"),
        listed_publicly=True,
    )
    generation_bump()  # what ContentGenerationMiddleware does after the write request
    after = page(client)
    assert "Zwemschool Nieuw" not in before and "Zwemschool Nieuw" in after
    assert after == page_from_scratch(client)
    assert_fresh(listed)


def test_a_renamed_business_shows_its_new_name_on_the_next_view(listed):
    client = client_for(listed.users["civil_servant"])
    assert "Yoga Marieke" in page(client)
    listed.member_entrepreneur.business_name = "Yoga Marieke en Co"
    listed.member_entrepreneur.save()
    generation_bump()
    after = page(client)
    assert "Yoga Marieke en Co" in after
    assert after == page_from_scratch(client)
    assert_fresh(listed)


def test_a_business_that_goes_is_gone_on_the_next_view(listed):
    client = client_for(listed.users["civil_servant"])
    assert "Yoga Marieke" in page(client)
    listed.member_entrepreneur.memberships.get().delete()
    generation_bump()
    after = page(client)
    assert "Yoga Marieke" not in after
    assert after == page_from_scratch(client)
    assert_fresh(listed)


def test_consent_given_and_withdrawn_on_the_site_shows_and_hides_the_details_at_once(listed):
    member = listed.member_entrepreneur
    civil_servant = client_for(listed.users["civil_servant"])
    owner = client_for(listed.users["member"])
    assert member.email not in page(civil_servant)  # cached without the details

    owner.post(SHARING, {f"share-{member.pk}-{listed.utrecht.pk}": "on"})
    shared = page(civil_servant)
    assert member.email in shared and "0611111111" in shared
    assert shared == page_from_scratch(civil_servant)

    owner.post(WITHDRAW, {"purpose": ConsentPurpose.MUNICIPALITY_CONTACT})
    withdrawn = page(civil_servant)
    assert member.email not in withdrawn and "0611111111" not in withdrawn
    assert "Yoga Marieke" in withdrawn  # still listed publicly: only the details go
    assert withdrawn == page_from_scratch(civil_servant)
    assert_fresh(listed)


def test_the_erasure_of_a_member_leaves_nothing_of_them_on_the_next_view(listed):
    civil_servant = client_for(listed.users["civil_servant"])
    municipality_contact_set(
        entrepreneur=listed.member_entrepreneur,
        municipality=listed.utrecht,
        given=True,
        source="test",
    )
    generation_bump()
    email = listed.member_entrepreneur.email
    assert "Yoga Marieke" in page(civil_servant) and email in page(civil_servant)

    before = generation_current()
    response = client_for(listed.users["member"]).post(ERASE, {"confirm": "ja"})
    assert response.status_code == 302
    assert generation_current() > before  # the erasure's own request moved the generation
    after = page(civil_servant)
    assert "Yoga Marieke" not in after
    assert email not in after and "0611111111" not in after
    assert after == page_from_scratch(civil_servant)
    assert_fresh(listed)


def test_without_a_write_the_part_is_kept_for_at_most_a_minute(listed, monkeypatch):
    stored = []
    original = cache.set
    monkeypatch.setattr(
        cache,
        "set",
        lambda key, value, timeout: stored.append((key, timeout)) or original(key, value, timeout),
    )
    first = plain(selectors.portal(listed.utrecht))
    EntrepreneurFactory()  # no write request: the generation stays
    assert plain(selectors.portal(listed.utrecht)) == first
    timeouts = [timeout for key, timeout in stored if "municipality-portal" in key]
    assert timeouts == [60]


# --- never another viewer's or another municipality's page -----------------------------------


@pytest.fixture
def shared_office(listed):
    """An office serving Utrecht and Zwolle, with a business that shares its details with
    Utrecht only, and a civil servant of Zwolle."""
    office = OfficeFactory(
        name="Kantoor Vecht", slug="kantoor-vecht", municipalities=[listed.utrecht, listed.zwolle]
    )
    fitness = SportBranch.objects.get(slug="fitness")
    business = EntrepreneurFactory(
        business_name="Roeiclub Deelt",
        email="roei@example.invalid",
        phone="0622222222",
        branches=[fitness],
    )
    MembershipFactory(office=office, entrepreneur=business)
    municipality_contact_set(
        entrepreneur=business, municipality=listed.utrecht, given=True, source="test"
    )
    zwolle_servant = UserFactory(email="zara@example.invalid", full_name="Zara Zwolle")
    grant_role(user=zwolle_servant, role=Role.CIVIL_SERVANT, scope=listed.zwolle)
    listed.users["zwolle_servant"] = zwolle_servant
    return listed


def test_a_business_sharing_with_one_municipality_stays_hidden_from_the_other(shared_office):
    pos = client_for(shared_office.users["pos"])
    utrecht = page(pos)  # Utrecht's portal is in the cache now
    assert "Roeiclub Deelt" in utrecht and "roei@example.invalid" in utrecht

    zwolle = page(client_for(shared_office.users["zwolle_servant"]), ZWOLLE_PORTAL)
    assert "Kantoor Vecht" in zwolle
    assert "Roeiclub Deelt" not in zwolle and "roei@example.invalid" not in zwolle
    assert "0622222222" not in zwolle
    assert "Yoga Marieke" not in zwolle  # an office of Utrecht only


def test_a_civil_servant_of_another_municipality_is_refused_even_with_the_portal_cached(
    shared_office,
):
    page(client_for(shared_office.users["civil_servant"]))  # cached for Utrecht
    response = client_for(shared_office.users["zwolle_servant"]).get(PORTAL)
    assert response.status_code == 403
    assert "Roeiclub Deelt" not in response.content.decode()


def test_the_call_button_follows_the_viewer_not_the_cache(listed):
    civil_servant = client_for(listed.users["civil_servant"])
    pos = client_for(listed.users["pos"])
    # The civil servant fills the cache first, then POS (who calls through messages) looks.
    assert CALL_BUTTON in page(civil_servant)
    assert CALL_BUTTON not in page(pos)
    # And the other way round after a write.
    generation_bump()
    assert CALL_BUTTON not in page(pos)
    assert CALL_BUTTON in page(civil_servant)


def test_each_language_has_its_own_cached_cards(listed):
    dutch = client_for(listed.users["civil_servant"])
    english = client_for(listed.users["pos"])
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Leden per tak van sport" in page(dutch)
    in_english = page(english)
    assert "Members by branch of sport" in in_english
    assert "Leden per tak van sport" not in in_english


# --- a cached page takes the same queries for more offices and members -----------------------


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PORTAL).status_code == 200
    return len(captured.captured_queries)


def _offices_with_members(world, offices: int, members: int):
    for _n in range(offices):
        office = OfficeFactory(municipalities=[world.utrecht])
        for _m in range(members):
            membership = MembershipFactory(office=office, listed_publicly=True)
            municipality_contact_set(
                entrepreneur=membership.entrepreneur,
                municipality=world.utrecht,
                given=True,
                source="test",
            )


def test_a_cached_portal_takes_the_same_queries_for_more_offices_and_members(listed):
    client = client_for(listed.users["civil_servant"])
    _offices_with_members(listed, 1, 2)
    generation_bump()
    client.get(PORTAL)  # computes and caches
    few = _queries(client)
    _offices_with_members(listed, 4, 12)
    generation_bump()
    client.get(PORTAL)
    assert _queries(client) == few
    cold = CaptureQueriesContext(connection)
    generation_bump()
    with cold:
        page(client)
    assert few < len(cold.captured_queries)  # a write made the next view compute afresh
