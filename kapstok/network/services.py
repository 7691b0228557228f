"""Changes to the registry: offices, entrepreneurs and memberships.

Views, the API, commands and the demo all call these, so a rule (one open membership per
entrepreneur and office, a left date after the joined date) holds whoever makes the change.
User errors are raised as `ValidationError` with a Dutch message, keyed by form field.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kapstok.trust.audit import audit_record, snapshot
from kapstok.trust.models import AuditAction

from .models import Entrepreneur, EventKind, Membership, Office, OfficeEvent


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
    return entrepreneur


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
def membership_end(*, membership: Membership, left_on: datetime.date, actor=None) -> Membership:
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": _("De einddatum ligt vóór de datum van aansluiten.")})
    before = snapshot(membership)
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
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
