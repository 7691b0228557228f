"""Disclosure control for research data: size bands and k-anonymity over public attributes.

Researchers see offices only under a pseudonym, described by a few attributes (size, initiative,
phase). Some of those are public as well: the public office pages and the map give every
office's exact member count and initiative, and any signed-in person sees each office's phase
on the municipality pages. Shown exactly, they let anyone put a name to a pseudonym ("the only
municipal initiative with 52 members"). So what researchers see is generalised first:

- **Sizes in bands**, never counts: ``< 10``, ``10–24``, ``25–49``, ``≥ 50`` (`size_band`).
- **k-anonymity** (Sweeney 2002) over the public attributes: every office must share what is
  shown about it with at least ``k - 1`` other offices of the same release, in every wave it
  appears in, so linking the release to the public data leaves at least ``k`` candidates.
  `k_anonymise` searches the few possible combinations of generalisation levels (each attribute
  has a ladder from its own value up to `SUPPRESSED`, see `Attribute`) and picks the least
  generalised one that reaches ``k``; offices that would need much more generalisation than
  the rest may instead have all their attributes suppressed, when they are few (at most
  `max_suppressed` of the offices) and together at least ``k`` (so the suppressed ones cannot be
  told apart from each other either).

The unit protected is the office, over all the waves of one release: an office's *key* is the
generalised attributes it shows in each wave, and the absence from a wave counts as part of the
key too (conservative: an attacker may know that an office did not exist yet).

>>> attributes = (SIZE, INITIATIVE, PHASE)
>>> offices = {
...     "a": {2025: {"size": 52, "initiative": "municipality", "phase": "executing"}},
...     "b": {2025: {"size": 12, "initiative": "entrepreneurs", "phase": "building"}},
...     "c": {2025: {"size": 14, "initiative": "entrepreneurs", "phase": "strategy"}},
...     "d": {2025: {"size": 30, "initiative": "pos", "phase": "embedded"}},
...     "e": {2025: {"size": 8, "initiative": "joint", "phase": "founded"}},
...     "f": {2025: {"size": 60, "initiative": "pos", "phase": "executing"}},
... }
>>> release = k_anonymise(offices, attributes, k=3)
>>> release.anonymous, release.levels
(True, {'size': 1, 'initiative': 1, 'phase': 1})
>>> release.shown("a", 2025)
{'size': '≥ 25', 'initiative': '*', 'phase': 'late'}
>>> release.shown("b", 2025)
{'size': '< 25', 'initiative': '*', 'phase': 'early'}
>>> min(release.class_sizes().values())
3
"""

import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

SUPPRESSED = "*"
ABSENT = "-"  # the office is not in this wave

# Member-count bands: (from, label); a count falls in the last band whose `from` it reaches.
SIZE_BANDS = ((0, "< 10"), (10, "10–24"), (25, "25–49"), (50, "≥ 50"))
# Two wider bands, the step before suppressing size altogether.
WIDE_SIZE_BANDS = ((0, "< 25"), (25, "≥ 25"))

EARLY_PHASES = frozenset({"founded", "building", "strategy"})
LATE_PHASES = frozenset({"executing", "embedded"})


def _band(count, bands) -> str:
    if count is None:
        return SUPPRESSED
    label = bands[0][1]
    for start, name in bands:
        if count >= start:
            label = name
    return label


def size_band(members: int | None) -> str:
    """The band of a member count; exact counts are never shown to researchers.

    >>> [size_band(n) for n in (0, 9, 10, 24, 25, 49, 50, 130)]
    ['< 10', '< 10', '10–24', '10–24', '25–49', '25–49', '≥ 50', '≥ 50']
    >>> size_band(None)
    '*'
    """
    return _band(members, SIZE_BANDS)


def wide_size_band(members: int | None) -> str:
    """
    >>> [wide_size_band(n) for n in (3, 24, 25, 80)]
    ['< 25', '< 25', '≥ 25', '≥ 25']
    """
    return _band(members, WIDE_SIZE_BANDS)


# Below this many, a count of people is shown as a band (`small_count`).
SMALL_COUNT_FROM = 5


def small_count(count: int, threshold: int = SMALL_COUNT_FROM) -> str:
    """A count of people shown to a party outside the office: exact from `threshold`, zero as
    zero (that nobody is there is no one's data), and anything in between as a band, so a
    count per office cannot point at one business.

    >>> [small_count(n) for n in (0, 1, 4, 5, 23)]
    ['0', '< 5', '< 5', '5', '23']
    """
    if count == 0 or count >= threshold:
        return str(count)
    return f"< {threshold}"


def phase_stage(phase: str | None) -> str:
    """Phases in two stages: ``early`` (founded, building a network, setting a strategy) and
    ``late`` (executing, embedded).

    >>> phase_stage("building"), phase_stage("embedded"), phase_stage(None)
    ('early', 'late', '*')
    """
    if phase in EARLY_PHASES:
        return "early"
    if phase in LATE_PHASES:
        return "late"
    return SUPPRESSED


def _keep(value):
    return SUPPRESSED if value in (None, "") else value


def _suppress(_value):
    return SUPPRESSED


