"""Read-side of the support desk: the queue with its filters and the SLA clock per request.

The clock is computed in bulk: one query for the requests (with category), one for all their
pauses, then the pure `WorkingCalendar` (two bisections per request) — no query per row.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.analysis.sla import BREACHED, OK, WARNING, WorkingCalendar, sla_state
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import SHOWN, ToDo, Urgency, day
from kapstok.network.models import Office, Partner

from . import rules
from .models import OPEN_STATUSES, Category, Message, Pause, Status, SupportRequest


@dataclass
class RequestClock:
    """The SLA picture of one request, in working days."""

    request: SupportRequest
    response_days: int
    resolution_days: int
    response_state: str
    resolution_state: str

    @property
    def state(self) -> str:
        return worse_state(self.response_state, self.resolution_state)

    @property
    def status_label(self) -> str:
        """The status in words; `get_status_display` hashes the choices on every call, which
        is a fifth of the cost of the queue's rows."""
        return Status(self.request.status).label


def worse_state(response_state: str, resolution_state: str) -> str:
    """The worse of the two clocks; a late first response or a late resolution is late.

    >>> worse_state(OK, BREACHED), worse_state(OK, OK)
    ('breached', 'ok')
    """
    states = (response_state, resolution_state)
    return BREACHED if BREACHED in states else max(states, key=lambda s: s != OK)


def _local(moment, zone) -> datetime.date | None:
    # `astimezone` with the zone fetched once: `timezone.localdate` looks the zone up per call,
    # which is most of the cost of clocking 20,000 requests.
    return moment.astimezone(zone).date() if moment else None


def pauses_by_request(pauses, zone) -> dict[int, list]:
    """Pauses as local (from, until) dates per request id, from a Pause queryset."""
    found = defaultdict(list)
    for request_id, started, ended in pauses.values_list("request_id", "started_at", "ended_at"):
        found[request_id].append((_local(started, zone), _local(ended, zone)))
    return found


def stopped_clock_days(rows, pauses: dict[int, list]) -> dict[int, tuple]:
    """(response days, resolution days) per request id, from rows of (pk, created_at,
    first_response_at, resolved_at): the working days until the clock stopped, pauses left
    out, None while it still runs. `pauses` as `pauses_by_request` gives them.

    What `clocks` and the report computed per view for every request, computed once when a
    clock stops (`services.clock_days_store`): a stopped clock does not depend on today.
    """
    if not rows:
        return {}
    zone = timezone.get_current_timezone()
    local = [tuple(_local(moment, zone) for moment in row[1:]) for row in rows]
    calendar = WorkingCalendar.covering(*(day for days in local for day in days))
    days = {}
    for (pk, *_moments), (start, responded, resolved) in zip(rows, local, strict=True):
        days[pk] = (
            calendar.elapsed(start, responded, pauses.get(pk, ())) if responded else None,
            calendar.elapsed(start, resolved, pauses.get(pk, ())) if resolved else None,
        )
    return days


# --- the running clock in SQL ----------------------------------------------------------------
#
# A running clock grows by one with each working day, so it is "the number of today's working
# day minus a fixed base": the base (`clock_base`, stored) does not depend on today, and the
# late filter becomes a comparison in the database (`late_requests`). Working days are
# numbered from `CLOCK_EPOCH`. While the request waits for the office the clock stands still
# (an open pause): its value is stored instead (`clock_frozen`). Both are kept by the services
# with the stopped clocks (`services.clock_days_store`), for any change of a pause.

CLOCK_EPOCH = datetime.date(2000, 1, 1)


def _epoch_calendar(*days: datetime.date) -> WorkingCalendar:
    """A calendar from `CLOCK_EPOCH` through the year after the latest of `days`."""
    return WorkingCalendar.for_years(range(CLOCK_EPOCH.year, max(d.year for d in days) + 2))


def day_number(calendar: WorkingCalendar, day: datetime.date) -> int:
    """The working days from `CLOCK_EPOCH` up to and including `day`."""
    return calendar.elapsed(CLOCK_EPOCH, day)


