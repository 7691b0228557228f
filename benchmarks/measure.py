"""Timing requests and counting their queries, in-process.

A request is sent through `django.test.Client`, which calls the WSGI handler directly: the time
measured is server time (middleware, view, queries, template rendering) without the network,
the WSGI server or TLS. The database connection is kept open across requests, as a server with
persistent connections (`DATABASE_CONN_MAX_AGE` > 0) would; opening a PostgreSQL connection per
request costs extra and is not in these figures.

Queries are counted in a separate request after the timed ones, so the query log's own overhead
is not in the timings. The statistics (`percentile`, `ratio`) are pure functions.

`measure_call` does the same for a plain function (the daily signal computation): it is called
in the worker, with the same open connection, and its samples go into the same `Measurement`,
with the function's name as its path.
"""

import gc
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Follow at most this many APPEND_SLASH redirects to find the page to measure.
MAX_SLASH_REDIRECTS = 1


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` percentile with linear interpolation between the closest ranks.

    The same definition as NumPy's default and a spreadsheet's PERCENTILE.INC, so the figures
    can be checked by hand.

    >>> percentile([1, 2, 3, 4], 0.5)
    2.5
    >>> percentile([10, 20, 30, 40, 50], 0.95)
    48.0
    >>> percentile([7], 0.95)
    7.0
    """
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * fraction
    low, high = math.floor(rank), math.ceil(rank)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """`numerator / denominator`, or None when either is missing or the floor is zero.

    >>> ratio(6.0, 1.5), ratio(1.0, 0), ratio(None, 2.0)
    (4.0, None, None)
    """
    if numerator is None or not denominator:
        return None
    return numerator / denominator


@dataclass(frozen=True)
class Measurement:
    """What one page (or function) cost: the timed samples, the queries of one request (or
    call), the response size and its media type (None and "" for a function)."""

    path: str
    status: int
    samples_ms: tuple[float, ...] = ()
    queries: int | None = None
    size_bytes: int | None = None
    content_type: str = ""

    @property
    def is_html(self) -> bool:
        """An HTML page, which the page-size target is about (not JSON, not a function)."""
        return self.content_type.startswith("text/html")

    @property
    def available(self) -> bool:
        return self.status == 200 and bool(self.samples_ms)

    @property
    def p50_ms(self) -> float | None:
        return percentile(self.samples_ms, 0.5) if self.samples_ms else None

    @property
    def p95_ms(self) -> float | None:
        return percentile(self.samples_ms, 0.95) if self.samples_ms else None

    @property
    def min_ms(self) -> float | None:
        return min(self.samples_ms) if self.samples_ms else None


def measure(
    client: Client,
    path: str,
    *,
    repeat: int,
    warmup: int,
    before_each: Callable[[], object] | None = None,
) -> Measurement:
    """Warm up, then time `repeat` requests and count the queries of one more.

    `before_each` is called, untimed, before every timed request: `generation_bump` there
    measures the first request after a write, when the caches keyed on the content generation
    miss, instead of the repeated request that finds them filled.

    A page that does not answer 200 (an endpoint that does not exist yet, a 500) is returned
    with its status and no samples: the report shows it as not available instead of failing.
    """
    path, status = _resolve(client, path)
    if status != 200:
        return Measurement(path=path, status=status)
    for _ in range(max(warmup - 1, 0)):
        _get(client, path)
    gc.collect()
    samples = []
    for _ in range(repeat):
        if before_each is not None:
            before_each()
        samples.append(_timed(client, path))
    if before_each is not None:
        before_each()
    queries, size, content_type = count_queries(client, path)
    return Measurement(
        path=path,
        status=200,
        samples_ms=tuple(samples),
        queries=queries,
        size_bytes=size,
        content_type=content_type,
    )


def measure_call(name: str, call: Callable[[], object], *, repeat: int, warmup: int) -> Measurement:
    """Call `warmup` times untimed, time `repeat` calls, and count the queries of one more."""
    for _ in range(warmup):
        call()
    gc.collect()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        call()
    return Measurement(
        path=name, status=200, samples_ms=tuple(samples), queries=len(captured.captured_queries)
    )


def count_queries(client: Client, path: str) -> tuple[int, int, str]:
    """The number of database queries of one request, its response size in bytes and its
    media type (without parameters)."""
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, path)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return len(captured.captured_queries), len(response.content), content_type


def _resolve(client: Client, path: str) -> tuple[str, int]:
    """The path that answers, following only the APPEND_SLASH redirect (never a login one)."""
    response = _get(client, path)
    for _ in range(MAX_SLASH_REDIRECTS):
        if response.status_code in (301, 302) and response.get("Location", "").endswith(f"{path}/"):
            path = f"{path}/"
            response = _get(client, path)
    return path, response.status_code


def _timed(client: Client, path: str) -> float:
    started = time.perf_counter()
    response = _get(client, path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} while being measured")
    return elapsed * 1000


def _get(client: Client, path: str):
    # HTTPS as in production, so no SSL redirect is measured instead of the page.
    return client.get(path, secure=True)
