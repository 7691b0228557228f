"""BENCHMARKS.md: a hand-written header, then one generated section per group and database.

Each section sits between `<!-- bench:KEY -->` and `<!-- /bench:KEY -->` (KEY is the group and
the database vendor, e.g. `foundation:sqlite`), so a run rewrites only the sections it measured:
`bench --only foundation` on PostgreSQL leaves the SQLite figures and other groups' sections as
they were, and text outside the markers (the header) is never touched. Rendering and merging are
pure functions of their arguments.
"""

import re
from dataclasses import dataclass

from .measure import Measurement, ratio
from .scenarios import FLOOR, GroupResult

HEADER = """# Benchmarks

Written by `make bench` (`KAPSTOK_BENCH=true manage.py bench`: the benchmark app is only
installed with that switch). The sections below the method are generated and rewritten by each
run, one per group of pages and database; this text above them is kept as it is.
`manage.py bench --help` lists the options (`--only GROUP`, `--repeat`, `--regenerate`,
`--strict`).

## Method

- **Data.** A separate database, never the demo's: `var/bench.sqlite3`, or PostgreSQL when
  `BENCH_DATABASE_URL=postgres://...` is set. It holds a national-scale network generated
  deterministically by `benchmarks/scale.py`: 400 offices over the real CBS municipalities,
  30,000 entrepreneurs, about 5,000 current members and two years of history with leavers. The
  largest office has 350 current members, so "the query count does not grow with the members"
  is tested against seven pages of members. On top of that `scale_kapstok.py` hangs the
  kapstok: about 500 strategy sessions, 5,000 goals (150 in the office with the most), 7,500
  strategies, 8,000 projects, 12,000 activities, 12,000 indicator measurements and 50,000
  timeline events over two years, after which the stall signals are computed once, as the
  daily job would have; on PostgreSQL the tables are then analysed, as autovacuum would soon
  do. The set is generated once and reused while its row counts and generator version match;
  `--regenerate` forces a new one.
- **Server time.** Pages are requested in-process through `django.test.Client`, which calls the
  WSGI handler directly: middleware, view, queries and template rendering, with `DEBUG` off and
  HTTPS on as in production. Not included: the network, the WSGI server, TLS, and opening a
  database connection (it stays open, as with `DATABASE_CONN_MAX_AGE` > 0; with the default 0
  a PostgreSQL server pays a new connection per request on top of these figures).
- **Statistics.** 5 warm-up requests, then 50 timed ones per page (`--warmup`, `--repeat`); p50
  and p95 with linear interpolation. The ratio column divides a page's p95 by the p95 of
  `/healthz`, the framework floor (the middleware stack plus `SELECT 1`), so that figures from
  different machines can be compared. Where a section has a login-page row, a second ratio
  column divides by its p95: a rendered page without queries, the floor any templated page
  pays. The load average at the start of the run is given with each section: other work on
  the machine inflates p95 first.
- **Functions** (the daily signal computation) are timed directly in the worker: one warm-up
  call, then 5 timed ones, reported as fastest, median and slowest, and one more to count
  queries.
- **Queries** are counted in one extra request with `CaptureQueriesContext`, so the query log
  does not slow the timed ones; the size is the response body. Internal pages are requested as a
  POS staff member, who sees every office and every member in full; public pages and the API
  anonymously. A page that does not answer 200 is listed as not available.
- **Targets** are printed PASS/FAIL (SKIP when a page is not available); they are informational
  and the command exits 0 unless `--strict` is given. "Independent of members" compares the
  smallest office that has a publicly listed member with the largest office.
"""


@dataclass(frozen=True)
class RunInfo:
    """Where and how a run was made, for the section's first lines."""

    date: str
    cpus: int
    cpu_model: str
    memory_gb: float
    load: float  # 1-minute load average when measuring started: other work skews the figures
    python: str
    django: str
    database: str
    data_set: str
    generation: str
    repeat: int
    warmup: int


def markers(key: str) -> tuple[str, str]:
    return f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"


def merge_section(document: str, key: str, section: str) -> str:
    """Replace the section `key` in the document, or append it when it is new.

    >>> doc = "# B\\n\\n<!-- bench:a -->\\nold\\n<!-- /bench:a -->\\n"
    >>> merge_section(doc, "a", "new")
    '# B\\n\\n<!-- bench:a -->\\nnew\\n<!-- /bench:a -->\\n'
    >>> merge_section("# B\\n", "b", "x")
    '# B\\n\\n<!-- bench:b -->\\nx\\n<!-- /bench:b -->\\n'
    """
    start, end = markers(key)
    block = f"{start}\n{section.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _match: block, document, count=1)
    return f"{document.rstrip()}\n\n{block}\n"


