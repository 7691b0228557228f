"""The compact outlines the network-wide pages inline (issue #19): the same shapes as
`municipality_map`, in whole units and relative steps, a fraction of the bytes."""

import re

from kapstok.network import maps

STEP = re.compile(r"(-?\d+)[ ]?(-?\d+)")


def absolute_rings(path: str) -> list[list[tuple[int, int]]]:
    """The corners of each ring of a compact path, back in absolute units."""
    rings = []
    for ring in re.findall(r"M(\d+) (\d+)l([^z]*)z", path):
        x, y = int(ring[0]), int(ring[1])
        points = [(x, y)]
        for dx, dy in STEP.findall(ring[2]):
            x, y = x + int(dx), y + int(dy)
            points.append((x, y))
        rings.append(points)
    return rings


def test_every_municipality_keeps_a_shape():
    compact = maps.compact_municipality_map()
    full = maps.municipality_map()
    assert compact["paths"].keys() == full["paths"].keys()
    assert (compact["width"], compact["height"]) == (full["width"], full["height"])
    for code, (name, path) in compact["paths"].items():
        assert name == full["paths"][code][0]
        assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", path), code
        assert absolute_rings(path) and all(len(ring) >= 3 for ring in absolute_rings(path))


def test_the_compact_corners_are_the_full_corners_rounded():
    full = maps.municipality_map()["paths"]
    for code, (_name, path) in list(maps.compact_municipality_map()["paths"].items())[:40]:
        rounded = {
            (round(float(x)), round(float(y)))
            for x, y in re.findall(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)", full[code][1])
        }
        corners = {point for ring in absolute_rings(path) for point in ring}
        assert corners <= rounded, code


def test_the_outlines_take_less_than_half_the_bytes():
    full = sum(len(d) for _n, d in maps.municipality_map()["paths"].values())
    compact = sum(len(d) for _n, d in maps.compact_municipality_map()["paths"].values())
    assert compact < full / 2


def test_the_examples_in_the_maps_docstrings_hold():
    import doctest

    result = doctest.testmod(maps)
    assert result.attempted >= 5 and result.failed == 0
