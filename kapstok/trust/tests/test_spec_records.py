"""How personal data is recorded and shown back: audit entries, consent proofs, Dutch values.

Specifications of `trust.audit` (what an entry keeps), the erasure of consent addresses, and
`trust.descriptions` (how *Mijn gegevens* writes a value: Dutch dates, ja/nee, a dash for
nothing, choice labels instead of codes).
"""

import datetime
import decimal
import zoneinfo

import pytest

from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.network.factories import EntrepreneurFactory
from kapstok.network.models import Entrepreneur, Membership, SizeBand
from kapstok.trust import audit, consent, descriptions
from kapstok.trust.models import AuditAction, AuditEntry, ConsentPurpose, ConsentRecord

pytestmark = pytest.mark.django_db


# --- the audit log -----------------------------------------------------------------------------


def test_an_update_that_changes_no_personal_field_records_nothing(world):
    before = audit.snapshot(world.member_entrepreneur)
    entries = AuditEntry.objects.count()
    entry = audit.audit_record(
        action=AuditAction.UPDATE, instance=world.member_entrepreneur, before=before, after=before
    )
    assert entry is None
    assert AuditEntry.objects.count() == entries


def test_a_creation_keeps_every_personal_field_and_who_did_it(world):
    entry = audit.audit_record(
        action=AuditAction.CREATE,
        instance=world.member_entrepreneur,
        after=audit.snapshot(world.member_entrepreneur),
        actor=world.users["lead"],
        summary="Aangemaakt",
    )
    assert entry.actor_label == "kees@example.invalid"
    assert entry.model == "network.entrepreneur"
    assert entry.object_id == str(world.member_entrepreneur.pk)
    assert set(entry.after) == set(audit.PERSONAL_FIELDS["network.entrepreneur"])


def test_a_change_without_a_signed_in_person_is_the_systems(world):
    from django.contrib.auth.models import AnonymousUser

    for actor in (None, AnonymousUser()):
        entry = audit.audit_record(
            action=AuditAction.DELETE, instance=world.member_entrepreneur, actor=actor
        )
        assert entry.actor is None and entry.actor_label == "systeem"


def test_a_long_summary_is_cut_to_fit_the_log(world):
    entry = audit.audit_record(
        action=AuditAction.DELETE, instance=world.member_entrepreneur, summary="x" * 400
    )
    assert len(entry.summary) == 250


def test_dates_are_kept_as_iso_text_and_other_models_have_no_personal_fields(world):
    membership = Membership.objects.get(entrepreneur=world.member_entrepreneur)
    assert audit.snapshot(membership)["joined_on"] == "2023-06-01"
    assert audit.snapshot(world.office) == {}
    assert audit.snapshot(None) == {}


def test_a_field_that_disappears_counts_as_a_change():
    assert audit.changed_fields({"email": "a@x.nl"}, {}) == ({"email": "a@x.nl"}, {"email": None})


def test_the_csv_keeps_before_and_after_as_sorted_json(world):
    audit.audit_record(
        action=AuditAction.UPDATE,
        instance=world.member_entrepreneur,
        before={"phone": "1", "email": "a@x.nl"},
        after={"phone": "2", "email": "b@x.nl"},
    )
    text = audit.audit_csv(AuditEntry.objects.filter(action=AuditAction.UPDATE))
    header, row = text.splitlines()[:2]
    assert header.split(",")[:3] == ["tijdstip", "door", "handeling"]
    assert '{""email"": ""a@x.nl"", ""phone"": ""1""}' in row


# --- consent proofs on erasure ------------------------------------------------------------


def give(**who):
    return consent.consent_record(
        purpose=ConsentPurpose.PRIVACY_STATEMENT, given=True, source="test", **who
    )


def test_erasing_blanks_the_address_but_keeps_the_proof(world):
    record = give(email="marieke@example.invalid", entrepreneur=world.member_entrepreneur)
    other = give(email="otto@example.invalid", entrepreneur=world.other_entrepreneur)
    assert consent.consent_emails_blank(entrepreneur=world.member_entrepreneur) == 1
    record.refresh_from_db()
    other.refresh_from_db()
    assert record.email == "" and record.given and record.text_hash
    assert other.email == "otto@example.invalid"


