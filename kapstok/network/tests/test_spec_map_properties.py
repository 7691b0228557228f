"""Drawing the municipality map: TopoJSON arcs, for any arcs, and the drawn country as a whole.

`test_spec_registry.py` checks that Utrecht has a closed outline. These state what the drawing
relies on for any input (Hypothesis): decoding undoes TopoJSON's delta encoding, a ring joins
its arcs without repeating the shared point, and an arc used backwards (``~i``) is the same
line walked the other way. Then, for the real map: every outline lies inside the picture, and
neighbouring municipalities share their border exactly (no gaps or overlaps where they meet).
"""

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.network import maps

SETTINGS = settings(max_examples=100, deadline=None)
points = st.tuples(st.integers(-1000, 1000), st.integers(-1000, 1000))
lines = st.lists(points, min_size=2, max_size=8)


def encoded(line):
    """TopoJSON's delta encoding: the first point, then each step from the previous one."""
    deltas, previous = [], (0, 0)
    for x, y in line:
        deltas.append([x - previous[0], y - previous[1]])
        previous = (x, y)
    return deltas


@SETTINGS
@given(st.lists(lines, max_size=5))
def test_decoding_gives_back_the_absolute_points_of_every_arc(arcs):
    assert maps.decode_arcs([encoded(arc) for arc in arcs]) == arcs


@st.composite
def chained_arcs(draw):
    """Arcs where each one starts where the previous ended, as the arcs of one ring do."""
    arcs, start = [], draw(points)
    for _ in range(draw(st.integers(1, 4))):
        rest = draw(st.lists(points, min_size=1, max_size=5))
        arcs.append([start, *rest])
        start = rest[-1]
    return arcs


@SETTINGS
@given(chained_arcs())
def test_a_ring_joins_its_arcs_without_repeating_the_shared_points(arcs):
    joined = maps.ring_points(list(range(len(arcs))), arcs)
    expected = arcs[0] + [point for arc in arcs[1:] for point in arc[1:]]
    assert joined == expected
    assert len(joined) == sum(len(arc) for arc in arcs) - (len(arcs) - 1)


@SETTINGS
@given(chained_arcs())
def test_walking_the_arcs_backwards_draws_the_same_ring_reversed(arcs):
    forward = maps.ring_points(list(range(len(arcs))), arcs)
    backward = maps.ring_points([~index for index in reversed(range(len(arcs)))], arcs)
    assert backward == forward[::-1]


NUMBER_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def test_every_outline_lies_inside_the_picture():
    drawn = maps.municipality_map()
    width, height = drawn["width"], drawn["height"]
    for code, (name, path) in drawn["paths"].items():
        assert re.fullmatch(r"GM\d{4}", code) and name
        coordinates = [(float(x), float(y)) for x, y in NUMBER_PAIR.findall(path)]
        assert len(coordinates) >= 3, code
        assert all(-0.1 <= x <= width + 0.1 and -0.1 <= y <= height + 0.6 for x, y in coordinates)


def test_neighbours_share_their_border_point_for_point():
    """Each border arc is stored once and drawn in both neighbours, so a segment drawn by one
    municipality is drawn by at most one other: two outlines never cross over a third."""
    drawn = maps.municipality_map()
    segments = Counter()
    for _name, path in drawn["paths"].values():
        for ring in path.split("M")[1:]:
            corners = NUMBER_PAIR.findall(ring)
            for start, end in zip(corners, corners[1:], strict=False):
                if start != end:
                    segments[frozenset((start, end))] += 1
    assert segments
    assert max(segments.values()) <= 2
    shared = sum(1 for count in segments.values() if count == 2)
    assert shared > len(segments) / 3  # most of the country's borders are between neighbours
