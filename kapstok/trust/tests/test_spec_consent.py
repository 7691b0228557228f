"""Consent records in detail: versions, what holds now, withdrawing, sharing per municipality."""

import hashlib

import pytest

from django.urls import reverse

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import MembershipFactory
from kapstok.network.models import Membership
from kapstok.trust import consent
from kapstok.trust.models import AuditEntry, ConsentPurpose, ConsentRecord

pytestmark = pytest.mark.django_db
CONTACT = ConsentPurpose.MUNICIPALITY_CONTACT
LISTING = ConsentPurpose.PUBLIC_LISTING


def share(world, municipality, given=True):
    return consent.municipality_contact_set(
        entrepreneur=world.member_entrepreneur, municipality=municipality, given=given,
        user=world.users["member"], source="test",
    )  # fmt: skip


# --- texts and records ---------------------------------------------------------------------------


def test_a_record_keeps_the_version_and_the_hash_of_the_exact_text(world):
    record = consent.consent_record(purpose=LISTING, given=True, source="x" * 80, user=None)
    text = consent.current_text(LISTING)
    assert (record.text_version, record.text_hash) == (
        text.version,
        hashlib.sha256(text.text.encode()).hexdigest(),
    )
    assert len(record.source) == 60


def test_an_older_version_still_shows_the_text_that_was_agreed_to(world):
    old = consent.CONSENT_TEXTS[CONTACT][0]
    record = consent.consent_record(purpose=CONTACT, given=True, source="oud", text=old)
    assert consent.text_for(record) == "Deelt e-mailadres en telefoonnummer met de gemeente"
    ConsentRecord.objects.filter(pk=record.pk).update(text_version="1999-1")
    record.refresh_from_db()
    assert consent.text_for(record) == ""


# --- sharing with a municipality -----------------------------------------------------------------


def test_repeating_the_same_answer_records_nothing_new(world):
    assert share(world, world.utrecht) is not None
    assert share(world, world.utrecht) is None
    assert ConsentRecord.objects.filter(purpose=CONTACT).count() == 1


def test_the_latest_word_per_municipality_is_what_holds(world):
    share(world, world.utrecht)
    share(world, world.zwolle)
    share(world, world.utrecht, given=False)
    entrepreneur = world.member_entrepreneur.pk
    assert consent.municipality_contact_holders(world.utrecht.pk, [entrepreneur]) == set()
    assert consent.municipality_contact_holders(world.zwolle.pk, [entrepreneur]) == {entrepreneur}
    share(world, world.utrecht)
    assert consent.municipality_contact_given(entrepreneur, world.utrecht.pk)


def test_withdrawing_for_one_municipality_leaves_the_other(world):
    share(world, world.utrecht)
    share(world, world.zwolle)
    withdrawn = consent.consent_withdraw(
        user=world.users["member"], purpose=CONTACT, municipality_id=world.zwolle.pk
    )
    assert [record.municipality for record in withdrawn] == [world.zwolle]
    entrepreneur = world.member_entrepreneur.pk
    assert consent.municipality_contact_given(entrepreneur, world.utrecht.pk)
    assert not consent.municipality_contact_given(entrepreneur, world.zwolle.pk)


def test_what_holds_now_is_one_record_per_purpose_business_and_municipality(world):
    share(world, world.utrecht)
    share(world, world.utrecht, given=False)
    share(world, world.zwolle)
    current = consent.consents_current(world.users["member"])
    assert [(r.municipality.name, r.given) for r in current] == [
        ("Utrecht", False),
        ("Zwolle", True),
    ]


def test_another_representative_of_the_business_sees_its_consents(world):
    colleague = UserFactory(email="collega@example.invalid")
    grant_role(user=colleague, role=Role.MEMBER, scope=world.member_entrepreneur)
    share(world, world.utrecht)
    assert [r.municipality for r in consent.consents_for(colleague)] == [world.utrecht]


# --- withdrawing ---------------------------------------------------------------------------------


def test_the_privacy_statement_cannot_be_withdrawn_by_the_service(world):
    with pytest.raises(ValueError, match="cannot be withdrawn"):
        consent.consent_withdraw(
            user=world.users["member"], purpose=ConsentPurpose.PRIVACY_STATEMENT
        )


def test_withdrawing_what_was_never_given_records_nothing(world):
    assert consent.consent_withdraw(user=world.users["member"], purpose=LISTING) == []
    assert not ConsentRecord.objects.exists()


def test_withdrawing_the_listing_is_audited_on_every_membership(world):
    MembershipFactory(office=world.other_office, entrepreneur=world.member_entrepreneur,
                      listed_publicly=True)  # fmt: skip
    Membership.objects.filter(office=world.office).update(listed_publicly=True)
    consent.consent_record(
        purpose=LISTING, given=True, source="test", entrepreneur=world.member_entrepreneur
    )
    consent.consent_withdraw(user=world.users["member"], purpose=LISTING)
    assert not Membership.objects.filter(listed_publicly=True).exists()
    summaries = AuditEntry.objects.filter(model="network.membership").values_list(
        "summary", flat=True
    )
    assert list(summaries) == ["Openbare vermelding uit: toestemming ingetrokken"] * 2


def test_the_withdraw_button_refuses_an_unknown_purpose(world, login):
    response = login(world.users["member"]).post(
        reverse("trust:consent_withdraw"), {"purpose": "alles"}, follow=True
    )
    assert "Deze toestemming kunt u hier niet intrekken." in response.content.decode()
    assert not ConsentRecord.objects.exists()


# --- the overview for site admins ----------------------------------------------------------------


def test_the_overview_counts_given_and_refused_per_purpose(world):
    share(world, world.utrecht)
    share(world, world.utrecht, given=False)
    share(world, world.zwolle)
    rows = {row["purpose"]: row for row in consent.consents_by_purpose()}
    assert (rows[CONTACT]["given"], rows[CONTACT]["refused"]) == (2, 1)
    assert (rows[LISTING]["given"], rows[LISTING]["refused"]) == (0, 0)


def test_the_overview_page_filters_by_purpose_for_admins_only(world, login):
    share(world, world.utrecht)
    consent.consent_record(purpose=LISTING, given=True, source="test")
    url = reverse("trust:consent_overview")
    page = login(world.users["admin"]).get(url, {"waarvoor": CONTACT})
    assert [record.purpose for record in page.context["records"]] == [CONTACT]
    assert len(login(world.users["admin"]).get(url, {"waarvoor": "iets"}).context["records"]) == 2
    assert login(world.users["pos"]).get(url).status_code == 403
