"""Issue #19's targets as the harness evaluates and prints them, from made-up measurements.

Every listed page has a scenario with its limit (15× the login page's p95 for everyday pages,
30× for pages over the whole network), a page passes or fails on its ratio to the login page
and shows its ratio to the logged-in /healthz beside it, a page that does not answer is a
SKIP with its status (never a PASS), and every HTML page is held to 120 kB.
"""

import pytest

from benchmarks import report
from benchmarks.measure import Measurement
from benchmarks.scenarios import (
    EVERYDAY_MAX_RATIO,
    FLOORS,
    GROUPS,
    HEALTHZ,
    LOGIN,
    NETWORK_WIDE_MAX_RATIO,
    Group,
    GroupResult,
    Scenario,
    page_size_target,
    page_target,
    page_targets,
)

HTML = "text/html"
LOGIN_PAGE = Measurement("/account/inloggen/", 200, (2.0, 2.0), 0, 3000, HTML)
HEALTHZ_POS = Measurement("/healthz", 200, (4.0, 4.0), 4, 2, "text/plain")
EVERYDAY = Scenario("page", "Some page", lambda w: "/p/", "pos", EVERYDAY_MAX_RATIO)
NETWORK = Scenario("wide", "Network page", lambda w: "/n/", "pos", NETWORK_WIDE_MAX_RATIO)
UNLISTED = Scenario("other", "Unlisted page", lambda w: "/o/", "pos")

# The pages issue #19 lists, by the group and scenario key that measures them.
ISSUE_EVERYDAY = {
    ("foundation", "office_large"),
    ("kapstok", "dashboard_most"),
    ("kapstok", "kapstok_most"),
    ("support", "queue"),
    ("representation", "coverage_large"),
    ("peers", "search_common"),
    ("peers", "search_two"),
    ("peers", "search_rare"),
    ("roles", "start_member"),
    ("roles", "start_lead"),
    ("roles", "portal"),
    ("roles", "board"),
}
ISSUE_NETWORK_WIDE = {
    ("kapstok", "national"),
    ("support", "report_quarter"),
    ("support", "report_all"),
    ("representation", "national"),
    ("roles", "research"),
}


def page(p95: float, size_kb: float = 10.0, content_type: str = HTML) -> Measurement:
    return Measurement("/p/", 200, (p95, p95), 7, int(size_kb * 1024), content_type)


def limits() -> dict[tuple[str, str], float | None]:
    return {
        (group.key, scenario.key): scenario.max_ratio
        for group in GROUPS.values()
        for scenario in group.scenarios
    }


def test_every_page_the_issue_lists_has_its_limit_and_no_other_page_has_one():
    declared = {key: limit for key, limit in limits().items() if limit is not None}

    assert {key for key, limit in declared.items() if limit == 15} == ISSUE_EVERYDAY
    assert {key for key, limit in declared.items() if limit == 30} == ISSUE_NETWORK_WIDE
    assert set(declared) == ISSUE_EVERYDAY | ISSUE_NETWORK_WIDE


def test_no_group_measures_the_floors_as_a_page_of_its_own():
    for group in GROUPS.values():
        keys = [scenario.key for scenario in group.scenarios]
        assert LOGIN.key not in keys and HEALTHZ.key not in keys, group.key
        assert len(keys) == len(set(keys)), group.key


def test_a_page_passes_up_to_its_limit_and_fails_above_it():
    at_limit = page_target(EVERYDAY, page(30.0), LOGIN_PAGE, HEALTHZ_POS)
    above = page_target(EVERYDAY, page(30.2), LOGIN_PAGE, HEALTHZ_POS)
    network = page_target(NETWORK, page(59.0), LOGIN_PAGE, HEALTHZ_POS)

    assert (at_limit.label, above.label, network.label) == ("PASS", "FAIL", "PASS")
    assert at_limit.name == "Some page p95 ≤ 15× login page p95"
    assert network.name == "Network page p95 ≤ 30× login page p95"


def test_the_detail_gives_the_ratio_to_the_login_page_and_to_the_logged_in_healthz():
    result = page_target(EVERYDAY, page(40.0), LOGIN_PAGE, HEALTHZ_POS)

    assert result.detail == (
        "40.0 ms = 20.0× login page 2.00 ms (limit 15×); 10.0× logged-in /healthz 4.00 ms"
    )


def test_the_healthz_ratio_is_left_out_when_healthz_was_not_measured():
    result = page_target(EVERYDAY, page(20.0), LOGIN_PAGE, Measurement("/healthz", 500))

    assert result.label == "PASS" and "healthz" not in result.detail


