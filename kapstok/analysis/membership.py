"""Member counts over time from membership history.

A membership counts on a date when it had started and not yet ended:
``joined_on <= date < left_on`` (an open membership has ``left_on = None``).
"""

import datetime
from collections.abc import Iterable


def month_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from `first`'s month up to and including `last`'s.

    >>> [str(m) for m in month_starts(datetime.date(2023, 11, 15), datetime.date(2024, 2, 1))]
    ['2023-11-01', '2023-12-01', '2024-01-01', '2024-02-01']
    """
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def count_on(
    periods: Iterable[tuple[datetime.date, datetime.date | None]], on: datetime.date
) -> int:
    """How many of the (joined, left) periods are active on a date.

    >>> d = datetime.date
    >>> count_on([(d(2024, 1, 1), None), (d(2024, 1, 1), d(2024, 3, 1))], d(2024, 3, 1))
    1
    """
    return sum(1 for joined, left in periods if joined <= on and (left is None or left > on))


def monthly_counts(
    periods: list[tuple[datetime.date, datetime.date | None]],
    until: datetime.date,
    since: datetime.date | None = None,
) -> list[tuple[datetime.date, int]]:
    """Member count on the first of each month, then on `until` itself.

    Starts at `since` or else the first joining; an empty history gives an empty series.

    >>> d = datetime.date
    >>> periods = [(d(2024, 1, 10), None), (d(2024, 2, 5), d(2024, 3, 20))]
    >>> series = monthly_counts(periods, d(2024, 4, 2))
    >>> [(str(day), count) for day, count in series]
    [('2024-01-01', 0), ('2024-02-01', 1), ('2024-03-01', 2), ('2024-04-01', 1), ('2024-04-02', 1)]
    """
    if not periods and since is None:
        return []
    start = since or min(joined for joined, _left in periods)
    series = [(month, count_on(periods, month)) for month in month_starts(start, until)]
    if not series or series[-1][0] != until:
        series.append((until, count_on(periods, until)))
    return series
