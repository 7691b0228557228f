"""A person's own data: all the platform holds about them, and erasing it (AVG art. 15, 17, 20).

`personal_data_export(user)` gathers the account, its roles, the entrepreneurs the person
represents (with their memberships), and every row elsewhere that points at the account (cards,
support requests, …), found by walking the models' foreign keys to the user model, so a new app
is included without changing this module.

`personal_data_erase(user)` anonymises instead of deleting, so counts and figures (members per
office, votes per theme) stay right: the account loses its name, email, password and roles and
is deactivated; an entrepreneur the person alone represents loses its name and contact details
but keeps its branch, municipality and memberships. Each change is in the audit log and an
`ErasureRecord` says that it happened.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction
from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.services import revoke_role
from kapstok.monitor.services import invitations_anonymise
from kapstok.network.models import Entrepreneur, Membership

from .audit import audit_record, snapshot
from .consent import consent_export, consents_for
from .models import AuditAction, AuditEntry, ConsentRecord, ErasureRecord

# Bookkeeping that points at the user but is not their data (or is exported separately).
SKIPPED_MODELS = {
    "trust.auditentry",
    "trust.consentrecord",
    "accounts.rolegrant",
    "admin.logentry",
}
# Exported in their own section already (memberships) or bookkeeping, as above.
ENTREPRENEUR_SKIPPED_MODELS = {
    "network.membership",
    "trust.consentrecord",
    "accounts.rolegrant",
}
MAX_ROWS_PER_MODEL = 1000


def _rows(queryset) -> list[dict]:
    return [
        {"id": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", queryset[:MAX_ROWS_PER_MODEL])
    ]


def _represented(user) -> list[Entrepreneur]:
    ids = RoleGrant.objects.filter(user=user, role=Role.MEMBER).values("entrepreneur_id")
    return list(Entrepreneur.objects.filter(pk__in=ids).prefetch_related("memberships"))


def _linked_rows(user) -> dict[str, list[dict]]:
    """Rows in any model with a foreign key to the user model, by model label."""
    return _rows_pointing_at(get_user_model(), user, skip=SKIPPED_MODELS)


def _rows_pointing_at(target_model, instance, *, skip=()) -> dict[str, list[dict]]:
    """Rows in any model with a foreign key to `target_model` that point at `instance`."""
    found: dict[str, list[dict]] = {}
    for model in apps.get_models():
        if model._meta.label_lower in skip or model is target_model:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target_model:
                rows = _rows(model._default_manager.filter(**{field.name: instance}))
                if rows:
                    found.setdefault(model._meta.label_lower, []).extend(rows)
    return found


def _entrepreneur_rows(entrepreneur: Entrepreneur) -> dict[str, list[dict]]:
    """What other apps keep about the business and its memberships (opt-outs, endorsements,
    contact sharing with the municipality, ...), found the same way as `_linked_rows`."""
    found = _rows_pointing_at(Entrepreneur, entrepreneur, skip=ENTREPRENEUR_SKIPPED_MODELS)
    for membership in entrepreneur.memberships.all():
        for label, rows in _rows_pointing_at(Membership, membership).items():
            found.setdefault(label, []).extend(rows)
    return found


def personal_data_export(user) -> dict:
    """Everything about this person, as JSON-ready data."""
    account = {
        "email": user.email,
        "naam": user.full_name,
        "aangemaakt_op": user.date_joined.isoformat(),
        "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
    }
    roles = [
        {"rol": grant.get_role_display(), "bij": str(grant.scope_object() or "")}
        for grant in user.grants.all()
    ]
    entrepreneurs = [
        {
            **snapshot(entrepreneur),
            "lidmaatschappen": _rows(entrepreneur.memberships.all()),
            "gekoppelde_gegevens": _entrepreneur_rows(entrepreneur),
        }
        for entrepreneur in _represented(user)
    ]
    changes = AuditEntry.objects.filter(actor=user).count()
    return {
        "gemaakt_op": timezone.now().isoformat(),
        "account": account,
        "rollen": roles,
        "ondernemers": entrepreneurs,
        "toestemmingen": [consent_export(record) for record in consents_for(user)],
        "gekoppelde_gegevens": _linked_rows(user),
        "wijzigingen_in_auditlog": changes,
    }


def _sole_representative(entrepreneur: Entrepreneur, user) -> bool:
    others = RoleGrant.objects.filter(entrepreneur=entrepreneur, role=Role.MEMBER)
    return not others.exclude(user=user).filter(user__is_active=True).exists()


def _masked(values: dict) -> dict:
    """The audit entry of an erasure must not keep what was erased: only which fields changed."""
    return dict.fromkeys(values, "[gewist]")


def _anonymise_entrepreneur(entrepreneur: Entrepreneur, actor) -> None:
    before = snapshot(entrepreneur)
    entrepreneur.business_name = f"Geanonimiseerde ondernemer {entrepreneur.pk}"
    entrepreneur.email = entrepreneur.phone = entrepreneur.website = ""
    entrepreneur.save(update_fields=["business_name", "email", "phone", "website", "updated_at"])
    # Its consents stay as proof of what was agreed, without the address that was erased.
    ConsentRecord.objects.filter(entrepreneur=entrepreneur).update(email="")
    audit_record(
        action=AuditAction.UPDATE,
        instance=entrepreneur,
        before=_masked(before),
        after=snapshot(entrepreneur),
        actor=actor,
        summary="Geanonimiseerd op verzoek (AVG)",
    )


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
        before=_masked(before),
        after=snapshot(user),
        actor=actor,
        summary="Geanonimiseerd op verzoek (AVG)",
    )


@transaction.atomic
def personal_data_erase(*, user, actor=None) -> ErasureRecord:
    """Anonymise the person and the entrepreneurs only they represent; see the module docstring."""
    actor = actor or user
    anonymised = 0
    for entrepreneur in _represented(user):
        if _sole_representative(entrepreneur, user):
            _anonymise_entrepreneur(entrepreneur, actor)
            anonymised += 1
    for grant in list(user.grants.all()):
        revoke_role(user=user, role=grant.role, scope=grant.scope_object(), actor=actor)
    _anonymise_account(user, actor)
    ConsentRecord.objects.filter(user=user).update(email="")
    # Monitor invitations copied the name and address when the wave was sent.
    invitations_anonymise(user=user)
    return ErasureRecord.objects.create(
        user_id_erased=user.pk,
        entrepreneurs_anonymised=anonymised,
        requested_by_self=actor == user,
    )
