"""A person's own data: all the platform holds about them, and erasing it (AVG art. 15, 17, 20).

`personal_data_export(user)` is the described overview of `kapstok.trust.my_data` (the page
*Mijn gegevens*, its PDF and its JSON download): the account, every section the apps registered
(the person's roles, the businesses they represent with their memberships, …; see
`kapstok.trust.registry`), and every row elsewhere that points at the account or a represented
business, found by walking the models' foreign keys, so a new app is included without changing
this module.

`personal_data_erase(user)` anonymises instead of deleting, so counts and figures (members per
office, votes per theme) stay right: each app anonymises what it registered (an entrepreneur the
person alone represents loses its name and contact details but keeps its branch, municipality
and memberships), then the account is closed (its roles go) and loses its name, email and
password and is deactivated. Each change is in the audit log and an `ErasureRecord` says that it
happened.
"""

from django.db import transaction

from . import registry
from .audit import audit_record, snapshot
from .consent import consent_emails_blank
from .models import AuditAction, ErasureRecord

# Bookkeeping that points at the user but is not their data (or is exported separately).
SKIPPED_MODELS = {"trust.auditentry", "trust.consentrecord", "admin.logentry"}
MAX_ROWS_PER_MODEL = 1000


def personal_data_export(user) -> dict:
    """Everything about this person, described in words: `my_data.personal_data_document`."""
    from .my_data import personal_data_document

    return personal_data_document(user)


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
