"""The support desk's working-day clock: how long a request has been POS's turn.

Service levels are promised in working days (report ch. 4.2/5.2: support must "get off the
ground faster"). A working day is Monday to Friday and not a Dutch public holiday (from the
`holidays` package, which knows Koningsdag, Hemelvaartsdag, Easter and Whit Monday, …). While a
request waits for the office ("wacht op kantoor") the clock is paused: the office's own delay
must not count against POS.

Counting rule: a day counts when it lies in (start, end] — the day a request is filed is day 0,
so a request filed on Friday and answered on Monday took 1 working day. A pause (from, until)
removes the working days in (from, until]; an open pause (until is None) runs to `end`.

Worked examples (2026: Koningsdag is Monday 27 April, Hemelvaartsdag Thursday 14 May):

>>> cal = WorkingCalendar.for_years(range(2026, 2027))
>>> import datetime as dt
>>> cal.elapsed(dt.date(2026, 4, 24), dt.date(2026, 4, 28))  # Fri → Tue: weekend + Koningsdag
1
>>> cal.elapsed(dt.date(2026, 5, 11), dt.date(2026, 5, 18))  # Mon → Mon: Hemelvaartsdag off
4
>>> cal.elapsed(dt.date(2026, 6, 1), dt.date(2026, 6, 12),
...             pauses=[(dt.date(2026, 6, 3), dt.date(2026, 6, 8))])  # waited Wed → Mon
6

Everything here is pure: the app loads dates from the ORM and calls `WorkingCalendar` once per
list, so a queue of thousands of requests costs no query per row (`elapsed` is two bisections).
"""

from __future__ import annotations

import bisect
import datetime
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import holidays as holiday_tables

Pause = tuple[datetime.date, datetime.date | None]

OK = "ok"
WARNING = "warning"
BREACHED = "breached"


def dutch_holidays(years: Iterable[int]) -> frozenset[datetime.date]:
    """The Dutch public holidays in these years."""
    return frozenset(holiday_tables.country_holidays("NL", years=list(years)))


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days between two dates, counted with a prefix table for speed.

    `first` is the first day covered; `working` is the sorted list of working days covered.
    Dates outside the covered range are clamped, so callers cover the years they need.
    """

    first: datetime.date
    last: datetime.date
    working: tuple[datetime.date, ...]

    @classmethod
    def for_years(cls, years: Iterable[int]) -> WorkingCalendar:
        """The calendar of these years; built once per set of years and process (the holiday
        tables take milliseconds, more than clocking a page of requests), then shared: it
        is immutable."""
        return _calendar_for(cls, tuple(sorted(set(years))))

    @classmethod
    def _build(cls, years: tuple[int, ...]) -> WorkingCalendar:
        first = datetime.date(years[0], 1, 1)
        last = datetime.date(years[-1], 12, 31)
        off = dutch_holidays(years)
        days = (first + datetime.timedelta(n) for n in range((last - first).days + 1))
        return cls(first, last, tuple(d for d in days if d.weekday() < 5 and d not in off))

    @classmethod
    def covering(cls, *dates: datetime.date | None) -> WorkingCalendar:
        """A calendar for every year any of these dates falls in (and the one after)."""
        years = {d.year for d in dates if d is not None}
        if not years:
            raise ValueError("covering() needs at least one date")
        return cls.for_years(range(min(years), max(years) + 2))

    def is_working_day(self, day: datetime.date) -> bool:
        index = bisect.bisect_left(self.working, day)
        return index < len(self.working) and self.working[index] == day

    def _between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]; 0 when end is not after start."""
        if end <= start:
            return 0
        return bisect.bisect_right(self.working, end) - bisect.bisect_right(self.working, start)

    def elapsed(
        self,
        start: datetime.date,
        end: datetime.date,
        pauses: Sequence[Pause] = (),
    ) -> int:
        """Working days in (start, end] minus those spent waiting for the office.

        Pauses may overlap each other; overlapping days are only removed once.
        """
        total = self._between(start, end)
        if not pauses:  # most requests never waited: skip the merge
            return total
        for pause_from, pause_until in _merged(pauses, end):
            total -= self._between(max(pause_from, start), min(pause_until, end))
        return max(total, 0)

    def add(self, start: datetime.date, days: int) -> datetime.date:
        """The working day `days` working days after `start` (its due date, without pauses).

        >>> cal = WorkingCalendar.for_years([2026])
        >>> cal.add(datetime.date(2026, 4, 24), 1)  # Friday + 1 → Tuesday after Koningsdag
        datetime.date(2026, 4, 28)
        """
        index = bisect.bisect_right(self.working, start) + days - 1
        return self.working[min(max(index, 0), len(self.working) - 1)]


@functools.lru_cache(maxsize=16)
def _calendar_for(cls, years: tuple[int, ...]) -> WorkingCalendar:
    return cls._build(years)


