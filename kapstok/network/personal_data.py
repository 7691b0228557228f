"""What network keeps about a person: the entrepreneurs they represent, for `kapstok.trust`.

Registered with `kapstok.trust.registry` in `NetworkConfig.ready()`: for the personal-data
overview the businesses the person represents with their memberships (rows elsewhere pointing
at either are shown with them) and the offices they are a current member of; their
anonymisation when the person asks to be erased; and the public listing that goes off when the
person withdraws their consent to it.
"""

from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.personal_data import represented_entrepreneur_ids
from kapstok.trust import registry
from kapstok.trust.audit import audit_record, snapshot
from kapstok.trust.consent import consent_emails_blank
from kapstok.trust.models import AuditAction, ConsentPurpose
from kapstok.trust.personal_data import masked

from .models import Entrepreneur, Membership

# Shown in their own groups already (memberships, consents, roles) beside the business.
ENTREPRENEUR_SKIPPED_MODELS = ("network.membership", "trust.consentrecord", "accounts.rolegrant")


def _represented(user) -> list[Entrepreneur]:
    ids = represented_entrepreneur_ids(user)
    return list(Entrepreneur.objects.filter(pk__in=ids).prefetch_related("memberships"))


def businesses_overview(user) -> list[registry.Business]:
    """The businesses this person represents, each with its memberships, for the overview."""
    entrepreneurs = (
        Entrepreneur.objects.filter(pk__in=represented_entrepreneur_ids(user))
        .select_related("municipality")
        .prefetch_related("branches", "branch_organisations")
        .order_by("business_name", "pk")
    )
    return [
        registry.Business(
            name=entrepreneur.business_name,
            record=entrepreneur,
            parts_kind="network.membership",
            parts=list(
                entrepreneur.memberships.select_related("office", "entrepreneur").order_by(
                    "-joined_on"
                )
            ),
        )
        for entrepreneur in entrepreneurs
    ]


def current_affiliations(entrepreneur_ids: list[int]) -> list[registry.Affiliation]:
    """These businesses' current memberships, with the municipalities each office works in."""
    memberships = (
        Membership.objects.current()
        .filter(entrepreneur_id__in=entrepreneur_ids)
        .select_related("office", "entrepreneur")
        .prefetch_related("office__municipalities")
        .order_by("office__name", "entrepreneur__business_name")
    )
    return [
        registry.Affiliation(
            business_id=membership.entrepreneur_id,
            business=str(membership.entrepreneur),
            office=str(membership.office),
            since=membership.joined_on,
            municipalities=tuple(
                (municipality.pk, str(municipality))
                for municipality in membership.office.municipalities.all()
            ),
            listed_publicly=membership.listed_publicly,
        )
        for membership in memberships
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
