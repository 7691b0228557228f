"""The supply-versus-demand report (report ch. 5.2: does POS's supply match the offices' demand?).

The database counts: every request stores its stopped clocks (`response_days`,
`resolution_days`, kept by `services`), so the report is a handful of grouped queries whose
cost hardly grows with the number of requests; the offices' phases and sizes come from a cache
of a minute. `supply_demand_recount` computes the same figures from scratch (every request
clocked again through `kapstok.analysis.sla.supply_demand`), as the tests' reference. The XLSX
export writes the same figures through `kapstok.core.spreadsheets` (every cell
neutralised against formulas).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl.styles import Font

from django.core.cache import cache
from django.db.models import Count, DateTimeField, Func, IntegerField, Min, Sum
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kapstok.analysis.sla import (
    CategoryFigures,
    RequestFacts,
    WorkingCalendar,
    percentile,
    supply_demand,
)
from kapstok.core.spreadsheets import workbook
from kapstok.network.models import Office, SizeClass, size_class_for

from . import charts, services
from .models import OPEN_STATUSES, Category, Pause, SupportOffer, SupportRequest
from .selectors import UNCLOCKED, clock_figures, pauses_by_request


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

    The database does the counting: the clocks that stopped are stored on each request
    (`response_days`, `resolution_days`, kept by the services), so one grouped query gives
    per category how many requests took how many working days (with their offers, ratings and
    "geen aanbod"), and one more how many came from each office. Each reads only a covering
    index (`support_report_clocks`, `support_report_offices`). A fixed number of queries and
    no Python work per request: a two-year report covers 20,000. Equal, figure for figure,
    to `supply_demand_recount` (tests). `today` is kept for that one: a running clock shows
    in no figure.
    """
    begin, after = _day_range(start, end)
    unclocked = SupportRequest.objects.filter(
        UNCLOCKED, created_at__gte=begin, created_at__lt=after
    )  # through the partial index `support_unclocked`: empty unless something wrote around
    if unclocked.exists():
        # Rows written around the services (bulk loads, fixtures): stored once, here.
        services.clock_days_store(unclocked)
    requests = _requests_in(start, end)
    capacity = {c.name: 0 for c in Category.objects.filter(active=True)}
    capacity.update(_capacity(quarters_in(start, end)))
    tallies = _tallies(requests)
    if not tallies:
        return supply_demand([], capacity)
    return _rows(requests, tallies, _spreads(requests, office_labels()), capacity)


