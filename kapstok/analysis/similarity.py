"""Peer offices: how alike two POS-kantoren are, and why, in pure Python (numpy, no Django).

The report (5.2) advises connecting offices "in similar contexts (size, urbanity, diversity)".
Each office becomes an `OfficeProfile`; eight *components* each give a similarity between 0
(nothing alike) and 1 (the same), and the score is their weighted mean (`Weights`, which POS staff
set; zero switches a component off):

============  ===========================================================  ==================
component     similarity                                                   1.0 when / 0 when
============  ===========================================================  ==================
population    1 − |log10 a − log10 b|                                      equal / ×10 apart
urbanisation  1 − |a − b| / 4 (CBS classes 1–5)                            same / 1 vs 5
density       1 − |log10 a − log10 b| / 1.5                                equal / ×32 apart
distance      exp(−km / 50) between the label points (haversine)           same spot / far
size          1 − |log2((1 + a) / (1 + b))| / 3 (members)                  equal / ×8 apart
phase         1 − |index a − index b| / 4                                  same / first vs last
initiative    1 if the same initiative (POS, ondernemers, gemeente, …)     same / different
themes        Jaccard overlap of the shared session themes                 same set / none
============  ===========================================================  ==================

All offices are compared at once as numpy matrices (N × N per component), so peers for 400
offices take a few milliseconds; `top_peers` returns, per office, the `k` best with the reasons
that made them similar as codes plus values (`Reason`); turning those into Dutch words is the
caller's job (`kapstok.peers.texts`), so this module stays free of translations.

Worked example: two offices of ~50,000 inhabitants 25 km apart, both strongly urban and in the
same phase, score high on every component:

>>> a = OfficeProfile(1, 50_000, 2, 1200, 52.0, 5.0, 20, 2, "pos", frozenset({"ruimte"}))
>>> b = OfficeProfile(2, 52_000, 2, 1100, 52.2, 5.1, 22, 2, "pos", frozenset({"ruimte"}))
>>> round(haversine_km(a.lat, a.lon, b.lat, b.lon))
23
>>> peers = top_peers([a, b], Weights(), k=5)
>>> [(p.office_id, round(p.score, 2)) for p in peers[1]]
[(2, 0.95)]
>>> [r.code for r in peers[1][0].reasons]
['population', 'urbanisation', 'density', 'distance', 'size', 'phase', 'initiative', 'themes']
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass, fields

import numpy as np

EARTH_RADIUS_KM = 6371.0
DISTANCE_SCALE_KM = 50.0  # at 50 km the distance similarity is 1/e ≈ 0.37
PHASE_STEPS = 4  # five phases, so four steps between the first and the last
NEARBY_KM = 75  # a peer this close gets "25 km verderop" as a reason
REASON_THRESHOLD = 0.8  # a numeric component at least this alike is worth saying


@dataclass(frozen=True)
class OfficeProfile:
    """What the comparison needs of one office (municipality figures summed over its area)."""

    office_id: int
    population: int
    urbanisation: int
    density: int
    lat: float
    lon: float
    members: int
    phase_index: int
    initiative: str
    themes: frozenset[str]


@dataclass(frozen=True)
class Weights:
    """Relative weight of each component; only the proportions matter."""

    population: float = 2.0
    urbanisation: float = 2.0
    density: float = 1.0
    distance: float = 1.0
    size: float = 1.0
    phase: float = 1.0
    initiative: float = 0.5
    themes: float = 1.5

    def problem(self) -> str | None:
        """'negative' or 'all_zero' when these weights cannot rank anything, else None.

        >>> Weights(population=-1).problem(), Weights(*[0] * 8).problem(), Weights().problem()
        ('negative', 'all_zero', None)
        """
        values = astuple(self)
        if any(value < 0 for value in values):
            return "negative"
        if not any(value > 0 for value in values):
            return "all_zero"
        return None


COMPONENTS = tuple(f.name for f in fields(Weights))


@dataclass(frozen=True)
class Reason:
    """Why a peer is similar: `code` is a component name, `value` what to say about it."""

    code: str
    value: object = None


@dataclass(frozen=True)
class Peer:
    office_id: int
    score: float
    reasons: tuple[Reason, ...]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points (degrees).

    >>> round(haversine_km(52.09, 5.12, 52.37, 4.89))  # Utrecht to Amsterdam
    35
    """
    return float(
        _haversine(np.array([lat1]), np.array([lon1]), np.array([lat2]), np.array([lon2]))[0]
    )


