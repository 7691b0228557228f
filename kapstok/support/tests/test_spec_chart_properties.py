"""The report's bar charts, for any figures (Hypothesis, no database).

`test_report_charts.py` checks one chart. These hold for any categories and values, so a chart
never lies about its figures or draws outside its box:

- the axis ends at a round number (1, 2 or 5 times a power of ten) at or above every figure,
  and not more than needed: the next smaller round number would cut off a figure;
- bar lengths are proportional to their values (a bar twice as long means twice the value), a
  missing figure draws no bar but keeps its place, and every bar and target tick stays inside
  the chart;
- groups come in the order of the labels, one bar per series each, and never overlap.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.support.charts import LABEL_WIDTH, VALUE_ROOM, Series, _nice_maximum, bar_chart

SETTINGS = settings(max_examples=100, deadline=None)
ROUND = [factor * 10**power for power in range(0, 7) for factor in (1, 2, 5)]
figures = st.none() | st.integers(0, 500) | st.floats(0, 500, allow_nan=False)


@SETTINGS
@given(st.floats(0, 10**6, allow_nan=False) | st.integers(0, 10**6))
def test_the_axis_ends_at_the_smallest_round_number_that_holds_the_value(value):
    top = _nice_maximum(value)
    assert top in ROUND
    assert top >= value
    smaller = [number for number in ROUND if number < top]
    assert not smaller or smaller[-1] < value or value == 0


@st.composite
def charts(draw):
    labels = draw(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=6))
    count = draw(st.integers(1, 3))
    series = [
        Series(f"reeks {i}", tuple(draw(figures) for _ in labels), "primary") for i in range(count)
    ]
    markers = draw(st.none() | st.tuples(*(figures for _ in labels)))
    width = draw(st.integers(400, 1200))
    return labels, series, markers, width


@SETTINGS
@given(charts())
def test_bars_are_proportional_and_stay_inside_the_chart(chart_input):
    labels, series, markers, width = chart_input
    chart = bar_chart("Vragen", labels, series, markers=markers, width=width)
    span = width - LABEL_WIDTH - VALUE_ROOM
    values = [v for s in series for v in s.values if v is not None]
    values += [m for m in markers or () if m is not None]
    assert chart.maximum >= max(values, default=0)
    for group in chart.groups:
        for bar in group.bars:
            assert bar.x == LABEL_WIDTH
            expected = span * (bar.value or 0) / chart.maximum
            assert abs(bar.width - expected) <= 0.05 + 1e-9
            assert 0 <= bar.width <= span + 0.05
            assert bar.y + bar.height <= chart.axis_y <= chart.height
        if group.marker is not None:
            assert LABEL_WIDTH <= group.marker.x <= LABEL_WIDTH + span + 0.05
            assert group.marker.y1 < group.marker.y2


@SETTINGS
@given(charts())
def test_groups_follow_the_labels_with_one_bar_per_series_and_never_overlap(chart_input):
    labels, series, markers, width = chart_input
    chart = bar_chart("Vragen", labels, series, markers=markers, width=width)
    assert [group.label for group in chart.groups] == labels
    for index, group in enumerate(chart.groups):
        assert [bar.series for bar in group.bars] == [s.name for s in series]
        assert [bar.value for bar in group.bars] == [s.values[index] for s in series]
        tops = [bar.y for bar in group.bars]
        assert tops == sorted(tops)
        assert (group.marker is None) == (markers is None or markers[index] is None)
    for upper, lower in zip(chart.groups, chart.groups[1:], strict=False):
        assert upper.bars[-1].y + upper.bars[-1].height < lower.bars[0].y


@SETTINGS
@given(st.integers(1, 400))
def test_a_bar_twice_as_long_stands_for_twice_the_value(small):
    big = small * 2
    chart = bar_chart("t", ["a", "b"], [Series("s", (small, big), "primary")], width=900)
    short, long = (group.bars[0].width for group in chart.groups)
    assert abs(long - 2 * short) <= 0.15 + 1e-9  # each width is rounded to 0.1
    ticks = [value for _x, value in chart.ticks]
    assert ticks == [0, chart.maximum / 2, chart.maximum]