class Unindexed(Func):
    """The column as it is; on SQLite written `+column`, SQLite's way of keeping the planner
    off the column's own index. The report's period is a range on `created_at`: through its
    index SQLite would sort every row of the range to group them, where a scan of the
    covering indexes `support_report_*` reads them already in the order it groups by (for
    20,000 requests, 11 ms instead of 29). PostgreSQL groups by hashing and keeps the range.
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


def _requests_in(start: datetime.date, end: datetime.date):
    begin, after = _day_range(start, end)
    filed = Unindexed("created_at", output_field=DateTimeField())
    return (
        SupportRequest.objects.alias(filed=filed)
        .filter(filed__gte=begin, filed__lt=after, merged_into__isnull=True)
        .order_by()
    )


@dataclass
class Tally:
    """What the report counts of one category, summed from the grouped rows."""

    category: Category
    requests: int = 0
    no_offer: int = 0
    backlog: int = 0
    used: int = 0
    rating_sum: int = 0
    ratings: int = 0
    resolved: int = 0
    within: int = 0
    responses: list = field(default_factory=list)
    resolutions: list = field(default_factory=list)

    def add(self, response, resolution, is_open, n, no_offer, used, rating_sum, ratings):
        """One group: `n` requests with these clocks and openness."""
        self.requests += n
        self.no_offer += no_offer
        self.used += used
        self.rating_sum += rating_sum or 0
        self.ratings += ratings
        self.backlog += n if is_open else 0
        if response is not None:
            self.responses.extend([response] * n)
        if not is_open and resolution is not None:
            self.resolved += n
            self.resolutions.extend([resolution] * n)
            category = self.category
            if response is not None and response <= category.first_response_days:
                self.within += n if resolution <= category.resolution_days else 0


def _tallies(requests) -> dict[int, Tally]:
    """One `Tally` per category with requests: from one query grouped on category, the two
    clocks and the status (two thousand groups for 20,000 requests). Plain columns and sums
    only, no CASE per row: that is a sixth of the query on SQLite."""
    categories = {category.pk: category for category in Category.objects.all()}
    rows = (
        requests.values_list("category_id", "response_days", "resolution_days", "status")
        .annotate(
            n=Count("*"),
            no_offer=Sum(Cast("no_offer", IntegerField())),
            used=Count("offer_id"),
            rating_sum=Sum("rating"),
            ratings=Count("rating"),
        )
        .order_by()
    )
    tallies: dict[int, Tally] = {}
    for category_id, response, resolution, status, *counts in rows:
        if category_id not in tallies:
            tallies[category_id] = Tally(categories[category_id])
        tallies[category_id].add(response, resolution, status in OPEN_STATUSES, *counts)
    return tallies


def _spreads(requests, labels: dict[int, tuple[str, str]]) -> dict[int, tuple[Counter, Counter]]:
    """Requests per office phase and per office size, per category: counted per office in the
    database, labelled here."""
    spreads = defaultdict(lambda: (Counter(), Counter()))
    rows = requests.values_list("category_id", "office_id").annotate(n=Count("pk"))
    for category_id, office_id, count in rows:
        phase, size = labels.get(office_id, ("", ""))
        spreads[category_id][0][phase] += count
        spreads[category_id][1][size] += count
    return spreads


def _rows(
    requests, tallies: dict[int, Tally], spreads, capacity: dict[str, int]
) -> list[CategoryFigures]:
    """In the order `supply_demand` gives: the capacity's categories, then the others in the
    order of their first request by position; then the total."""
    named = {tally.category.name: (pk, tally) for pk, tally in tallies.items()}
    order = list(capacity) + _others_in_order(requests, tallies, capacity)
    empty = (Counter(), Counter())
    rows = []
    for name in order:
        pk, tally = named.get(name, (None, None))
        rows.append(_figures(name, tally, spreads.get(pk, empty), capacity.get(name, 0)))
    total = _total(list(tallies.values()))
    spread = tuple(sum((s[i] for s in spreads.values()), Counter()) for i in (0, 1))
    rows.append(_figures("Totaal", total, spread, sum(capacity.values())))
    return rows


def _others_in_order(requests, tallies: dict[int, Tally], capacity) -> list[str]:
    """Categories with requests but neither active nor offered (rare: retired ones), by
    position and then their first request; a query only when there are any."""
    others = [pk for pk, tally in tallies.items() if tally.category.name not in capacity]
    if not others:
        return []
    firsts = dict(
        requests.filter(category_id__in=others)
        .values("category_id")
        .annotate(first=Min("pk"))
        .values_list("category_id", "first")
    )
    others.sort(key=lambda pk: (tallies[pk].category.position, firsts[pk]))
    return [tallies[pk].category.name for pk in others]


COUNTED = ("requests", "no_offer", "backlog", "used", "rating_sum", "ratings", "resolved", "within")


def _total(tallies: list[Tally]) -> Tally:
    total = Tally(category=None)
    for tally in tallies:
        for key in COUNTED:
            setattr(total, key, getattr(total, key) + getattr(tally, key))
        total.responses += tally.responses
        total.resolutions += tally.resolutions
    return total


def _figures(name: str, tally: Tally | None, spread, capacity: int) -> CategoryFigures:
    """One row of the report from a tally, with the rounding `figures` uses."""
    tally = tally or Tally(category=None)
    resolved, ratings = tally.resolved, tally.ratings
    return CategoryFigures(
        category=name,
        requests=tally.requests,
        no_offer=tally.no_offer,
        response_median=percentile(tally.responses, 0.5),
        response_p90=percentile(tally.responses, 0.9),
        resolution_median=percentile(tally.resolutions, 0.5),
        resolution_p90=percentile(tally.resolutions, 0.9),
        within_target=round(100 * tally.within / resolved, 1) if resolved else None,
        backlog=tally.backlog,
        satisfaction=round(tally.rating_sum / ratings, 2) if ratings else None,
        ratings=ratings,
        by_phase=dict(sorted(spread[0].items())),
        by_size=dict(sorted(spread[1].items())),
        capacity=capacity,
        capacity_used=tally.used,
    )


OFFICE_LABELS_SECONDS = 60


def office_labels() -> dict[int, tuple[str, str]]:
    """(phase, size class) of every office, as Dutch labels, kept in the cache for a minute.

    An office's phase is derived from its members, sessions, goals and measurements (about
    100 ms for 400 offices, as much as the rest of a two-year report); a minute-old phase is
    fresh enough for a report over months, so the page need not say how old it is.
    """
    key = f"support:office-labels:{timezone.localdate()}:{get_language()}"
    labels = cache.get(key)
    if labels is None:
        labels = _office_labels_of(Office.objects.all())
        cache.set(key, labels, OFFICE_LABELS_SECONDS)
    return labels


def _office_labels_of(offices) -> dict[int, tuple[str, str]]:
    phases, sizes = _office_labels([office.pk for office in offices])
    return {pk: (phases.get(pk, ""), sizes[pk]) for pk in sizes}


# --- from scratch ----------------------------------------------------------------------------


def supply_demand_recount(
    start: datetime.date, end: datetime.date, today: datetime.date | None = None
) -> list[CategoryFigures]:
    """The same figures as `supply_demand_report`, clocking every request of the period
    again in Python (the way the report once worked, about ten times slower at national
    scale): the from-scratch reference the tests hold the stored clocks against.
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
