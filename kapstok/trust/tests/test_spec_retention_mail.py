"""Retention per category at its term, the mail outbox message by message, and erasure details."""

import datetime
import smtplib

import pytest
from axes.models import AccessAttempt

from django.contrib.sessions.models import Session
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone

from kapstok.trust import mail as outbox
from kapstok.trust import retention
from kapstok.trust.consent import consent_record
from kapstok.trust.models import (
    AuditEntry,
    ConsentPurpose,
    ConsentRecord,
    ErasureRecord,
    OutboxMessage,
)
from kapstok.trust.personal_data import personal_data_erase

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


class PickyBackend(LocmemBackend):
    """Refuses mail to addresses at weigert.invalid; delivers the rest to mail.outbox."""

    def send_messages(self, messages):
        for message in messages:
            if any(address.endswith("@weigert.invalid") for address in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"nee")})
        return super().send_messages(messages)


PICKY = f"{__name__}.PickyBackend"


# --- retention -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_attempts_go_after_thirty_days(world):
    for age in (31, 29):
        attempt = AccessAttempt.objects.create(
            username=f"{age}@example.invalid", ip_address="127.0.0.1", user_agent="test",
            get_data="", post_data="", http_accept="", path_info="/", failures_since_start=1,
        )  # fmt: skip
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=NOW - age * DAY)
    assert retention.apply_retention(now=NOW)["Inlogpogingen (e-mailadres, IP-adres)"] == 1
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["29@example.invalid"]


@pytest.mark.django_db
def test_the_audit_log_is_kept_for_seven_years(world):
    old = AuditEntry.objects.create(actor_label="x", action="create", model="m", object_id="1")
    AuditEntry.objects.filter(pk=old.pk).update(occurred_at=NOW - 7 * 366 * DAY)
    kept = AuditEntry.objects.create(actor_label="x", action="create", model="m", object_id="2")
    AuditEntry.objects.filter(pk=kept.pk).update(occurred_at=NOW - 6 * 365 * DAY)
    before = AuditEntry.objects.count()
    assert retention.apply_retention(now=NOW)["Auditlog"] == 1
    assert AuditEntry.objects.count() == before - 1
    assert AuditEntry.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
def test_consents_about_nobody_go_after_thirty_days_the_rest_stay(world):
    def record(age, **subject):
        made = consent_record(
            purpose=ConsentPurpose.PUBLIC_LISTING, given=True, source="test", **subject
        )
        ConsentRecord.objects.filter(pk=made.pk).update(recorded_at=NOW - age * DAY)
        return made

    orphan = record(40)
    recent_orphan = record(10)
    of_member = record(400, entrepreneur=world.member_entrepreneur)
    category = "Toestemmingen (wat, wanneer, welke tekst)"
    assert retention.apply_retention(now=NOW)[category] == 1
    assert set(ConsentRecord.objects.values_list("pk", flat=True)) == {
        recent_orphan.pk,
        of_member.pk,
    }
    assert not ConsentRecord.objects.filter(pk=orphan.pk).exists()


@pytest.mark.django_db
def test_sessions_go_when_they_expire(world):
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=NOW - DAY)
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=NOW + DAY)
    retention.apply_retention(now=NOW)
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


@pytest.mark.django_db
def test_the_inventory_page_is_for_site_admins_only(world, login):
    assert login(world.users["pos"]).get(reverse("trust:data_inventory")).status_code == 403


# --- the outbox ----------------------------------------------------------------------------------


@pytest.fixture
def picky(settings):
    settings.EMAIL_BACKEND = "kapstok.trust.mail.OutboxFallbackBackend"
    settings.KAPSTOK_MAIL_BACKEND = PICKY


@pytest.mark.django_db
def test_a_refused_address_queues_only_that_mail(picky):
    connection = mail.get_connection()
    messages = [
        mail.EmailMessage("Een", "x", to=["a@example.invalid"]),
        mail.EmailMessage("Twee", "x", to=["b@weigert.invalid"], cc=["c@example.invalid"],
                          reply_to=["kantoor@example.invalid"], headers={"X-Test": "1"}),
        mail.EmailMessage("Drie", "x", to=["d@example.invalid"]),
    ]  # fmt: skip
    assert connection.send_messages(messages) == 3
    assert [m.subject for m in mail.outbox] == ["Een", "Drie"]
    stored = OutboxMessage.objects.get()
    assert (stored.subject, stored.to, stored.cc, stored.reply_to) == (
        "Twee",
        ["b@weigert.invalid"],
        ["c@example.invalid"],
        ["kantoor@example.invalid"],
    )
    assert stored.headers == {"X-Test": "1"} and "SMTPRecipientsRefused" in stored.last_error


@pytest.mark.django_db
def test_sending_nothing_sends_nothing(picky):
    assert mail.get_connection().send_messages([]) == 0


@pytest.mark.django_db
def test_a_mail_that_keeps_failing_waits_ever_longer_up_to_six_hours(picky):
    mail.EmailMessage("Twee", "x", to=["b@weigert.invalid"]).send()
    stored = OutboxMessage.objects.get()
    now = stored.next_attempt_at
    waits = []
    for _attempt in range(12):
        outbox.outbox_flush(now=now)
        stored.refresh_from_db()
        waits.append(stored.next_attempt_at - now)
        now = stored.next_attempt_at
    assert waits[:3] == [datetime.timedelta(minutes=m) for m in (2, 4, 8)]
    assert waits[-1] == datetime.timedelta(hours=6)
    assert stored.attempts == 13 and stored.sent_at is None


@pytest.mark.django_db
def test_the_flush_reports_sent_and_waiting(picky):
    mail.EmailMessage("Twee", "x", to=["b@weigert.invalid"]).send()
    OutboxMessage.objects.create(subject="Weer goed", to=["ok@example.invalid"], attempts=1)
    assert outbox.outbox_flush(now=timezone.now() + DAY) == (1, 1)
    assert [m.subject for m in mail.outbox] == ["Weer goed"]


# --- erasure and export --------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_erasure_by_an_admin_is_recorded_as_not_on_own_request(world):
    kees = world.users["lead"]
    record = personal_data_erase(user=kees, actor=world.users["admin"])
    assert (record.user_id_erased, record.requested_by_self) == (kees.pk, False)
    kees.refresh_from_db()
    assert not kees.has_usable_password() and kees.grants.count() == 0
    assert ErasureRecord.objects.count() == 1


@pytest.mark.django_db
def test_the_erasure_audit_never_repeats_what_was_erased(world):
    personal_data_erase(user=world.users["member"])
    entry = AuditEntry.objects.get(model="accounts.user", summary__startswith="Geanonimiseerd")
    assert set(entry.before.values()) == {"[gewist]"}
    assert "marieke@example.invalid" not in str(entry.after)
