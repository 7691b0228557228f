"""Signals over time: stored params, escalation, reopening, acknowledging, and the digest mails."""

import datetime

import pytest

from django.core import mail
from django.core.management import call_command

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.progress import services
from kapstok.progress.models import Signal, StallSettings

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


@pytest.fixture
def quiet_office():
    """Founded 1 May 2024, members since June 2024, no session: `no_session` is due 1 Nov."""
    office = OfficeFactory(name="Kantoor Stil", founded_on=datetime.date(2024, 5, 1))
    MembershipFactory(office=office, joined_on=datetime.date(2024, 6, 1))
    return office


def no_session(office):
    return Signal.objects.get(office=office, rule="no_session")


def test_signal_dates_are_stored_as_iso_text(quiet_office):
    services.signals_compute(today=TODAY)
    signal = no_session(quiet_office)
    assert signal.params == {"months": 6, "since": "2024-11-01"}
    assert signal.severity == "critical"  # 1 Nov plus 184 days is 4 May 2025


def test_a_signal_escalates_while_it_stays_open(quiet_office):
    services.signals_compute(today=datetime.date(2024, 12, 1))
    assert no_session(quiet_office).severity == "warning"
    result = services.signals_compute(today=TODAY)
    signal = no_session(quiet_office)
    assert signal.severity == "critical"
    assert signal.opened_on == datetime.date(2024, 11, 1)
    assert result.refreshed >= 1


def test_a_rule_that_trips_again_after_resolving_opens_a_new_signal():
    office = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    others = ["no_session", "no_smart_goal", "no_activity", "single_lead", "support_overdue"]
    StallSettings.objects.create(disabled_rules=others)
    MembershipFactory(
        office=office, joined_on=datetime.date(2024, 1, 1), left_on=datetime.date(2025, 3, 1)
    )
    services.signals_compute(today=TODAY)  # 1 member on 1 Dec, none now
    first = Signal.objects.get(office=office, rule="shrinking")
    newcomer = MembershipFactory(office=office, joined_on=TODAY)
    services.signals_compute(today=TODAY)  # back to 1
    first.refresh_from_db()
    assert first.resolved_on == TODAY
    newcomer.left_on = datetime.date(2025, 7, 1)
    newcomer.save()
    services.signals_compute(today=datetime.date(2025, 8, 1))  # 1 on 1 Feb, none now
    signals = Signal.objects.filter(office=office, rule="shrinking").order_by("pk")
    assert [s.is_open for s in signals] == [False, True]
    assert signals[1].opened_on == datetime.date(2025, 8, 1)


def test_a_signal_never_opens_in_the_future(quiet_office):
    services.signals_compute(today=TODAY)
    signal = Signal.objects.get(office=quiet_office, rule="no_activity")
    assert signal.opened_on <= TODAY


def test_computing_for_some_offices_leaves_the_others_signals_alone(quiet_office):
    other = OfficeFactory(founded_on=datetime.date(2020, 1, 1))
    services.signals_compute(today=TODAY)
    assert Signal.objects.open().filter(office=other).exists()
    result = services.signals_compute(today=TODAY, offices=[quiet_office])
    assert result.offices == 1
    assert result.resolved == 0
    assert Signal.objects.open().filter(office=other).exists()


def test_switching_a_rule_off_resolves_its_open_signals(quiet_office):
    services.signals_compute(today=TODAY)
    StallSettings.objects.create(disabled_rules=["no_session"])
    services.signals_compute(today=TODAY)
    assert no_session(quiet_office).resolved_on == TODAY


def test_an_acknowledgement_note_is_trimmed_and_kept_at_500_characters(quiet_office):
    services.signals_compute(today=TODAY)
    lead = UserFactory()
    signal = services.signal_acknowledge(
        signal=no_session(quiet_office), user=lead, note="  " + "x" * 600 + "  "
    )
    signal.refresh_from_db()
    assert signal.acknowledgement_note == "x" * 500
    assert signal.acknowledged_by == lead
    assert signal.acknowledged_at is not None
    assert signal.is_open


# --- digest mails --------------------------------------------------------------------------


def test_no_open_signals_means_no_mail(quiet_office):
    grant_role(user=UserFactory(), role=Role.POS_STAFF)
    assert services.signals_digest_send() == 0
    assert mail.outbox == []


def test_each_lead_gets_their_own_offices_signals_and_pos_the_national_list(quiet_office):
    other = OfficeFactory(name="Kantoor Ander", founded_on=datetime.date(2020, 1, 1))
    grant_role(user=UserFactory(email="kees@example.invalid"), role=Role.LEAD, scope=quiet_office)
    grant_role(user=UserFactory(email="olga@example.invalid"), role=Role.LEAD, scope=other)
    grant_role(user=UserFactory(email="petra@example.invalid"), role=Role.POS_STAFF)
    services.signals_compute(today=TODAY)
    assert services.signals_digest_send() == 3
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    kees = by_recipient[("kees@example.invalid",)]
    assert kees.subject == "Kapstok: doorpak-signalen voor Kantoor Stil"
    assert "Kantoor Ander" not in kees.body
    national = by_recipient[("petra@example.invalid",)]
    assert "Kantoor Stil" in national.body and "Kantoor Ander" in national.body


def test_an_office_without_an_active_lead_only_reaches_pos(quiet_office):
    gone = UserFactory(email="weg@example.invalid", is_active=False)
    grant_role(user=gone, role=Role.LEAD, scope=quiet_office)
    grant_role(user=UserFactory(email="petra@example.invalid"), role=Role.POS_STAFF)
    services.signals_compute(today=TODAY)
    services.signals_digest_send()
    assert [message.to for message in mail.outbox] == [["petra@example.invalid"]]


def test_resolved_signals_are_not_mailed(quiet_office):
    grant_role(user=UserFactory(email="kees@example.invalid"), role=Role.LEAD, scope=quiet_office)
    services.signals_compute(today=TODAY)
    Signal.objects.update(resolved_on=TODAY)
    assert services.signals_digest_send() == 0


def test_the_office_digest_links_to_the_offices_dashboard(quiet_office, settings):
    grant_role(user=UserFactory(email="kees@example.invalid"), role=Role.LEAD, scope=quiet_office)
    services.signals_compute(today=TODAY)
    services.signals_digest_send()
    [message] = mail.outbox
    assert f"{settings.SITE_URL}/netwerk/kantoren/{quiet_office.slug}/dashboard/" in message.body


def test_the_command_reports_what_it_did(quiet_office, capsys):
    call_command("compute_signals", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    opened = Signal.objects.open().count()
    assert out.strip() == f"1 kantoren: {opened} nieuwe signalen, 0 bijgewerkt, 0 opgelost."
    assert mail.outbox == []
