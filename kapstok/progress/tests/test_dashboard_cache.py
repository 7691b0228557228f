"""The office dashboard's short caches (issue #19): figures, phase, coming work and the coverage
summary are the same for every viewer and come from the cache until the next write on the site,
then equal what is computed from scratch; the open signals are always read fresh."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kapstok.core.generation import generation_bump
from kapstok.network import selectors as network_selectors
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory
from kapstok.progress import selectors
from kapstok.progress.models import Signal
from kapstok.representation.factories import LandscapeBusinessFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"


def assert_fresh(response, office):
    """The cached facts equal the ones computed from scratch."""
    scratch = {
        "figures": network_selectors.office_figures(office),
        "series": network_selectors.membership_series(office),
        **selectors.phase_context_of(selectors.office_phase(office)),
        "due_next": selectors.due_next(office),
    }
    for key, value in scratch.items():
        assert response.context[key] == value, key


def test_a_second_view_takes_fewer_queries(world, login):
    client = login(world.users["lead"])
    with CaptureQueriesContext(connection) as first:
        client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as second:
        client.get(DASHBOARD)
    assert len(second) < len(first)


def test_after_writes_on_the_site_the_facts_equal_those_computed_from_scratch(world, login):
    office = world.office
    client = login(world.users["lead"])
    assert_fresh(client.get(DASHBOARD), office)

    newcomer = EntrepreneurFactory()
    MembershipFactory(office=office, entrepreneur=newcomer)
    assert client.get(DASHBOARD).context["figures"]["members"] == 1  # not yet: no write
    generation_bump()
    response = client.get(DASHBOARD)
    assert response.context["figures"]["members"] == 2
    assert_fresh(response, office)

    membership = newcomer.memberships.get()
    ended = client.post(
        reverse("network:membership_end", args=[office.slug, membership.pk]),
        {"left_on": "2026-01-02", "left_reason": "costs", "left_note": ""},
    )
    assert ended.status_code == 302
    response = client.get(DASHBOARD)
    assert response.context["figures"]["members"] == 1
    assert_fresh(response, office)

    office.memberships.all().delete()
    generation_bump()
    response = client.get(DASHBOARD)
    assert response.context["figures"]["members"] == 0
    assert_fresh(response, office)


def test_open_signals_are_read_fresh(world, login):
    client = login(world.users["lead"])
    assert client.get(DASHBOARD).context["signals"] == []
    today = timezone.localdate()
    Signal.objects.create(
        office=world.office,
        rule="no_session",
        severity="warning",
        opened_on=today,
        last_seen_on=today,
    )
    assert len(client.get(DASHBOARD).context["signals"]) == 1


def test_the_coverage_summary_is_kept_per_office(world, login):
    for _ in range(3):
        LandscapeBusinessFactory(office=world.office)
    client = login(world.users["pos"])
    utrecht = client.get(DASHBOARD).content.decode()
    zwolle = client.get("/netwerk/kantoren/kantoor-zwolle/dashboard/").content.decode()
    assert 'id="representation-heading"' in utrecht
    assert 'id="representation-heading"' not in zwolle


def test_the_coverage_summary_follows_a_write_on_the_site(world, login):
    client = login(world.users["pos"])
    assert 'id="representation-heading"' not in client.get(DASHBOARD).content.decode()
    LandscapeBusinessFactory(office=world.office)
    generation_bump()
    assert 'id="representation-heading"' in client.get(DASHBOARD).content.decode()


def test_who_may_not_see_coverage_gets_no_summary_from_the_cache(world, login):
    LandscapeBusinessFactory(office=world.office)
    assert 'id="representation-heading"' in (
        login(world.users["pos"]).get(DASHBOARD).content.decode()
    )
    member = login(world.users["member"]).get(DASHBOARD).content.decode()
    assert 'id="representation-heading"' not in member
