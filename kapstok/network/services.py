"""Changes to the registry: offices, entrepreneurs and memberships.

Views, the API, commands and the demo all call these, so a rule (one open membership per
entrepreneur and office, a left date after the joined date) holds whoever makes the change.
User errors are raised as `ValidationError` with a Dutch message, keyed by form field.
"""

import datetime
import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kapstok.core.links import absolute_url
from kapstok.trust.audit import audit_record, snapshot
from kapstok.trust.models import AuditAction

from . import changes
from .models import (
    LEAVE_NOTE_MAX_LENGTH,
    ClaimStatus,
    Entrepreneur,
    EventKind,
    LeaveReason,
    Membership,
    MembershipClaim,
    Office,
    OfficeEvent,
    Partner,
    PartnerKind,
)

logger = logging.getLogger(__name__)

CLAIM_SALT = "kapstok.network.membership-claim"
CLAIM_MAX_AGE = datetime.timedelta(days=30)


def office_event_record(
    *, office: Office, kind: str, summary: str, actor=None, url: str = "", when=None
) -> OfficeEvent:
    """Add a line to the office's timeline; services call this for every meaningful change."""
    event = OfficeEvent(office=office, kind=kind, summary=summary[:250], actor=actor, url=url)
    if when is not None:
        event.occurred_at = when
    event.save()
    return event


def unique_office_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "kantoor"
    slug, counter = base, 2
    others = Office.objects.exclude(pk=exclude_pk) if exclude_pk else Office.objects.all()
    while others.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def office_save(*, office: Office, municipalities, actor=None) -> Office:
    """Save a new or edited office and its municipalities in one transaction."""
    if not municipalities:
        raise ValidationError({"municipalities": _("Kies ten minste één gemeente.")})
    if not office.slug:
        office.slug = unique_office_slug(office.name, exclude_pk=office.pk)
    is_new = office.pk is None
    office.full_clean()
    office.save()
    office.municipalities.set(municipalities)
    if not is_new:
        office_event_record(
            office=office,
            kind=EventKind.OFFICE_UPDATED,
            summary=_("De kantoorgegevens zijn bijgewerkt."),
            actor=actor,
        )
    return office


@transaction.atomic
def entrepreneur_save(
    *, entrepreneur: Entrepreneur, branches, organisations=(), actor=None
) -> Entrepreneur:
    if not branches:
        raise ValidationError({"branches": _("Kies ten minste één tak van sport.")})
    entrepreneur.full_clean()
    stored = Entrepreneur.objects.filter(pk=entrepreneur.pk).first() if entrepreneur.pk else None
    entrepreneur.save()
    audit_record(
        action=AuditAction.UPDATE if stored else AuditAction.CREATE,
        instance=entrepreneur,
        before=snapshot(stored),
        after=snapshot(entrepreneur),
        actor=actor,
    )
    entrepreneur.branches.set(branches)
    entrepreneur.branch_organisations.set(organisations)
    if stored is not None:  # the KvK number or the branches may count differently now
        changes.members_changed(entrepreneur.memberships.values_list("office_id", flat=True))
    if stored is not None and _contact_changed(stored, entrepreneur):
        old_address, changed = stored.email, entrepreneur
        transaction.on_commit(lambda: _mail_contact_changed(old_address, changed, actor))
    return entrepreneur


def _contact_changed(before: Entrepreneur, after: Entrepreneur) -> bool:
    return bool(before.email) and (before.email, before.phone) != (after.email, after.phone)


def _mail_contact_changed(old_address: str, entrepreneur: Entrepreneur, actor) -> None:
    """Tell the business at its old address that its contact details changed, and by whom.

    The address is where an office's messages go: if someone changed it who should not have,
    the owner hears of it at the address they still read.
    """
    _mail(
        template="contact_changed",
        subject=_("Uw contactgegevens in Kapstok zijn gewijzigd"),
        to=[old_address],
        context={"entrepreneur": entrepreneur, "actor": actor},
    )


def _mail(*, template: str, subject: str, to: list[str], context: dict) -> None:
    body = render_to_string(f"network/email/{template}.txt", context)
    EmailMessage(subject, body, to=to).send()


def _ensure_not_open_member(office: Office, entrepreneur: Entrepreneur) -> None:
    if Membership.objects.filter(office=office, entrepreneur=entrepreneur, left_on__isnull=True):
        raise ValidationError(
            {"kvk_number": _("%(name)s is al lid van dit kantoor.") % {"name": entrepreneur}}
        )


