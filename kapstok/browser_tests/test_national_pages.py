"""The network-wide pages in a real browser (issue #19): a table pages with htmx, the address
follows, the late-requests badge arrives after the page, and the page stays accessible."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from kapstok.network.factories import OfficeFactory
from kapstok.progress.views import ROWS_PER_PAGE
from kapstok.support.models import Category, SupportRequest
from kapstok.support.reference import categories_ensure

pytestmark = pytest.mark.browser

NATIONAL = "/netwerk/dashboard/"


@pytest.fixture
def big_network(live_world):
    """Two pages of offices, and one support request open since long ago."""
    for index in range(ROWS_PER_PAGE + 3):
        OfficeFactory(name=f"Net {index:03d}")
    # A live-server test empties the tables after each test, the migrated categories too.
    categories_ensure()
    SupportRequest.objects.create(
        office=live_world.office,
        category=Category.objects.filter(active=True).first(),
        description="Welke rechtsvorm past bij ons kantoor?",
        created_by=live_world.users["lead"],
        created_at=timezone.now() - datetime.timedelta(days=60),
    )
    return live_world


def test_the_offices_table_pages_in_place_and_the_late_badge_arrives(
    page, big_network, sign_in, axe_violations
):
    sign_in(page, big_network.users["pos"])
    page.goto(NATIONAL)
    offices = page.locator("#table-kantoren")
    expect(offices.get_by_text("Pagina 1 van 2")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"\d+ te laat, \d+ bijna"))).to_be_visible()
    offices.get_by_role("link", name="Volgende").click()
    expect(offices.get_by_text("Pagina 2 van 2")).to_be_visible()
    expect(offices.get_by_role("link", name="Net 027")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?pagina=2$"))
    expect(
        page.get_by_role("group", name="Kaart van Nederland met de POS-kantoren")
    ).to_be_visible()
    assert not axe_violations(page)
