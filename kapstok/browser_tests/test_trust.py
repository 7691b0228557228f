"""Consents in the browser: a member sees them on Mijn gegevens and withdraws the listing."""

import pytest
from playwright.sync_api import expect

from kapstok.network.models import Membership
from kapstok.trust.consent import consent_record
from kapstok.trust.models import ConsentPurpose

pytestmark = pytest.mark.browser


@pytest.fixture
def listed_member(live_world):
    """Marieke's business gave its consent to be listed (as on the join form) and is listed."""
    entrepreneur = live_world.member_entrepreneur
    for purpose in (ConsentPurpose.PRIVACY_STATEMENT, ConsentPurpose.PUBLIC_LISTING):
        consent_record(
            purpose=purpose, given=True, source="aanmeldformulier", entrepreneur=entrepreneur
        )
    Membership.objects.filter(entrepreneur=entrepreneur).update(listed_publicly=True)
    return live_world


def test_member_withdraws_the_public_listing(page, listed_member, sign_in, axe_violations):
    sign_in(page, listed_member.users["member"])
    page.goto("/account/mijn-gegevens/")
    expect(page.get_by_role("heading", name="Toestemmingen", exact=True)).to_be_visible()
    assert not axe_violations(page)

    page.get_by_role("button", name="Trek toestemming in: vermelding op de openbare").click()

    expect(page.get_by_text("Uw toestemming is ingetrokken.")).to_be_visible()
    expect(page.get_by_text("niet gegeven of ingetrokken")).to_be_visible()
    expect(page.get_by_role("button", name="Trek toestemming in")).to_have_count(0)
    entrepreneur = listed_member.member_entrepreneur
    assert not Membership.objects.filter(entrepreneur=entrepreneur, listed_publicly=True).exists()


def test_admin_consent_overview_is_accessible(page, listed_member, sign_in, axe_violations):
    sign_in(page, listed_member.users["admin"])
    page.goto("/account/toestemmingen/")
    expect(page.get_by_role("heading", name="Toestemmingen per categorie")).to_be_visible()
    assert not axe_violations(page)
