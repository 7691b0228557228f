"""Changes to an office's founding: registering it, ticking the items the data cannot know,
and marking it founded. Views, the API and the demo call these.

User errors are raised as `ValidationError` with a Dutch message keyed by form field, and
nothing is saved. Every change is a line on the office's timeline.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role
from kapstok.network import services as network_services
from kapstok.network.models import EventKind, Office, OfficeStatus

from . import selectors
from .models import MEMBERS_NEEDED_DEFAULT, FoundingChecklist


def _day(date) -> str:
    return date_format(date, "j F Y")


def _not_in_future(date: datetime.date, field: str) -> None:
    if date > timezone.localdate():
        raise ValidationError({field: _("Deze datum ligt in de toekomst.")})


def office_name_taken(name: str) -> bool:
    """Whether an office of this name exists, in any case: "POS-kantoor Ede" and "pos-kantoor
    ede" are one name to the people who read them."""
    return Office.objects.filter(name__iexact=name).exists()


@transaction.atomic
def founding_register(
    *,
    name: str,
    municipalities,
    initiative: str,
    started_on: datetime.date | None = None,
    initiator_emails=(),
    members_needed: int = MEMBERS_NEEDED_DEFAULT,
    actor=None,
) -> Office:
    """Register a new office in founding: the office (status "in oprichting", no founding
    date yet), its checklist, and a kartrekker role from `started_on` for each initiator's email
    address (an account is made for who has none).

    An office of the same name is refused, so a form sent twice makes one office.
    """
    started_on = started_on or timezone.localdate()
    _not_in_future(started_on, "started_on")
    name = name.strip()
    taken = ValidationError({"name": _("Er is al een POS-kantoor met deze naam.")})
    if office_name_taken(name):
        raise taken
    try:
        with transaction.atomic():
            office = network_services.office_save(
                office=Office(
                    name=name, initiative=initiative, status=OfficeStatus.FOUNDING, founded_on=None
                ),
                municipalities=municipalities,
                actor=actor,
            )
    except (IntegrityError, ValidationError) as race:
        # The same form, sent twice at once, registered the office between check and insert:
        # the name's web address is unique, so the second is refused, by the database (on
        # insert) or by the model's own unique check (when the first committed just before
        # it). Either way the person reads that the name is taken, not a message about a web
        # address they never typed.
        if office_name_taken(name):
            raise taken from race
        raise
    checklist = FoundingChecklist(
        office=office, started_on=started_on, members_needed=members_needed
    )
    checklist.full_clean()
    checklist.save()
    network_services.office_event_record(
        office=office,
        kind=EventKind.OFFICE_UPDATED,
        summary=_("Het kantoor is in oprichting sinds %(date)s.") % {"date": _day(started_on)},
        actor=actor,
    )
    for email in initiator_emails:
        network_services.role_grant_to_person(
            email=email,
            full_name="",
            role=Role.LEAD,
            scope=office,
            starts_on=started_on,
            ends_on=None,
            actor=actor,
        )
    return office


def _locked_checklist(office: Office) -> FoundingChecklist:
    """The checklist of an office still in founding, locked for this transaction."""
    checklist = FoundingChecklist.objects.select_for_update().filter(office=office).first()
    office.refresh_from_db(fields=["status", "founded_on"])
    if checklist is None or office.status != OfficeStatus.FOUNDING:
        raise ValidationError(
            _("%(office)s is niet (meer) in oprichting; de checklist ligt vast.")
            % {"office": office}
        )
    return checklist


@transaction.atomic
def first_meeting_record(
    *, office: Office, held_on: datetime.date, note: str = "", actor=None
) -> FoundingChecklist:
    """Tick the first meeting: the day it was held and a note (who came, what was agreed)."""
    checklist = _locked_checklist(office)
    _not_in_future(held_on, "held_on")
    checklist.first_meeting_on, checklist.first_meeting_note = held_on, note.strip()
    checklist.full_clean()
    checklist.save(update_fields=["first_meeting_on", "first_meeting_note", "updated_at"])
    network_services.office_event_record(
        office=office,
        kind=EventKind.MEETING_HELD,
        summary=_("Eerste bijeenkomst van het kantoor in oprichting, op %(date)s.")
        % {"date": _day(held_on)},
        actor=actor,
    )
    return checklist


@transaction.atomic
def municipality_contact_record(
    *, office: Office, contact_on: datetime.date, contact_with: str, note: str = "", actor=None
) -> FoundingChecklist:
    """Tick the contact with the municipality when its contact person has no role in Kapstok:
    with whom (name, function) and on which day."""
    checklist = _locked_checklist(office)
    contact_with = contact_with.strip()
    if not contact_with:
        raise ValidationError({"contact_with": _("Vul in met wie bij de gemeente er contact was.")})
    _not_in_future(contact_on, "contact_on")
    checklist.municipality_contact_on = contact_on
    checklist.municipality_contact_with = contact_with
    checklist.municipality_contact_note = note.strip()
    checklist.full_clean()
    checklist.save(
        update_fields=[
            "municipality_contact_on",
            "municipality_contact_with",
            "municipality_contact_note",
            "updated_at",
        ]
    )
    network_services.office_event_record(
        office=office,
        kind=EventKind.OFFICE_UPDATED,
        summary=_("Contact met de gemeente: %(whom)s, op %(date)s.")
        % {"whom": contact_with, "date": _day(contact_on)},
        actor=actor,
    )
    return checklist


@transaction.atomic
def founding_complete(*, office: Office, founded_on: datetime.date, actor=None) -> Office:
    """Mark the office founded on `founded_on`: status active, its founding date set.

    Only with every item of the checklist done; otherwise the error names what is missing.
    The date lies between the start of the founding and today.
    """
    checklist = _locked_checklist(office)
    state = selectors.checklist_of(office)
    if not state.complete:
        missing = ", ".join(item.label.lower() for item in state.missing)
        raise ValidationError(
            {
                "founded_on": _(
                    "Het kantoor kan nog niet op opgericht: nog niet gedaan is %(items)s."
                )
                % {"items": missing}
            }
        )
    _not_in_future(founded_on, "founded_on")
    if founded_on < checklist.started_on:
        raise ValidationError(
            {
                "founded_on": _(
                    "De oprichtingsdatum ligt vóór het begin van de oprichting (%(date)s)."
                )
                % {"date": _day(checklist.started_on)}
            }
        )
    office.status, office.founded_on = OfficeStatus.ACTIVE, founded_on
    office.full_clean()
    office.save(update_fields=["status", "founded_on", "updated_at"])
    network_services.office_event_record(
        office=office,
        kind=EventKind.OFFICE_UPDATED,
        summary=_("Het kantoor is opgericht op %(date)s.") % {"date": _day(founded_on)},
        actor=actor,
    )
    return office
