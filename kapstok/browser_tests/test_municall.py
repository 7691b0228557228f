"""A call from the municipality through the office: the civil servant posts it from the portal,
the lead approves it from the start page, a member answers on a phone with the opt-in (a second
answer from another tab is refused in Dutch), and the civil servant sees how many take part and
the details only of the member who opted in."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from kapstok.municall import services
from kapstok.municall.models import CallAnswer
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
PAGE_WIDTH = "document.documentElement.scrollWidth"


def _another_member_joins_without_opt_in(world, call):
    """Gym Henk joins quietly: the municipality may count him, not know him."""
    from kapstok.accounts.access import Viewer

    gym = EntrepreneurFactory(business_name="Gym Henk", email="henk@gym.invalid")
    MembershipFactory(office=world.office, entrepreneur=gym, joined_on=datetime.date(2024, 1, 1))
    services.answer_create(
        call=call,
        viewer=Viewer(
            member_office_ids=frozenset({world.office.pk}), entrepreneur_ids=frozenset({gym.pk})
        ),
        person=None,
        reply="Krachttraining voor ouderen",
        shares_contact=False,
    )


def test_a_call_travels_through_the_office_and_the_municipality_sees_only_the_opted_in(
    page, browser, live_server, live_world, sign_in, axe_violations
):
    world = live_world
    deadline = timezone.localdate() + datetime.timedelta(days=14)

    # The civil servant writes the call from the portal.
    sign_in(page, world.users["civil_servant"])
    page.goto("/start/")
    page.get_by_role("link", name="Gemeenteportaal Utrecht").click()
    page.get_by_role("link", name="Oproep aan de leden Kantoor Utrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oproep schrijven")
    assert not axe_violations(page)
    page.get_by_label("Titel").fill("Sportdag voor ouderen")
    page.get_by_label("Toelichting").fill("Ouderen maken kennis met bewegen in de wijk.")
    page.get_by_label("Wat vraagt u van de leden?").fill("Een onderdeel van een half uur")
    page.get_by_label("Reageren kan tot en met").fill(deadline.isoformat())
    page.get_by_role("button", name="Oproep versturen").click()
    expect(page.get_by_text("wacht nu op goedkeuring van de kartrekker")).to_be_visible()
    call_url = page.url

    # The lead finds it on the start page and shares it.
    page.context.clear_cookies()
    sign_in(page, world.users["lead"])
    page.goto("/start/")
    page.get_by_role("link", name=re.compile("Beslis over de oproep")).click()
    assert not axe_violations(page)
    page.get_by_role("button", name="Goedkeuren en delen").click()
    expect(page.get_by_text("Goedgekeurd: de oproep staat nu bij de leden.")).to_be_visible()

    # The member answers on a small phone, with the opt-in.
    phone = browser.new_context(base_url=live_server.url, locale="nl-NL", **SMALL_PHONE)
    member = phone.new_page()
    sign_in(member, world.users["member"])
    member.goto("/start/")
    member.get_by_role("link", name=re.compile("Doet u mee")).click()
    second_tab = phone.new_page()
    second_tab.goto(member.url)
    expect(member.get_by_role("heading", name="Doet u mee?")).to_be_visible()
    assert member.evaluate(PAGE_WIDTH) <= 376
    assert not axe_violations(member)
    member.get_by_label("Korte reactie").fill("Ik geef een stoelyogales.")
    member.get_by_label("Mijn naam en contactgegevens mogen naar de gemeente").check()
    member.get_by_role("button", name="Ik doe mee").click()
    expect(member.get_by_text("Dank u: u doet mee.")).to_be_visible()
    expect(member.get_by_role("heading", name="U doet mee")).to_be_visible()

    # The same form, still open in another tab, is sent again: refused, nothing doubled.
    second_tab.get_by_label("Korte reactie").fill("Nog een keer")
    second_tab.get_by_role("button", name="Ik doe mee").click()
    expect(second_tab.get_by_text("U heeft al op deze oproep gereageerd")).to_be_visible()
    assert CallAnswer.objects.count() == 1
    phone.close()

    _another_member_joins_without_opt_in(world, CallAnswer.objects.get().call)

    # The civil servant sees the count, and the details of the member who opted in only.
    page.context.clear_cookies()
    sign_in(page, world.users["civil_servant"])
    page.goto(call_url)
    counts = page.locator("#answer-counts")
    expect(counts.locator("div", has_text="Doen mee").locator("dd")).to_have_text("2")
    answers = page.locator("#answers")
    expect(answers.get_by_text("Yoga Marieke")).to_be_visible()
    expect(answers.get_by_text("Ik geef een stoelyogales.")).to_be_visible()
    expect(page.get_by_text("Gym Henk")).to_have_count(0)
    expect(page.get_by_text("Krachttraining voor ouderen")).to_have_count(0)
    expect(page.get_by_text("Nog 1 lid doet mee zonder naam")).to_be_visible()
    assert not axe_violations(page)