@transaction.atomic
def membership_add(
    *,
    office: Office,
    entrepreneur: Entrepreneur,
    joined_on: datetime.date,
    listed_publicly: bool = False,
    actor=None,
) -> Membership:
    """Make an entrepreneur a member; refuses a second open membership of the same office."""
    _ensure_not_open_member(office, entrepreneur)
    membership = Membership(
        office=office,
        entrepreneur=entrepreneur,
        joined_on=joined_on,
        listed_publicly=listed_publicly,
    )
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as race:
        # Another request added the same membership between our check and our insert.
        raise ValidationError(
            {"kvk_number": _("%(name)s is al lid van dit kantoor.") % {"name": entrepreneur}}
        ) from race
    audit_record(
        action=AuditAction.CREATE, instance=membership, after=snapshot(membership), actor=actor
    )
    changes.members_changed([office.pk])
    office_event_record(
        office=office,
        kind=EventKind.MEMBER_JOINED,
        summary=_("%(name)s is lid geworden.") % {"name": entrepreneur},
        actor=actor,
    )
    return membership


@transaction.atomic
def membership_add_by_kvk(
    *,
    office: Office,
    entrepreneur_data: dict,
    branches,
    joined_on: datetime.date,
    listed_publicly: bool = False,
    actor=None,
) -> Membership:
    """Add a member by KvK number: link the known entrepreneur or register a new one.

    The lead's form carries the business details; they are only used when the KvK number and
    establishment number are not known yet, so a lead cannot overwrite another office's data.
    """
    entrepreneur = Entrepreneur.objects.filter(
        kvk_number=entrepreneur_data["kvk_number"],
        establishment_number=entrepreneur_data.get("establishment_number", ""),
    ).first()
    if entrepreneur is None:
        entrepreneur = entrepreneur_save(
            entrepreneur=Entrepreneur(**entrepreneur_data), branches=branches, actor=actor
        )
    return membership_add(
        office=office,
        entrepreneur=entrepreneur,
        joined_on=joined_on,
        listed_publicly=listed_publicly,
        actor=actor,
    )


@transaction.atomic
def membership_end(
    *,
    membership: Membership,
    left_on: datetime.date,
    reason: str = "",
    note: str = "",
    actor=None,
) -> Membership:
    """End a membership, keeping it as history, with why the member left when it is known.

    The reason is asked whenever a person ends it (the lead's form, the member's own); it is
    blank only for history recorded without one. An already ended membership is refused, so a
    form sent twice ends it once.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_on is not None:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": _("De einddatum ligt vóór de datum van aansluiten.")})
    if reason and reason not in LeaveReason.values:
        raise ValidationError({"left_reason": _("Kies een van de redenen uit de lijst.")})
    note = " ".join(note.split())
    if len(note) > LEAVE_NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "left_note": _("De toelichting is te lang (hoogstens %(max)s tekens).")
                % {"max": LEAVE_NOTE_MAX_LENGTH}
            }
        )
    before = snapshot(membership)
    membership.left_on, membership.left_reason, membership.left_note = left_on, reason, note
    membership.save(update_fields=["left_on", "left_reason", "left_note"])
    changes.members_changed([membership.office_id])
    audit_record(
        action=AuditAction.UPDATE,
        instance=membership,
        before=before,
        after=snapshot(membership),
        actor=actor,
    )
    office_event_record(
        office=membership.office,
        kind=EventKind.MEMBER_LEFT,
        summary=_("%(name)s is geen lid meer.") % {"name": membership.entrepreneur},
        actor=actor,
    )
    return membership


# --- membership claims: a known business confirms before an office counts it -------------------


def entrepreneur_addresses(entrepreneur: Entrepreneur) -> list[str]:
    """Where the business itself is reached: the address on file and its members' accounts."""
    from kapstok.accounts.models import Role, RoleGrant, User

    accounts = User.objects.filter(
        is_active=True,
        grants__in=RoleGrant.objects.current(),
        grants__role=Role.MEMBER,
        grants__entrepreneur=entrepreneur,
    ).values_list("email", flat=True)
    addresses = [entrepreneur.email] if entrepreneur.email else []
    return sorted({address.lower() for address in [*addresses, *accounts] if address})


def claim_token(claim: MembershipClaim) -> str:
    return signing.dumps({"c": claim.pk}, salt=CLAIM_SALT)


