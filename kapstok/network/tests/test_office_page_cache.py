"""The office page's short caches (issue #19): what is the same for every viewer comes from the
cache until the next write on the site, then equals what is computed from scratch; what differs
per viewer (the members table) is kept per what the viewer may see of the members."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kapstok.core.generation import generation_bump
from kapstok.network import page_parts, selectors
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/netwerk/kantoren/kantoor-utrecht/"


def from_scratch(office) -> dict:
    """The office page's facts computed without any cache."""
    return {
        "figures": selectors.office_figures(office),
        "branch_counts": selectors.branch_counts(office),
        "series": selectors.membership_series(office),
        "kartrekkers": selectors.kartrekkers_by_office([office.pk]).get(office.pk, []),
        **page_parts.office_page_context(office),
    }


# What the page shows of those facts (the phase part shows its phase and the evidence).
SHOWN = ["figures", "branch_counts", "series", "kartrekkers", "phase", "evidence"]


def assert_facts_fresh(response, office):
    """As seen by POS or a lead, who also see why members left."""
    scratch = from_scratch(office)
    for key in SHOWN:
        assert response.context[key] == scratch[key], key
    assert response.context["leave_reasons"] == selectors.leave_reasons(office)


def test_a_second_view_takes_fewer_queries(world, login):
    client = login(world.users["pos"])
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        client.get(URL)
    assert len(second) < len(first)


def test_without_a_write_on_the_site_the_page_may_be_a_minute_old(world, login):
    """A change made around the site (a command, a factory) shows within the cache's minute;
    this test proves the cache is used at all."""
    client = login(world.users["pos"])
    client.get(URL)
    MembershipFactory(office=world.office, entrepreneur=EntrepreneurFactory())
    assert client.get(URL).context["figures"]["members"] == 1
    generation_bump()
    assert client.get(URL).context["figures"]["members"] == 2


def test_after_writes_on_the_site_the_facts_equal_those_computed_from_scratch(world, login):
    office = world.office
    newcomer = EntrepreneurFactory(business_name="Padel Nieuw")
    client = login(world.users["pos"])
    assert_facts_fresh(client.get(URL), office)

    # Create: a member joins (made around the site, then any write on the site).
    MembershipFactory(office=office, entrepreneur=newcomer)
    generation_bump()
    response = client.get(URL)
    assert_facts_fresh(response, office)
    assert response.context["figures"]["members"] == 2
    assert "Padel Nieuw" in response.content.decode()

    # Update: the lead ends a membership with the form.
    membership = newcomer.memberships.get()
    client = login(world.users["lead"])
    ended = client.post(
        reverse("network:membership_end", args=[office.slug, membership.pk]),
        {"left_on": "2026-01-02", "left_reason": "costs", "left_note": ""},
    )
    assert ended.status_code == 302
    response = client.get(URL)
    assert_facts_fresh(response, office)
    assert response.context["figures"]["members"] == 1
    assert [count for _label, count in response.context["leave_reasons"]] == [1]

    # Delete: the remaining membership is removed, then something is written on the site.
    office.memberships.filter(left_on__isnull=True).delete()
    generation_bump()
    response = client.get(URL)
    assert_facts_fresh(response, office)
    assert response.context["figures"]["members"] == 0
    assert "Yoga Marieke" not in response.content.decode().split("members-heading")[1]


def test_an_erased_kartrekker_is_gone_from_the_page_at_once(world, login):
    client = login(world.users["pos"])
    names = [k["name"] for k in client.get(URL).context["kartrekkers"]]
    assert names == ["Kees Kartrekker"]
    lead = login(world.users["lead"])
    assert lead.post(reverse("trust:erase"), {"confirm": "ja"}).status_code == 302
    client = login(world.users["pos"])
    response = client.get(URL)
    assert response.context["kartrekkers"] == []
    assert_facts_fresh(response, world.office)


def test_the_members_table_is_kept_per_what_the_viewer_may_see(world, login):
    listed = EntrepreneurFactory(business_name="Padel Openbaar", email="padel@example.invalid")
    MembershipFactory(office=world.office, entrepreneur=listed, listed_publicly=True)
    secret = world.member_entrepreneur.email

    full = login(world.users["lead"]).get(URL).content.decode()
    assert secret in full and "Beëindigen" in full

    pos = login(world.users["pos"]).get(URL).content.decode()
    assert secret in pos

    member = login(world.users["member"]).get(URL).content.decode()
    assert secret not in member and "padel@example.invalid" not in member
    assert "Yoga Marieke" in member and "Beëindigen" not in member

    partner = login(world.users["partner"]).get(URL).content.decode()
    assert "Padel Openbaar" in partner and "Yoga Marieke" not in partner
    assert "padel@example.invalid" not in partner


def test_the_members_table_is_kept_per_page(world, login):
    for number in range(60):
        MembershipFactory(
            office=world.office,
            entrepreneur=EntrepreneurFactory(business_name=f"Zz Lid {number:02}"),
        )
    client = login(world.users["pos"])
    first = client.get(URL).content.decode()
    second = client.get(f"{URL}?pagina=2").content.decode()
    assert "Yoga Marieke" in first and "Yoga Marieke" not in second
    assert "Zz Lid 59" in second and "Zz Lid 59" not in first


def test_the_page_of_one_office_is_never_shown_for_another(world, login):
    client = login(world.users["pos"])
    client.get(URL)
    other = client.get("/netwerk/kantoren/kantoor-zwolle/").content.decode()
    assert "Boks Zwolle" in other and "Yoga Marieke" not in other


def test_the_page_is_kept_per_language(world, login):
    client = login(world.users["pos"])
    dutch = client.get(URL).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(URL).content.decode()
    assert "Leden door de tijd" in dutch
    assert "Leden door de tijd" not in english
