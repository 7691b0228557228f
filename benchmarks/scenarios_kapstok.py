"""The kapstok group: dashboards and the kapstok overview at national scale, and the daily
signal computation.

Targets: issue #19's, declared on the scenarios (the national dashboard of 400 offices within
30× the login page's p95, the office dashboard and the kapstok overview (the tree) of the
office with 150 goals within 15×; they replace the kapstok issue's "4× /healthz"), and the
kapstok issue's others: a number of queries that does not grow with the data, and
`compute_signals` for all offices within 10 seconds.

"Does not grow with the data" is checked three ways: the office dashboard and the kapstok
overview of the office with the most goals against those of an office with few goals, and the
national dashboard of all offices against the same page filtered to the province with the
fewest offices. The office dashboard is measured for the office with the most goals, the worst
case.

The signal computation is timed directly, twice: as cron runs it (`signals_compute()`, the
active offices; it refreshes the signals the generator's run left, as every day after the
first), and for every office, dormant ones included, in a transaction that is rolled back so
it leaves no signals the application would never open.
"""

from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse

from kapstok.network.models import Office, OfficeStatus
from kapstok.progress.services import signals_compute

from .measure import Measurement
from .scenarios import (
    EVERYDAY_MAX_RATIO,
    NETWORK_WIDE_MAX_RATIO,
    BenchWorld,
    Group,
    Scenario,
    TargetResult,
    Timing,
    flat_queries_target,
    register,
)

SIGNALS_MAX_SECONDS = 10.0


def _dashboard(slug: str) -> str:
    return reverse("progress:office_dashboard", args=[slug])


def _kapstok(slug: str) -> str:
    return reverse("goals:overview", args=[slug])


def _national(province: str = "") -> str:
    path = reverse("progress:national_dashboard")
    return f"{path}?{urlencode({'province': province})}" if province else path


def signals_all_offices(world: BenchWorld):
    """`signals_compute` for every office, rolled back: timed, but nothing kept."""
    with transaction.atomic():
        result = signals_compute(offices=Office.objects.all())
        transaction.set_rollback(True)
    return result


def signals_target(everything: Measurement | None, daily: Measurement | None) -> TargetResult:
    name = f"signals_compute for all offices ≤ {SIGNALS_MAX_SECONDS:g} s"
    if everything is None or not everything.available:
        return TargetResult(name, None, "not measured")
    total = Office.objects.count()
    active = Office.objects.filter(status=OfficeStatus.ACTIVE).count()
    median, fastest = everything.p50_ms / 1000, everything.min_ms / 1000
    detail = (
        f"{total} offices: median {median:.2f} s, min {fastest:.2f} s "
        f"of {len(everything.samples_ms)} runs, {everything.queries} queries"
    )
    if daily is not None and daily.available:
        detail += f"; as cron runs it ({active} active offices): median {daily.p50_ms / 1000:.2f} s"
    return TargetResult(name, median <= SIGNALS_MAX_SECONDS, detail)


def kapstok_targets(m: dict[str, Measurement], world: BenchWorld) -> list[TargetResult]:
    goals = (world.few_goals_count, world.goals_count)
    offices = (world.province_offices, Office.objects.count())
    return [
        flat_queries_target(
            "National dashboard queries independent of offices",
            m.get("national_province"),
            m.get("national"),
            offices,
            "offices",
        ),
        flat_queries_target(
            "Office dashboard queries independent of goals",
            m.get("dashboard_few"),
            m.get("dashboard_most"),
            goals,
            "goals",
        ),
        flat_queries_target(
            "Kapstok overview queries independent of goals",
            m.get("kapstok_few"),
            m.get("kapstok_most"),
            goals,
            "goals",
        ),
        signals_target(m.get("signals_all"), m.get("signals_daily")),
    ]


register(
    Group(
        key="kapstok",
        title="Kapstok: dashboards and signals",
        scenarios=(
            Scenario(
                "national",
                "National dashboard, all offices",
                lambda w: _national(),
                "pos",
                NETWORK_WIDE_MAX_RATIO,
            ),
            Scenario(
                "national_province",
                "National dashboard, smallest province",
                lambda w: _national(w.province),
                "pos",
            ),
            Scenario(
                "dashboard_most",
                "Office dashboard, most goals",
                lambda w: _dashboard(w.goals_office),
                "pos",
                EVERYDAY_MAX_RATIO,
            ),
            Scenario(
                "dashboard_few",
                "Office dashboard, few goals",
                lambda w: _dashboard(w.few_goals_office),
                "pos",
            ),
            Scenario(
                "kapstok_most",
                "Kapstok overview (tree), most goals",
                lambda w: _kapstok(w.goals_office),
                "pos",
                EVERYDAY_MAX_RATIO,
            ),
            Scenario(
                "kapstok_few",
                "Kapstok overview, few goals",
                lambda w: _kapstok(w.few_goals_office),
                "pos",
            ),
        ),
        timings=(
            Timing(
                "signals_daily", "signals_compute() as cron runs it", lambda w: signals_compute()
            ),
            Timing(
                "signals_all", "signals_compute(), all offices, rolled back", signals_all_offices
            ),
        ),
        targets=kapstok_targets,
    )
)
