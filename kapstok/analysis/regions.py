"""Regional clusters of offices: geographically compact groups of 3 to 8, in pure Python.

The report (5.2) suggests regional POS-kantoren. `propose_regions` groups offices by the
distance between their label points, in two steps:

1. **Complete-linkage agglomeration with a size cap.** Every office starts alone; repeatedly
   the two clusters whose *farthest* pair of offices is closest are merged, as long as the
   merged cluster has at most `max_size` offices and that farthest pair is at most
   `max_span_km` apart. Complete linkage keeps regions round instead of long chains.
2. **No region too small.** A cluster with fewer than `min_size` offices is dissolved and each
   of its offices joins the nearest cluster with room (nearest by its farthest member).
3. **Offices no region can take.** The offices left over when every cluster is full are split
   into as few regions as the size cap allows, of even size, each grown from the most remote
   office left by its nearest neighbours; they may span more than `max_span_km`, as such
   offices lie far from the rest. Fewer than `min_size` left over borrow the offices nearest
   to them from the nearest full region.

With the default sizes every region has 3 to 8 offices; only the span can be exceeded, and
only by offices that lie too far from the others to be placed within it.

With fewer than `min_size` offices in total there is one region with all of them. The result
is a list of regions (lists of office ids), largest first, each sorted.

Worked example: two towns of three offices 100 km apart, offices 5 km apart within a town:

>>> west = [Site(1, 52.0, 4.30), Site(2, 52.0, 4.37), Site(3, 52.04, 4.33)]
>>> east = [Site(4, 52.0, 5.76), Site(5, 52.0, 5.83), Site(6, 52.04, 5.79)]
>>> propose_regions(west + east)
[[1, 2, 3], [4, 5, 6]]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kapstok.analysis.similarity import pairwise_km

MIN_SIZE = 3
MAX_SIZE = 8
MAX_SPAN_KM = 80.0


@dataclass(frozen=True)
class Site:
    office_id: int
    lat: float
    lon: float


def _distances(sites: list[Site]) -> np.ndarray:
    return pairwise_km([s.lat for s in sites], [s.lon for s in sites])


def _agglomerate(km: np.ndarray, max_size: int, max_span_km: float) -> list[list[int]]:
    """Complete-linkage merging under the size and span caps; returns clusters of indexes."""
    n = len(km)
    linkage = km.copy()
    np.fill_diagonal(linkage, np.inf)
    members = {i: [i] for i in range(n)}
    size = np.ones(n)
    while True:
        allowed = np.where(size[:, None] + size[None, :] <= max_size, linkage, np.inf)
        i, j = np.unravel_index(np.argmin(allowed), allowed.shape)
        if not np.isfinite(allowed[i, j]) or allowed[i, j] > max_span_km:
            break
        # Lance-Williams for complete linkage: distance to the merged cluster is the maximum
        merged = np.maximum(linkage[i], linkage[j])
        linkage[i], linkage[:, i] = merged, merged
        linkage[i, i] = np.inf
        linkage[j], linkage[:, j] = np.inf, np.inf
        members[i] += members.pop(j)
        size[i], size[j] = size[i] + size[j], np.inf  # inf: j never fits anywhere again
    return list(members.values())


def _absorb_small(
    clusters: list[list[int]], km: np.ndarray, min_size: int, max_size: int
) -> list[list[int]]:
    """Dissolve clusters under `min_size`; their offices join the nearest cluster with room."""
    big = [list(c) for c in clusters if len(c) >= min_size]
    loose = sorted(i for c in clusters if len(c) < min_size for i in c)
    leftover = []
    for i in loose:
        candidates = [c for c in big if len(c) < max_size]
        if not candidates:
            leftover.append(i)
            continue
        nearest = min(candidates, key=lambda c: km[i, c].max())
        nearest.append(i)
    if len(leftover) >= min_size or not big:
        big.extend(_split_evenly(leftover, km, max_size))
    elif leftover:
        _borrow(leftover, big, km, min_size)
    return big


def _split_evenly(offices: list[int], km: np.ndarray, max_size: int) -> list[list[int]]:
    """Split offices into as few groups of at most `max_size` as possible, of even size; each
    group is the most remote office left (largest summed distance) with its nearest ones."""
    if not offices:
        return []
    count = -(-len(offices) // max_size)  # ceiling
    base, extra = divmod(len(offices), count)
    remaining = list(offices)
    groups = []
    for g in range(count):
        size = base + (1 if g < extra else 0)
        seed = max(remaining, key=lambda i: (km[i, remaining].sum(), -i))
        group = sorted(remaining, key=lambda j: (km[seed, j], j))[:size]
        remaining = [i for i in remaining if i not in group]
        groups.append(group)
    return groups


def _borrow(leftover: list[int], big: list[list[int]], km: np.ndarray, min_size: int) -> None:
    """Too few left over to stand alone while every region is full: they take the offices
    nearest to them from the nearest region, when it keeps `min_size`; else they join it."""
    nearest = min(big, key=lambda c: km[np.ix_(leftover, c)].max())
    need = min_size - len(leftover)
    if len(nearest) - need < min_size:
        nearest.extend(leftover)  # only with max_size < min_size + need: better too big than alone
        return
    borrowed = sorted(nearest, key=lambda j: (km[j, leftover].max(), j))[:need]
    for j in borrowed:
        nearest.remove(j)
    big.append(leftover + borrowed)


def propose_regions(
    sites: list[Site],
    min_size: int = MIN_SIZE,
    max_size: int = MAX_SIZE,
    max_span_km: float = MAX_SPAN_KM,
) -> list[list[int]]:
    """Group offices into compact regions of `min_size` to `max_size` (see the module doc).

    >>> propose_regions([Site(1, 52.0, 5.0), Site(2, 52.1, 5.0)])
    [[1, 2]]
    >>> propose_regions([])
    []
    """
    if min_size < 2 or max_size < min_size:
        raise ValueError("need 2 <= min_size <= max_size")
    if len(sites) < min_size:
        return [sorted(s.office_id for s in sites)] if sites else []
    km = _distances(sites)
    clusters = _agglomerate(km, max_size, max_span_km)
    clusters = _absorb_small(clusters, km, min_size, max_size)
    regions = [sorted(sites[i].office_id for i in cluster) for cluster in clusters]
    return sorted(regions, key=lambda region: (-len(region), region[0]))


def region_problems(regions: dict[str, list[int]]) -> list[tuple[str, str]]:
    """What is wrong with regions people made: (region name, 'single') for a one-office region,
    (name, 'duplicate:<office id>') for an office in two regions.

    >>> region_problems({"Noord": [1, 2, 3], "Zuid": [4], "Oost": [3, 5]})
    [('Zuid', 'single'), ('Oost', 'duplicate:3')]
    """
    problems, seen = [], set()
    for name, office_ids in regions.items():
        if len(office_ids) == 1:
            problems.append((name, "single"))
        for office_id in office_ids:
            if office_id in seen:
                problems.append((name, f"duplicate:{office_id}"))
            seen.add(office_id)
    return problems
