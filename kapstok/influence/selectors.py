"""Reads for the influence pages: one office's register, its public part, and POS's overview."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.analysis.disclosure import small_count
from kapstok.core.todo import SHOWN, ToDo, Urgency, day
from kapstok.network.models import BodyKind, Municipality, Office

from . import rules
from .documents import EndorsementSummary
from .models import (
    SENT_STATUSES,
    Achievement,
    NationalPosition,
    Outcome,
    Position,
    Seat,
)


def office_register(viewer, office) -> dict:
    """Seats, outcomes won and the positions the viewer may read, for the office's page."""
    positions = (
        rules.positions_visible_to(viewer, office)
        .select_related("municipality", "addressed_body")
        .annotate(endorsement_count=Count("endorsements"))
    )
    return {
        "seats": list(office.seats.select_related("body")),
        "achievements": list(office.achievements.select_related("position")),
        "positions": list(positions),
    }


def public_register(office) -> dict:
    """Only what the office marked public: seats and outcomes won, never positions."""
    return {
        "seats": list(office.seats.filter(public=True).select_related("body")),
        "achievements": list(office.achievements.filter(public=True)),
    }


@dataclass
class NationalOverview:
    seats_per_kind: list[tuple[str, int]]
    achievements_per_year: list[tuple[int, int]]
    positions_sent: int
    positions_answered: int
    outcomes: list[tuple[str, int]]
    rows: list[dict] = field(default_factory=list)


def national_overview(*, today=None) -> NationalOverview:
    """Current seats per kind, outcomes won per year, positions sent and answered, per office."""
    today = today or timezone.localdate()
    current = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    seat_counts = Counter(
        dict(
            Seat.objects.filter(current)
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        )
    )
    years = Counter(d.year for d in Achievement.objects.values_list("achieved_on", flat=True))
    sent = Position.objects.filter(status__in=SENT_STATUSES)
    outcome_counts = Counter(
        dict(
            sent.exclude(outcome="")
            .values("outcome")
            .annotate(n=Count("pk"))
            .values_list("outcome", "n")
        )
    )
    return NationalOverview(
        seats_per_kind=[(label, seat_counts[kind]) for kind, label in BodyKind.choices],
        achievements_per_year=sorted(years.items(), reverse=True),
        positions_sent=sent.count(),
        positions_answered=sent.filter(status="answered").count(),
        outcomes=[(label, outcome_counts[value]) for value, label in Outcome.choices],
        rows=office_rows(today=today),
    )


def office_rows(*, today) -> list[dict]:
    """One row per office that has any influence recorded (four queries in all)."""
    current = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    seats = defaultdict(list)
    for seat in Seat.objects.filter(current).select_related("body"):
        seats[seat.office_id].append(seat)
    achievements = Counter(Achievement.objects.values_list("office_id", flat=True))
    sent = Counter(
        Position.objects.filter(status__in=SENT_STATUSES).values_list("office_id", flat=True)
    )
    answered = Counter(
        Position.objects.filter(status="answered").values_list("office_id", flat=True)
    )
    ids = set(seats) | set(achievements) | set(sent)
    offices = Office.objects.filter(pk__in=ids).order_by("name")
    return [
        {
            "office": office,
            "seats": seats[office.pk],
            "achievements": achievements[office.pk],
            "sent": sent[office.pk],
            "answered": answered[office.pk],
        }
        for office in offices
    ]


# --- the start page's to-do items (one query each) ------------------------------------------


def positions_to_endorse(viewer) -> list[ToDo]:
    """Positions of the member's offices open for endorsement that none of their businesses
    has endorsed yet; each links to the position, where the endorse form is."""
    positions = (
        rules.positions_open_to(viewer).select_related("office").order_by("opened_at", "pk")[:SHOWN]
    )
    return [
        ToDo(
            title=_("Steun het standpunt ‘%(title)s’") % {"title": position.title},
            detail=_("%(office)s vraagt de leden om steun, sinds %(date)s.")
            % {
                "office": position.office.name,
                "date": day(position.opened_at or position.created_at),
            },
            url=position.get_absolute_url(),
        )
        for position in positions
    ]


def positions_received(viewer) -> list[ToDo]:
    """Positions the offices sent to the viewer's municipality that still wait for its answer."""
    positions = (
        rules.positions_addressed_to(viewer)
        .select_related("office")
        .order_by("sent_at", "pk")[:SHOWN]
    )
    items = []
    for position in positions:
        backing = position.endorsements_at_sending or 0
        items.append(
            ToDo(
                title=_("Standpunt van %(office)s wacht op uw antwoord: ‘%(title)s’")
                % {"office": position.office.name, "title": position.title},
                detail=ngettext(
                    "Ontvangen op %(date)s, gesteund door %(count)s ondernemer.",
                    "Ontvangen op %(date)s, gesteund door %(count)s ondernemers.",
                    backing,
                )
                % {"date": day(position.sent_at or position.created_at), "count": backing},
                url=position.get_absolute_url(),
            )
        )
    return items