def test_erasing_by_account_touches_only_that_accounts_records(world):
    give(email="m@example.invalid", user=world.users["member"])
    give(email="o@example.invalid", user=world.users["other_member"])
    assert consent.consent_emails_blank(user=world.users["member"]) == 1
    assert consent.consent_emails_blank() == 0
    assert ConsentRecord.objects.filter(email="").count() == 1


def test_a_consent_is_recorded_in_the_audit_log_with_its_purpose(world):
    give(user=world.users["member"])
    entry = AuditEntry.objects.get(model="trust.consentrecord")
    assert entry.summary.startswith("Toestemming gegeven: ")
    assert entry.actor == world.users["member"]


def test_a_consent_source_is_cut_to_sixty_characters(world):
    record = consent.consent_record(
        purpose=ConsentPurpose.PRIVACY_STATEMENT, given=False, source="s" * 100
    )
    assert len(record.source) == 60
    entry = AuditEntry.objects.get(model="trust.consentrecord")
    assert entry.summary.startswith("Toestemming geweigerd of ingetrokken")


# --- values as *Mijn gegevens* writes them --------------------------------------------------


def test_yes_and_no_are_dutch():
    assert (descriptions.yes_no(True), descriptions.yes_no(False)) == ("ja", "nee")


def test_a_date_is_written_out_in_dutch_and_nothing_is_a_dash():
    assert descriptions.format_date(datetime.date(2026, 12, 6)) == "6 december 2026"
    assert descriptions.format_date(None) == descriptions.EMPTY
    assert descriptions.format_day(None) == descriptions.EMPTY


def test_a_moment_is_shown_in_dutch_local_time():
    utc = datetime.datetime(2026, 7, 1, 22, 30, tzinfo=datetime.UTC)
    assert descriptions.format_date(utc) == "2 juli 2026, 00:30"
    assert descriptions.format_day(utc) == "2 juli 2026"


def test_a_naive_moment_is_shown_as_it_is():
    naive = datetime.datetime(2026, 1, 5, 9, 15)  # noqa: DTZ001 - naive on purpose
    assert descriptions.format_date(naive) == "5 januari 2026, 09:15"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        ("", "–"),
        (True, "ja"),
        ([], "–"),
        (["yoga", "dans"], "yoga, dans"),
        (decimal.Decimal("600.50"), "600,50"),
        ("Padel Sanne", "Padel Sanne"),
    ],
)
def test_plain_values_are_written_for_people(value, shown):
    assert descriptions._plain(value) == shown


def field(model, name):
    return model._meta.get_field(name)


def test_a_choice_is_shown_by_its_dutch_label_and_an_empty_relation_as_a_dash(world):
    entrepreneur = world.member_entrepreneur
    entrepreneur.size_band = SizeBand.SMALL
    description = descriptions.description_for(Entrepreneur)
    shown = descriptions.display_value(entrepreneur, field(Entrepreneur, "size_band"), description)
    assert shown == str(SizeBand.SMALL.label)
    grant = RoleGrant.objects.get(role=Role.RESEARCHER)
    grant_description = descriptions.description_for(RoleGrant)
    assert (
        descriptions.display_value(grant, field(RoleGrant, "office"), grant_description)
        == descriptions.EMPTY
    )


def test_a_record_names_its_kind_the_day_it_began_and_labels_every_field(world):
    entrepreneur = EntrepreneurFactory(business_name="Dansschool Demi", municipality=world.utrecht)
    shown = descriptions.record(entrepreneur)
    assert shown["soort"] == "network.entrepreneur"
    assert shown["sinds"] == descriptions.format_day(timezone.localdate())
    values = {f["sleutel"]: f["waarde"] for f in shown["velden"]}
    assert values["business_name"] == "Dansschool Demi"
    assert all(f["label"] for f in shown["velden"])
    assert "is_demo" not in values


def test_a_group_says_what_the_kind_is_and_counts_its_records(world):
    grouped = descriptions.group("network.entrepreneur", [world.member_entrepreneur])
    assert grouped["aantal"] == 1 and len(grouped["records"]) == 1
    assert grouped["naam"] and grouped["doel"] and grouped["grondslag"] and grouped["bewaartermijn"]


def test_local_time_is_amsterdam(settings):
    assert zoneinfo.ZoneInfo(settings.TIME_ZONE) == zoneinfo.ZoneInfo("Europe/Amsterdam")
