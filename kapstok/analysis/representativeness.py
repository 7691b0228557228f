"""Representativeness: how closely an office's members mirror the local sport businesses.

The report (ch. 3.2) finds that offices are no mirror ("afspiegeling") of local commercial
sport: small fitness, dance and yoga providers joined, racket sports, equestrian, golf, swimming
and the big chains did not. To make that gap visible we compare two branch mixes:

- m_b: the members in branch b, M = Σ m_b;
- l_b: the businesses of the landscape (the imported KvK export) in branch b, L = Σ l_b.

The *index of dissimilarity* (Duncan & Duncan, 1955) is D = ½ Σ_b |m_b/M − l_b/L|: the share of
members that would have to change branch for both mixes to be equal. The representativeness
index is 1 − D: 1 is a perfect mirror, 0 means no overlap at all.

Conventions, chosen so every office gets a figure that means something:

- an empty landscape (L = 0) gives no index (None): there is nothing to mirror;
- no members (M = 0) gives 0.0: an office without members represents nobody; adding the first
  member in branch b then gives exactly l_b / L, so "who to approach next" still works;
- a branch that is empty on one side still counts (a member in a branch with no local business
  pulls the index down, like a missing branch does); a branch empty on both sides adds nothing.

Members may belong to several branches; callers pass weights (1/k per branch for a member with
k branches) so each business weighs one. Everything here is pure Python on plain mappings.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Counts = Mapping[str, float]


def dissimilarity(members: Counts, landscape: Counts) -> float | None:
    """D = ½ Σ_b |m_b/M − l_b/L|, or None when the landscape is empty.

    >>> round(dissimilarity({"fitness": 3, "dans": 1}, {"fitness": 4, "dans": 2, "padel": 4}), 4)
    0.4
    """
    total_landscape = sum(landscape.values())
    if total_landscape <= 0:
        return None
    total_members = sum(members.values())
    if total_members <= 0:
        return 1.0
    branches = set(members) | set(landscape)
    return 0.5 * sum(
        abs(members.get(b, 0) / total_members - landscape.get(b, 0) / total_landscape)
        for b in branches
    )


def representativeness_index(members: Counts, landscape: Counts) -> float | None:
    """1 − D: how well the members mirror the landscape (1 = perfect mirror).

    A worked example: 4 members (3 fitness, 1 dance) against 10 local businesses (4 fitness,
    2 dance, 4 padel). Shares: fitness .75 vs .40, dance .25 vs .20, padel 0 vs .40; the
    differences add up to .35 + .05 + .40 = .80, half of that is D = .40, so the index is .60.

    >>> round(representativeness_index({"fitness": 3, "dans": 1},
    ...                                {"fitness": 4, "dans": 2, "padel": 4}), 4)
    0.6

    Empty branches: a member in yoga where the landscape has no yoga studio counts as much as
    a missing branch (yoga .5 vs 0, fitness .5 vs 1: D = .5); golf, empty on both sides,
    changes nothing.

    >>> representativeness_index({"yoga-pilates": 1, "fitness": 1, "golf": 0}, {"fitness": 2})
    0.5

    A perfect mirror, an office without members, and an empty landscape:

    >>> representativeness_index({"fitness": 2, "padel": 1}, {"fitness": 20, "padel": 10})
    1.0
    >>> representativeness_index({}, {"fitness": 5})
    0.0
    >>> representativeness_index({"fitness": 5}, {}) is None
    True
    """
    d = dissimilarity(members, landscape)
    return None if d is None else 1.0 - d


def index_gains(members: Counts, landscape: Counts) -> dict[str, float]:
    """How much the index changes if one more business of each landscape branch joins.

    This ranks "wie nu benaderen": a prospect in a missing branch raises the index, one more
    fitness studio in an office full of them does not (here: padel +.20, dance and fitness 0).
    Gains are rounded to 9 decimals so that equal gains compare equal (they often are: D only
    counts the members in over-represented branches; see `shortfalls` for the tie-break).

    >>> gains = index_gains({"fitness": 3, "dans": 1}, {"fitness": 4, "dans": 2, "padel": 4})
    >>> {b: round(g, 3) for b, g in sorted(gains.items())}
    {'dans': 0.0, 'fitness': 0.0, 'padel': 0.2}
    >>> index_gains({}, {"padel": 1, "golf": 3})
    {'padel': 0.25, 'golf': 0.75}
    >>> index_gains({"fitness": 1}, {})
    {}
    """
    now = representativeness_index(members, landscape)
    if now is None:
        return {}
    gains = {}
    for branch, count in landscape.items():
        if count <= 0:
            continue
        after = dict(members)
        after[branch] = after.get(branch, 0) + 1
        gains[branch] = round(representativeness_index(after, landscape) - now, 9)
    return gains


def shortfalls(members: Counts, landscape: Counts) -> dict[str, float]:
    """How far each landscape branch's share among the members falls below its local share.

    The tie-break between prospects with equal gains: one more padel centre and one more golf
    course raise the index equally while both are under-represented, but padel, missing more,
    goes first.

    >>> shortfalls({"fitness": 5}, {"fitness": 5, "padel": 3, "golf": 2})
    {'fitness': 0.0, 'padel': 0.3, 'golf': 0.2}
    """
    total_l = sum(landscape.values())
    total_m = sum(members.values())
    if total_l <= 0:
        return {}
    return {
        branch: round(
            max(0.0, count / total_l - (members.get(branch, 0) / total_m if total_m else 0)), 9
        )
        for branch, count in landscape.items()
        if count > 0
    }


def _best_next(counts: dict, landscape: Counts, total_l: float, left: Mapping[str, int]) -> str:
    """The branch of `left` whose next member lowers D most (see `approach_order`).

    D is rounded before comparing: equal gains must tie exactly, whatever order the floats
    were added in, so that the shortfall (then the name) decides, the same on every run.
    """
    total_m = sum(counts.values()) + 1
    base = {b: counts[b] / total_m - landscape.get(b, 0) / total_l for b in sorted(counts)}
    spread = sum(abs(v) for v in base.values())

    def key(b: str) -> tuple[float, float, str]:
        after = spread - abs(base[b]) + abs(base[b] + 1 / total_m)
        return (round(after, 9), round(base[b], 9), b)

    return min(left, key=key)


def approach_order(
    members: Counts, landscape: Counts, available: Mapping[str, int], limit: int | None = None
) -> list[str]:
    """The order in which to approach prospects, as branch slugs: "wie nu benaderen".

    Greedy: at each step, the branch whose next prospect would raise the index most if they
    joined, *given that the ones before them joined too*; ties go to the branch that falls
    short most, then alphabetically. So the list mixes branches (the second padel centre
    comes after the first golf course) instead of listing twenty stables before any padel.
    `available` says how many prospects each branch has; the result is as long as their sum,
    or `limit` when only the first few are wanted (each step depends only on those before it).

    >>> approach_order({"fitness": 5}, {"fitness": 5, "padel": 3, "golf": 2},
    ...                {"padel": 2, "golf": 2, "fitness": 1})
    ['padel', 'golf', 'padel', 'golf', 'fitness']
    >>> approach_order({"fitness": 5}, {"fitness": 5, "padel": 3, "golf": 2},
    ...                {"padel": 2, "golf": 2, "fitness": 1}, limit=2)
    ['padel', 'golf']

    Each step only needs one pass over the branches: with base_c = m_c/(M+1) − l_c/L, adding
    a member to b gives 2·D = Σ|base_c| − |base_b| + |base_b + 1/(M+1)|.
    """
    total_l = sum(landscape.values())
    counts = {b: float(members.get(b, 0)) for b in set(members) | set(landscape)}
    left = {b: n for b, n in available.items() if n > 0 and b in counts}
    order: list[str] = []
    while left and total_l > 0 and (limit is None or len(order) < limit):
        best = _best_next(counts, landscape, total_l, left)
        order.append(best)
        counts[best] += 1
        left[best] -= 1
        if not left[best]:
            del left[best]
    return order


@dataclass(frozen=True)
class MemberPeriod:
    """One membership: active on `joined <= day < left`, weighing `weights` per branch."""

    joined: datetime.date
    left: datetime.date | None
    weights: Mapping[str, float]


def member_weights(branch_sets: Iterable[Iterable[str]]) -> dict[str, float]:
    """Branch weights of members: a member with k branches counts 1/k in each.

    >>> member_weights([["fitness"], ["fitness", "yoga-pilates"]])
    {'fitness': 1.5, 'yoga-pilates': 0.5}
    """
    weights: dict[str, float] = {}
    for branches in branch_sets:
        branches = list(branches)
        for branch in branches:
            weights[branch] = weights.get(branch, 0.0) + 1 / len(branches)
    return weights


def index_series(
    periods: Iterable[MemberPeriod], landscape: Counts, days: Iterable[datetime.date]
) -> list[tuple[datetime.date, float | None]]:
    """The index on each day, from the membership history against today's landscape.

    The landscape is a snapshot (the last import), so the series answers "how well did our
    members on that day mirror the businesses here now?".

    >>> d = datetime.date
    >>> periods = [MemberPeriod(d(2024, 1, 1), None, {"fitness": 1}),
    ...            MemberPeriod(d(2024, 3, 1), None, {"padel": 1})]
    >>> [(str(day), index) for day, index in
    ...  index_series(periods, {"fitness": 1, "padel": 1}, [d(2023, 12, 1), d(2024, 2, 1),
    ...                                                     d(2024, 4, 1)])]
    [('2023-12-01', 0.0), ('2024-02-01', 0.5), ('2024-04-01', 1.0)]
    """
    periods = list(periods)
    series = []
    for day in days:
        weights: dict[str, float] = {}
        for period in periods:
            if period.joined <= day and (period.left is None or period.left > day):
                for branch, weight in period.weights.items():
                    weights[branch] = weights.get(branch, 0.0) + weight
        series.append((day, representativeness_index(weights, landscape)))
    return series


@dataclass(frozen=True)
class BranchCoverage:
    """One row of the coverage table; `coverage` is None when the landscape has no business."""

    branch: str
    members: int
    landscape: int
    covered: int
    coverage: float | None


def coverage_rows(
    members: Mapping[str, int], landscape: Mapping[str, int], covered: Mapping[str, int]
) -> list[BranchCoverage]:
    """Per branch: members, businesses in the landscape, those of them that are members, and
    the coverage (covered / landscape). Branches in neither are left out; order is by the
    number of businesses not yet a member, largest gap first.

    >>> rows = coverage_rows({"fitness": 3, "yoga-pilates": 1}, {"fitness": 4, "padel": 5},
    ...                      {"fitness": 3})
    >>> [(r.branch, r.members, r.landscape, r.covered, r.coverage) for r in rows]
    [('padel', 0, 5, 0, 0.0), ('fitness', 3, 4, 3, 0.75), ('yoga-pilates', 1, 0, 0, None)]
    """
    rows = []
    for branch in set(members) | set(landscape):
        in_landscape = landscape.get(branch, 0)
        hit = min(covered.get(branch, 0), in_landscape)
        rows.append(
            BranchCoverage(
                branch=branch,
                members=members.get(branch, 0),
                landscape=in_landscape,
                covered=hit,
                coverage=hit / in_landscape if in_landscape else None,
            )
        )
    rows.sort(key=lambda r: (-(r.landscape - r.covered), -r.landscape, r.branch))
    return rows


@dataclass(frozen=True)
class BranchGap:
    """A branch across the country: how far it falls short, on average, per office."""

    branch: str
    landscape: int
    covered: int
    shortfall: float  # mean over offices of max(0, l_b/L − m_b/M)

    @property
    def missing(self) -> int:
        return self.landscape - self.covered


@dataclass(frozen=True)
class OfficeMix:
    """What `national_gaps` needs of one office: its member weights, landscape and covered."""

    members: Counts
    landscape: Mapping[str, int]
    covered: Mapping[str, int]


def national_gaps(offices: Iterable[OfficeMix]) -> list[BranchGap]:
    """The branches missing most across the country, for the branch organisations.

    The shortfall of a branch in one office is how much its share among the members falls
    below its share in the landscape (never negative); averaged over the offices with a
    landscape, it weighs both how big a branch is locally and how rarely it joins.

    >>> gaps = national_gaps([
    ...     OfficeMix({"fitness": 2}, {"fitness": 2, "padel": 2}, {"fitness": 2}),
    ...     OfficeMix({"fitness": 1, "padel": 1}, {"fitness": 1, "padel": 1}, {"fitness": 1,
    ...                                                                      "padel": 1}),
    ... ])
    >>> [(g.branch, g.landscape, g.covered, g.missing, g.shortfall) for g in gaps]
    [('padel', 3, 1, 2, 0.25), ('fitness', 3, 3, 0, 0.0)]
    """
    offices = [o for o in offices if sum(o.landscape.values()) > 0]
    landscape: dict[str, int] = {}
    covered: dict[str, int] = {}
    shortfall: dict[str, float] = {}
    for office in offices:
        total_l = sum(office.landscape.values())
        total_m = sum(office.members.values())
        for branch, count in office.landscape.items():
            landscape[branch] = landscape.get(branch, 0) + count
            covered[branch] = covered.get(branch, 0) + office.covered.get(branch, 0)
            member_share = office.members.get(branch, 0) / total_m if total_m else 0.0
            short = max(0.0, count / total_l - member_share)
            shortfall[branch] = shortfall.get(branch, 0.0) + short
    gaps = [BranchGap(b, landscape[b], covered[b], shortfall[b] / len(offices)) for b in landscape]
    # Rounded, so that equal shortfalls tie whatever order the floats were added in (as the
    # precomputed figures add them in SQL): then the most businesses missing go first.
    gaps.sort(key=lambda g: (-round(g.shortfall, 9), -g.missing, g.branch))
    return gaps
