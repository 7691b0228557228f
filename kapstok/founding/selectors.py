"""Read side of founding: each office's checklist with its derived items, the overview for POS
and the lead's to-do, in a fixed number of grouped queries however many offices are founding.

An item is *derived* when the data already says whether it is done: kartrekkers are the
office's current lead grants, the first members its current memberships, and the municipality
contact a current civil servant or alderman of one of its municipalities. Only what the data
cannot know (the first meeting; a municipality contact outside Kapstok) is ticked by hand.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts import access
from kapstok.accounts.models import Role, RoleGrant
from kapstok.core.todo import ToDo, Urgency
from kapstok.network.models import Membership, Office, OfficeStatus

from . import rules
from .models import FoundingChecklist

ITEM_KEYS = ("initiators", "first_meeting", "municipality_contact", "first_members")


@dataclass(frozen=True)
class Item:
    """One line of the checklist: done or not, since when, and how it is known."""

    key: str
    label: str
    done: bool
    detail: str
    done_on: datetime.date | None = None
    derived: bool = True


@dataclass
class Checklist:
    office: Office
    record: FoundingChecklist
    items: list[Item] = field(default_factory=list)
    today: datetime.date | None = None

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.done_count == self.total

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if not item.done]

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def days_in_founding(self) -> int:
        """Days from the start of the founding to its end (or to today while it lasts)."""
        end = self.office.founded_on or self.today or timezone.localdate()
        return max(0, (end - self.record.started_on).days)

    def item(self, key: str) -> Item:
        return next(item for item in self.items if item.key == key)


def _day(date) -> str:
    return date_format(date, "j F Y")


@dataclass(frozen=True)
class _Facts:
    """What the data says about one office, gathered for many offices at once."""

    leads: list[tuple[str, datetime.date]]
    joined: list[datetime.date]  # the current members' join dates, earliest first
    contacts: list[tuple[str, datetime.date]]  # longest-serving first, over all municipalities

    @property
    def members(self) -> int:
        return len(self.joined)


def _facts(offices: list[Office], today: datetime.date) -> dict[int, _Facts]:
    """Kartrekkers, current members and municipality contacts of these offices: three queries."""
    ids = [office.pk for office in offices]
    leads: dict[int, list] = {pk: [] for pk in ids}
    grants = (
        RoleGrant.objects.current(today)
        .filter(office_id__in=ids, role=Role.LEAD, user__is_active=True)
        .select_related("user")
        .order_by("starts_on", "pk")
    )
    for grant in grants:
        leads[grant.office_id].append((grant.user.get_full_name(), grant.starts_on))
    joined: dict[int, list] = {pk: [] for pk in ids}
    memberships = (
        Membership.objects.active_on(today)
        .filter(office_id__in=ids)
        .order_by("joined_on", "pk")
        .values_list("office_id", "joined_on")
    )
    for office_id, joined_on in memberships:
        joined[office_id].append(joined_on)
    contacts_by_municipality: dict[int, list] = {}
    municipality_ids = {m.pk for office in offices for m in office.municipalities.all()}
    civil = (
        RoleGrant.objects.current(today)
        .filter(
            municipality_id__in=municipality_ids,
            role__in=[Role.CIVIL_SERVANT, Role.ALDERMAN],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("starts_on", "pk")
    )
    for grant in civil:
        contacts_by_municipality.setdefault(grant.municipality_id, []).append(
            (f"{grant.user.get_full_name()} ({grant.get_role_display()})", grant.starts_on)
        )
    return {
        office.pk: _Facts(
            leads=leads[office.pk],
            joined=joined[office.pk],
            contacts=sorted(
                (
                    c
                    for m in office.municipalities.all()
                    for c in contacts_by_municipality.get(m.pk, [])
                ),
                key=lambda contact: contact[1],
            ),
        )
        for office in offices
    }


def _initiators(facts: _Facts) -> Item:
    if not facts.leads:
        return Item(
            "initiators",
            _("Initiatiefnemers"),
            False,
            _("Nog geen kartrekker: ken de rol kartrekker toe aan wie het kantoor opricht."),
        )
    names = ", ".join(name for name, _since in facts.leads)
    return Item(
        "initiators",
        _("Initiatiefnemers"),
        True,
        ngettext("Kartrekker: %(names)s.", "Kartrekkers: %(names)s.", len(facts.leads))
        % {"names": names},
        done_on=facts.leads[0][1],
    )


def _first_meeting(record: FoundingChecklist) -> Item:
    if record.first_meeting_on is None:
        return Item(
            "first_meeting",
            _("Eerste bijeenkomst"),
            False,
            _("Nog niet gehouden: vul de datum in zodra de eerste bijeenkomst er was."),
            derived=False,
        )
    detail = _("Gehouden op %(date)s.") % {"date": _day(record.first_meeting_on)}
    if record.first_meeting_note:
        detail = f"{detail} {record.first_meeting_note}"
    return Item(
        "first_meeting",
        _("Eerste bijeenkomst"),
        True,
        detail,
        done_on=record.first_meeting_on,
        derived=False,
    )


def _municipality_contact(record: FoundingChecklist, facts: _Facts) -> Item:
    label = _("Contact met de gemeente")
    if record.municipality_contact_on is not None:
        detail = _("Met %(whom)s op %(date)s.") % {
            "whom": record.municipality_contact_with,
            "date": _day(record.municipality_contact_on),
        }
        if record.municipality_contact_note:
            detail = f"{detail} {record.municipality_contact_note}"
        return Item(
            "municipality_contact",
            label,
            True,
            detail,
            done_on=record.municipality_contact_on,
            derived=False,
        )
    if facts.contacts:
        name, since = facts.contacts[0]
        return Item(
            "municipality_contact",
            label,
            True,
            _("%(name)s is contactpersoon van de gemeente in Kapstok.") % {"name": name},
            done_on=since,
        )
    return Item(
        "municipality_contact",
        label,
        False,
        _(
            "Nog geen contactpersoon bij de gemeente: leg contact en vul in met wie en wanneer, "
            "of laat POS de beleidsambtenaar een rol geven."
        ),
        derived=False,
    )


def _first_members(record: FoundingChecklist, facts: _Facts) -> Item:
    needed = record.members_needed
    # Done since the day the last of the needed members joined (of the current members).
    return Item(
        "first_members",
        _("Eerste leden"),
        facts.members >= needed,
        _("%(count)s van de %(needed)s aangesloten ondernemers die nodig zijn.")
        % {"count": facts.members, "needed": needed},
        done_on=facts.joined[needed - 1] if facts.members >= needed else None,
    )


def _checklist(office: Office, facts: _Facts, today: datetime.date) -> Checklist:
    record = office.founding
    return Checklist(
        office=office,
        record=record,
        today=today,
        items=[
            _initiators(facts),
            _first_meeting(record),
            _municipality_contact(record, facts),
            _first_members(record, facts),
        ],
    )


def checklists_of(offices, today: datetime.date | None = None) -> list[Checklist]:
    """The checklists of these offices (each must have one), in the given order."""
    today = today or timezone.localdate()
    offices = list(offices)
    facts = _facts(offices, today)
    return [_checklist(office, facts[office.pk], today) for office in offices]


def _with_checklist(offices):
    return (
        offices.filter(founding__isnull=False)
        .select_related("founding")
        .prefetch_related("municipalities")
    )


def checklist_of(office: Office, today: datetime.date | None = None) -> Checklist | None:
    """The office's checklist, or None for an office that was never registered in founding."""
    found = list(_with_checklist(Office.objects.filter(pk=office.pk)))
    return checklists_of(found, today)[0] if found else None


