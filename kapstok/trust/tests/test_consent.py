"""Consent records: given on the join form, linked on acceptance, shown, withdrawn, listed."""

import datetime
import hashlib
import json

import pytest

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import override

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.models import Membership
from kapstok.public import services as public_services
from kapstok.public.forms import JoinForm
from kapstok.trust import consent, retention
from kapstok.trust.models import AuditEntry, ConsentPurpose, ConsentRecord
from kapstok.trust.personal_data import personal_data_erase

pytestmark = pytest.mark.django_db

SANNE = {
    "full_name": "Sanne Sport",
    "business_name": "Padel Sanne",
    "kvk_number": "12345678",
    "email": "sanne@example.invalid",
    "phone": "",
    "website": "https://padelsanne.example",
    "message": "",
    "listed_publicly": True,
}


def submit(world, **changes):
    branch = world.member_entrepreneur.branches.first()
    return public_services.join_request_submit(
        office=world.office, data=SANNE | changes, branches=[branch]
    )


def accepted_sanne(world):
    """Sanne's request accepted, and Sanne given an account that represents her business."""
    request = submit(world)
    public_services.join_request_confirm(join_request=request)
    membership = public_services.join_request_accept(
        join_request=request, actor=world.users["lead"]
    )
    sanne = UserFactory(email="sanne@example.invalid")
    grant_role(user=sanne, role=Role.MEMBER, scope=membership.entrepreneur)
    return sanne, membership


def test_the_join_form_records_the_privacy_statement_and_the_listing_choice(world):
    request = submit(world, listed_publicly=False)
    records = {r.purpose: r for r in ConsentRecord.objects.filter(join_request=request)}
    privacy = records[ConsentPurpose.PRIVACY_STATEMENT]
    assert privacy.given and privacy.email == "sanne@example.invalid"
    assert privacy.source == "aanmeldformulier"
    assert privacy.text_version == consent.current_text(ConsentPurpose.PRIVACY_STATEMENT).version
    expected = hashlib.sha256(b"Ik ga akkoord met de privacyverklaring.").hexdigest()
    assert privacy.text_hash == expected
    assert records[ConsentPurpose.PUBLIC_LISTING].given is False


def test_every_consent_is_in_the_audit_log(world):
    submit(world)
    entries = AuditEntry.objects.filter(model="trust.consentrecord")
    assert entries.count() == 2
    assert all(entry.after["text_hash"] for entry in entries)


def test_the_form_asks_with_exactly_the_recorded_text(world):
    """Changing a label without adding a new text version would make the records lie."""
    with override("nl"):
        form = JoinForm()
        listing = str(form.fields["listed_publicly"].label)
        privacy = strip_tags(str(form.fields["privacy"].label))
    assert listing == consent.consent_text(ConsentPurpose.PUBLIC_LISTING)
    assert privacy == consent.consent_text(ConsentPurpose.PRIVACY_STATEMENT)


def test_the_sharing_page_asks_with_exactly_the_recorded_text(world, client):
    client.force_login(world.users["member"])
    page = client.get("/netwerk/kantoren/kantoor-utrecht/delen-met-gemeente/").content.decode()
    assert consent.consent_text(ConsentPurpose.MUNICIPALITY_CONTACT) in page


def test_acceptance_links_the_consents_to_the_new_entrepreneur(world):
    sanne, membership = accepted_sanne(world)
    linked = ConsentRecord.objects.filter(entrepreneur=membership.entrepreneur)
    assert linked.count() == 2
    assert {r.purpose for r in consent.consents_current(sanne)} == {
        ConsentPurpose.PRIVACY_STATEMENT,
        ConsentPurpose.PUBLIC_LISTING,
    }


def test_records_cannot_be_changed_or_deleted(world):
    submit(world)
    record = ConsentRecord.objects.first()
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        record.delete()


