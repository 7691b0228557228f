"""The audit log: who changed which personal data or role, when, and what it was before and after.

Services call `audit_record` explicitly (no model signals: a bulk import or a data migration
should decide for itself what it records). Entries are append-only: `AuditEntry` refuses to be
saved twice or deleted, and the admin offers no add, change or delete.

Example: `entrepreneur_save` on an existing entrepreneur records

    audit_record(action="update", instance=entrepreneur, before={"email": "a@x.nl"},
                 after={"email": "b@x.nl"}, actor=user)

and only the fields that changed are kept (see `changed_fields`).
"""

import datetime
import io
import json
from collections.abc import Iterable

from django.db import models

from kapstok.core.spreadsheets import csv_writer

from .models import AuditAction, AuditEntry

# Per model, the fields whose values are personal data or decide who may see personal data.
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "network.entrepreneur": (
        "business_name",
        "kvk_number",
        "establishment_number",
        "email",
        "phone",
        "website",
        "municipality_id",
    ),
    "network.membership": ("office_id", "entrepreneur_id", "joined_on", "left_on"),
    # An office's request to count a business as its member, and the business's answer.
    "network.membershipclaim": ("office_id", "entrepreneur_id", "joined_on", "status"),
    "accounts.rolegrant": (
        "user_id",
        "role",
        "office_id",
        "municipality_id",
        "partner_id",
        "entrepreneur_id",
        "starts_on",
        "ends_on",
    ),
    "accounts.user": ("email", "full_name", "is_active", "is_staff"),
}


def model_label(instance: models.Model) -> str:
    return instance._meta.label_lower


def _jsonable(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def snapshot(instance: models.Model | None) -> dict:
    """The personal fields of an object as JSON-ready values (empty for None)."""
    if instance is None:
        return {}
    fields = PERSONAL_FIELDS.get(model_label(instance), ())
    return {field: _jsonable(getattr(instance, field)) for field in fields}


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Keep only what differs.

    >>> changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3})
    ({'b': 2}, {'b': 3})
    """
    keys = [key for key in after.keys() | before.keys() if before.get(key) != after.get(key)]
    keys.sort()
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def storable(value):
    """`value` with NUL characters removed from every string in it: PostgreSQL stores none,
    in text or in JSON, and a stray one must not make the action it records fail."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def audit_record(
    *,
    action: str,
    instance: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    actor=None,
    summary: str = "",
) -> AuditEntry | None:
    """Append one entry; an update that changed no personal field records nothing."""
    before, after = before or {}, after or {}
    if action == AuditAction.UPDATE:
        before, after = changed_fields(before, after)
        if not after and not before:
            return None
    actor = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor.email if actor else "systeem",
        action=action,
        model=model_label(instance),
        object_id=str(instance.pk),
        summary=storable(str(summary))[:250],
        before=storable(before),
        after=storable(after),
    )


CSV_COLUMNS = ["tijdstip", "door", "handeling", "soort", "id", "omschrijving", "voor", "na"]


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """The entries as CSV; cells that a spreadsheet would read as a formula are quoted."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = [
            entry.occurred_at.isoformat(),
            entry.actor_label,
            entry.action,
            entry.model,
            entry.object_id,
            entry.summary,
            json.dumps(entry.before, ensure_ascii=False, sort_keys=True),
            json.dumps(entry.after, ensure_ascii=False, sort_keys=True),
        ]
        writer.writerow(row)
    return out.getvalue()