def running_clock_positions(rows, pauses: dict[int, list]) -> dict[int, tuple]:
    """(clock_base, clock_frozen) per request id, from rows of (pk, created_at) and the
    pauses as `pauses_by_request` gives them; one of the two is None.

    The clock at a day D after every pause began is `elapsed(start, D, pauses)` (the
    queue's own definition): with an open pause it no longer changes (frozen at that value),
    otherwise it is `day_number(D) - base`.
    """
    if not rows:
        return {}
    zone = timezone.get_current_timezone()
    starts = {pk: _local(created, zone) for pk, created in rows}
    days = [
        *starts.values(),
        *(d for pk in starts for span in pauses.get(pk, ()) for d in span if d),
    ]
    calendar = _epoch_calendar(timezone.localdate(), *days)
    positions = {}
    for pk, start in starts.items():
        spans = pauses.get(pk, ())
        latest = max([start, *(d for span in spans for d in span if d)])
        value = calendar.elapsed(start, latest, spans)
        if any(until is None for _begin, until in spans):
            positions[pk] = (None, value)
        else:
            positions[pk] = (day_number(calendar, latest) - value, None)
    return positions


def late_requests(requests, today: datetime.date | None = None):
    """Those of `requests` past a target on `today`, as `RequestClock` decides it
    (`BREACHED` in either clock): a running clock through its stored base or frozen value,
    a stopped one through its stored days, in the query. The rows must be clocked
    (`services.clocks_complete`, which `queue_page` calls).

    The running clock is one expression, and the targets one `CASE` over the few
    categories rather than a join: spelt out clause by clause the condition took
    PostgreSQL's planner several milliseconds, and with the join SQLite read every request
    category by category instead of the open ones.
    """
    today = today or timezone.localdate()
    now = day_number(_epoch_calendar(today), today)
    running = Coalesce(Value(now) - F("clock_base"), F("clock_frozen"), output_field=IntegerField())
    targets = category_targets()
    return requests.alias(
        running_clock=running,
        response_target=_per_category({pk: t[0] for pk, t in targets.items()}),
        resolution_target=_per_category({pk: t[1] for pk, t in targets.items()}),
    ).filter(
        Q(first_response_at__isnull=False, response_days__gt=F("response_target"))
        | Q(resolved_at__isnull=False, resolution_days__gt=F("resolution_target"))
        | Q(
            Q(first_response_at__isnull=True, running_clock__gt=F("response_target"))
            | Q(resolved_at__isnull=True, running_clock__gt=F("resolution_target")),
            status__in=OPEN_STATUSES,
        )
    )


def category_targets() -> dict[int, tuple[int, int]]:
    """(first response, resolution) target in working days per category id, kept as a part
    (`part_cache`: a change of a target in the admin renews it)."""
    return cached_part("support-category-targets", (), _category_targets)


def _category_targets() -> dict[int, tuple[int, int]]:
    rows = Category.objects.values_list("pk", "first_response_days", "resolution_days")
    return {pk: (response, resolution) for pk, response, resolution in rows}


def _per_category(days: dict[int, int]) -> Case:
    """`days` of the request's category as an SQL expression (categories are few)."""
    whens = [When(category_id=pk, then=Value(value)) for pk, value in days.items()]
    return Case(*whens, default=Value(None), output_field=IntegerField())


# Requests whose clock stopped without being stored (written around the services): the
# report and the late filter store them first, through the partial index `support_unclocked`.
UNCLOCKED = Q(first_response_at__isnull=False, response_days__isnull=True) | Q(
    resolved_at__isnull=False, resolution_days__isnull=True
)
# Open requests whose running clock was never stored (written around the services): the
# queue's late filter clocks them first, through the partial index `support_open_unclocked`.
OPEN_UNCLOCKED = Q(status__in=OPEN_STATUSES, clock_base__isnull=True, clock_frozen__isnull=True)


