"""A person's own data: all the platform holds about them, and erasing it (AVG art. 15, 17, 20).

`personal_data_export(user)` gathers the account, every section the apps registered (the
person's roles, the entrepreneurs they represent with their memberships, …; see
`kapstok.trust.registry`), and every row elsewhere that points at the account (cards, support
requests, …), found by walking the models' foreign keys to the user model, so a new app is
included without changing this module.

`personal_data_erase(user)` anonymises instead of deleting, so counts and figures (members per
office, votes per theme) stay right: each app anonymises what it registered (an entrepreneur the
person alone represents loses its name and contact details but keeps its branch, municipality
and memberships), then the account is closed (its roles go) and loses its name, email and
password and is deactivated. Each change is in the audit log and an `ErasureRecord` says that it
happened.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction
from django.utils import timezone

from . import registry
from .audit import audit_record, snapshot
from .consent import consent_emails_blank, consent_export, consents_for
from .models import AuditAction, AuditEntry, ErasureRecord

# Bookkeeping that points at the user but is not their data (or is exported separately).
SKIPPED_MODELS = {"trust.auditentry", "trust.consentrecord", "admin.logentry"}
MAX_ROWS_PER_MODEL = 1000


def rows(queryset) -> list[dict]:
    """The first rows of a queryset as JSON-ready dicts (id and fields)."""
    return [
        {"id": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", queryset[:MAX_ROWS_PER_MODEL])
    ]


def _linked_rows(user) -> dict[str, list[dict]]:
    """Rows in any model with a foreign key to the user model, by model label."""
    covered = {label for section in registry.personal_data_sections() for label in section.covers}
    return rows_pointing_at(get_user_model(), user, skip=SKIPPED_MODELS | covered)


def rows_pointing_at(target_model, instance, *, skip=()) -> dict[str, list[dict]]:
    """Rows in any model with a foreign key to `target_model` that point at `instance`."""
    found: dict[str, list[dict]] = {}
    for model in apps.get_models():
        if model._meta.label_lower in skip or model is target_model:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target_model:
                found_rows = rows(model._default_manager.filter(**{field.name: instance}))
                if found_rows:
                    found.setdefault(model._meta.label_lower, []).extend(found_rows)
    return found


def personal_data_export(user) -> dict:
    """Everything about this person, as JSON-ready data."""
    account = {
        "email": user.email,
        "naam": user.full_name,
        "aangemaakt_op": user.date_joined.isoformat(),
        "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
    }
    sections = {
        section.key: section.export(user)
        for section in registry.personal_data_sections()
        if section.export is not None
    }
    changes = AuditEntry.objects.filter(actor=user).count()
    return {
        "gemaakt_op": timezone.now().isoformat(),
        "account": account,
        **sections,
        "toestemmingen": [consent_export(record) for record in consents_for(user)],
        "gekoppelde_gegevens": _linked_rows(user),
        "wijzigingen_in_auditlog": changes,
    }


def masked(values: dict) -> dict:
    """The audit entry of an erasure must not keep what was erased: only which fields changed."""
    return dict.fromkeys(values, "[gewist]")


def _anonymise_account(user, actor) -> None:
    before = snapshot(user)
    user.email = f"verwijderd-{user.pk}@kapstok.invalid"
    user.full_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    audit_record(
        action=AuditAction.UPDATE,
        instance=user,
        before=masked(before),
        after=snapshot(user),
        actor=actor,
        summary="Geanonimiseerd op verzoek (AVG)",
    )


@transaction.atomic
def personal_data_erase(*, user, actor=None) -> ErasureRecord:
    """Anonymise the person and what the apps keep about them; see the module docstring."""
    actor = actor or user
    erased = {
        section.key: section.erase(user=user, actor=actor)
        for section in registry.personal_data_sections()
        if section.erase is not None
    }
    for close in registry.account_closing_steps():
        close(user=user, actor=actor)
    _anonymise_account(user, actor)
    consent_emails_blank(user=user)
    return ErasureRecord.objects.create(
        user_id_erased=user.pk,
        entrepreneurs_anonymised=erased.get(registry.ENTREPRENEURS, 0),
        requested_by_self=actor == user,
    )