def claim_for_token(token: str) -> MembershipClaim:
    """The claim a confirmation link points to, or a ValidationError in Dutch."""
    invalid = ValidationError(
        _("Deze link is ongeldig of verlopen. Vraag het kantoor om een nieuw verzoek.")
    )
    try:
        payload = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature as bad:
        raise invalid from bad
    claim = (
        MembershipClaim.objects.select_related("office", "entrepreneur")
        .filter(pk=payload.get("c"))
        .first()
    )
    if claim is None:
        raise invalid
    return claim


@transaction.atomic
def membership_claim_create(
    *,
    office: Office,
    entrepreneur: Entrepreneur,
    joined_on: datetime.date,
    listed_publicly: bool = False,
    actor=None,
    source: str = "kartrekker",
) -> MembershipClaim:
    """Ask a business Kapstok already knows to confirm that it is a member of this office.

    Nothing of the business changes and no contact detail reaches the office until the business
    confirms (`membership_claim_confirm`). Asking again while a request is pending returns that
    request and sends the mail again.
    """
    _ensure_not_open_member(office, entrepreneur)
    claim = MembershipClaim.objects.filter(
        office=office, entrepreneur=entrepreneur, status=ClaimStatus.PENDING
    ).first()
    if claim is None:
        claim = MembershipClaim(
            office=office,
            entrepreneur=entrepreneur,
            joined_on=joined_on,
            listed_publicly=listed_publicly,
            requested_by=actor,
            source=source[:40],
        )
        claim.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                claim.save()
        except IntegrityError:  # the same request sent twice at once
            claim = MembershipClaim.objects.get(
                office=office, entrepreneur=entrepreneur, status=ClaimStatus.PENDING
            )
        else:
            audit_record(
                action=AuditAction.CREATE, instance=claim, after=snapshot(claim), actor=actor
            )
    transaction.on_commit(lambda: _mail_claim(claim))
    return claim


def _mail_claim(claim: MembershipClaim) -> None:
    recipients = entrepreneur_addresses(claim.entrepreneur)
    if not recipients:
        logger.info("Membership claim %s: the business has no address to ask", claim.pk)
        return
    path = reverse("network:claim_respond", args=[claim_token(claim)])
    _mail(
        template="membership_claim",
        subject=_("Bevestig uw lidmaatschap van %(office)s") % {"office": claim.office},
        to=recipients,
        context={"claim": claim, "respond_url": absolute_url(path)},
    )


def _lock_pending(claim: MembershipClaim) -> MembershipClaim:
    locked = (
        MembershipClaim.objects.select_for_update()
        .select_related("office", "entrepreneur")
        .get(pk=claim.pk)
    )
    if locked.status != ClaimStatus.PENDING:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    return locked


def _claim_decide(claim: MembershipClaim, status: str, actor) -> None:
    before = snapshot(claim)
    claim.status, claim.decided_at = status, timezone.now()
    claim.save(update_fields=["status", "decided_at"])
    audit_record(
        action=AuditAction.UPDATE, instance=claim, before=before, after=snapshot(claim), actor=actor
    )


@transaction.atomic
def membership_claim_confirm(
    *, claim: MembershipClaim, listed_publicly: bool, actor=None
) -> Membership:
    """The business confirms: now it is a member, listed publicly only if it says so itself."""
    claim = _lock_pending(claim)
    membership = membership_add(
        office=claim.office,
        entrepreneur=claim.entrepreneur,
        joined_on=min(claim.joined_on, timezone.localdate()),
        listed_publicly=listed_publicly,
        actor=actor,
    )
    _claim_decide(claim, ClaimStatus.CONFIRMED, actor)
    return membership


@transaction.atomic
def membership_claim_decline(*, claim: MembershipClaim, actor=None) -> MembershipClaim:
    claim = _lock_pending(claim)
    _claim_decide(claim, ClaimStatus.DECLINED, actor)
    return claim


@transaction.atomic
def membership_claim_withdraw(*, claim: MembershipClaim, actor=None) -> MembershipClaim:
    """The office takes its request back (a typo in the KvK number, say)."""
    claim = _lock_pending(claim)
    _claim_decide(claim, ClaimStatus.WITHDRAWN, actor)
    return claim


# --- roles -----------------------------------------------------------------------------------


