"""What network keeps about a person: the entrepreneurs they represent, for `kapstok.trust`.

Registered with `kapstok.trust.registry` in `NetworkConfig.ready()`: the download's
"ondernemers" (each business with its memberships and what other apps keep about it), their
anonymisation when the person asks to be erased, and the public listing that goes off when the
person withdraws their consent to it.
"""

from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.personal_data import represented_entrepreneur_ids
from kapstok.trust.audit import audit_record, snapshot
from kapstok.trust.consent import consent_emails_blank
from kapstok.trust.models import AuditAction, ConsentPurpose
from kapstok.trust.personal_data import masked, rows, rows_pointing_at

from .models import Entrepreneur, Membership

# Exported in their own section already (memberships) or bookkeeping.
ENTREPRENEUR_SKIPPED_MODELS = {"network.membership", "trust.consentrecord", "accounts.rolegrant"}


def _represented(user) -> list[Entrepreneur]:
    ids = represented_entrepreneur_ids(user)
    return list(Entrepreneur.objects.filter(pk__in=ids).prefetch_related("memberships"))


def _entrepreneur_rows(entrepreneur: Entrepreneur) -> dict[str, list[dict]]:
    """What other apps keep about the business and its memberships (opt-outs, endorsements,
    contact sharing with the municipality, ...), found by walking the foreign keys."""
    found = rows_pointing_at(Entrepreneur, entrepreneur, skip=ENTREPRENEUR_SKIPPED_MODELS)
    for membership in entrepreneur.memberships.all():
        for label, linked in rows_pointing_at(Membership, membership).items():
            found.setdefault(label, []).extend(linked)
    return found


def entrepreneurs_export(user) -> list[dict]:
    """The download's "ondernemers"."""
    return [
        {
            **snapshot(entrepreneur),
            "lidmaatschappen": rows(entrepreneur.memberships.all()),
            "gekoppelde_gegevens": _entrepreneur_rows(entrepreneur),
        }
        for entrepreneur in _represented(user)
    ]


def _sole_representative(entrepreneur: Entrepreneur, user) -> bool:
    others = RoleGrant.objects.filter(entrepreneur=entrepreneur, role=Role.MEMBER)
    return not others.exclude(user=user).filter(user__is_active=True).exists()


def _anonymise(entrepreneur: Entrepreneur, actor) -> None:
    before = snapshot(entrepreneur)
    entrepreneur.business_name = f"Geanonimiseerde ondernemer {entrepreneur.pk}"
    entrepreneur.email = entrepreneur.phone = entrepreneur.website = ""
    entrepreneur.save(update_fields=["business_name", "email", "phone", "website", "updated_at"])
    consent_emails_blank(entrepreneur=entrepreneur)
    audit_record(
        action=AuditAction.UPDATE,
        instance=entrepreneur,
        before=masked(before),
        after=snapshot(entrepreneur),
        actor=actor,
        summary="Geanonimiseerd op verzoek (AVG)",
    )


def entrepreneurs_anonymise(*, user, actor) -> int:
    """Erasure: a business only this person represents loses its name and contact details but
    keeps its branch, municipality and memberships (so counts stay right). How many."""
    anonymised = 0
    for entrepreneur in _represented(user):
        if _sole_representative(entrepreneur, user):
            _anonymise(entrepreneur, actor)
            anonymised += 1
    return anonymised


def listing_off_on_withdrawal(*, purpose: str, entrepreneur_ids: list[int], actor) -> None:
    """A withdrawn consent to the public listing switches the listing off: it rests on it."""
    if purpose != ConsentPurpose.PUBLIC_LISTING:
        return
    for membership in Membership.objects.filter(
        entrepreneur_id__in=entrepreneur_ids, listed_publicly=True
    ):
        membership.listed_publicly = False
        membership.save(update_fields=["listed_publicly"])
        audit_record(
            action=AuditAction.UPDATE,
            instance=membership,
            before={"listed_publicly": True},
            after={"listed_publicly": False},
            actor=actor,
            summary="Openbare vermelding uit: toestemming ingetrokken",
        )
