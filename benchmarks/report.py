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
from .scenarios import FLOORS, PERSONA_LABELS, GroupResult, after_write_key

HEADER = """# Benchmarks

Written by `make bench` (`KAPSTOK_BENCH=true manage.py bench`: the benchmark app is only
installed with that switch). The sections below the method are generated and rewritten by each
run, one per group of pages and database; this text above them is kept as it is.
`manage.py bench --help` lists the options (`--only GROUP`, `--repeat`, `--regenerate`,
`--strict`). The load test's section comes from `scripts/loadtest.sh`.

## Method

- **Data.** A separate database, never the demo's: `var/bench.sqlite3`, or PostgreSQL when
  `BENCH_DATABASE_URL=postgres://...` is set. It holds a national-scale network generated
  deterministically by `benchmarks/scale.py`: 400 offices over the real CBS municipalities,
  30,000 entrepreneurs, about 5,000 current members and two years of history with leavers. The
  largest office has 350 current members, so "the query count does not grow with the members"
  is tested against seven pages of members. On top of that `scale_kapstok.py` hangs the
  kapstok: about 500 strategy sessions, 5,000 goals (150 in the office with the most), 7,500
  strategies, 8,000 projects, 12,000 activities, 12,000 indicator measurements and 50,000
  timeline events over two years, and one session on the cluster board with 300 cards (forty
  participants, twelve proposed themes) in the largest office; then the stall signals are
  computed once, as the daily job would have; on PostgreSQL the tables are then analysed, as
  autovacuum would soon do. The set is generated once and reused while its row counts and
  generator version match (a set of the previous version only gets the session board added);
  `--regenerate` forces a new one. Groups that need more (20,000 support requests, 10,000
  practices, 100,000 landscape businesses) add it the first time they run.
- **Who asks.** Internal pages are requested as a POS staff member, who sees every office and
  every member in full; public pages and the API anonymously; the pages of other roles as that
  role (`benchmarks/personas.py`): the member's start page as a member of the largest office,
  the lead's as the lead of the office with the most goals, the municipality portal as a civil
  servant of the most populous municipality with an office, the research overview as a
  researcher. Logged-in sessions have passed two-factor authentication, as POS staff's must.
- **Server time.** Pages are requested in-process through `django.test.Client`, which calls the
  WSGI handler directly: middleware, view, queries and template rendering, with `DEBUG` off and
  HTTPS on as in production. Not included: the network, the WSGI server, TLS, and opening a
  database connection (it stays open, as with `DATABASE_CONN_MAX_AGE` > 0; with the default 0
  a PostgreSQL server pays a new connection per request on top of these figures).
- **Statistics.** 5 warm-up requests, then 50 timed ones per page (`--warmup`, `--repeat`); p50
  and p95 with linear interpolation. The load average at the start of the run is given with
  each section: other work on the machine inflates p95 first.
- **Floors.** Every group measures two floors in the same run as its pages, so both see the
  same load: the login page (a rendered page without queries, the floor any templated page
  pays) and `/healthz` as POS staff (a logged-in request: session, user and two-factor device,
  plus `SELECT 1`). Each page's p95 is divided by both (`p95 / login`, `p95 / healthz (logged
  in)`), so figures from different machines can be compared.
- **Targets (issue #19).** At national scale, on both databases, a page's p95 at most **15×**
  the login page's p95 for everyday pages (office page, office dashboard and kapstok overview
  (the tree) with 150 goals, support queue, coverage, practice search, the member's and the
  lead's start page, the municipality portal, the session board with 300 cards) and at most
  **30×** for pages over the whole network (national dashboard of 400 offices, support report
  over the quarter and over two years, national coverage, research overview); the `Limit`
  column shows which; each target's detail gives the ratio to the login page and to the
  logged-in `/healthz`. Every HTML page measured at most **120 kB** (1 kB = 1,024 bytes, as the
  tables print sizes; JSON answers are not pages). Query counts that must not grow with
  offices, members, goals, requests or the landscape are compared between a small and a large
  case, as before, and the functions keep their own targets (signals for all offices ≤ 10 s,
  peers for all offices ≤ 1 s). These replace the earlier "p95 ≤ 4× /healthz" targets (office
  page, national and office dashboard, support queue and report), "≤ 3× /healthz" (public
  office page, practice search, coverage page): `/healthz` is a fraction of a millisecond
  in-process, so multiples of it measured the machine's noise more than the page. The public
  office page, the office list and the API, which the issue does not list, are measured
  without a time target.
- **After a write.** Pages keep parts that are the same for every viewer in a short cache keyed
  on the content generation, which every write moves (`kapstok.core.generation`). The repeated
  request of the table finds those parts filled, as a page served between two writes does. So
  every page with a target is measured a second time with the generation moved before each
  timed request (untimed): the first request after a write, which builds its parts afresh.
  That table is informational; the targets are evaluated on the first table, as issue #19
  defines them.
- **Functions** (the daily signal computation, the peers of all offices) are timed directly in
  the worker: one warm-up call, then 5 timed ones, reported as fastest, median and slowest,
  and one more to count queries.
- **Queries** are counted in one extra request with `CaptureQueriesContext`, so the query log
  does not slow the timed ones; the size is the response body. A page that does not answer 200
  is listed as not available and its target is a SKIP, never a PASS.
- **Targets** are printed PASS/FAIL (SKIP when a page is not available); they are informational
  and the command exits 0 unless `--strict` is given. "Independent of members" compares the
  smallest office that has a publicly listed member with the largest office.
- **Load** (`scripts/loadtest.sh`, scenario `benchmarks/locustfile.py`): the demo data in
  PostgreSQL behind gunicorn (4 sync workers on the 2 cores) on loopback; 100 simulated people
  (60 anonymous visitors, 20 leads, 10 members, 10 POS staff) log in while they are spawned,
  then the statistics are reset and the page requests are measured for 60 s with everyone
  logged in; each person waits 5–15 s between pages (10 s on average: reading a page before
  clicking on). Logins (Argon2 is meant to be slow) are reported apart. Targets: 0 errors,
  p95 of the page requests ≤ 300 ms.
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
        *render_after_write(result),
        *render_timings(result),
        "",
        "Targets:",
        "",
        *(f"- **{t.label}** {t.name}: {t.detail}" for t in result.targets),
    ]
    return "\n".join(lines)


def render_table(result: GroupResult) -> list[str]:
    """The floors and the pages of a group, each with its ratios to both floors and, for the
    pages issue #19 lists, its limit."""
    login, healthz = (result.measurements[floor.key] for floor in FLOORS)
    rows = [
        "| Page | Path | As | p50 ms | p95 ms | p95 / login | p95 / healthz (logged in) | "
        "Limit | Queries | Size kB |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for scenario in (*FLOORS, *result.group.scenarios):
        m = result.measurements[scenario.key]
        persona = PERSONA_LABELS.get(scenario.persona, scenario.persona)
        limit = f"≤ {scenario.max_ratio:g}×" if scenario.max_ratio is not None else ""
        cells = figures(m, login, healthz, limit)
        rows.append(f"| {scenario.title} | `{m.path}` | {persona} | {cells} |")
    return rows


def render_after_write(result: GroupResult) -> list[str]:
    """The target pages again, each timed request the first after a write: what a page costs
    when the parts it caches on the content generation must be built afresh."""
    login, healthz = (result.measurements[floor.key] for floor in FLOORS)
    measured = [
        (scenario, result.measurements[after_write_key(scenario.key)])
        for scenario in result.group.scenarios
        if after_write_key(scenario.key) in result.measurements
    ]
    if not measured:
        return []
    rows = [
        "",
        "The same pages, each timed request the first after a write (the content generation "
        "moved, so nothing cached on it is found); informational, the targets use the table "
        "above:",
        "",
        "| Page after a write | p50 ms | p95 ms | p95 / login | p95 / healthz (logged in) | "
        "Limit | Queries | Size kB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for scenario, m in measured:
        limit = f"≤ {scenario.max_ratio:g}×" if scenario.max_ratio is not None else ""
        rows.append(f"| {scenario.title} | {figures(m, login, healthz, limit)} |")
    return rows


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


def figures(m: Measurement, login: Measurement, healthz: Measurement, limit: str = "") -> str:
    """The numeric cells of a row, or 'not available (HTTP 404)' across them.

    >>> login = Measurement("/login", 200, (2.0,), 0, 10)
    >>> healthz = Measurement("/healthz", 200, (1.0,), 4, 10)
    >>> figures(Measurement("/x", 404), login, healthz, "≤ 15×")
    'not available (HTTP 404) | | | | ≤ 15× | |'
    >>> figures(Measurement("/y", 200, (8.0,), 3, 2048), login, healthz, "≤ 15×")
    '8.00 | 8.00 | 4.0× | 8.0× | ≤ 15× | 3 | 2.0'
    """
    if not m.available:
        return f"not available (HTTP {m.status}) | | | | {limit} | |"
    cells = [
        f"{m.p50_ms:.2f}",
        f"{m.p95_ms:.2f}",
        _times(ratio(m.p95_ms, login.p95_ms) if login.available else None),
        _times(ratio(m.p95_ms, healthz.p95_ms) if healthz.available else None),
        limit,
        str(m.queries),
        f"{m.size_bytes / 1024:.1f}",
    ]
    return " | ".join(cells)


def _times(share: float | None) -> str:
    return f"{share:.1f}×" if share is not None else "–"
