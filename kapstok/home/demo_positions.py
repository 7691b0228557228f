"""Demo data for the POS-wide positions: the VAT (btw) example of the report (2.3, 5.1).

The report tells how entrepreneurs across the country acted together against the planned rise
of the VAT rate on sport. In the demo POS has opened a position on it, "btw-verhoging sport",
endorsed by about half of the current members of every office, so the totals per office and
per municipality and the PDF per municipality have something to show. The demo member of
office A has not endorsed it yet: it is on their start page. A second position is still a
concept that only POS sees. Deterministic: every choice follows the order of the database ids.
"""

import datetime

from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant
from kapstok.influence.models import NationalEndorsement, NationalPosition, NationalStatus
from kapstok.network.models import Membership

VAT_TITLE = "Geen btw-verhoging op sport"
VAT_ASK = (
    "Wij vragen gemeenten en Kamerleden zich uit te spreken tegen de verhoging van het btw-tarief "
    "op sport van 9 naar 21 procent, en de gevolgen voor sportaanbieders in hun gemeente mee te "
    "wegen."
)
VAT_BODY = (
    "Het kabinet wil het btw-tarief op sportbeoefening verhogen van 9 naar 21 procent. Voor "
    "sportondernemers betekent dat hogere prijzen of lagere marges; voor hun klanten, ook "
    "ouderen en gezinnen met weinig geld, duurder sporten. Juist de commerciële aanbieders "
    "bereiken mensen die niet bij een vereniging sporten.\n\n"
    "POS en de POS-kantoren spreken hier samen over: hoe meer ondernemers per gemeente dit "
    "standpunt steunen, hoe sterker het verhaal aan de gemeente en de politiek."
)
CONCEPT_TITLE = "Energiekosten van sportaccommodaties"
CONCEPT_ASK = "Wij vragen gemeenten sportondernemers toe te laten tot hun energieregelingen."
CONCEPT_BODY = (
    "Sportscholen en zwembaden van ondernemers betalen dezelfde energieprijzen als andere "
    "bedrijven, maar vallen buiten de regelingen voor verenigingen."
)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _endorsers(today: datetime.date, skip: set[int]) -> list[tuple[int, int]]:
    """(business, office) of every other current member, the first office of each business."""
    seen, chosen = set(), []
    memberships = (
        Membership.objects.active_on(today)
        .order_by("entrepreneur_id", "joined_on", "pk")
        .values_list("entrepreneur_id", "office_id")
    )
    for entrepreneur_id, office_id in memberships:
        if entrepreneur_id in seen or entrepreneur_id in skip:
            continue
        seen.add(entrepreneur_id)
        if len(seen) % 2 == 0:
            chosen.append((entrepreneur_id, office_id))
    return chosen


def positions_seed(*, pos, today: datetime.date) -> NationalPosition:
    """The open VAT position with its endorsements, and a concept; returns the VAT position."""
    opened = today - datetime.timedelta(days=12)
    vat = NationalPosition.objects.create(
        title=VAT_TITLE,
        body=VAT_BODY,
        ask=VAT_ASK,
        status=NationalStatus.OPEN,
        closes_on=today + datetime.timedelta(days=30),
        created_by=pos,
        created_at=_at(opened - datetime.timedelta(days=3)),
        opened_at=_at(opened),
    )
    demo_member = set(
        RoleGrant.objects.filter(role=Role.MEMBER, user__email="member-a@demo.invalid").values_list(
            "entrepreneur_id", flat=True
        )
    )
    NationalEndorsement.objects.bulk_create(
        NationalEndorsement(
            position=vat,
            entrepreneur_id=entrepreneur_id,
            office_id=office_id,
            show_name=i % 3 != 0,
            created_at=_at(opened + datetime.timedelta(days=i % 12), hour=8 + i % 10),
        )
        for i, (entrepreneur_id, office_id) in enumerate(_endorsers(today, demo_member))
    )
    NationalPosition.objects.create(
        title=CONCEPT_TITLE,
        body=CONCEPT_BODY,
        ask=CONCEPT_ASK,
        created_by=pos,
        created_at=_at(today - datetime.timedelta(days=2)),
    )
    return vat