@pytest.mark.parametrize(
    ("measured", "login", "detail"),
    [
        (None, LOGIN_PAGE, "not measured"),
        (Measurement("/p/", 403), LOGIN_PAGE, "not available (HTTP 403)"),
        (Measurement("/p/", 302), LOGIN_PAGE, "not available (HTTP 302)"),
        (page(1.0), Measurement("/account/inloggen/", 500), "login page not measured"),
        (page(1.0), None, "login page not measured"),
    ],
)
def test_a_page_that_cannot_be_compared_is_skipped_never_passed(measured, login, detail):
    result = page_target(EVERYDAY, measured, login, HEALTHZ_POS)

    assert (result.label, result.detail) == ("SKIP", detail)


def test_only_scenarios_with_a_limit_get_a_time_target():
    measurements = {LOGIN.key: LOGIN_PAGE, HEALTHZ.key: HEALTHZ_POS}
    measurements |= {"page": page(10.0), "wide": page(100.0), "other": page(500.0)}

    results = page_targets((EVERYDAY, NETWORK, UNLISTED), measurements)

    assert [(r.name.split(" p95")[0], r.label) for r in results] == [
        ("Some page", "PASS"),
        ("Network page", "FAIL"),
    ]


def test_the_size_target_holds_every_html_page_to_120_kb():
    scenarios = (LOGIN, EVERYDAY, NETWORK)
    measurements = {LOGIN.key: LOGIN_PAGE, "page": page(1.0, 120.0), "wide": page(1.0, 80.0)}

    result = page_size_target(scenarios, measurements)

    assert result.label == "PASS"
    assert result.name == "Every page's HTML ≤ 120 kB"
    assert result.detail == "3 pages, largest Some page 120.0 kB"


def test_the_size_target_names_every_page_over_the_limit():
    scenarios = (EVERYDAY, NETWORK, UNLISTED)
    measurements = {
        "page": page(1.0, 130.5),
        "wide": page(1.0, 285.0),
        "other": page(1.0, 20.0),
    }

    result = page_size_target(scenarios, measurements)

    assert result.label == "FAIL"
    assert result.detail == (
        "3 pages, largest Network page 285.0 kB; "
        "over the limit: Some page 130.5 kB, Network page 285.0 kB"
    )


def test_the_size_target_leaves_out_json_missing_pages_and_timed_functions():
    scenarios = (EVERYDAY, NETWORK, UNLISTED)
    measurements = {
        "page": page(1.0, 500.0, "application/json"),
        "wide": Measurement("/n/", 404),
        "other": Measurement("a function", 200, (1.0,), 3),
    }

    result = page_size_target(scenarios, measurements)

    assert (result.label, result.detail) == ("SKIP", "no HTML page measured")
    measurements["other"] = page(1.0, 121.0)
    assert page_size_target(scenarios, measurements).label == "FAIL"


def test_the_section_prints_both_floors_each_page_and_every_target():
    group = Group("demo", "Demo pages", scenarios=(EVERYDAY, NETWORK, UNLISTED))
    measurements = {LOGIN.key: LOGIN_PAGE, HEALTHZ.key: HEALTHZ_POS}
    measurements |= {
        "page": page(40.0, 130.0),
        "wide": page(50.0),
        "other": Measurement("/o/", 404),
    }
    targets = [
        *page_targets(group.scenarios, measurements),
        page_size_target((*FLOORS, *group.scenarios), measurements),
    ]
    run = report.RunInfo("d", 2, "cpu", 1.0, 3.2, "3", "5", "SQLite", "set", "gen", 2, 0)

    section = report.render_section(GroupResult(group, measurements, targets), run, "SQLite")

    assert "load average 3.2 at the start" in section
    assert (
        "| Login page (rendered-page floor) | `/account/inloggen/` | anonymous | 2.00 |" in section
    )
    assert "| /healthz as POS staff (logged-in floor) | `/healthz` | POS staff | 4.00 |" in section
    assert (
        "| Some page | `/p/` | POS staff | 40.00 | 40.00 | 20.0× | 10.0× | ≤ 15× | 7 |" in section
    )
    assert "| Unlisted page | `/o/` | POS staff | not available (HTTP 404) | | | |  | |" in section
    assert "- **FAIL** Some page p95 ≤ 15× login page p95: 40.0 ms = 20.0× login page" in section
    assert "- **PASS** Network page p95 ≤ 30× login page p95: 50.0 ms = 25.0× login page" in section
    assert "- **FAIL** Every page's HTML ≤ 120 kB: 3 pages, largest Some page 130.0 kB" in section
