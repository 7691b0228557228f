"""Retention: how long each category of personal data is kept, and removing what is due.

Each `RetentionRule` names a category, says how long it is kept (in words, for the admin page)
and gives two functions: `held()` (how many records exist now) and `purge(now)` (delete what is
past its term; returns how many). `apply_retention` runs every rule; the scheduler runs it daily
(`retention` job) and `manage.py apply_retention` runs it by hand.

The rules below are trust's own and those of what no app of ours owns (login attempts,
sessions). An app with personal data of its own registers its rule with
`kapstok.trust.registry.register_retention_rule` (join requests: `kapstok.public`, 30 days), so
the admin page shows every category in one place and trust imports no app.
"""

import datetime

from django.utils import timezone

from .registry import RetentionRule, retention_rules

DAY = datetime.timedelta(days=1)


def _login_attempts_held() -> int:
    from axes.models import AccessAttempt, AccessFailureLog

    return AccessAttempt.objects.count() + AccessFailureLog.objects.count()


def _login_attempts_purge(now: datetime.datetime) -> int:
    from axes.models import AccessAttempt, AccessFailureLog

    cutoff = now - 30 * DAY
    deleted = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return deleted + AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]


def _sent_mail_held() -> int:
    from .models import OutboxMessage

    return OutboxMessage.objects.count()


def _sent_mail_purge(now: datetime.datetime) -> int:
    from .models import OutboxMessage

    return OutboxMessage.objects.filter(sent_at__lt=now - 30 * DAY).delete()[0]


def _audit_held() -> int:
    from .models import AuditEntry

    return AuditEntry.objects.count()


def _audit_purge(now: datetime.datetime) -> int:
    from .models import AuditEntry

    # A queryset delete: the one way past AuditEntry's append-only guard, on purpose.
    return AuditEntry.objects.filter(occurred_at__lt=now - 7 * 365 * DAY).delete()[0]


def _sessions_held() -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.count()


def _sessions_purge(now: datetime.datetime) -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now).delete()[0]


def _orphan_consents_held() -> int:
    from .models import ConsentRecord

    return ConsentRecord.objects.count()


def _orphan_consents_purge(now: datetime.datetime) -> int:
    from .models import ConsentRecord

    # Consents of people who never became a member lose their subject when the join request
    # is purged; with nothing left they were about, they go too (queryset delete, on purpose).
    orphans = ConsentRecord.objects.filter(
        user=None, entrepreneur=None, join_request=None, recorded_at__lt=now - 30 * DAY
    )
    return orphans.delete()[0]


OWN_RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        "Inlogpogingen (e-mailadres, IP-adres)",
        "30 dagen",
        _login_attempts_held,
        _login_attempts_purge,
    ),
    RetentionRule(
        "Verstuurde e-mails in de wachtrij",
        "30 dagen na versturen",
        _sent_mail_held,
        _sent_mail_purge,
    ),
    RetentionRule(
        "Sessies", "tot ze verlopen (ten hoogste 12 uur)", _sessions_held, _sessions_purge
    ),
    RetentionRule("Auditlog", "7 jaar", _audit_held, _audit_purge),
    RetentionRule(
        "Toestemmingen (wat, wanneer, welke tekst)",
        "zolang de persoon of onderneming bekend is; van niet-leden 30 dagen",
        _orphan_consents_held,
        _orphan_consents_purge,
    ),
)

# Held as long as the relationship lasts; removed on request (erasure), not by a term.
HELD_WHILE_ACTIVE = (
    ("Accounts (naam, e-mail)", "zolang het account bestaat; wissen op verzoek"),
    ("Ondernemers (naam, contactgegevens)", "zolang ze in het register staan; wissen op verzoek"),
)


def rules() -> list[RetentionRule]:
    """The apps' registered rules first, then trust's own: a purged join request leaves its
    consents without a subject, and the orphaned-consents rule then takes them the same night."""
    return [*retention_rules(), *OWN_RULES]


def apply_retention(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every rule; returns how many records each category lost."""
    now = now or timezone.now()
    return {rule.category: rule.purge(now) for rule in rules()}


def inventory() -> list[dict]:
    """Per category: how many records are held now and how long they are kept."""
    rows = [{"category": r.category, "kept": r.kept, "held": r.held()} for r in rules()]
    return rows + [{"category": c, "kept": k, "held": None} for c, k in HELD_WHILE_ACTIVE]
