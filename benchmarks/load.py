"""The load test's section of BENCHMARKS.md, from locust's CSV statistics.

`scripts/loadtest.sh` runs locust headless with `--csv PREFIX`; locust writes
`PREFIX_stats.csv` (one row per request name plus an "Aggregated" row, response times in ms)
and `PREFIX_failures.csv`; the scenario (`benchmarks/locustfile.py`) adds `PREFIX_logins.csv`
(the logins, measured while everyone logged in and kept apart) and `PREFIX_phase.json` (when
the measured phase began and how long it ran). Since the statistics are reset when the last
person has logged in, `_stats.csv` holds the page requests of the measured phase only.
`load_section` turns them into markdown: per request type the count, the errors, and
p50/p95/p99, the logins apart, and issue #19's two targets (`load_targets`): no errors at all
(pages and logins), and p95 of the page requests at most `PAGE_P95_MAX_MS`; `manage.py
load_report PREFIX` merges it into BENCHMARKS.md between `<!-- bench:load:postgresql -->`
markers (see `report.merge_section`).

Locust keeps response times in buckets (exact below 100 ms, then rounded to 10 ms, above
1 s to 100 ms), so the percentiles carry that rounding. Pure functions, no Django.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

# Issue #19: p95 of the page requests under load, with gunicorn and PostgreSQL on this machine.
PAGE_P95_MAX_MS = 300


@dataclass(frozen=True)
class LoadRow:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float = 0.0

    @property
    def error_rate(self) -> float:
        return self.failures / self.requests if self.requests else 0.0


def read_stats(path: Path) -> list[LoadRow]:
    """Rows of locust's `_stats.csv`; the "Aggregated" row last."""
    with path.open(newline="") as handle:
        return [
            LoadRow(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
                rps=_number(row.get("Requests/s")),
            )
            for row in csv.DictReader(handle)
        ]


def _number(cell: str | None) -> float:
    """A figure of locust's CSV; 0 where it has none ("" or "N/A": a type without requests).

    >>> _number("250"), _number("N/A"), _number(""), _number(None)
    (250.0, 0.0, 0.0, 0.0)
    """
    return float(cell) if cell and cell != "N/A" else 0.0


def read_failures(path: Path) -> list[tuple[str, str, int]]:
    """(request name, error, occurrences) from locust's `_failures.csv`, if it exists."""
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [(r["Name"], r["Error"], int(r["Occurrences"])) for r in csv.DictReader(handle)]


def read_phase(path: Path) -> dict:
    """The scenario's `_phase.json`; empty when it was not written (an older scenario)."""
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def _ms(value: float) -> str:
    return f"{value:.0f}"


def _table(rows: list[LoadRow]) -> list[str]:
    lines = [
        "| request type | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        name = f"**{row.name}**" if row.name == "Aggregated" else row.name
        lines.append(
            f"| {name} | {row.requests} | {row.failures} ({row.error_rate:.2%}) | "
            f"{_ms(row.p50)} | {_ms(row.p95)} | {_ms(row.p99)} |"
        )
    return lines


def load_targets(rows: list[LoadRow], logins: list[LoadRow], phase: dict) -> list[str]:
    """Issue #19's targets as PASS/FAIL lines: 0 errors (page requests and logins), and p95 of
    the page requests ≤ `PAGE_P95_MAX_MS`, which only counts when the measured phase ran with
    everyone logged in.

    >>> pages = [LoadRow("Aggregated", 600, 0, 40, 250, 400, 10.0)]
    >>> logins = [LoadRow("login (post)", 40, 0, 900, 2000, 2100)]
    >>> phase = {"users": 100, "ready": 100, "all_logged_in_after_s": 9.5, "measured_s": 60.2}
    >>> [line.split(":")[0] for line in load_targets(pages, logins, phase)]
    ['- **PASS** 0 errors', '- **PASS** p95 of page requests ≤ 300 ms']
    """
    total = next((row for row in rows if row.name == "Aggregated"), None)
    page_requests = total.requests if total else 0
    page_failures = total.failures if total else 0
    login_requests = sum(row.requests for row in logins if row.name == "login (post)")
    login_failures = sum(row.failures for row in logins)
    errors = page_failures + login_failures
    lines = [
        f"- **{'PASS' if errors == 0 and total else 'FAIL'}** 0 errors: {page_failures} of "
        f"{page_requests} page requests and {login_failures} of {login_requests} logins failed"
    ]
    name = f"p95 of page requests ≤ {PAGE_P95_MAX_MS} ms"
    if total is None or not page_requests:
        return [*lines, f"- **FAIL** {name}: no page requests measured"]
    if phase and phase.get("measured_s") is None:
        ready = f"{phase.get('ready')} of {phase.get('users')}"
        return [*lines, f"- **FAIL** {name}: the measured phase never began ({ready} ready)"]
    passed = total.p95 <= PAGE_P95_MAX_MS
    detail = f"{_ms(total.p95)} ms over {page_requests} requests"
    if phase:
        detail += (
            f" in {phase['measured_s']} s after all {phase['users']} people had logged in "
            f"({phase['all_logged_in_after_s']} s after the start)"
        )
    else:
        detail += " (no phase file: logins and ramp-up are in these figures)"
    return [*lines, f"- **{'PASS' if passed else 'FAIL'}** {name}: {detail}"]


def load_section(
    rows: list[LoadRow],
    failures: list[tuple[str, str, int]],
    facts: dict,
    logins: list[LoadRow] | None = None,
    phase: dict | None = None,
) -> str:
    """The markdown section: how it was run, the page requests of the measured phase per
    request type, the logins apart, the errors, and issue #19's targets.

    >>> row = LoadRow("/", 10, 0, 20, 40, 50, 1.0)
    >>> "| / | 10 | 0 (0.00%) | 20 | 40 | 50 |" in load_section([row], [], {"users": 100})
    True
    """
    logins, phase = logins or [], phase or {}
    users, duration = facts.get("users", "100"), facts.get("duration", "60 s")
    lines = [
        f"## Load: {users} simulated people for {duration} (locust, gunicorn, PostgreSQL)",
        "",
        "Written by `scripts/loadtest.sh` (scenario `benchmarks/locustfile.py`). "
        + "; ".join(f"{key}: {value}" for key, value in facts.items())
        + ".",
        "",
        "Page requests, measured after every simulated person had logged in:",
        "",
        *_table([row for row in rows if row.requests or row.name == "Aggregated"]),
    ]
    if logins:
        lines += [
            "",
            "Logins, during the ramp-up before the measured phase (Argon2 is meant to be slow):",
            "",
            *_table(logins),
        ]
    if failures:
        lines += ["", "Errors:", ""]
        lines += [f"- {name}: {error} ({count}×)" for name, error, count in failures]
    lines += ["", "Targets:", "", *load_targets(rows, logins, phase)]
    return "\n".join(lines)