def offices_in_founding(today: datetime.date | None = None) -> list[Checklist]:
    """Every office in founding with its checklist, longest in founding first (POS's overview)."""
    offices = _with_checklist(Office.objects.filter(status=OfficeStatus.FOUNDING)).order_by(
        "founding__started_on", "name"
    )
    return checklists_of(offices, today)


def founded_recently(days: int = 365) -> list[Checklist]:
    """Offices founded through the checklist in the last `days`: what the founding phase led to."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    offices = _with_checklist(Office.objects.founded().filter(founded_on__gte=since)).order_by(
        "-founded_on", "name"
    )
    return checklists_of(offices)


# --- the start page's to-do items -----------------------------------------------------------


def founding_to_finish(viewer) -> list[ToDo]:
    """For a kartrekker of an office in founding: the checklist as their to-do, one line per
    office naming what is still open (or that it can be marked founded)."""
    offices = _with_checklist(rules.founding_offices_led_by(viewer)).order_by("name")
    items = []
    for checklist in checklists_of(offices):
        url = reverse("founding:checklist", args=[checklist.office.slug])
        if checklist.complete:
            items.append(
                ToDo(
                    title=_("Rond de oprichting van %(office)s af") % {"office": checklist.office},
                    url=url,
                    detail=_("Alle punten zijn gedaan: zet het kantoor op opgericht."),
                    urgency=Urgency.SOON,
                )
            )
            continue
        open_items = ", ".join(item.label.lower() for item in checklist.missing)
        items.append(
            ToDo(
                title=_("Oprichting %(office)s: %(done)s van %(total)s punten gedaan")
                % {
                    "office": checklist.office,
                    "done": checklist.done_count,
                    "total": checklist.total,
                },
                url=url,
                detail=_("Nog te doen: %(items)s.") % {"items": open_items},
                count=len(checklist.missing),
            )
        )
    return items


def offices_being_founded(viewer) -> list[ToDo]:
    """For POS: how many offices are in founding and how many of them could be marked founded."""
    if not access.can_view_national_overview(viewer):
        return []
    checklists = offices_in_founding()
    if not checklists:
        return []
    ready = sum(checklist.complete for checklist in checklists)
    detail = (
        ngettext(
            "%(count)s ervan heeft alle punten gedaan.",
            "%(count)s ervan hebben alle punten gedaan.",
            ready,
        )
        % {"count": ready}
        if ready
        else _("Nog geen ervan heeft alle punten gedaan.")
    )
    return [
        ToDo(
            title=ngettext(
                "%(count)s kantoor in oprichting",
                "%(count)s kantoren in oprichting",
                len(checklists),
            )
            % {"count": len(checklists)},
            url=reverse("founding:overview"),
            detail=detail,
            count=len(checklists),
            urgency=Urgency.NORMAL if ready else Urgency.INFO,
        )
    ]
