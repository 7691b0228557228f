"""A goal's measurement chart, for any series of measurements (Hypothesis, no database).

`measurement_chart` turns a goal's measurements into coordinates for a small SVG line chart
with the target drawn across it. For any measurements, baseline and target, the chart must tell
the truth at a glance:

- every point lies inside the padded drawing area, the first measurement on the left and the
  last on the right, later measurements further right;
- a higher value is drawn higher, equal values at the same height, and the target line sits
  exactly where a measurement of the target value would;
- the value axis includes zero, so a small change is not blown up to fill the chart;
- no measurements, no chart.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.goals.selectors import CHART_HEIGHT, CHART_PAD, CHART_WIDTH, measurement_chart

SETTINGS = settings(max_examples=100, deadline=None)
VALUES = st.decimals(min_value=-500, max_value=5000, places=1, allow_nan=False)


@st.composite
def goal_views(draw):
    first = draw(st.dates(datetime.date(2023, 1, 1), datetime.date(2026, 1, 1)))
    offsets = sorted(draw(st.lists(st.integers(0, 700), min_size=1, max_size=10)))
    measurements = [
        SimpleNamespace(measured_on=first + datetime.timedelta(days=days), value=draw(VALUES))
        for days in offsets
    ]
    goal = SimpleNamespace(
        target_value=draw(st.none() | VALUES), baseline_value=draw(st.none() | VALUES)
    )
    return SimpleNamespace(goal=goal, measurements=measurements)


def inside(x, y):
    return CHART_PAD - 0.05 <= x <= CHART_WIDTH - CHART_PAD + 0.05 and (
        CHART_PAD - 0.05 <= y <= CHART_HEIGHT - CHART_PAD + 0.05
    )


@SETTINGS
@given(goal_views())
def test_every_point_and_the_target_lie_inside_the_drawing_area(view):
    chart = measurement_chart(view)
    assert all(inside(x, y) for x, y, _day, _value in chart["points"])
    if view.goal.target_value is None:
        assert chart["target_y"] is None
    else:
        assert inside(CHART_PAD, chart["target_y"])
    assert chart["polyline"] == " ".join(f"{x},{y}" for x, y, _d, _v in chart["points"])


@SETTINGS
@given(goal_views())
def test_time_runs_left_to_right_from_the_first_to_the_last_measurement(view):
    points = measurement_chart(view)["points"]
    xs = [x for x, _y, _day, _value in points]
    assert xs == sorted(xs)
    if len({day for _x, _y, day, _v in points}) > 1:
        assert xs[0] == CHART_PAD and xs[-1] == CHART_WIDTH - CHART_PAD
    for (x1, _y1, day1, _v1), (x2, _y2, day2, _v2) in zip(points, points[1:], strict=False):
        assert (x1 == x2) == (day1 == day2)


@SETTINGS
@given(goal_views())
def test_higher_values_are_drawn_higher_and_the_target_where_its_value_would_be(view):
    chart = measurement_chart(view)
    points = chart["points"]
    for (_x1, y1, _d1, v1), (_x2, y2, _d2, v2) in zip(points, points[1:], strict=False):
        if v1 == v2:
            assert y1 == y2
        elif v1 < v2:
            assert y1 >= y2  # SVG y grows downwards
        else:
            assert y1 <= y2
    target = view.goal.target_value
    for _x, y, _day, value in points:
        if target is not None and value == float(target):
            assert y == chart["target_y"]


@SETTINGS
@given(goal_views())
def test_the_value_axis_always_includes_zero(view):
    chart = measurement_chart(view)
    assert chart["min_label"] <= 0
    values = [float(m.value) for m in view.measurements]
    assert chart["min_label"] <= min(values) and max(values) <= chart["max_label"]
    lowest = min(chart["points"], key=lambda point: point[3])
    if float(lowest[3]) == chart["min_label"]:
        assert lowest[1] == chart["axis_y"]


def test_a_goal_without_measurements_has_no_chart():
    goal = SimpleNamespace(target_value=Decimal(10), baseline_value=None)
    assert measurement_chart(SimpleNamespace(goal=goal, measurements=[])) is None
