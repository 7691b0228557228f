"""Logging in through the real form: every persona lands on the start page, a to-do list first,
with their main page one click away and the account menu on top."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OFFICE_PAGE = "/netwerk/kantoren/kantoor-utrecht/dashboard/"


@pytest.mark.parametrize(
    ("persona", "main_page"),
    [
        ("pos", ("Landelijk dashboard", "/netwerk/dashboard/")),
        ("lead", ("Dashboard Kantoor Utrecht", OFFICE_PAGE)),
        ("member", ("Dashboard Kantoor Utrecht", OFFICE_PAGE)),
        ("civil_servant", ("Gemeenteportaal Utrecht", "/netwerk/gemeenteportaal/GM0344/")),
        ("partner", ("Dashboard Kantoor Utrecht", OFFICE_PAGE)),
        ("researcher", ("Onderzoeksoverzicht", "/onderzoek/")),
        ("admin", ("Naar het beheer", "/admin/")),
    ],
)
def test_persona_logs_in_and_lands_on_start_page(
    page, live_server, live_world, log_in, persona, main_page
):
    log_in(page, live_world.users[persona])

    expect(page).to_have_url(live_server.url + "/start/")
    expect(page.get_by_role("heading", name="Te doen", level=2)).to_be_visible()
    pages = page.get_by_role("region", name="Uw pagina's")
    expect(pages.get_by_role("link", name=main_page[0])).to_have_attribute("href", main_page[1])
    account = page.get_by_role("navigation", name=re.compile("^Account van"))
    expect(account.get_by_role("link", name="Mijn gegevens")).to_be_visible()
    expect(account.get_by_role("link", name="Tweestapsverificatie")).to_be_visible()
    expect(account.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_partner_start_page_lists_assigned_office(page, live_world, log_in):
    log_in(page, live_world.users["partner"])

    pages = page.get_by_role("region", name="Uw pagina's")
    expect(pages.get_by_role("link", name="Dashboard Kantoor Utrecht")).to_be_visible()
    expect(pages.get_by_role("link", name="Dashboard Kantoor Zwolle")).to_have_count(0)


def test_admin_start_page_links_to_admin(page, live_world, log_in):
    log_in(page, live_world.users["admin"])

    expect(page.get_by_role("link", name="Naar het beheer")).to_have_attribute("href", "/admin/")


def test_logging_out_from_the_account_menu(page, live_server, live_world, log_in):
    log_in(page, live_world.users["member"])

    page.get_by_role("button", name="Uitloggen").click()

    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()


def test_wrong_password_shows_dutch_error(page, live_server, live_world):
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(live_world.users["lead"].email)
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(re.compile(r"/account/inloggen/$"))
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")


def test_lead_on_phone_logs_in_and_reads_office_page(phone_page, live_server, live_world, log_in):
    log_in(phone_page, live_world.users["lead"])

    expect(phone_page).to_have_url(live_server.url + "/start/")
    assert_no_sideways_scroll(phone_page, "start page")
    phone_page.get_by_role("link", name="Dashboard Kantoor Utrecht").click()
    expect(phone_page).to_have_url(live_server.url + OFFICE_PAGE)
    expect(
        phone_page.get_by_role("heading", name="Dashboard Kantoor Utrecht", level=1)
    ).to_be_visible()
    assert_no_sideways_scroll(phone_page, "dashboard")
    phone_page.get_by_role("link", name="Kantoor en leden").click()
    expect(phone_page.get_by_role("heading", name="Kantoor Utrecht", level=1)).to_be_visible()
    expect(phone_page.get_by_role("link", name="Lid toevoegen")).to_be_visible()
    assert_no_sideways_scroll(phone_page, "office page")


def assert_no_sideways_scroll(phone_page, what):
    # Wide tables scroll inside their own box; the page itself must not scroll sideways.
    overflow = phone_page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the {what} is {overflow}px wider than a 390px phone screen"