def _haversine(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def pairwise_km(lats, lons) -> np.ndarray:
    """Kilometres between every pair of points (N × N); shared with `regions`."""
    lat = np.asarray(lats, dtype=float)
    lon = np.asarray(lons, dtype=float)
    return _haversine(lat[:, None], lon[:, None], lat[None, :], lon[None, :])


def distance_matrix(profiles: list[OfficeProfile]) -> np.ndarray:
    """Kilometres between every pair of offices' label points (N × N)."""
    return pairwise_km([p.lat for p in profiles], [p.lon for p in profiles])


def _log_closeness(values, span: float, base=np.log10) -> np.ndarray:
    logs = base(np.maximum(np.asarray(values, dtype=float), 1.0))
    return np.clip(1 - np.abs(logs[:, None] - logs[None, :]) / span, 0, 1)


def _theme_overlap(profiles: list[OfficeProfile]) -> np.ndarray:
    """Jaccard overlap of theme sets, via a one-hot matrix (offices × themes)."""
    vocabulary = sorted({theme for p in profiles for theme in p.themes})
    index = {theme: i for i, theme in enumerate(vocabulary)}
    onehot = np.zeros((len(profiles), len(vocabulary)))
    for row, profile in enumerate(profiles):
        for theme in profile.themes:
            onehot[row, index[theme]] = 1
    shared = onehot @ onehot.T
    sizes = onehot.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def component_matrices(profiles: list[OfficeProfile]) -> dict[str, np.ndarray]:
    """Every component's N × N similarity matrix, plus the raw distances as `km`."""
    km = distance_matrix(profiles)
    urban = np.array([p.urbanisation for p in profiles], dtype=float)
    phase = np.array([p.phase_index for p in profiles], dtype=float)
    # integer codes compare far faster than an object array of strings
    _, initiative = np.unique([p.initiative for p in profiles], return_inverse=True)
    return {
        "population": _log_closeness([p.population for p in profiles], 1.0),
        "urbanisation": 1 - np.abs(urban[:, None] - urban[None, :]) / 4,
        "density": _log_closeness([p.density for p in profiles], 1.5),
        "distance": np.exp(-km / DISTANCE_SCALE_KM),
        "size": _log_closeness([p.members + 1 for p in profiles], 3.0, np.log2),
        "phase": 1 - np.abs(phase[:, None] - phase[None, :]) / PHASE_STEPS,
        "initiative": (initiative[:, None] == initiative[None, :]).astype(float),
        "themes": _theme_overlap(profiles),
        "km": km,
    }


def similarity_matrix(matrices: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """The weighted mean of the components; raises ValueError for unusable weights."""
    if weights.problem():
        raise ValueError(weights.problem())
    total = sum(getattr(weights, name) for name in COMPONENTS)
    return sum(getattr(weights, name) * matrices[name] for name in COMPONENTS) / total


def reasons_for(
    values: dict[str, float], mine: OfficeProfile, peer: OfficeProfile, weights: Weights
) -> tuple[Reason, ...]:
    """What `peer` has in common with `mine`, for the components that count (weight > 0).

    `values` holds this pair's component similarities and `km` (plain floats).
    """
    shared_themes = sorted(peer.themes & mine.themes)
    checks = {
        "population": (values["population"] >= REASON_THRESHOLD, peer.population),
        "urbanisation": (peer.urbanisation == mine.urbanisation, peer.urbanisation),
        "density": (values["density"] >= 0.9, peer.density),
        "distance": (values["km"] <= NEARBY_KM, round(values["km"])),
        "size": (values["size"] >= REASON_THRESHOLD, peer.members),
        "phase": (peer.phase_index == mine.phase_index, peer.phase_index),
        "initiative": (peer.initiative == mine.initiative, peer.initiative),
        "themes": (bool(shared_themes), shared_themes),
    }
    return tuple(
        Reason(code, value)
        for code, (holds, value) in checks.items()
        if holds and getattr(weights, code) > 0
    )


def top_peers(profiles: list[OfficeProfile], weights: Weights, k: int = 5) -> dict[int, list[Peer]]:
    """The `k` most similar other offices of every office, best first (ties: input order).

    >>> far = OfficeProfile(3, 900_000, 1, 6000, 53.2, 6.5, 80, 4, "gemeente", frozenset())
    >>> a = OfficeProfile(1, 50_000, 2, 1200, 52.0, 5.0, 20, 2, "pos", frozenset())
    >>> b = OfficeProfile(2, 50_000, 2, 1200, 52.0, 5.0, 20, 2, "pos", frozenset())
    >>> [p.office_id for p in top_peers([far, a, b], Weights(), k=1)[1]]
    [2]
    """
    if not profiles:
        return {}
    matrices = component_matrices(profiles)
    scores = similarity_matrix(matrices, weights)
    np.fill_diagonal(scores, -np.inf)
    n, k = len(profiles), min(k, len(profiles) - 1)
    # a stable sort on the negated scores keeps ties in input order, so results are repeatable
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    rows, cols = np.repeat(np.arange(n), k), order.ravel()
    # Pull the chosen pairs out in one go: indexing numpy element by element is slow.
    picked = {
        name: matrices[name][rows, cols].tolist()
        for name in ("population", "density", "size", "km")
    }
    picked_scores = scores[rows, cols].tolist()
    result = {profile.office_id: [] for profile in profiles}
    for at, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        values = {name: column[at] for name, column in picked.items()}
        reasons = reasons_for(values, profiles[i], profiles[j], weights)
        result[profiles[i].office_id].append(
            Peer(profiles[j].office_id, picked_scores[at], reasons)
        )
    return result


def round_population(population: int) -> int:
    """Round to two significant digits, for "~50.000 inwoners".

    >>> round_population(48_712), round_population(1_234), round_population(0)
    (49000, 1200, 0)
    """
    if population <= 0:
        return 0
    digits = int(math.floor(math.log10(population))) - 1
    return int(round(population, -digits)) if digits > 0 else population
