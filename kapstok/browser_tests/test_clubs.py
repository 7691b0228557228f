"""Sports clubs in a browser, on a phone: the municipality's contact imports a file and reads
which rows were skipped, opens a club; a member of another office in the province finds a
regional post and replies to it. Each page passes axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.clubs.models import SportsClub
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.peers.exchange import post_create
from kapstok.peers.models import ExchangeReply

pytestmark = pytest.mark.browser


@pytest.fixture
def clubs_world(live_world):
    world = live_world
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", province="Utrecht")
    office = OfficeFactory(
        name="Kantoor Amersfoort", slug="kantoor-amersfoort", municipalities=[amersfoort]
    )
    business = EntrepreneurFactory(business_name="Padel Arie", municipality=amersfoort)
    MembershipFactory(office=office, entrepreneur=business, joined_on=datetime.date(2024, 1, 1))
    world.users["region_member"] = UserFactory(
        email="arie@example.invalid", full_name="Arie Amersfoort"
    )
    grant_role(
        user=world.users["region_member"],
        role=Role.MEMBER,
        scope=business,
        starts_on=datetime.date(2000, 1, 1),
    )
    world.regional = post_create(
        office=world.office,
        author=world.users["lead"],
        kind="offer",
        topic="equipment",
        title="Padelbaan te leen",
        body="",
        is_regional=True,
    )
    return world


def test_a_civil_servant_imports_clubs_and_a_regional_member_replies(
    phone_page, live_server, clubs_world, sign_in, axe_violations, tmp_path
):
    page = phone_page
    upload = tmp_path / "verenigingen.csv"
    upload.write_bytes("naam;sport;gemeente\nHockeyclub De Wielewaal;Tennis;Utrecht\n"
                      "Roeiclub De Fuut;Watersport;Zwolle\n".encode("cp1252"))  # fmt: skip
    sign_in(page, clubs_world.users["civil_servant"])

    page.goto("/netwerk/sportverenigingen/")
    page.get_by_role("link", name="Importeren uit een bestand").click()
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(upload))
    page.get_by_role("button", name="Inlezen").click()

    expect(page.get_by_role("heading", name="Verslag van de import")).to_be_visible()
    expect(page.get_by_text("gemeente Zwolle is niet van u")).to_be_visible()
    assert not axe_violations(page)
    assert SportsClub.objects.filter(name="Hockeyclub De Wielewaal").exists()
    page.goto("/netwerk/sportverenigingen/")
    page.get_by_role("link", name="Hockeyclub De Wielewaal").click()
    expect(page.get_by_role("heading", name="Samenwerking")).to_be_visible()
    assert not axe_violations(page)

    page.context.clear_cookies()
    sign_in(page, clubs_world.users["region_member"])
    page.goto("/netwerk/uitwisselbord/regio/")
    assert not axe_violations(page)
    page.get_by_role("link", name="Padelbaan te leen").click()
    page.get_by_role("textbox", name="Reactie (verplicht)").fill("Mogen wij hem lenen in juni?")
    page.get_by_role("button", name="Reageren").click()
    expect(page.get_by_text("Uw reactie is geplaatst.")).to_be_visible()
    assert ExchangeReply.objects.get().author == clubs_world.users["region_member"]
