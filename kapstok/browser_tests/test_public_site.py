"""The public site in a real browser: find an office, join it, the lead accepts.

The whole path an entrepreneur takes, with the confirmation link taken from the test outbox
(the live server runs in this process, so `mail.outbox` sees its mail), plus axe on the
public pages and a screenshot of the map in `test-artifacts/public-map.png`.
"""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail
from django.core.cache import cache

from kapstok.network.models import Membership

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

OFFICE = "/kantoren/kantoor-utrecht/"


@pytest.fixture(autouse=True)
def _no_rate_limits_left_over():
    cache.clear()


def find_office_by_misspelt_name(page):
    page.goto("/")
    page.get_by_label("Zoek op gemeente of kantoor").press_sequentially("Utreht", delay=30)
    results = page.locator("#zoekresultaten")
    expect(results).to_contain_text("Gevonden voor „Utreht”")
    results.get_by_role("link", name="Kantoor Utrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kantoor Utrecht")


def fill_join_form(page, *, listed: bool):
    page.get_by_label("Uw naam").fill("Sanne Sport")
    page.get_by_label("Bedrijfsnaam").fill("Padel Sanne")
    page.get_by_label("KvK-nummer").fill("1234 5678")
    page.get_by_role("group", name="Tak(ken) van sport").get_by_label("Fitness").check()
    page.get_by_label("E-mailadres").fill("sanne@example.invalid")
    page.get_by_label("Bericht aan de kartrekker").fill("<b>Graag!</b>")
    if listed:
        page.get_by_label(re.compile("Vermeld mijn bedrijf")).check()
    page.get_by_label(re.compile("Ik ga akkoord met de")).check()


def confirmation_path() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/]+(/aanmelden/bevestigen/\S+/)", body).group(1)


@pytest.mark.parametrize("listed", [True, False], ids=["listed", "not_listed"])
def test_visitor_finds_office_joins_and_lead_accepts(
    page, live_world, sign_in, axe_violations, listed
):
    find_office_by_misspelt_name(page)
    assert not axe_violations(page), axe_violations(page)

    page.get_by_role("link", name="Meld u aan als lid").first.click()
    assert not axe_violations(page), axe_violations(page)
    fill_join_form(page, listed=listed)
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw e-mail")

    page.goto(confirmation_path())
    page.get_by_role("button", name="Ja, bevestig mijn aanmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, uw aanmelding is bevestigd")

    sign_in(page, live_world.users["lead"])
    page.goto("/netwerk/kantoren/kantoor-utrecht/")
    page.get_by_role("link", name=re.compile("^Aanmeldingen")).click()
    page.get_by_role("link", name="Padel Sanne").click()
    expect(page.get_by_text("<b>Graag!</b>")).to_be_visible()  # HTML shown as text
    page.get_by_role("button", name="Accepteren en lid maken").click()
    expect(page.get_by_role("status")).to_contain_text("Padel Sanne is lid geworden")
    assert Membership.objects.get(entrepreneur__kvk_number="12345678").listed_publicly is listed
    assert mail.outbox[-1].subject == "Welkom bij Kantoor Utrecht"

    page.context.clear_cookies()
    page.goto(OFFICE)
    directory = page.get_by_role("region", name="Aangesloten ondernemers")
    if listed:
        expect(directory).to_contain_text("Padel Sanne")
    else:
        expect(directory).not_to_contain_text("Padel Sanne")


def test_join_form_with_errors_is_accessible(page, live_world, axe_violations):
    page.goto(OFFICE + "aanmelden/")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_role("button", name="Aanmelding versturen").click()
    expect(page.locator(".field-error").first).to_be_visible()
    expect(page.get_by_text("Een KvK-nummer bestaat uit precies 8 cijfers.")).to_be_visible()
    assert not axe_violations(page), axe_violations(page)


def test_map_is_keyboard_usable_and_accessible(page, live_world, axe_violations):
    page.goto("/")
    shape = page.get_by_role("link", name="Utrecht: Kantoor Utrecht")
    shape.focus()
    expect(shape.locator("text.pm-label")).to_be_visible()  # the name shows on focus
    # How fast the map is drawn is a benchmark (`manage.py bench --extra public_site`, at
    # national scale), not a test: a wall-clock limit here fails on a busy machine.
    load_ms = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    print(f"map page load event after {load_ms:.0f} ms")
    assert not axe_violations(page), axe_violations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("figure.public-map").screenshot(path=str(ARTIFACTS / "public-map.png"))
    shape.press("Enter")
    expect(page).to_have_url(re.compile(OFFICE + "$"))


def test_home_fits_a_phone_and_searches_without_javascript(browser, live_server, live_world):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    page = context.new_page()
    try:
        page.goto("/")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        page.get_by_label("Zoek op gemeente of kantoor").fill("zwole")
        page.get_by_role("button", name="Zoeken").click()
        expect(page).to_have_url(re.compile(r"\?q=zwole$"))
        page.locator("#zoekresultaten").get_by_role("link", name="Kantoor Zwolle").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Kantoor Zwolle")
        ARTIFACTS.mkdir(exist_ok=True)
        page.goto("/")
        page.screenshot(path=str(ARTIFACTS / "public-home-phone.png"), full_page=True)
    finally:
        context.close()


def test_embedded_map_has_no_serious_accessibility_violations(page, live_world, axe_violations):
    page.goto("/embed/kaart/")
    expect(page.get_by_role("link", name="Utrecht: Kantoor Utrecht")).to_be_attached()
    assert not axe_violations(page), axe_violations(page)
