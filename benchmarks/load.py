"""The load test's section of BENCHMARKS.md, from locust's CSV statistics.

`scripts/loadtest.sh` runs locust headless with `--csv PREFIX`; locust writes
`PREFIX_stats.csv` (one row per request name plus an "Aggregated" row, response times in ms)
and `PREFIX_failures.csv`. `load_section` turns them into markdown: per request type the
count, the errors, and p50/p95/p99; `manage.py load_report PREFIX` merges it into
BENCHMARKS.md between `<!-- bench:load:postgresql -->` markers (see `report.merge_section`).

Locust keeps response times in buckets (exact below 100 ms, then rounded to 10 ms, above
1 s to 100 ms), so the percentiles carry that rounding. Pure functions, no Django.
"""

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LoadRow:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float

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
                p50=float(row["50%"] or 0),
                p95=float(row["95%"] or 0),
                p99=float(row["99%"] or 0),
                rps=float(row["Requests/s"] or 0),
            )
            for row in csv.DictReader(handle)
        ]


def read_failures(path: Path) -> list[tuple[str, str, int]]:
    """(request name, error, occurrences) from locust's `_failures.csv`, if it exists."""
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [(r["Name"], r["Error"], int(r["Occurrences"])) for r in csv.DictReader(handle)]


def _ms(value: float) -> str:
    return f"{value:.0f}"


def load_section(rows: list[LoadRow], failures: list[tuple[str, str, int]], facts: dict) -> str:
    """The markdown section: how it was run, the table per request type, the errors, the target.

    >>> row = LoadRow("/", 10, 0, 20, 40, 50, 1.0)
    >>> "| / | 10 | 0 (0.00%) | 20 | 40 | 50 |" in load_section([row], [], {"users": 100})
    True
    """
    lines = [
        "## Load: 100 simulated people for 60 s (locust, gunicorn, PostgreSQL)",
        "",
        "Written by `scripts/loadtest.sh` (scenario `benchmarks/locustfile.py`). "
        + "; ".join(f"{key}: {value}" for key, value in facts.items())
        + ".",
        "",
        "| request type | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        name = f"**{row.name}**" if row.name == "Aggregated" else row.name
        lines.append(
            f"| {name} | {row.requests} | {row.failures} ({row.error_rate:.2%}) | "
            f"{_ms(row.p50)} | {_ms(row.p95)} | {_ms(row.p99)} |"
        )
    total = next((row for row in rows if row.name == "Aggregated"), None)
    if failures:
        lines += ["", "Errors:", ""]
        lines += [f"- {name}: {error} ({count}×)" for name, error, count in failures]
    if total is not None:
        verdict = "PASS" if total.failures == 0 else "FAIL"
        lines += [
            "",
            f"- **{verdict}**: error rate 0 — {total.failures} of {total.requests} requests "
            f"failed; {total.rps:.1f} requests/s on average",
        ]
    return "\n".join(lines)
