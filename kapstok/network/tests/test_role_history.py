"""Kartrekkers on the office page, role date changes in the office's history, and the notice to
refresh a landscape that is over a year old (issue #18's roles leftovers)."""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_end, grant_role
from kapstok.network.models import EventKind, OfficeEvent
from kapstok.representation.factories import LandscapeBusinessFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
OFFICE = "/netwerk/kantoren/kantoor-utrecht/"


def test_the_office_page_names_the_current_kartrekkers_with_their_start(world, login):
    ended = grant_role(
        user=UserFactory(full_name="Oud Trekker"),
        role=Role.LEAD,
        scope=world.office,
        starts_on=datetime.date(2020, 1, 1),
    )
    grant_end(grant=ended, ends_on=TODAY - datetime.timedelta(days=1))

    page = login(world.users["member"]).get(OFFICE).content.decode()

    assert "Kees Kartrekker (sinds 1 januari 2000)" in page
    assert "Oud Trekker" not in page
    assert "/netwerk/kantoren/kantoor-utrecht/rollen/" not in page  # a member keeps no roles


def test_the_lead_follows_the_kartrekkers_to_the_roles_and_their_history(world, login):
    page = login(world.users["lead"]).get(OFFICE).content.decode()

    assert 'href="/netwerk/kantoren/kantoor-utrecht/rollen/">Rollen en geschiedenis' in page


def test_moving_a_role_s_dates_is_a_line_in_the_office_s_history(world, login):
    grant = world.users["lead"].grants.get()
    ends = TODAY + datetime.timedelta(days=30)
    response = login(world.users["pos"]).post(
        f"/netwerk/rollen/{grant.pk}/data/",
        {"starts_on": "2000-01-01", "ends_on": ends.isoformat()},
    )

    assert response.status_code == 302
    event = OfficeEvent.objects.filter(office=world.office, kind=EventKind.OFFICE_UPDATED).last()
    assert event.summary.startswith(
        "De rol van Kees Kartrekker als kartrekker loopt nu van 1 januari 2000 tot en met"
    )
    assert event.actor == world.users["pos"]


def test_dates_sent_unchanged_add_no_history_line(world, login):
    grant = world.users["lead"].grants.get()
    login(world.users["pos"]).post(
        f"/netwerk/rollen/{grant.pk}/data/", {"starts_on": "2000-01-01", "ends_on": ""}
    )

    assert not OfficeEvent.objects.filter(office=world.office, summary__contains="loopt nu")


def test_an_end_before_the_start_is_refused_and_leaves_no_history(world, login):
    grant = world.users["lead"].grants.get()
    response = login(world.users["pos"]).post(
        f"/netwerk/rollen/{grant.pk}/data/", {"starts_on": "2000-01-01", "ends_on": "1999-12-31"}
    )

    assert "De einddatum van een rol ligt vóór de begindatum." in response.content.decode()
    assert not OfficeEvent.objects.filter(office=world.office, summary__contains="loopt nu")


def landscape_read(world, days_ago: int) -> None:
    LandscapeBusinessFactory(
        office=world.office,
        last_imported_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_a_lead_is_told_a_landscape_over_a_year_old_needs_a_new_export(world, login):
    landscape_read(world, days_ago=430)
    client = login(world.users["lead"])

    for url in (f"{OFFICE}afspiegeling/", f"{OFFICE}dashboard/"):
        page = client.get(url).content.decode()
        assert "Het sportlandschap is 14 maanden oud" in page, url
        assert "Nieuwe export inlezen" in page


def test_a_landscape_under_a_year_old_gets_no_notice(world, login):
    landscape_read(world, days_ago=300)

    page = login(world.users["lead"]).get(f"{OFFICE}afspiegeling/").content.decode()

    assert "maanden oud" not in page


def test_a_member_does_not_get_the_lead_s_notice(world, login):
    landscape_read(world, days_ago=430)

    page = login(world.users["member"]).get(f"{OFFICE}dashboard/").content.decode()

    assert "maanden oud" not in page


def test_the_dashboard_of_an_office_without_landscape_points_to_the_guidance(world, login):
    page = login(world.users["lead"]).get(f"{OFFICE}dashboard/").content.decode()

    assert "Dit kantoor heeft nog geen sportlandschap" in page
