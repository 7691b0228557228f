"""A support request from question to rating: the lead asks with an attachment, POS assigns,
answers and resolves, the lead answers and rates, and the report counts it."""

import pytest
from playwright.sync_api import expect

from kapstok.support.models import Category, Status, SupportRequest

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n% statuten\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def category(live_world):
    # The seeded categories are flushed by transactional tests: make the one we need.
    return Category.objects.get_or_create(name="rechtsvorm")[0]


def test_request_from_question_to_rating(page, live_server, live_world, sign_in, category):
    lead, pos = live_world.users["lead"], live_world.users["pos"]
    sign_in(page, lead)
    page.goto("/netwerk/kantoren/kantoor-utrecht/dashboard/")
    page.get_by_role("navigation", name="Pagina's van Kantoor Utrecht").get_by_role(
        "link", name="Ondersteuning"
    ).click()
    page.get_by_role("link", name="Nieuwe vraag").click()
    page.get_by_label("Categorie").select_option(label="rechtsvorm")
    page.get_by_label("Omschrijving").fill("Worden we een vereniging of een stichting?")
    page.get_by_label("Bijlagen").set_input_files(
        {"name": "statuten.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("link", name="statuten.pdf")).to_be_visible()
    request = SupportRequest.objects.get()
    detail = request.get_absolute_url()

    page.context.clear_cookies()
    sign_in(page, pos)
    page.goto("/netwerk/ondersteuning/")
    page.get_by_role("link", name="Worden we een vereniging of een stichting?").click()
    page.get_by_label("Behandelaar (POS)").select_option(label=pos.get_full_name())
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_label("Bericht").fill("Een vereniging past het best. Hebben jullie leden?")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Een vereniging past het best.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, lead)
    page.goto(detail)
    page.get_by_label("Bericht").fill("Ja, 24 leden.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Ja, 24 leden.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, pos)
    page.goto(detail)
    page.get_by_label("Status").select_option(label="opgelost")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".page-head .tag")).to_have_text("opgelost")

    page.context.clear_cookies()
    sign_in(page, lead)
    page.goto(detail)
    page.get_by_label("4").check()
    page.get_by_role("button", name="Beoordelen").click()
    expect(page.get_by_text("Bedankt voor uw oordeel.")).to_be_visible()
    request.refresh_from_db()
    assert (request.status, request.rating, request.assignee) == (Status.RESOLVED, 4, pos)
    assert request.first_response_at is not None

    page.context.clear_cookies()
    sign_in(page, pos)
    page.goto("/netwerk/ondersteuning/rapport/")
    row = page.get_by_role("row").filter(has_text="rechtsvorm")
    expect(row).to_contain_text("(1)")