def clock_figures(
    calendar, today, start, responded, resolved, is_open, targets, pauses
) -> tuple[int, int, str, str]:
    """(response days, resolution days, response state, resolution state) of one request,
    from local dates; `targets` is (first response, resolution) in working days. Pure."""
    response = calendar.elapsed(start, responded or today, pauses)
    resolution = calendar.elapsed(start, resolved or today, pauses)
    open_response = responded is None and is_open
    return (
        response,
        resolution,
        _state(response, targets[0], open_response, responded),
        _state(resolution, targets[1], is_open, resolved),
    )


def clocks(requests, today: datetime.date | None = None) -> list[RequestClock]:
    """The clock of every request in the list (which must carry its category)."""
    requests = list(requests)
    today = today or timezone.localdate()
    zone = timezone.get_current_timezone()
    pauses = pauses_by_request(Pause.objects.filter(request__in=[r.pk for r in requests]), zone)
    starts = [_local(r.created_at, zone) for r in requests]
    calendar = WorkingCalendar.covering(today, *starts)
    return [
        RequestClock(
            request,
            *clock_figures(
                calendar,
                today,
                start,
                _local(request.first_response_at, zone),
                _local(request.resolved_at, zone),
                request.status in OPEN_STATUSES,
                (request.category.first_response_days, request.category.resolution_days),
                pauses[request.pk],
            ),
        )
        for request, start in zip(requests, starts, strict=True)
    ]


def _state(days, target, still_running, stopped_on) -> str:
    """A running clock warns before the target; a stopped one is only late if it overran."""
    if still_running:
        return sla_state(days, target)
    return BREACHED if stopped_on is not None and days > target else OK


# What a row of the queue shows and clocks: each row is four models, so the other columns
# (an office has thirty) are not loaded.
QUEUE_FIELDS = (
    "office__name",
    "office__slug",
    "category__name",
    "category__first_response_days",
    "category__resolution_days",
    "assignee__full_name",
    "assignee__email",
    "partner__name",
    "description",
    "status",
    "created_at",
    "first_response_at",
    "resolved_at",
)


