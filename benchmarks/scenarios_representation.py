"""The representation group: coverage pages with the landscape of the whole country.

Target from the representativeness issue (4): the coverage page at national scale within 3×
the `/healthz` p95, with a number of queries that does not depend on the size of the
landscape. The page is measured for the office with the largest landscape (several thousand
businesses; also the office with the most members) and for the office with the smallest
(a few dozen), and the query counts of the two are compared. The national coverage page (every
office's index, the map, the gaps of the country over all 100,000 businesses) is measured as
well, without a target of its own. The landscape comes from `scale_representation`, generated
by `prepare` the first time.
"""

from django.urls import reverse

from . import scale_representation
from .measure import Measurement, ratio
from .scenarios import (
    FLOOR,
    BenchWorld,
    Group,
    Scenario,
    TargetResult,
    flat_queries_target,
    ratio_target,
    register,
)

COVERAGE_MAX_RATIO = 3.0


def _coverage(slug: str) -> str:
    return reverse("representation:office", args=[slug])


def _largest(world: BenchWorld) -> str:
    return _coverage(scale_representation.landscape_extremes()[0][0])


def _smallest(world: BenchWorld) -> str:
    return _coverage(scale_representation.landscape_extremes()[1][0])


def coverage_target(name: str, page, floor, login) -> TargetResult:
    """The 3× healthz target, with the page's ratio to the login page in the detail."""
    result = ratio_target(name, page, floor, COVERAGE_MAX_RATIO)
    to_login = ratio(page.p95_ms, login.p95_ms) if page and login and login.available else None
    if result.passed is None or to_login is None:
        return result
    detail = f"{result.detail}; {to_login:.1f}× the login page (p95 {login.p95_ms:.2f} ms)"
    return TargetResult(result.name, result.passed, detail)


def representation_targets(m: dict[str, Measurement], world: BenchWorld) -> list[TargetResult]:
    floor, login = m[FLOOR.key], m.get("login")
    largest, smallest = scale_representation.landscape_extremes()
    return [
        coverage_target(
            f"Coverage page (largest landscape) p95 ≤ {COVERAGE_MAX_RATIO:g}× healthz p95",
            m.get("coverage_large"),
            floor,
            login,
        ),
        flat_queries_target(
            "Coverage page queries independent of the landscape",
            m.get("coverage_small"),
            m.get("coverage_large"),
            (smallest[1], largest[1]),
            "businesses",
        ),
    ]


register(
    Group(
        key="representation",
        title="Representativeness: coverage pages at 100,000 landscape businesses",
        scenarios=(
            Scenario(
                "login",
                "Login page (rendered-page floor)",
                lambda w: reverse("accounts:login"),
                short="login",
            ),
            Scenario("coverage_large", "Coverage, largest landscape", _largest, "pos"),
            Scenario("coverage_small", "Coverage, smallest landscape", _smallest, "pos"),
            Scenario(
                "national",
                "National coverage (all offices)",
                lambda w: reverse("representation:national"),
                "pos",
            ),
        ),
        targets=representation_targets,
        reference="login",
        prepare=lambda: scale_representation.landscape_ensure(scale_representation.NATIONAL),
    )
)
