"""Geometry of the supply-versus-demand report's charts, drawn on the server as SVG.

As the goal page's measurement chart (`kapstok.goals.selectors.measurement_chart`): no chart
library and no JavaScript; this module only computes coordinates, the template
`support/_bar_chart.html` draws them, and every chart comes with its figures as a table (the
text alternative for screen readers and for anyone who wants the numbers).

A chart is horizontal bars, one group per label (a category or an office phase): long Dutch
category names read well on the left, and the chart stays legible on a phone. Each group holds
one bar per series (e.g. requests and "geen aanbod"), and optionally a marker per group (the
target in working days), drawn as a vertical tick across the group.

>>> chart = bar_chart(
...     "t", ["rechtsvorm", "subsidies"], [Series("vragen", (4, 2), "primary")], width=400
... )
>>> [round(bar.width) for group in chart.groups for bar in group.bars]
[104, 52]
"""

from dataclasses import dataclass, field

WIDTH = 640
LABEL_WIDTH = 230  # room for the category names on the left
VALUE_ROOM = 40  # room right of the longest bar for its value
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 12
TOP = 8
AXIS_ROOM = 20


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple  # one value per label; None where there is no figure
    css: str  # class of the bars: primary, secondary, warning


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float | None
    series: str
    css: str

    @property
    def text_x(self) -> float:
        return round(self.x + self.width + 4, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + self.height - 3, 1)


@dataclass(frozen=True)
class Marker:
    x: float
    y1: float
    y2: float
    value: float


@dataclass(frozen=True)
class Group:
    label: str
    label_y: float
    bars: tuple[Bar, ...]
    marker: Marker | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    axis_x: float
    axis_y: float
    maximum: float
    groups: tuple[Group, ...]
    series: tuple[Series, ...]
    marker_name: str = ""
    ticks: tuple = field(default=())  # (x, label) along the axis


def _nice_maximum(value: float) -> float:
    """A round upper bound for the axis: 1, 2 or 5 times a power of ten.

    >>> [_nice_maximum(v) for v in (0, 3, 7, 12, 180)]
    [1, 5, 10, 20, 200]
    """
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if value <= step * factor:
                return step * factor
        step *= 10


def bar_chart(
    title: str,
    labels: list[str],
    series: list[Series],
    markers: tuple | None = None,
    marker_name: str = "",
    width: int = WIDTH,
) -> Chart:
    """Coordinates for horizontal grouped bars; `markers` (one value or None per label) are
    drawn as ticks, e.g. the target in working days."""
    values = [v for s in series for v in s.values if v is not None]
    values += [m for m in markers or () if m is not None]
    maximum = _nice_maximum(max(values, default=0))
    span = width - LABEL_WIDTH - VALUE_ROOM
    scale = lambda value: span * value / maximum  # noqa: E731
    group_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    groups, y = [], TOP
    for index, label in enumerate(labels):
        bars = tuple(
            Bar(
                x=LABEL_WIDTH,
                y=y + row * (BAR_HEIGHT + BAR_GAP),
                width=round(scale(s.values[index] or 0), 1),
                height=BAR_HEIGHT,
                value=s.values[index],
                series=s.name,
                css=s.css,
            )
            for row, s in enumerate(series)
        )
        target = markers[index] if markers else None
        marker = None
        if target is not None:
            marker = Marker(
                round(LABEL_WIDTH + scale(target), 1), y - 2, y + group_height + 2, target
            )
        groups.append(Group(label, y + group_height / 2 + 4, bars, marker))
        y += group_height + GROUP_GAP
    ticks = tuple(
        (round(LABEL_WIDTH + scale(maximum * share), 1), maximum * share) for share in (0, 0.5, 1)
    )
    return Chart(
        title=title,
        width=width,
        height=y + AXIS_ROOM,
        axis_x=LABEL_WIDTH,
        axis_y=y,
        maximum=maximum,
        groups=tuple(groups),
        series=tuple(series),
        marker_name=marker_name,
        ticks=ticks,
    )