def queue(viewer_requests, filters: dict):
    """The queue's requests after its filters and search (the late filter works on clocks)."""
    qs = viewer_requests.select_related("office", "category", "assignee", "partner").only(
        *QUEUE_FIELDS
    )
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    elif not filters.get("q"):
        qs = qs.filter(status__in=OPEN_STATUSES)
    for field in ("category", "office", "assignee", "partner"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("q"):
        term = filters["q"]
        # The offices by name first (400 rows), so that PostgreSQL combines two indexes (the
        # trigram one on the description, `support_request_description_trgm`, and the
        # office's) instead of reading every request joined with its office.
        offices = Office.objects.filter(name__icontains=term).values_list("pk", flat=True)
        match = Q(description__icontains=term) | Q(office_id__in=list(offices))
        if term.lstrip("#").isdigit():
            match |= Q(pk=int(term.lstrip("#")))
        qs = qs.filter(match)
    return qs.order_by("created_at", "pk")


def queue_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The (value, name) lists of the queue's filters: categories, offices and partners with
    requests, and POS staff as handlers.

    They are the same for every viewer and change only with a write, yet cost four queries
    and, for the 400 offices, more rendering than the rows: kept as a part (`part_cache`:
    at most a minute, renewed after any write made on the site).
    """
    return cached_part("support-queue-choices", (), _queue_filter_choices)


def _queue_filter_choices() -> dict[str, list[tuple[str, str]]]:
    handlers = (
        User.objects.filter(grants__in=RoleGrant.objects.current(), grants__role=Role.POS_STAFF)
        .distinct()
        .order_by("email")
    )
    return {
        "categories": [(str(c.pk), c.name) for c in Category.objects.all()],
        "offices": choices_with_requests(Office),
        "assignees": [(str(user.pk), user.get_full_name()) for user in handlers],
        "partners": choices_with_requests(Partner),
    }


def choices_with_requests(model) -> list[tuple[str, str]]:
    """(value, name) of the offices or partners (`model`) that have support requests, for the
    queue's filters: an index lookup per choice rather than a join over every request, and
    the value a string, as the query string's, so the template compares it as it is (the
    office list holds 400)."""
    field = {"Office": "office", "Partner": "partner"}[model.__name__]
    having = SupportRequest.objects.filter(**{field: OuterRef("pk")})
    return [
        (str(pk), name)
        for pk, name in model.objects.filter(Exists(having)).values_list("pk", "name")
    ]


# Twenty-five rows: a screenful for a handler working from the oldest. The rows are the
# queue's largest cost at 2,000 open requests (model instances, clocks, rendering): with
# fifty the page stood at 15× the login page at national scale (issue #19); halving them
# takes about a fifth off the whole page.
QUEUE_PAGE = 25


def queue_page(requests, *, late: bool = False, number=None):
    """One page of the queue (`QUEUE_PAGE` rows) with the clocks of its rows only.

    The database pages (a count and one slice), also with `late`: lateness is a condition
    on the stored clocks (`late_requests`), so the late filter costs no clock per
    candidate. The clock runs for the rows shown.
    """
    if late:
        # Rows written around the services are clocked first, as the report does; the
        # services import this module, hence the import here.
        from .services import clocks_complete

        clocks_complete()
        requests = late_requests(requests)
    page = Paginator(requests, QUEUE_PAGE).get_page(number)
    page.object_list = clocks(page.object_list)
    return page


def open_states(open_requests, today: datetime.date | None = None) -> list[tuple[int, int, str]]:
    """(request id, office id, state) of each of `open_requests` (a queryset of open requests);
    the state is the worse of the two clocks, as `RequestClock.state`.

    Two queries whatever the number of requests (requests, then their pauses), and plain
    tuples rather than model instances: the national dashboard and the stall signals ask this
    for the whole network.
    """
    today = today or timezone.localdate()
    zone = timezone.get_current_timezone()
    rows = list(
        open_requests.values_list(
            "pk",
            "office_id",
            "created_at",
            "first_response_at",
            "category__first_response_days",
            "category__resolution_days",
        )
    )
    if not rows:
        return []
    pauses = pauses_by_request(Pause.objects.filter(request__in=open_requests), zone)
    starts = [_local(row[2], zone) for row in rows]
    calendar = WorkingCalendar.covering(today, *starts)
    states = []
    for (pk, office_id, _created, responded, *targets), start in zip(rows, starts, strict=True):
        figures = clock_figures(
            calendar, today, start, _local(responded, zone), None, True, targets, pauses[pk]
        )
        states.append((pk, office_id, worse_state(*figures[2:])))
    return states


def overdue_counts(office_ids, today: datetime.date | None = None) -> dict[int, int]:
    """Open requests past a service-level target, per office: feeds the `support_overdue`
    stall signal."""
    open_requests = SupportRequest.objects.filter(
        office_id__in=office_ids, status__in=OPEN_STATUSES
    )
    counts: dict[int, int] = defaultdict(int)
    for _pk, office_id, state in open_states(open_requests, today):
        if state == BREACHED:
            counts[office_id] += 1
    return dict(counts)


NO_SUPPORT = {
    "support_requests": 0,
    "support_open": 0,
    "median_first_response_days": None,
    "median_resolution_days": None,
}


def _median(values) -> float | None:
    return round(statistics.median(values), 1) if values else None


def support_figures(office_ids, today: datetime.date) -> dict[int, dict]:
    """Per office: support requests (all), open ones, and the medians in working days of the
    first response and of the resolution (over requests that got one; None when none did)."""
    requests = SupportRequest.objects.filter(office_id__in=office_ids).select_related("category")
    per_office = defaultdict(list)
    for clock in clocks(requests, today=today):
        per_office[clock.request.office_id].append(clock)
    result = {office_id: dict(NO_SUPPORT) for office_id in office_ids}
    for office_id, rows in per_office.items():
        result[office_id] = {
            "support_requests": len(rows),
            "support_open": sum(1 for c in rows if c.request.is_open),
            "median_first_response_days": _median(
                [c.response_days for c in rows if c.request.first_response_at]
            ),
            "median_resolution_days": _median(
                [c.resolution_days for c in rows if c.request.resolved_at]
            ),
        }
    return result


# --- the start page's to-do items (three queries or fewer) ----------------------------------

NORM_SHOWN = 10
STATE_URGENCY = {BREACHED: Urgency.URGENT, WARNING: Urgency.SOON, OK: Urgency.NORMAL}


def _state_text(state: str) -> str:
    if state == BREACHED:
        return _("Over de termijn.")
    if state == WARNING:
        return _("Bijna aan de termijn.")
    return _("Binnen de termijn.")


def requests_to_handle(viewer) -> list[ToDo]:
    """Open requests on the handler's side (not waiting for the office), by their clock.

    POS staff get the ones near or past their norm across the network; partner staff and
    assignees get every one assigned to them (their partner, or them). Worst first. Three
    queries: the open requests as plain rows, their pauses, and the shown ones with office
    and category.
    """
    scope = rules.requests_to_handle_scope(viewer)
    if scope is None:
        return []
    open_requests = SupportRequest.objects.filter(scope).filter(
        status__in=[Status.NEW, Status.IN_PROGRESS]
    )
    states = open_states(open_requests)
    if rules.sees_whole_desk(viewer):  # across the network: only what nears its norm
        states = [row for row in states if row[2] != OK]
    if not states:
        return []
    rank = {BREACHED: 0, WARNING: 1, OK: 2}
    states.sort(key=lambda row: (rank[row[2]], row[0]))
    shown = states[:NORM_SHOWN]
    state_of = {pk: state for pk, _office, state in shown}
    requests = SupportRequest.objects.filter(pk__in=state_of).select_related("office", "category")
    by_pk = {request.pk: request for request in requests}
    items = []
    for pk, _office, state in shown:
        request = by_pk[pk]
        items.append(
            ToDo(
                title=_("Vraag van %(office)s: %(title)s")
                % {"office": request.office.name, "title": request.title or str(request)},
                detail=_("%(state)s Categorie: %(category)s; gesteld op %(date)s.")
                % {
                    "state": _state_text(state),
                    "category": request.category.name,
                    "date": day(request.created_at),
                },
                url=request.get_absolute_url(),
                urgency=STATE_URGENCY[state],
            )
        )
    return items


def answers_for_office(viewer) -> list[ToDo]:
    """Open requests of the offices the viewer leads whose latest message (internal notes
    left out) is an answer from the handler: the office's turn."""
    latest = Message.objects.filter(request=OuterRef("pk"), internal=False).order_by(
        "-created_at", "-pk"
    )
    requests = (
        rules.requests_of_led_offices(viewer)
        .filter(status__in=OPEN_STATUSES)
        .annotate(answered=Subquery(latest.values("from_handler")[:1]))
        .filter(answered=True)
        .select_related("office")
        .order_by("created_at", "pk")[:SHOWN]
    )
    return [
        ToDo(
            title=_("Nieuw antwoord op uw vraag: %(title)s")
            % {"title": request.title or str(request)},
            detail=_("Op de vraag van %(office)s; status: %(status)s.")
            % {"office": request.office.name, "status": request.get_status_display()},
            url=request.get_absolute_url(),
            urgency=Urgency.SOON if request.status == Status.WAITING else Urgency.NORMAL,
        )
        for request in requests
    ]


def latest_answers(requests) -> dict[int, Message]:
    """The handlers' last answer to each request that the office may read (no internal notes).

    One query for any number of requests; a request nobody has answered yet has no entry.
    """
    answers = Message.objects.filter(
        request__in=[r.pk for r in requests], from_handler=True, internal=False
    ).order_by("request_id", "created_at", "pk")
    return {answer.request_id: answer for answer in answers}
