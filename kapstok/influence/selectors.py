"""Reads for the influence pages: one office's register, its public part, and POS's overview."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.core.todo import SHOWN, ToDo, day
from kapstok.network.models import BodyKind, Office

from . import rules
from .models import SENT_STATUSES, Achievement, Outcome, Position, Seat


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