def test_the_profile_shows_the_consents_and_the_downloads_contain_them(client, world):
    sanne, _membership = accepted_sanne(world)
    client.force_login(sanne)
    page = client.get(reverse("trust:my_data")).content.decode()
    assert "vermelding op de openbare kantoorpagina" in page
    assert "2026-11-1" in page
    data = json.loads(client.get(reverse("trust:my_data_json")).content)
    records = [
        {item["sleutel"]: item["waarde"] for item in record["velden"]}
        for record in data["toestemmingen"]["records"]
    ]
    purposes = {record["purpose"] for record in records}
    assert purposes == {"privacyverklaring", "vermelding op de openbare kantoorpagina"}
    assert all(record["text"] and record["text_version"] == "2026-11-1" for record in records)
    assert "trust.consentrecord" not in {group["soort"] for group in data["gegevens"]}


def test_the_pdf_download_lists_the_consents(world):
    from django.template.loader import render_to_string

    from kapstok.trust.personal_data import personal_data_export

    sanne, _membership = accepted_sanne(world)
    html = render_to_string("trust/my_data_pdf.html", {"data": personal_data_export(sanne)})
    assert "Toestemmingen" in html and "privacyverklaring" in html


def test_withdrawing_the_listing_records_it_and_takes_the_business_off_the_page(client, world):
    sanne, membership = accepted_sanne(world)
    assert Membership.objects.get(pk=membership.pk).listed_publicly
    client.force_login(sanne)
    response = client.post(
        reverse("trust:consent_withdraw"), {"purpose": ConsentPurpose.PUBLIC_LISTING}
    )
    assert response.status_code == 302
    assert not Membership.objects.get(pk=membership.pk).listed_publicly
    current = {r.purpose: r for r in consent.consents_current(sanne)}
    assert current[ConsentPurpose.PUBLIC_LISTING].given is False
    assert current[ConsentPurpose.PRIVACY_STATEMENT].given is True
    # The consent given earlier is still there: a withdrawal is a new record.
    assert ConsentRecord.objects.filter(purpose=ConsentPurpose.PUBLIC_LISTING).count() == 2
    assert AuditEntry.objects.filter(summary__contains="toestemming ingetrokken").exists()


def test_the_privacy_statement_cannot_be_withdrawn_from_the_profile(client, world):
    sanne, _membership = accepted_sanne(world)
    client.force_login(sanne)
    client.post(reverse("trust:consent_withdraw"), {"purpose": ConsentPurpose.PRIVACY_STATEMENT})
    assert ConsentRecord.objects.filter(given=False).count() == 0


def test_another_member_does_not_see_sannes_consents(client, world):
    accepted_sanne(world)
    client.force_login(world.users["member"])
    page = client.get(reverse("trust:my_data")).content.decode()
    assert "U heeft geen toestemmingen gegeven." in page


def test_admin_sees_consents_per_category(client, world):
    submit(world)
    client.force_login(world.users["admin"])
    page = client.get(reverse("trust:consent_overview")).content.decode()
    assert "privacyverklaring" in page and "sanne@example.invalid" in page
    filtered = client.get(reverse("trust:consent_overview"), {"waarvoor": "public_listing"})
    assert filtered.context["records"][0].purpose == "public_listing"
    assert len(filtered.context["records"]) == 1


def test_consents_of_a_request_that_was_never_confirmed_go_with_it(world):
    request = submit(world)
    later = timezone.now() + datetime.timedelta(days=31)
    retention.apply_retention(now=later)
    assert not type(request).objects.filter(pk=request.pk).exists()
    assert not ConsentRecord.objects.exists()


def test_consents_of_a_member_outlive_the_join_request(world):
    _sanne, membership = accepted_sanne(world)
    retention.apply_retention(now=timezone.now() + datetime.timedelta(days=60))
    assert ConsentRecord.objects.filter(entrepreneur=membership.entrepreneur).count() == 2


def test_erasure_keeps_the_consents_without_the_address(world):
    sanne, membership = accepted_sanne(world)
    consent.consent_withdraw(user=sanne, purpose=ConsentPurpose.PUBLIC_LISTING)
    personal_data_erase(user=sanne)
    kept = ConsentRecord.objects.filter(entrepreneur=membership.entrepreneur)
    assert kept.count() == 3
    assert not kept.exclude(email="").exists()
