"""A municipality reaches its entrepreneurs through the office without seeing them: the civil
servant writes from the portal, the lead approves, the members receive the mail (and find it
in their inbox), one member unsubscribes with the link in it, and the civil servant sees only
the counts."""

import datetime
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from django.core import mail

from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def members(live_world):
    """Two more members of Kantoor Utrecht next to Yoga Marieke."""
    for name in ("Gym Henk", "Padel Piet"):
        MembershipFactory(
            office=live_world.office,
            entrepreneur=EntrepreneurFactory(business_name=name),
            joined_on=datetime.date(2024, 1, 1),
        )
    return live_world


def _unsubscribe_path(email) -> str:
    url = re.search(r"https?://\S+/afmelden/\S+/", email.body).group(0)
    return urlparse(url).path


def test_civil_servant_reaches_members_through_the_lead(page, members, sign_in, axe_violations):
    world = members
    mail.outbox.clear()
    sign_in(page, world.users["civil_servant"])
    page.goto("/start/")
    page.get_by_role("link", name="Gemeenteportaal Utrecht").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gemeente Utrecht")
    page.get_by_role("link", name="Bericht aan de leden Kantoor Utrecht").click()
    expect(page.get_by_text("aan de 3 leden van Kantoor Utrecht")).to_be_visible()
    assert not axe_violations(page)
    page.get_by_label("Onderwerp").fill("Word een vereniging")
    page.get_by_role("textbox", name="Bericht").fill(
        "Dan kunnen wij het kantoor een opdracht geven."
    )
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("wacht nu op goedkeuring van de kartrekker")).to_be_visible()
    detail = page.url
    # Only the lead was told; no member has anything yet.
    assert [m.to for m in mail.outbox] == [["kees@example.invalid"]]

    page.context.clear_cookies()
    sign_in(page, world.users["lead"])
    page.goto("/netwerk/kantoren/kantoor-utrecht/")
    page.get_by_role("link", name=re.compile("^Berichten")).click()
    page.get_by_role("link", name="Word een vereniging").click()
    assert not axe_violations(page)
    page.get_by_role("button", name="Goedkeuren en versturen").click()
    expect(page.get_by_text("Goedgekeurd: het bericht is verstuurd aan de leden.")).to_be_visible()

    to_members = [m for m in mail.outbox if m.to != ["kees@example.invalid"]]
    assert len(to_members) == 3
    assert all(len(m.to) == 1 for m in to_members)

    page.context.clear_cookies()
    sign_in(page, world.users["member"])
    page.goto("/start/")
    page.get_by_role("link", name="Berichten", exact=True).click()
    page.get_by_role("link", name=re.compile("Word een vereniging")).click()
    expect(page.get_by_text("Dan kunnen wij het kantoor een opdracht geven.")).to_be_visible()
    assert not axe_violations(page)

    page.context.clear_cookies()
    page.goto(_unsubscribe_path(to_members[0]))
    expect(page.get_by_role("heading", name="Afmelden voor berichten")).to_be_visible()
    page.get_by_role("button", name="Ja, afmelden").click()
    expect(page.get_by_role("heading", name="U bent afgemeld")).to_be_visible()
    expect(page.get_by_text("geen berichten meer van Gemeente Utrecht")).to_be_visible()
    assert not axe_violations(page)

    sign_in(page, world.users["civil_servant"])
    page.goto(detail)
    counts = page.locator("#delivery-counts")
    expect(counts.locator("div", has_text="Bereikt").locator("dd")).to_have_text("3")
    expect(counts.locator("div", has_text="Afgemeld na dit bericht").locator("dd")).to_have_text(
        "1"
    )
    for name in ("Yoga Marieke", "Gym Henk", "Padel Piet"):
        expect(page.get_by_text(name)).to_have_count(0)
    assert not axe_violations(page)
