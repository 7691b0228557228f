"""Fixtures for the browser tests: Debian's Chromium driven by Playwright's sync API.

- One Chromium per test session (starting it takes about a second); a fresh context and page per
  test, so cookies never leak from one test into the next.
- The browser is `/usr/bin/chromium` (or `KAPSTOK_CHROMIUM`), never one Playwright downloads. When
  it is missing the tests are skipped on a laptop but fail in CI (`CI` set): a CI run must not pass
  by quietly testing nothing.
- Every test leaves a full-page screenshot of its last page in `test-artifacts/`, to look at after a
  failure (or to review the design on a phone-sized screen).
- The pages are served by pytest-django's `live_server` in another thread, so the data must be
  committed: `live_world` asks for `transactional_db` before the shared `world` of personas.
"""

import os
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.test import Client

from kapstok.core.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "kapstok-test"
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 900}}


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    if not AXE_SCRIPT.exists():
        _missing(f"no axe-core at {AXE_SCRIPT}: run `make install`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _new_page(browser, live_server, request, **options):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    test = request.node.nodeid.split("browser_tests/")[-1].replace(".py::", "--")
    name = re.sub(r"[^\w-]+", "_", test).strip("_")
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server, request):
    yield from _new_page(browser, live_server, request)


@pytest.fixture
def phone_page(browser, live_server, request):
    """A page on a phone-sized screen (390×844, an iPhone 12–15)."""
    yield from _new_page(browser, live_server, request, **PHONE)


@pytest.fixture
def laptop_page(browser, live_server, request):
    """A page on a common laptop screen (1366×900)."""
    yield from _new_page(browser, live_server, request, **LAPTOP)


@pytest.fixture
def live_world(transactional_db, world):
    """The personas of the root conftest, committed so the live server thread sees them."""
    return world


@pytest.fixture
def log_in():
    """Log a persona in through the real login form: `log_in(page, world.users["lead"])`."""

    def _log_in(page, user):
        page.goto("/account/inloggen/")
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()

    return _log_in


@pytest.fixture
def sign_in(live_server):
    """Put a persona's session cookie in the page's context, skipping the login form (faster)."""

    def _sign_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return _sign_in


def _describe(violation: dict) -> str:
    """One violation as text: rule, help link, and the first few elements that break it."""
    lines = [f"  [{violation['impact']}] {violation['id']}: {violation['help']}"]
    lines.append(f"    {violation['helpUrl']}")
    for node in violation["nodes"][:5]:
        lines.append(f"    at {' '.join(map(str, node['target']))}")
        lines.extend(f"      {line}" for line in node.get("failureSummary", "").splitlines())
    return "\n".join(lines)


def _inject_axe(page, attempts: int = 3) -> None:
    """Add axe-core to the page once its document has loaded.

    A test often calls this right after a click that navigates: the URL has changed but the new
    document may not have a <head> yet, and adding a script then fails ("reading 'appendChild'")
    or lands in the old document. Waiting for the load event of the current document, and trying
    again if the document was replaced in between, makes the check independent of that timing.
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(url="/__axe__.js")
            return
        except PlaywrightError:
            if attempt == attempts - 1:
                raise


@pytest.fixture
def axe_violations():
    """Run axe-core on the current page; return the serious and critical violations as text.

    `assert not axe_violations(page)` prints each violation with its rule, help link and the first
    few elements that break it. Moderate and minor findings are printed but do not fail.
    """

    def _run(page) -> str:
        # Served from the page's own origin, so the Content Security Policy (script-src 'self')
        # allows it without loosening the policy for the test.
        page.route(
            "**/__axe__.js",
            lambda route: route.fulfill(path=str(AXE_SCRIPT), content_type="text/javascript"),
        )
        _inject_axe(page)
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        violations = results["violations"]
        minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
        if minor:
            print(f"axe (not failing) on {page.url}:\n" + "\n".join(map(_describe, minor)))
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        return "\n".join(_describe(v) for v in blocking)

    return _run
