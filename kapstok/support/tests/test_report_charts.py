"""The report's charts: server-rendered SVG with the same figures in a table beside them."""

import datetime
import re

from kapstok.support import charts
from kapstok.support.report import report_charts, supply_demand_report

from .test_report import _world

REPORT = "/netwerk/ondersteuning/rapport/"
JUNE = {"van": "2026-06-01", "tot": "2026-06-30"}


def test_bars_scale_to_a_round_maximum_and_targets_become_ticks():
    chart = charts.bar_chart(
        "Eerste reactie",
        ["rechtsvorm", "subsidies"],
        [charts.Series("mediaan", (2.5, None), "primary")],
        markers=(2, 3),
        marker_name="norm",
        width=charts.LABEL_WIDTH + charts.VALUE_ROOM + 100,
    )
    assert chart.maximum == 5  # the target 3 and the median 2.5 both fit under 5
    [first], [second] = (group.bars for group in chart.groups)
    assert (first.width, first.value) == (50.0, 2.5)
    assert (second.width, second.value) == (0.0, None)  # no figure: no bar, a dash in the text
    assert [g.marker.x for g in chart.groups] == [charts.LABEL_WIDTH + 40, charts.LABEL_WIDTH + 60]
    assert [label for _x, label in chart.ticks] == [0, 2.5, 5]


def test_report_charts_hold_demand_times_against_targets_and_phases(world, category):
    _world(world, category)
    rows = supply_demand_report(
        datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), today=datetime.date(2026, 6, 30)
    )
    demand, response, resolution, phases = report_charts(rows)

    group = next(g for g in demand.groups if g.label == "rechtsvorm")
    assert [(bar.series, bar.value) for bar in group.bars] == [
        ("vragen", 3),
        ("geen aanbod", 1),
    ]
    group = next(g for g in response.groups if g.label == "rechtsvorm")
    assert [bar.value for bar in group.bars] == [2.5, 3.7]  # median, p90 (see test_report)
    assert group.marker.value == 2  # the category's first-response target
    assert next(g for g in resolution.groups if g.label == "rechtsvorm").marker.value == 10
    assert sum(bar.value for g in phases.groups for bar in g.bars) == 3


def test_report_page_draws_accessible_svg_charts_with_tables(world, login, category):
    _world(world, category)
    page = login(world.users["pos"]).get(REPORT, JUNE).content.decode()

    svgs = re.findall(r"<svg [^>]*>", page)
    assert len(svgs) == 4
    assert all('role="img"' in svg and "aria-labelledby" in svg for svg in svgs)
    assert page.count('<title id="chart-') == 4
    assert page.count("Toon als tabel") == 4
    assert "<script" not in page.split("<main", 1)[1]  # no chart library, no inline script
    # Coordinates are not localised: "12,5" would break the SVG in Dutch.
    widths = re.findall(r'<rect [^>]*width="([^"]+)"', page)
    assert widths and all("," not in width for width in widths)


def test_chart_module_examples_hold():
    import doctest

    assert doctest.testmod(charts).failed == 0
