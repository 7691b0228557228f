"""A lead reads in the local landscape and sees who is missing and whom to approach next.

Upload a KvK export as Dutch Excel saves it (semicolons, Windows-1252), choose the column the
importer could not guess, read the rejected rows with their reasons, store the good ones, then
see the coverage per branch and "wie nu benaderen". The import runs inline here (the thread of
the real site cannot see the test's data until it commits); its progress bar has its own test.
"""

import pytest
from playwright.sync_api import expect

from kapstok.network.models import SportBranch
from kapstok.network.reference_data import taxonomy_load
from kapstok.representation.models import LandscapeBusiness

pytestmark = pytest.mark.browser

HEADER = "KvK-nummer;Vestigingsnummer;Naam onderneming;SBI-code;Plaats;Gemeente"


@pytest.fixture
def export_file(live_world, tmp_path, settings):
    settings.REPRESENTATION_IMPORT_IN_THREAD = False
    settings.MEDIA_ROOT = tmp_path / "media"
    taxonomy_load()
    live_world.member_entrepreneur.branches.set([SportBranch.objects.get(slug="yoga-pilates")])
    member = live_world.member_entrepreneur.kvk_number
    lines = [
        HEADER,
        f"{member};;Yoga Marieke;93.14.9;Utrecht;Utrecht",
        "12345678;;Padelcentrum Domstad;93.12.4;Utrecht;Utrecht",
        "23456789;;Tennispark Kromme Rijn;93.12.4;Utrecht;Utrecht",
        "34567890;;Manège De Uithof;93.12.5;De Uithof;Utrecht",
        "1234;;Golfbaan Fout;93.12.9;Utrecht;Utrecht",
        "45678901;;Zwemschool Zwolle;93.11.1;Zwolle;Zwolle",
    ]
    path = tmp_path / "kvk-export.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


def test_lead_imports_the_landscape_and_sees_whom_to_approach(
    page, live_server, live_world, sign_in, export_file, axe_violations
):
    sign_in(page, live_world.users["lead"])
    page.goto("/netwerk/kantoren/kantoor-utrecht/")
    page.get_by_role("link", name="Afspiegeling").click()
    expect(page.get_by_text("Lees het sportlandschap in")).to_be_visible()
    page.get_by_role("link", name="Landschap importeren").click()

    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(export_file))
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolommen kiezen")
    preview = page.get_by_role("table", name="Eerste regels van het bestand")
    expect(preview).to_contain_text("Manège De Uithof")  # Windows-1252 read right
    page.get_by_label("Handelsnaam").select_option(label="Naam onderneming")
    page.get_by_role("button", name="Controleren").click()

    rejected = page.get_by_role("table", name="Afgewezen regels met reden")
    expect(rejected.get_by_role("row")).to_have_count(3)
    expect(rejected.get_by_role("row").filter(has_text="KvK-nummer '1234'")).to_contain_text("6")
    expect(rejected).to_contain_text("Gemeente 'Zwolle' hoort niet bij dit kantoor (Utrecht).")
    assert not LandscapeBusiness.objects.exists()
    page.get_by_role("button", name="4 regels opslaan").click()

    expect(page.get_by_role("status").first).to_contain_text("Opgeslagen: 4 nieuwe bedrijven")
    assert LandscapeBusiness.objects.count() == 4
    page.get_by_role("link", name="Bekijk de afspiegeling").click()

    branches = page.get_by_role("table", name="Dekking per tak van sport")
    expect(branches.get_by_role("row").filter(has_text="Padel")).to_contain_text("0%")
    expect(branches.get_by_role("row").filter(has_text="Yoga en pilates")).to_contain_text("100%")
    expect(page.get_by_text("Afspiegelingsindex: 25%")).to_be_attached()
    approach = page.get_by_role("region", name="Wie nu benaderen").get_by_role("listitem")
    expect(approach).to_have_count(3)
    expect(approach.first).to_contain_text("te benaderen")
    assert not axe_violations(page)