@transaction.atomic
def role_grant_to_person(
    *, email: str, full_name: str, role: str, scope, starts_on, ends_on, actor=None
):
    """Give a role to the person with this email (an account is made if there is none yet);
    a role on an office is written in the office's timeline.

    The same role sent again with the same dates is harmless (the grant already there); with
    other dates it is refused, since the dates of a role are changed on the role itself.
    """
    from kapstok.accounts.services import grant_role, user_ensure

    user = user_ensure(email=email, full_name=full_name)
    held = set(user.grants.values_list("pk", flat=True))
    grant = grant_role(
        user=user, role=role, scope=scope, starts_on=starts_on, ends_on=ends_on, actor=actor
    )
    if grant.pk in held and (grant.starts_on, grant.ends_on) != (starts_on, ends_on):
        raise ValidationError(
            _(
                "%(name)s heeft deze rol al, vanaf %(date)s. Wijzig de data bij die rol in "
                "plaats van haar opnieuw toe te kennen."
            )
            % {"name": user, "date": _day(grant.starts_on)}
        )
    if grant.office_id is not None and grant.pk not in held:
        office_event_record(
            office=grant.office,
            kind=EventKind.OFFICE_UPDATED,
            summary=_("%(name)s is %(role)s vanaf %(date)s.")
            % {"name": user, "role": grant.get_role_display(), "date": _day(grant.starts_on)},
            actor=actor,
        )
    return grant


def _day(date) -> str:
    return date_format(date, "j F Y")


@transaction.atomic
def role_change_dates(*, grant, starts_on, ends_on, actor=None):
    """Move a role's start or end and, for a role on an office, say so on the office's timeline
    (the office's history of who held which role when)."""
    from kapstok.accounts.services import grant_change_dates

    before = (grant.starts_on, grant.ends_on)
    grant = grant_change_dates(grant=grant, starts_on=starts_on, ends_on=ends_on, actor=actor)
    if grant.office_id is not None and (grant.starts_on, grant.ends_on) != before:
        dates = {"name": grant.user, "role": grant.get_role_display(), "start": _day(starts_on)}
        summary = (
            _("De rol van %(name)s als %(role)s loopt nu van %(start)s tot en met %(end)s.")
            % {**dates, "end": _day(ends_on)}
            if ends_on
            else _("De rol van %(name)s als %(role)s loopt nu vanaf %(start)s, zonder einddatum.")
            % dates
        )
        office_event_record(
            office=grant.office, kind=EventKind.OFFICE_UPDATED, summary=summary, actor=actor
        )
    return grant


@transaction.atomic
def role_end_with_hand_over(*, grant, ends_on, successor=None, actor=None) -> str:
    """End a role, move the open work in the office to the successor, and tell the office's
    timeline; returns what the page reports ("3 projecten en 2 acties overgedragen aan …")."""
    from kapstok.accounts.services import hand_over_summary, role_end

    ended_on = grant.ends_on
    moved = role_end(grant=grant, ends_on=ends_on, successor=successor, actor=actor)
    grant.refresh_from_db()
    ended = _("De rol van %(name)s als %(role)s eindigt op %(date)s.") % {
        "name": grant.user,
        "role": grant.get_role_display(),
        "date": _day(grant.ends_on),
    }
    report = f"{ended} {hand_over_summary(moved, successor)}" if successor else ended
    if grant.office_id is not None and (moved or grant.ends_on != ended_on):
        office_event_record(
            office=grant.office, kind=EventKind.OFFICE_UPDATED, summary=report, actor=actor
        )
    return report


@transaction.atomic
def branch_organisation_partner_add(*, office: Office, organisation, actor=None):
    """Make a branch organisation a partner of the office: its `Partner` (kind
    `branch_organisation`, one per organisation, made on first use with the organisation's name
    and website) is assigned to the office like any other partner, so its partner staff reach
    the office as partners do. Idempotent; a new assignment is a line on the timeline."""
    partner, _created = Partner.objects.get_or_create(
        branch_organisation=organisation,
        defaults={
            "name": organisation.name,
            "kind": PartnerKind.BRANCH_ORGANISATION,
            "website": organisation.website,
        },
    )
    if partner.offices.filter(pk=office.pk).exists():
        return partner
    partner.offices.add(office)
    office_event_record(
        office=office,
        kind=EventKind.OFFICE_UPDATED,
        summary=_("%(name)s is partner van het kantoor geworden.") % {"name": partner.name},
        actor=actor,
    )
    return partner
