"""The supply-versus-demand report (report ch. 5.2: does POS's supply match the offices' demand?).

The one bridge between the ORM and `kapstok.analysis.sla.supply_demand`: it loads the requests
of a period in a fixed number of queries, runs the clocks in bulk, and hands plain facts over.
The XLSX export writes the same figures, every cell through `safe_cell`.
"""

import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from django.db.models import Sum

from kapstok.analysis.sla import CategoryFigures, RequestFacts, supply_demand
from kapstok.core.spreadsheets import safe_cell
from kapstok.network.models import Office, SizeClass, size_class_for

from .models import Category, SupportOffer, SupportRequest
from .selectors import clocks


def quarters_in(start: datetime.date, end: datetime.date) -> int:
    """Calendar quarters the period touches, to scale the offers' capacity per quarter.

    >>> quarters_in(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    1
    >>> quarters_in(datetime.date(2025, 11, 1), datetime.date(2026, 4, 1))
    3
    """
    index = lambda day: day.year * 4 + (day.month - 1) // 3  # noqa: E731
    return max(index(end) - index(start) + 1, 0)


def _office_labels(office_ids) -> tuple[dict[int, str], dict[int, str]]:
    from kapstok.progress.selectors import phases_of

    offices = list(Office.objects.filter(pk__in=office_ids).with_member_count())
    phases = {pk: str(label) for pk, label in phases_of(offices).items()}
    sizes = {o.pk: str(SizeClass(size_class_for(o.member_count)).label) for o in offices}
    return phases, sizes


def _capacity(quarters: int) -> dict[str, int]:
    rows = SupportOffer.objects.values("category__name").annotate(total=Sum("capacity_per_quarter"))
    return {row["category__name"]: row["total"] * quarters for row in rows}


def supply_demand_report(
    start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> list[CategoryFigures]:
    """Figures per category for requests filed from `start` to `end` (both included)."""
    requests = (
        SupportRequest.objects.filter(
            created_at__date__gte=start, created_at__date__lte=end, merged_into__isnull=True
        )
        .select_related("category")
        .order_by("category__position", "pk")
    )
    rows = clocks(requests, today=today)
    phases, sizes = _office_labels({row.request.office_id for row in rows})
    facts = [_facts(row, phases, sizes) for row in rows]
    capacity = {c.name: 0 for c in Category.objects.filter(active=True)}
    capacity.update(_capacity(quarters_in(start, end)))
    return supply_demand(facts, capacity)


def _facts(clock, phases, sizes) -> RequestFacts:
    request = clock.request
    return RequestFacts(
        category=request.category.name,
        response_days=clock.response_days if request.first_response_at else None,
        resolution_days=clock.resolution_days if request.resolved_at else None,
        response_target=request.category.first_response_days,
        resolution_target=request.category.resolution_days,
        is_open=request.is_open,
        no_offer=request.no_offer,
        has_offer=request.offer_id is not None,
        rating=request.rating,
        office_phase=phases.get(request.office_id, ""),
        office_size=sizes.get(request.office_id, ""),
    )


HEADERS = [
    "Categorie",
    "Vragen",
    "Geen aanbod",
    "Eerste reactie mediaan (werkdagen)",
    "Eerste reactie p90",
    "Oplossing mediaan (werkdagen)",
    "Oplossing p90",
    "Binnen norm (%)",
    "Openstaand",
    "Tevredenheid (1-5)",
    "Beoordelingen",
    "Capaciteit aanbod",
    "Capaciteit gebruikt",
    "Per fase",
    "Per grootte",
]


def _spread(counts: dict[str, int]) -> str:
    return ", ".join(f"{label}: {count}" for label, count in counts.items())


def report_workbook(rows: list[CategoryFigures]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Vraag en aanbod"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = (
            row.category,
            row.requests,
            row.no_offer,
            row.response_median,
            row.response_p90,
            row.resolution_median,
            row.resolution_p90,
            row.within_target,
            row.backlog,
            row.satisfaction,
            row.ratings,
            row.capacity,
            row.capacity_used,
            _spread(row.by_phase),
            _spread(row.by_size),
        )
        sheet.append([safe_cell(value) for value in values])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
