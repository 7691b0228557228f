"""Computing, acknowledging and mailing stall signals.

`signals_compute` is run daily (`manage.py compute_signals` from cron or the worker): it opens a
signal when a rule trips, refreshes it while it keeps tripping and resolves it when it stops.
Nobody has to close a signal by hand: doing the next step makes it go away.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.analysis.stall_rules import evaluate
from kapstok.network.models import Office, OfficeStatus

from .facts import office_states
from .models import Signal, StallSettings


@dataclass(frozen=True)
class ComputeResult:
    offices: int
    opened: int
    refreshed: int
    resolved: int


def _jsonable(params: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in params.items()}


@transaction.atomic
def signals_compute(*, today: datetime.date | None = None, offices=None) -> ComputeResult:
    """Bring the open signals of (active) offices in line with today's findings."""
    today = today or timezone.localdate()
    offices = list(
        offices if offices is not None else Office.objects.filter(status=OfficeStatus.ACTIVE)
    )
    thresholds = StallSettings.current().thresholds()
    states = office_states(offices, today, thresholds)
    open_signals = {
        (s.office_id, s.rule): s
        for s in Signal.objects.open().filter(office__in=offices).select_for_update()
    }
    new, refreshed, seen = [], [], set()
    for office_id, state in states.items():
        for finding in evaluate(state.stall, thresholds):
            key = (office_id, finding.rule)
            seen.add(key)
            params = _jsonable(finding.params)
            signal = open_signals.get(key)
            if signal is None:
                opened_on = min(finding.since or today, today)
                signal = Signal(office_id=office_id, rule=finding.rule, opened_on=opened_on)
                new.append(signal)
            else:
                refreshed.append(signal)
            signal.severity, signal.params, signal.last_seen_on = finding.severity, params, today
    Signal.objects.bulk_create(new)
    Signal.objects.bulk_update(refreshed, ["severity", "params", "last_seen_on"])
    stale = [s.pk for key, s in open_signals.items() if key not in seen]
    resolved = Signal.objects.filter(pk__in=stale).update(resolved_on=today)
    return ComputeResult(len(offices), len(new), len(refreshed), resolved)


@transaction.atomic
def signal_acknowledge(*, signal: Signal, user, note: str) -> Signal:
    signal.acknowledged_at = timezone.now()
    signal.acknowledged_by = user
    signal.acknowledgement_note = note.strip()[:500]
    signal.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])
    return signal


def _digest_recipients() -> tuple[list[str], dict[int, list[str]]]:
    """POS staff emails, and lead emails per office."""
    pos = list(
        RoleGrant.objects.current()
        .filter(role=Role.POS_STAFF, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )
    leads = defaultdict(list)
    for office_id, email in (
        RoleGrant.objects.current()
        .filter(role=Role.LEAD, user__is_active=True)
        .values_list("office_id", "user__email")
    ):
        leads[office_id].append(email)
    return pos, leads


def signals_digest_send() -> int:
    """Mail each lead the open signals of their office, and POS staff the national list."""
    signals = list(Signal.objects.open().select_related("office").order_by("office__name"))
    if not signals:
        return 0
    pos, leads = _digest_recipients()
    by_office = defaultdict(list)
    for signal in signals:
        by_office[signal.office].append(signal)
    messages = []
    for office, office_signals in by_office.items():
        if leads.get(office.pk):
            body = render_to_string(
                "progress/email/digest_office.txt",
                {"office": office, "signals": office_signals},
            )
            subject = f"Kapstok: doorpak-signalen voor {office.name}"
            messages.append((subject, body, None, leads[office.pk]))
    if pos:
        body = render_to_string(
            "progress/email/digest_national.txt",
            {"by_office": dict(by_office)},
        )
        messages.append(("Kapstok: doorpak-signalen in het netwerk", body, None, pos))
    return send_mass_mail(messages, fail_silently=False)
