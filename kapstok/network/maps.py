"""SVG outlines of the Dutch municipalities, drawn on the server from the CBS/PDOK TopoJSON.

No tile server and no map library: the page gets one inline SVG with a `<path>` per
municipality (id = CBS code), which CSS colours and links make interactive. The projection is
equirectangular with the x axis shrunk by cos(52°) — at the scale of the Netherlands that is
indistinguishable from a proper conformal projection and keeps the code tiny.

>>> arcs = decode_arcs([[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, -10]]])
>>> ring_points([0, 1], arcs)
[(0, 0), (10, 0), (10, 10), (0, 0)]
>>> ring_points([~1], arcs)
[(0, 0), (10, 10)]
"""

import functools
import json
import math
from pathlib import Path

TOPOJSON = Path(__file__).resolve().parent / "data" / "gemeenten_2025.topojson"
OBJECT_NAME = "gemeente_2025"
X_SHRINK = math.cos(math.radians(52.2))
VIEW_WIDTH = 1000


def decode_arcs(quantized_arcs: list) -> list[list[tuple[int, int]]]:
    """Undo TopoJSON's delta encoding: every arc becomes absolute quantized points."""
    decoded = []
    for arc in quantized_arcs:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x, y))
        decoded.append(points)
    return decoded


def ring_points(arc_indexes: list[int], arcs: list) -> list[tuple[int, int]]:
    """Join the (decoded) arcs of one ring; a negative index (~i) means arc i reversed."""
    points: list[tuple[int, int]] = []
    for index in arc_indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        points.extend(arc if not points else arc[1:])
    return points


def _rings(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


@functools.lru_cache(maxsize=1)
def municipality_map() -> dict:
    """{"width", "height", "paths": {code: (name, path_d)}} for the whole country, cached."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology["arcs"])
    scale_x, scale_y = topology["transform"]["scale"]
    y_per_x = scale_y / scale_x
    all_points = [p for arc in arcs for p in arc]
    min_x, max_x = min(p[0] for p in all_points), max(p[0] for p in all_points)
    min_y, max_y = min(p[1] for p in all_points), max(p[1] for p in all_points)
    factor = VIEW_WIDTH / ((max_x - min_x) * X_SHRINK)

    def project(point):
        x = (point[0] - min_x) * X_SHRINK * factor
        y = (max_y - point[1]) * y_per_x * factor
        return f"{x:.1f},{y:.1f}"

    paths = {}
    for geometry in topology["objects"][OBJECT_NAME]["geometries"]:
        segments = []
        for ring in _rings(geometry):
            points = ring_points(ring, arcs)
            segments.append("M" + "L".join(project(p) for p in points) + "Z")
        props = geometry["properties"]
        paths[props["statcode"]] = (props["statnaam"], "".join(segments))
    height = (max_y - min_y) * y_per_x * factor
    return {"width": VIEW_WIDTH, "height": round(height), "paths": paths}


def compact_path(path_d: str) -> str:
    """The same outline in whole units and relative steps: a third of the bytes.

    One unit is a thousandth of the map's width, finer than a screen shows it, so the national
    pages can inline all 342 municipalities and still stay small. Points that fall together
    after rounding are dropped, and so is a ring that shrinks below a triangle.

    >>> compact_path("M10.4,20.6L13.2,20.4L13.4,25.1Z")
    'M10 21l3-1 0 5z'
    >>> compact_path("M1,1L1.2,1.1L0.9,1Z")
    ''
    """
    rings = []
    for ring in path_d.split("M")[1:]:
        points = []
        for pair in ring.rstrip("Z").split("L"):
            x, y = (round(float(value)) for value in pair.split(","))
            if not points or points[-1] != (x, y):
                points.append((x, y))
        if len(points) < 3:
            continue
        steps = [
            f"{x - px}{y - py:+d}".replace("+", " ")
            for (px, py), (x, y) in zip(points, points[1:], strict=False)
        ]
        rings.append(f"M{points[0][0]} {points[0][1]}l{' '.join(steps)}z")
    return "".join(rings)


@functools.lru_cache(maxsize=1)
def compact_municipality_map() -> dict:
    """`municipality_map()` with `compact_path` outlines, for the network-wide pages."""
    drawn = municipality_map()
    paths = {code: (name, compact_path(d)) for code, (name, d) in drawn["paths"].items()}
    return {**drawn, "paths": paths}