# --- POS-wide positions ---------------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    """One office or municipality with its number of endorsing businesses; `label` is what a
    viewer is shown (exact for POS, small counts as a band for everyone else)."""

    place: object
    count: int
    named: int
    label: str


@dataclass(frozen=True)
class NationalTotals:
    total: int
    total_label: str
    per_office: list[CountRow]
    per_municipality: list[CountRow]


def _label(count: int, exact: bool) -> str:
    return str(count) if exact else small_count(count)


def national_totals(position: NationalPosition, *, exact: bool = True) -> NationalTotals:
    """The national total and the counts per office and per municipality of the endorsing
    business, in four queries however many endorsements and places there are. Offices and
    municipalities without an endorser are not listed."""
    endorsements = position.endorsements.order_by()
    office_counts = {
        row["office_id"]: row
        for row in endorsements.values("office_id").annotate(
            n=Count("pk"), named=Count("pk", filter=Q(show_name=True))
        )
    }
    place_counts = {
        row["entrepreneur__municipality_id"]: row
        for row in endorsements.values("entrepreneur__municipality_id").annotate(
            n=Count("pk"), named=Count("pk", filter=Q(show_name=True))
        )
    }
    offices = Office.objects.filter(pk__in=office_counts).order_by("name")
    places = Municipality.objects.filter(pk__in=place_counts).order_by("name")

    def rows(objects, counts):
        return [
            CountRow(
                place=obj,
                count=counts[obj.pk]["n"],
                named=counts[obj.pk]["named"],
                label=_label(counts[obj.pk]["n"], exact),
            )
            for obj in objects
        ]

    total = sum(row["n"] for row in office_counts.values())
    return NationalTotals(
        total=total,
        total_label=_label(total, exact),
        per_office=rows(offices, office_counts),
        per_municipality=rows(places, place_counts),
    )


def national_position_rows(viewer) -> list[tuple[NationalPosition, str]]:
    """The POS-wide positions the viewer may read with their national total (one query)."""
    exact = rules.sees_exact_national_counts(viewer)
    positions = rules.national_positions_visible_to(viewer).annotate(n=Count("endorsements"))
    return [(position, _label(position.n, exact)) for position in positions]


def own_municipality_rows(totals: NationalTotals, municipality_ids) -> list[tuple]:
    """(municipality, count label) for a civil servant's own municipalities, zero included."""
    if not municipality_ids:
        return []
    labels = {row.place.pk: row.label for row in totals.per_municipality}
    places = Municipality.objects.filter(pk__in=municipality_ids).order_by("name")
    return [(place, labels.get(place.pk, "0")) for place in places]


def municipality_endorsements(position: NationalPosition, municipality) -> EndorsementSummary:
    """How many businesses established in the municipality endorse, and the names of those who
    agreed to be named (one query): what goes into the municipality's PDF."""
    rows = list(
        position.endorsements.filter(entrepreneur__municipality=municipality).values_list(
            "show_name", "entrepreneur__business_name"
        )
    )
    return EndorsementSummary(count=len(rows), names=sorted(name for show, name in rows if show))


def national_positions_for_municipality(viewer, municipality) -> list[dict]:
    """The POS-wide positions (opened and later) with the count of endorsers established in
    this municipality, for its portal; one query."""
    exact = rules.sees_exact_national_counts(viewer)
    positions = (
        rules.national_positions_visible_to(viewer)
        .exclude(status="concept")
        .annotate(
            n=Count("endorsements", filter=Q(endorsements__entrepreneur__municipality=municipality))
        )
        .order_by("-created_at", "-pk")
    )
    return [{"position": p, "label": _label(p.n, exact)} for p in positions]


def national_positions_for_office(viewer, office) -> list[dict]:
    """The POS-wide positions the viewer may read (opened and later), for an office's influence
    page: the count of endorsers through this office, and whether one waits for the viewer's
    endorsement. Two queries."""
    exact = rules.sees_exact_national_counts(viewer)
    positions = (
        rules.national_positions_visible_to(viewer)
        .exclude(status="concept")
        .annotate(n=Count("endorsements", filter=Q(endorsements__office=office)))
        .order_by("-created_at", "-pk")
    )
    waiting = set(rules.national_positions_open_to(viewer).values_list("pk", flat=True))
    return [
        {"position": p, "office_label": _label(p.n, exact), "waiting": p.pk in waiting}
        for p in positions
    ]


def national_positions_to_endorse(viewer) -> list[ToDo]:
    """POS-wide positions open for endorsement that none of the member's businesses has
    endorsed yet; each links to the position, where the endorse form is. One query."""
    positions = rules.national_positions_open_to(viewer).order_by("closes_on", "opened_at", "pk")
    items = []
    for position in positions[:SHOWN]:
        if position.closes_on:
            detail = _("POS vraagt de leden van alle kantoren om steun, tot en met %(date)s.") % {
                "date": day(position.closes_on)
            }
        else:
            detail = _("POS vraagt de leden van alle kantoren om steun.")
        soon = position.closes_on and (position.closes_on - timezone.localdate()).days <= 7
        items.append(
            ToDo(
                title=_("Steun het landelijke standpunt ‘%(title)s’") % {"title": position.title},
                detail=detail,
                url=position.get_absolute_url(),
                urgency=Urgency.SOON if soon else Urgency.NORMAL,
            )
        )
    return items