def _merged(pauses: Sequence[Pause], end: datetime.date) -> list[tuple]:
    """Pauses sorted and merged, open ones closed at `end`, so no day is subtracted twice."""
    spans = sorted((p_from, p_until or end) for p_from, p_until in pauses)
    merged: list[list[datetime.date]] = []
    for p_from, p_until in spans:
        if merged and p_from <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], p_until)
        else:
            merged.append([p_from, p_until])
    return [tuple(span) for span in merged]


def sla_state(elapsed: int, target: int | None, *, warn_days: int = 1) -> str:
    """`ok`, `warning` (due within `warn_days`, or today) or `breached` (past the target).

    A 3-day target met on day 3 is on time; the day before and the day itself warn, so the
    assignee hears of it before the breach and at its last moment.

    >>> [sla_state(n, 3) for n in (0, 1, 2, 3, 4)]
    ['ok', 'ok', 'warning', 'warning', 'breached']
    >>> sla_state(10, None)
    'ok'
    """
    if target is None:
        return OK
    remaining = target - elapsed
    if remaining < 0:
        return BREACHED
    if remaining <= warn_days:
        return WARNING
    return OK


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The `fraction` percentile with linear interpolation (as spreadsheets' PERCENTILE.INC).

    >>> percentile([1, 2, 3, 4], 0.5), percentile([1, 2, 3, 4], 0.9), percentile([], 0.5)
    (2.5, 3.7, None)
    """
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 2)


# --- supply versus demand ------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFacts:
    """One request as the report sees it; clocks in working days, None while still running."""

    category: str
    response_days: int | None
    resolution_days: int | None
    response_target: int
    resolution_target: int
    is_open: bool
    no_offer: bool = False
    has_offer: bool = False
    rating: int | None = None
    office_phase: str = ""
    office_size: str = ""


@dataclass(frozen=True)
class CategoryFigures:
    """The supply-versus-demand figures of one category (or of all, as `category="Totaal"`)."""

    category: str
    requests: int
    no_offer: int
    response_median: float | None
    response_p90: float | None
    resolution_median: float | None
    resolution_p90: float | None
    within_target: float | None  # % of resolved requests that met both targets
    backlog: int
    satisfaction: float | None  # mean rating 1–5
    ratings: int
    by_phase: dict[str, int]
    by_size: dict[str, int]
    capacity: int
    capacity_used: int


def _met_targets(fact: RequestFacts) -> bool:
    return (
        fact.response_days is not None
        and fact.response_days <= fact.response_target
        and fact.resolution_days <= fact.resolution_target
    )


def _counts(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def figures(category: str, facts: Sequence[RequestFacts], capacity: int = 0) -> CategoryFigures:
    """The figures of one group of requests.

    Response times count answered requests; resolution times and "within target" count
    resolved ones (a running clock has no final value yet). Capacity used is the number of
    requests linked to an offer, against the offers' capacity in the period.

    >>> f = [RequestFacts("rechtsvorm", 1, 4, 2, 10, False, rating=4),
    ...      RequestFacts("rechtsvorm", 3, None, 2, 10, True, no_offer=True)]
    >>> r = figures("rechtsvorm", f)
    >>> r.requests, r.no_offer, r.response_median, r.within_target, r.backlog, r.satisfaction
    (2, 1, 2.0, 100.0, 1, 4.0)
    """
    responses = [f.response_days for f in facts if f.response_days is not None]
    resolved = [f for f in facts if not f.is_open and f.resolution_days is not None]
    resolutions = [f.resolution_days for f in resolved]
    ratings = [f.rating for f in facts if f.rating is not None]
    within = sum(_met_targets(f) for f in resolved)
    return CategoryFigures(
        category=category,
        requests=len(facts),
        no_offer=sum(f.no_offer for f in facts),
        response_median=percentile(responses, 0.5),
        response_p90=percentile(responses, 0.9),
        resolution_median=percentile(resolutions, 0.5),
        resolution_p90=percentile(resolutions, 0.9),
        within_target=round(100 * within / len(resolved), 1) if resolved else None,
        backlog=sum(f.is_open for f in facts),
        satisfaction=round(sum(ratings) / len(ratings), 2) if ratings else None,
        ratings=len(ratings),
        by_phase=_counts(f.office_phase for f in facts),
        by_size=_counts(f.office_size for f in facts),
        capacity=capacity,
        capacity_used=sum(f.has_offer for f in facts),
    )


def supply_demand(
    facts: Sequence[RequestFacts], capacity: dict[str, int] | None = None
) -> list[CategoryFigures]:
    """Figures per category (in order of first appearance), then a total row."""
    capacity = capacity or {}
    groups: dict[str, list[RequestFacts]] = {name: [] for name in capacity}
    for fact in facts:
        groups.setdefault(fact.category, []).append(fact)
    rows = [figures(name, group, capacity.get(name, 0)) for name, group in groups.items()]
    rows.append(figures("Totaal", list(facts), sum(capacity.values())))
    return rows
