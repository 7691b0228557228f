"""The supply-versus-demand report (report ch. 5.2: does POS's supply match the offices' demand?).

The one bridge between the ORM and `kapstok.analysis.sla.supply_demand`: it loads the requests
of a period in a fixed number of queries, runs the clocks in bulk, and hands plain facts over.
The XLSX export writes the same figures through `kapstok.core.spreadsheets` (every cell
neutralised against formulas).
"""

import datetime
from io import BytesIO

from openpyxl.styles import Font

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.analysis.sla import CategoryFigures, RequestFacts, WorkingCalendar, supply_demand
from kapstok.core.spreadsheets import workbook
from kapstok.network.models import Office, SizeClass, size_class_for

from . import charts
from .models import OPEN_STATUSES, Category, Pause, SupportOffer, SupportRequest
from .selectors import clock_figures, pauses_by_request


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


FACT_FIELDS = (
    "pk",
    "office_id",
    "created_at",
    "first_response_at",
    "resolved_at",
    "status",
    "no_offer",
    "offer_id",
    "rating",
    "category__name",
    "category__first_response_days",
    "category__resolution_days",
)


def _day_range(start: datetime.date, end: datetime.date) -> tuple:
    """Aware bounds [start 00:00, day after end 00:00) in the current zone: a range on the
    indexed `created_at`, where `created_at__date` would convert every row (on SQLite in
    Python)."""
    zone = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    return begin, after.replace(tzinfo=zone)


def supply_demand_report(
    start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> list[CategoryFigures]:
    """Figures per category for requests filed from `start` to `end` (both included).

    A fixed number of queries whatever the period: the requests as plain rows (no model
    instances: a two-year report holds 20,000), their pauses, the offices' phases and sizes,
    the categories and the offers' capacity. The clocks run in bulk (`clock_figures`).
    """
    today = today or timezone.localdate()
    begin, after = _day_range(start, end)
    requests = SupportRequest.objects.filter(
        created_at__gte=begin, created_at__lt=after, merged_into__isnull=True
    )
    rows = list(requests.order_by("category__position", "pk").values_list(*FACT_FIELDS))
    facts = _facts(rows, requests, today)
    capacity = {c.name: 0 for c in Category.objects.filter(active=True)}
    capacity.update(_capacity(quarters_in(start, end)))
    return supply_demand(facts, capacity)


def _facts(rows, requests, today) -> list[RequestFacts]:
    if not rows:
        return []
    zone = timezone.get_current_timezone()
    pauses = pauses_by_request(Pause.objects.filter(request__in=requests), zone)
    phases, sizes = _office_labels({row[1] for row in rows})
    local = lambda moment: moment.astimezone(zone).date() if moment else None  # noqa: E731
    calendar = WorkingCalendar.covering(today, *(local(row[2]) for row in rows))
    facts = []
    for (
        pk,
        office,
        created,
        responded,
        resolved,
        status,
        no_offer,
        offer,
        rating,
        *category,
    ) in rows:
        name, *targets = category
        is_open = status in OPEN_STATUSES
        response, resolution, _r, _s = clock_figures(
            calendar, today, local(created), local(responded), local(resolved), is_open,
            targets, pauses[pk],
        )  # fmt: skip
        facts.append(
            RequestFacts(
                category=name,
                response_days=response if responded else None,
                resolution_days=resolution if resolved else None,
                response_target=targets[0],
                resolution_target=targets[1],
                is_open=is_open,
                no_offer=no_offer,
                has_offer=offer is not None,
                rating=rating,
                office_phase=phases.get(office, ""),
                office_size=sizes.get(office, ""),
            )
        )
    return facts


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
    book = workbook()
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
        sheet.append(values)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- charts --------------------------------------------------------------------------------


def _phase_order(by_phase: dict[str, int]) -> list[str]:
    """The phases in their own order (netwerk bouwen first), whatever the dictionary's."""
    from kapstok.analysis.phases import PHASES
    from kapstok.progress.texts import PHASE_LABELS

    order = [str(PHASE_LABELS[phase]) for phase in PHASES]
    return sorted(by_phase, key=lambda label: order.index(label) if label in order else len(order))


def report_charts(rows: list[CategoryFigures]) -> list[charts.Chart]:
    """The report's four charts: demand and unmet demand per category, first-response and
    resolution times against their targets, and demand by office phase. One query (the
    categories' targets)."""
    categories, total = rows[:-1], rows[-1]
    labels = [row.category for row in categories]
    targets = {c.name: (c.first_response_days, c.resolution_days) for c in Category.objects.all()}
    phases = _phase_order(total.by_phase)
    return [
        charts.bar_chart(
            _("Vragen en “geen aanbod” per categorie"),
            labels,
            [
                charts.Series(_("vragen"), tuple(r.requests for r in categories), "primary"),
                charts.Series(_("geen aanbod"), tuple(r.no_offer for r in categories), "warning"),
            ],
        ),
        _times_chart(
            _("Eerste reactie in werkdagen, met de norm"), categories, "response", targets, 0
        ),
        _times_chart(
            _("Oplossing in werkdagen, met de norm"), categories, "resolution", targets, 1
        ),
        charts.bar_chart(
            _("Vragen per fase van het kantoor"),
            phases,
            [charts.Series(_("vragen"), tuple(total.by_phase[p] for p in phases), "primary")],
        ),
    ]


def _times_chart(title, categories, kind: str, targets: dict, which: int) -> charts.Chart:
    return charts.bar_chart(
        title,
        [row.category for row in categories],
        [
            charts.Series(
                _("mediaan"), tuple(getattr(r, f"{kind}_median") for r in categories), "primary"
            ),
            charts.Series(
                _("90e percentiel"),
                tuple(getattr(r, f"{kind}_p90") for r in categories),
                "secondary",
            ),
        ],
        markers=tuple(targets.get(r.category, (None, None))[which] for r in categories),
        marker_name=_("norm"),
    )
