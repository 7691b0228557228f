"""Read-side of the support desk: the queue with its filters and the SLA clock per request.

The clock is computed in bulk: one query for the requests (with category), one for all their
pauses, then the pure `WorkingCalendar` (two bisections per request) — no query per row.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils import timezone

from kapstok.analysis.sla import BREACHED, OK, WorkingCalendar, sla_state

from .models import OPEN_STATUSES, Category, Pause, SupportRequest


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
        """The worse of the two clocks; a late first response or a late resolution is late."""
        states = (self.response_state, self.resolution_state)
        return BREACHED if BREACHED in states else max(states, key=lambda s: s != OK)

    @property
    def is_late(self) -> bool:
        return self.state == BREACHED


def _local(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def clocks(requests, today: datetime.date | None = None) -> list[RequestClock]:
    """The clock of every request in the list (which must carry its category)."""
    requests = list(requests)
    today = today or timezone.localdate()
    pauses = defaultdict(list)
    rows = Pause.objects.filter(request__in=[r.pk for r in requests]).values_list(
        "request_id", "started_at", "ended_at"
    )
    for request_id, started, ended in rows:
        pauses[request_id].append((_local(started), _local(ended)))
    calendar = WorkingCalendar.covering(today, *(_local(r.created_at) for r in requests))
    return [_clock(r, calendar, pauses[r.pk], today) for r in requests]


def _clock(request, calendar, pauses, today) -> RequestClock:
    start = _local(request.created_at)
    responded = _local(request.first_response_at)
    resolved = _local(request.resolved_at)
    response = calendar.elapsed(start, responded or today, pauses)
    resolution = calendar.elapsed(start, resolved or today, pauses)
    category = request.category
    open_response = responded is None and request.status in OPEN_STATUSES
    return RequestClock(
        request=request,
        response_days=response,
        resolution_days=resolution,
        response_state=_state(response, category.first_response_days, open_response, responded),
        resolution_state=_state(resolution, category.resolution_days, request.is_open, resolved),
    )


def _state(days, target, still_running, stopped_on) -> str:
    """A running clock warns before the target; a stopped one is only late if it overran."""
    if still_running:
        return sla_state(days, target)
    return BREACHED if stopped_on is not None and days > target else OK


def queue(viewer_requests, filters: dict):
    """The queue's requests after its filters and search (the late filter works on clocks)."""
    qs = viewer_requests.select_related("office", "category", "assignee", "partner")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    elif not filters.get("q"):
        qs = qs.filter(status__in=OPEN_STATUSES)
    for field in ("category", "office", "assignee", "partner"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("q"):
        term = filters["q"]
        match = Q(description__icontains=term) | Q(office__name__icontains=term)
        if term.lstrip("#").isdigit():
            match |= Q(pk=int(term.lstrip("#")))
        qs = qs.filter(match)
    return qs.order_by("created_at", "pk")


QUEUE_ROWS = 500
LATE_CANDIDATES = 5000


def queue_rows(requests, *, late: bool = False) -> list[RequestClock]:
    """The queue's first rows with their clocks; with `late`, only the ones past a target.

    Lateness needs the working-day clock, so the database first drops what cannot be late yet
    (filed fewer calendar days ago than the shortest target), then the clocks run in bulk over
    the oldest candidates.
    """
    if not late:
        return clocks(requests[:QUEUE_ROWS])
    shortest = Category.objects.aggregate(days=Min("first_response_days"))["days"] or 0
    cutoff = timezone.localdate() - datetime.timedelta(days=shortest)
    candidates = requests.filter(created_at__date__lt=cutoff)[:LATE_CANDIDATES]
    return [row for row in clocks(candidates) if row.is_late][:QUEUE_ROWS]


def overdue_counts(office_ids, today: datetime.date | None = None) -> dict[int, int]:
    """Open requests past a service-level target, per office: feeds the `support_overdue`
    stall signal. Two queries whatever the number of offices (requests, then their pauses)."""
    open_requests = SupportRequest.objects.filter(
        office_id__in=office_ids, status__in=OPEN_STATUSES
    ).select_related("category")
    counts: dict[int, int] = defaultdict(int)
    for clock in clocks(open_requests, today=today):
        if clock.is_late:
            counts[clock.request.office_id] += 1
    return dict(counts)
