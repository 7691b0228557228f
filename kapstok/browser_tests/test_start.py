"""The start page on a phone: a member finds what to do, each one click from being done."""

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from kapstok.influence.factories import PositionFactory
from kapstok.influence.models import PositionStatus
from kapstok.messaging.factories import OfficeMessageFactory
from kapstok.messaging.models import Delivery, DeliveryStatus
from kapstok.strategy.factories import StrategySessionFactory
from kapstok.strategy.models import SessionPhase

pytestmark = pytest.mark.browser


@pytest.fixture
def things_to_do(live_world):
    world = live_world
    now = timezone.now()
    PositionFactory(
        office=world.office,
        status=PositionStatus.OPEN,
        opened_at=now,
        title="Gymzalen overdag open",
    )
    StrategySessionFactory(office=world.office, phase=SessionPhase.COLLECT, title="Sessie 2027")
    message = OfficeMessageFactory(office=world.office, subject="Ledenavond", sent_at=now)
    Delivery.objects.create(
        message=message, entrepreneur=world.member_entrepreneur, status=DeliveryStatus.IN_APP
    )
    return world


def test_member_on_phone_does_each_thing_in_one_click(
    phone_page, live_server, things_to_do, sign_in, axe_violations
):
    page = phone_page
    sign_in(page, things_to_do.users["member"])
    page.goto("/start/")
    todo = page.get_by_role("region", name="Te doen")
    expect(todo.get_by_role("heading", name="Als ondernemer")).to_be_visible()
    assert not axe_violations(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the start page is {overflow}px wider than a 390px phone screen"

    todo.get_by_role("link", name="Steun het standpunt ‘Gymzalen overdag open’").click()
    expect(page.get_by_role("button", name="Ik steun dit standpunt")).to_be_visible()

    page.goto("/start/")
    page.get_by_role("link", name="Zet uw kansen en uitdagingen op tafel: Sessie 2027").click()
    expect(page.get_by_role("heading", name="Kaartje toevoegen")).to_be_visible()

    page.goto("/start/")
    page.get_by_role("link", name="Lees het bericht ‘Ledenavond’").click()
    expect(page.get_by_role("heading", name="Ledenavond", level=1)).to_be_visible()

    page.goto("/start/")
    expect(page.get_by_role("link", name="Lees het bericht ‘Ledenavond’")).to_have_count(0)
    page.get_by_role("navigation", name="Account van Marieke Lid").get_by_role(
        "link", name="Mijn gegevens"
    ).click()
    expect(page).to_have_url(live_server.url + "/account/mijn-gegevens/")
