"""The office as mouthpiece, in a real browser: the lead drafts a position and opens it, a member
endorses it on a phone, the lead sends it as a PDF; then a role agreement round where two
parties see the roles differently. Each page passes the axe check."""

import pytest
from playwright.sync_api import expect

from django.core import mail

from kapstok.agreements.models import AgreementStatus, RoleAgreement
from kapstok.influence.models import Position, PositionStatus

pytestmark = pytest.mark.browser

INFLUENCE = "/netwerk/kantoren/kantoor-utrecht/invloed/"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_lead_drafts_member_endorses_lead_sends(
    page, phone_page, live_server, live_world, sign_in, axe_violations
):
    lead, member = live_world.users["lead"], live_world.users["member"]
    sign_in(page, lead)
    page.goto(INFLUENCE)
    page.get_by_role("link", name="Nieuw standpunt").click()
    page.get_by_label("Titel").fill("Subsidie ook voor ondernemers")
    page.get_by_label("Tekst").fill("Stel de regeling sport en bewegen open voor ondernemers.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies aan wie het standpunt gericht is")).to_be_visible()
    assert not axe_violations(page)
    page.get_by_label("Aan de gemeente").select_option(label="Utrecht")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Openstellen voor steun").click()
    expect(page.get_by_text("De leden kunnen het standpunt nu steunen.")).to_be_visible()
    position = Position.objects.get()

    sign_in(phone_page, member)
    phone_page.goto(position.get_absolute_url())
    phone_page.get_by_label("Mijn bedrijfsnaam mag in het standpunt staan").check()
    phone_page.get_by_role("button", name="Ik steun dit standpunt").click()
    expect(phone_page.get_by_text("1 ondernemer steunt dit standpunt")).to_be_visible()
    assert not axe_violations(phone_page)

    page.reload()
    page.get_by_role("link", name="Versturen").click()
    page.get_by_label("E-mailadres van de ontvanger").fill("sport@utrecht.invalid")
    assert not axe_violations(page)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Het standpunt is verstuurd en bewaard.")).to_be_visible()
    position.refresh_from_db()
    assert (position.status, position.endorsements_at_sending) == (PositionStatus.SENT, 1)
    assert mail.outbox[-1].to == ["sport@utrecht.invalid"]


def test_a_role_agreement_round_with_two_differing_views(
    page, live_server, live_world, sign_in, axe_violations
):
    lead, civil = live_world.users["lead"], live_world.users["civil_servant"]
    sign_in(page, lead)
    page.goto("/netwerk/kantoren/kantoor-utrecht/rollenafspraak/")
    page.get_by_role("button", name="Nieuwe ronde beginnen").click()
    page.get_by_role("link", name="uw beeld invullen (kantoor)").click()
    expect(page.get_by_role("heading", name="Het beeld van kantoor")).to_be_visible()
    assert not axe_violations(page)
    page.get_by_role("button", name="Opslaan").click()

    page.context.clear_cookies()
    sign_in(page, civil)
    page.goto("/netwerk/kantoren/kantoor-utrecht/rollenafspraak/versie-1/")
    page.get_by_role("link", name="uw beeld invullen (gemeente)").click()
    page.get_by_label("Strategie en doelen bepalen – gemeente").select_option(label="beslist")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("bij deze taken beslist meer dan één partij")).to_be_visible()
    expect(page.get_by_text("De beelden verschillen in 1 vak")).to_be_visible()
    assert not axe_violations(page)

    page.context.clear_cookies()
    sign_in(page, lead)
    page.goto("/netwerk/kantoren/kantoor-utrecht/rollenafspraak/versie-1/")
    page.get_by_role("link", name="Gezamenlijke versie opstellen").click()
    page.get_by_label("Strategie en doelen bepalen – gemeente").select_option(
        label="wordt geïnformeerd"
    )
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Bevestigen namens kantoor").click()
    expect(page.get_by_text("Uw bevestiging is vastgelegd.")).to_be_visible()
    agreement = RoleAgreement.objects.get()
    assert agreement.status == AgreementStatus.PROPOSED
    assert agreement.acknowledgements.get().party == "office"


def test_pos_opens_a_national_position_a_member_endorses_on_a_phone(
    page, phone_page, live_server, live_world, sign_in, axe_violations
):
    from kapstok.influence.models import NationalEndorsement, NationalPosition

    sign_in(page, live_world.users["pos"])
    page.goto("/netwerk/invloed/landelijk/")
    page.get_by_role("link", name="Nieuw landelijk standpunt").click()
    page.get_by_label("Titel").fill("Geen btw-verhoging op sport")
    page.get_by_label("Tekst").fill("Het tarief gaat van 9 naar 21 procent.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit veld is verplicht.")).to_be_visible()  # the ask is missing
    assert not axe_violations(page)
    page.get_by_label("Wat we vragen").fill("Spreek u uit tegen de verhoging.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Openstellen voor steun").click()
    expect(page.get_by_text("De leden van alle kantoren kunnen nu steunen.")).to_be_visible()
    position = NationalPosition.objects.get()

    sign_in(phone_page, live_world.users["member"])
    phone_page.goto("/start/")
    phone_page.get_by_role("link", name="Steun het landelijke standpunt").click()
    phone_page.get_by_label("Mijn bedrijfsnaam mag in het standpunt staan").check()
    phone_page.get_by_role("button", name="Ik steun dit standpunt").click()
    expect(phone_page.get_by_text("Uw bedrijf steunt dit standpunt.")).to_be_visible()
    assert not axe_violations(phone_page)
    assert NationalEndorsement.objects.get().position == position

    page.reload()
    expect(page.get_by_role("link", name="Pdf Utrecht")).to_be_visible()
    assert not axe_violations(page)