@dataclass(frozen=True)
class Attribute:
    """An attribute researchers see, with its generalisation ladder.

    `ladder[0]` turns the raw value into the finest thing ever shown (a count into its band);
    each next step is coarser; the last one always gives `SUPPRESSED`.
    """

    name: str
    ladder: tuple[Callable[[object], Hashable], ...]

    def __post_init__(self):
        if not self.ladder or self.ladder[-1](None) != SUPPRESSED:
            raise ValueError(f"the ladder of {self.name} must end in suppression")

    @property
    def top(self) -> int:
        return len(self.ladder) - 1

    def at(self, level: int, value) -> Hashable:
        return self.ladder[level](value)

    def covers(self, shown, value) -> bool:
        """Whether `shown` (at any level) is consistent with the raw `value`: what an attacker
        who knows the raw value of every office can check.

        >>> SIZE.covers("≥ 25", 31), SIZE.covers("10–24", 31), SIZE.covers("*", 31)
        (True, False, True)
        """
        return any(step(value) == shown for step in self.ladder)


SIZE = Attribute("size", (size_band, wide_size_band, _suppress))
INITIATIVE = Attribute("initiative", (_keep, _suppress))
PHASE = Attribute("phase", (_keep, phase_stage, _suppress))

# An office's observations: {wave: {attribute name: raw value}}.
Observations = Mapping[Hashable, Mapping[str, object]]


@dataclass(frozen=True)
class Release:
    """The generalisation chosen for one release, and how to apply it."""

    attributes: tuple[Attribute, ...]
    levels: dict[str, int]
    suppressed: frozenset
    k: int
    anonymous: bool  # every office shares its key with at least k - 1 others
    records: Mapping[Hashable, Observations] = field(repr=False)

    def shown(self, subject: Hashable, wave: Hashable) -> dict[str, Hashable]:
        """What researchers see of one office in one wave: {attribute: generalised value}."""
        observation = self.records.get(subject, {}).get(wave)
        if observation is None or subject in self.suppressed:
            return {a.name: SUPPRESSED for a in self.attributes}
        return {a.name: a.at(self.levels[a.name], observation.get(a.name)) for a in self.attributes}

    def key(self, subject: Hashable, waves) -> tuple:
        hidden = subject in self.suppressed
        return _key(self.records[subject], waves, self.attributes, self.levels, hidden)

    def class_sizes(self) -> Counter:
        """How many offices share each key (the equivalence classes)."""
        waves = _waves(self.records)
        return Counter(self.key(subject, waves) for subject in self.records)


def _waves(records) -> list:
    return sorted({wave for observations in records.values() for wave in observations}, key=str)


def _key(observations, waves, attributes, levels, suppressed: bool) -> tuple:
    key = []
    for wave in waves:
        observation = observations.get(wave)
        if observation is None:
            key.append(ABSENT)
        elif suppressed:
            key.append(tuple(SUPPRESSED for _a in attributes))
        else:
            key.append(tuple(a.at(levels[a.name], observation.get(a.name)) for a in attributes))
    return tuple(key)


def _evaluate(records, waves, attributes, levels, k, budget):
    """(acceptable, suppressed, number of classes) for one combination of levels."""
    keys = {s: _key(obs, waves, attributes, levels, False) for s, obs in records.items()}
    sizes = Counter(keys.values())
    small = frozenset(s for s, key in keys.items() if sizes[key] < k)
    if small and len(small) > budget:
        return False, small, len(sizes)
    if small:
        keys.update({s: _key(records[s], waves, attributes, levels, True) for s in small})
        sizes = Counter(keys.values())
    return all(size >= k for size in sizes.values()), small, len(sizes)


def k_anonymise(
    records: Mapping[Hashable, Observations],
    attributes: tuple[Attribute, ...],
    *,
    k: int = 3,
    max_suppressed: float = 0.1,
) -> Release:
    """The least generalisation that makes every office share what is shown with k - 1 others.

    Every combination of levels is tried (a few dozen); among those that reach k, the one with
    the lowest total level wins, then the fewest suppressed offices, then the most classes, then
    the attribute listed first generalised least (deterministic). Suppressing whole offices is
    allowed for at most `max_suppressed` of them. When not even full suppression reaches k
    (fewer than k offices, or an office alone in its pattern of waves), every attribute is
    suppressed and `anonymous` is False: the caller should say so.

    >>> few = {"a": {1: {"size": 5}}, "b": {1: {"size": 40}}}
    >>> release = k_anonymise(few, (SIZE,), k=3)
    >>> release.anonymous, release.shown("a", 1)
    (False, {'size': '*'})
    """
    waves = _waves(records)
    budget = int(max_suppressed * len(records))
    best = None
    for combination in itertools.product(*(range(a.top + 1) for a in attributes)):
        levels = {a.name: level for a, level in zip(attributes, combination, strict=True)}
        acceptable, suppressed, classes = _evaluate(records, waves, attributes, levels, k, budget)
        if not acceptable:
            continue
        rank = (sum(combination), len(suppressed), -classes, combination)
        if best is None or rank < best[0]:
            best = (rank, levels, suppressed)
    if best is None:
        levels = {a.name: a.top for a in attributes}
        return Release(attributes, levels, frozenset(), k, False, records)
    _rank, levels, suppressed = best
    return Release(attributes, levels, frozenset(suppressed), k, True, records)