def section_key(group_key: str, vendor: str) -> str:
    return f"{group_key}:{vendor}"


def render_section(result: GroupResult, run: RunInfo, database_label: str) -> str:
    """The markdown section of one group: title, run facts, the table and the targets."""
    lines = [
        f"## {result.group.title} ({database_label})",
        "",
        f"Measured {run.date} on {run.cpus} CPUs ({run.cpu_model}), {run.memory_gb:.0f} GB RAM, "
        f"load average {run.load:.1f} at the start; "
        f"Python {run.python}, Django {run.django}, {run.database}.",
        f"Data set: {run.data_set}; {run.generation}. "
        f"{run.repeat} timed requests per page after {run.warmup} warm-up.",
        *([f"This group's own data: {result.data_note}."] if result.data_note else []),
        "",
        *render_table(result),
        *render_timings(result),
        "",
        "Targets:",
        "",
        *(f"- **{t.label}** {t.name}: {t.detail}" for t in result.targets),
    ]
    return "\n".join(lines)


def render_table(result: GroupResult) -> list[str]:
    """The pages of a group; with a `reference` scenario, a second ratio column against it."""
    floor = result.measurements[FLOOR.key]
    reference = _reference(result)
    extra = f" p95 / {reference[0]} |" if reference else ""
    rows = [
        f"| Page | Path | As | p50 ms | p95 ms | p95 / healthz |{extra} Queries | Size kB |",
        "|---|---|---|--:|--:|--:|" + ("--:|" if reference else "") + "--:|--:|",
    ]
    for scenario in (FLOOR, *result.group.scenarios):
        m = result.measurements[scenario.key]
        persona = "POS staff" if scenario.persona == "pos" else "anonymous"
        cells = figures(m, floor, reference[1] if reference else None)
        rows.append(f"| {scenario.title} | `{m.path}` | {persona} | {cells} |")
    return rows


def _reference(result: GroupResult) -> tuple[str, Measurement] | None:
    """(short name, measurement) of the group's second floor, when it has one."""
    key = result.group.reference
    if key is None:
        return None
    scenario = next(s for s in result.group.scenarios if s.key == key)
    return scenario.short or scenario.title, result.measurements[key]


def render_timings(result: GroupResult) -> list[str]:
    """The functions a group timed in the worker, in seconds: fastest, median and slowest run."""
    if not result.group.timings:
        return []
    rows = [
        "",
        "| Function | Runs | min s | median s | max s | Queries |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for timing in result.group.timings:
        m = result.measurements[timing.key]
        seconds = [value / 1000 for value in (m.min_ms, m.p50_ms, max(m.samples_ms))]
        cells = " | ".join(f"{value:.3f}" for value in seconds)
        rows.append(f"| {timing.title} | {len(m.samples_ms)} | {cells} | {m.queries} |")
    return rows


def figures(m: Measurement, floor: Measurement, reference: Measurement | None = None) -> str:
    """The numeric cells of a row, or 'not available (HTTP 404)' across them.

    >>> figures(Measurement("/x", 404), Measurement("/healthz", 200, (1.0,), 1, 10))
    'not available (HTTP 404) | | | |'
    >>> healthz = Measurement("/healthz", 200, (1.0,), 1, 10)
    >>> figures(Measurement("/y", 200, (8.0,), 3, 2048), healthz, Measurement("/z", 200, (2.0,)))
    '8.00 | 8.00 | 8.0× | 4.0× | 3 | 2.0'
    """
    if not m.available:
        return f"not available (HTTP {m.status})" + " |" * (4 if reference is None else 5)
    cells = [f"{m.p50_ms:.2f}", f"{m.p95_ms:.2f}", _times(ratio(m.p95_ms, floor.p95_ms))]
    if reference is not None:
        cells.append(_times(ratio(m.p95_ms, reference.p95_ms)))
    cells += [str(m.queries), f"{m.size_bytes / 1024:.1f}"]
    return " | ".join(cells)


def _times(share: float | None) -> str:
    return f"{share:.1f}×" if share is not None else "–"
