"""A lead adds a member through the forms, from the office page to the member table."""

import datetime

import pytest
from playwright.sync_api import expect

from kapstok.network.models import Entrepreneur, Membership

pytestmark = pytest.mark.browser

OFFICE_PAGE = "/netwerk/kantoren/kantoor-utrecht/"


def fill_new_member(page, *, kvk_number: str, business_name: str) -> None:
    page.get_by_label("KvK-nummer").fill(kvk_number)
    page.get_by_label("Bedrijfsnaam").fill(business_name)
    page.get_by_role("group", name="Takken van sport").get_by_label("Fitness").check()
    page.get_by_label("Gemeente").select_option(label="Utrecht")
    page.get_by_label("Lid sinds").fill("2025-03-01")


def test_lead_adds_new_member_by_kvk_number(page, live_server, live_world, log_in):
    log_in(page, live_world.users["lead"])
    page.get_by_role("link", name="Dashboard Kantoor Utrecht").click()
    page.get_by_role("link", name="Kantoor en leden").click()
    page.get_by_role("link", name="Lid toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lid toevoegen aan Kantoor Utrecht")

    fill_new_member(page, kvk_number="8765 4321", business_name="Padel Domstad")
    page.get_by_role("button", name="Lid toevoegen").click()

    expect(page).to_have_url(live_server.url + OFFICE_PAGE)
    expect(page.get_by_role("status")).to_contain_text("Padel Domstad is toegevoegd als lid.")
    members = page.get_by_role("region", name="Leden", exact=True).get_by_role("table")
    row = members.get_by_role("row").filter(has_text="Padel Domstad")
    expect(row).to_contain_text("87654321")
    expect(row).to_contain_text("1-3-2025")
    membership = Membership.objects.get(entrepreneur__kvk_number="87654321")
    assert membership.office == live_world.office
    assert membership.joined_on == datetime.date(2025, 3, 1)
    assert [b.slug for b in membership.entrepreneur.branches.all()] == ["fitness"]


def test_bad_kvk_number_is_refused_at_the_field(page, live_server, live_world, log_in):
    members_before = Membership.objects.count()
    log_in(page, live_world.users["lead"])
    page.goto(OFFICE_PAGE + "leden/nieuw/")

    fill_new_member(page, kvk_number="1234", business_name="Padel Domstad")
    page.get_by_role("button", name="Lid toevoegen").click()

    expect(page).to_have_url(live_server.url + OFFICE_PAGE + "leden/nieuw/")
    kvk_field = page.locator(".field").filter(has=page.get_by_label("KvK-nummer"))
    expect(kvk_field).to_contain_text("Een KvK-nummer bestaat uit precies 8 cijfers.")
    expect(page.get_by_label("Bedrijfsnaam")).to_have_value("Padel Domstad")
    assert Membership.objects.count() == members_before
    assert not Entrepreneur.objects.filter(business_name="Padel Domstad").exists()
