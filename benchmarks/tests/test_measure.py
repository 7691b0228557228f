"""The harness itself: its statistics, the BENCHMARKS.md merge, and one page measured for real.

No wall-clock thresholds: timings on a shared CI runner say nothing; the structure does.
"""

import doctest

import pytest

from benchmarks import draws, measure, report, scale, scale_kapstok
from benchmarks.measure import Measurement, percentile, ratio
from benchmarks.scenarios import (
    HEALTHZ,
    LOGIN,
    BenchWorld,
    Group,
    Scenario,
    after_write_key,
    clients_for,
    foundation_targets,
    group_run,
    world_find,
)


@pytest.mark.parametrize("module", [draws, measure, report, scale, scale_kapstok])
def test_doctests_pass(module):
    assert doctest.testmod(module).failed == 0


def test_percentile_interpolates_between_ranks():
    assert percentile([3, 1, 2], 0.5) == 2.0
    assert percentile(list(range(1, 101)), 0.95) == pytest.approx(95.05)
    assert percentile([5.0], 0.5) == 5.0


def test_percentile_of_no_samples_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_ratio_needs_a_floor():
    assert ratio(8.0, 2.0) == 4.0
    assert ratio(8.0, 0.0) is None
    assert ratio(None, 2.0) is None


def test_merge_replaces_only_its_own_section():
    document = report.HEADER
    document = report.merge_section(document, "foundation:sqlite", "old sqlite")
    document = report.merge_section(document, "foundation:postgresql", "postgres figures")
    document = report.merge_section(document, "foundation:sqlite", "new sqlite")
    assert document.startswith(report.HEADER.rstrip())
    assert "new sqlite" in document and "old sqlite" not in document
    assert "postgres figures" in document
    assert document.index("new sqlite") < document.index("postgres figures")


def test_merge_keeps_hand_written_text_around_sections():
    document = "# Benchmarks\n\nOur notes.\n\n<!-- bench:a -->\nx\n<!-- /bench:a -->\n\nAfter.\n"
    merged = report.merge_section(document, "a", "y")
    assert merged == document.replace("\nx\n", "\ny\n")


def _measured(queries: int, p95: float) -> Measurement:
    return Measurement("/x", 200, samples_ms=(p95, p95), queries=queries, size_bytes=100)


def test_foundation_targets_compare_small_and_large_offices(world):
    bench_world = _bench_world(world)
    measurements = {
        LOGIN.key: _measured(0, 1.0),
        "office_large": _measured(17, 3.0),
        "office_small": _measured(17, 2.0),
        "public_large_fresh": _measured(6, 40.0),
        "public_small_fresh": _measured(5, 20.0),
    }
    results = foundation_targets(measurements, bench_world)
    assert [r.label for r in results] == ["PASS", "FAIL"]
    # The old "4× /healthz" and "3× /healthz" targets went with issue #19.
    assert not any("healthz" in r.name for r in results)


def test_targets_are_skipped_for_pages_that_are_not_available(world):
    measurements = {LOGIN.key: _measured(0, 1.0), "office_large": Measurement("/x", 404)}
    assert {r.label for r in foundation_targets(measurements, _bench_world(world))} == {"SKIP"}


def _bench_world(world) -> BenchWorld:
    return BenchWorld(
        largest_office=world.office.slug,
        largest_members=1,
        small_office=world.other_office.slug,
        small_members=1,
        pos_user=world.users["pos"],
    )


def test_world_find_picks_offices_with_listed_members(world):
    world.office.memberships.update(listed_publicly=True)
    found = world_find(world.users["pos"])
    assert found.largest_office == found.small_office == world.office.slug
    assert found.largest_members == 1


def test_it_measures_an_office_page(world):
    bench_world = _bench_world(world)
    office_page = Scenario(
        "office", "Office page", lambda w: f"/netwerk/kantoren/{w.largest_office}/", "pos"
    )
    missing = Scenario("missing", "Missing page", lambda w: "/bestaat-niet/")
    group = Group("smoke", "Smoke", scenarios=(office_page, missing))

    result = group_run(group, bench_world, repeat=2, warmup=1)

    page = result.measurements["office"]
    assert page.available and len(page.samples_ms) == 2
    assert page.queries > 0 and page.size_bytes > 0
    assert page.p50_ms <= page.p95_ms
    assert result.measurements["missing"].status == 404
    assert not result.measurements["missing"].available
    assert result.measurements[LOGIN.key].available and result.measurements[HEALTHZ.key].available
    assert result.measurements[LOGIN.key].is_html and page.is_html
    table = "\n".join(report.render_table(result))
    assert "| Office page | `/netwerk/kantoren/kantoor-utrecht/` | POS staff |" in table
    assert "| Login page (rendered-page floor) | `/account/inloggen/` | anonymous |" in table
    assert "| /healthz as POS staff (logged-in floor) | `/healthz` | POS staff |" in table
    assert "not available (HTTP 404)" in table
    assert [t.name for t in result.targets] == ["Every page's HTML ≤ 120 kB"]


def test_a_target_page_is_measured_again_as_the_first_request_after_each_write(world):
    """The cached parts of the office page are found by the repeated request; after a write
    they are built again, which costs queries the repeated request does not make."""
    bench_world = _bench_world(world)
    office_page = Scenario(
        "office",
        "Office page",
        lambda w: f"/netwerk/kantoren/{w.largest_office}/",
        "pos",
        max_ratio=15.0,
    )
    untargeted = Scenario("list", "Office list", lambda w: "/netwerk/kantoren/", "pos")
    group = Group("smoke", "Smoke", scenarios=(office_page, untargeted))

    result = group_run(group, bench_world, repeat=2, warmup=1)

    repeated = result.measurements["office"]
    after_write = result.measurements[after_write_key("office")]
    assert after_write.available and len(after_write.samples_ms) == 2
    assert after_write.queries > repeated.queries
    assert after_write_key("list") not in result.measurements
    lines = report.render_after_write(result)
    rows = [line for line in lines if line.startswith("| Office")]
    assert len(rows) == 1 and rows[0].startswith("| Office page | ")
    assert rows[0].count("|") == 9
    # The targets are the table's: one page target for the one scenario that declares a limit.
    assert [t.name for t in result.targets][0] == "Office page p95 ≤ 15× login page p95"


def test_before_each_runs_untimed_before_every_timed_request_and_the_query_count(world):
    calls = []
    client = clients_for(_bench_world(world))["pos"]

    page = measure.measure(
        client, "/healthz", repeat=3, warmup=2, before_each=lambda: calls.append(1)
    )

    assert len(page.samples_ms) == 3
    assert len(calls) == 4  # three timed requests and the one whose queries are counted


def test_a_group_without_targets_has_no_after_write_table(world):
    group = Group(
        "smoke",
        "Smoke",
        scenarios=(Scenario("list", "List", lambda w: "/netwerk/kantoren/", "pos"),),
    )

    result = group_run(group, _bench_world(world), repeat=1, warmup=0)

    assert report.render_after_write(result) == []
