"""Agreement between two coders: Cohen's kappa, per code and over all codes.

Two researchers code the same answers (units) independently; kappa says how much more they
agree than chance would make them. For one unit and one code, each coder either gave the code
or did not, so each code gives a 2×2 table over the units both coders coded:

                 coder B: yes   coder B: no
    coder A: yes      a              b
    coder A: no       c              d

With n = a + b + c + d, the observed agreement is ``p_o = (a + d) / n``, the agreement
expected from the coders' own rates is ``p_e = ((a+b)(a+c) + (c+d)(b+d)) / n²``, and
``kappa = (p_o - p_e) / (1 - p_e)`` (Cohen 1960). `cohen_kappa` takes any categories, not only
yes/no: ``p_e`` is then the sum over categories of the product of both coders' shares.

Over all codes (`pooled_kappa`), the observed and expected agreements of the codes are
averaged first and kappa is computed once from the averages (De Vries et al. 2008, "Using
pooled kappa to summarize interrater agreement across many items"): a code that neither coder
ever uses then lowers no average on its own, and the result stays defined when some single
codes are not.

Kappa is *undefined* in two cases, and the result says why instead of dividing by zero:

- ``no_overlap``: the coders have no unit in common;
- ``no_variation``: expected agreement is 1 (both coders put every unit in one and the same
  category, for instance neither ever gave the code), so there is nothing chance could miss.

Worked example (Wikipedia, "Cohen's kappa"; 50 proposals read by two reviewers: 20 both yes,
5 only A, 10 only B, 15 both no): p_o = 35/50 = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa 0.4.

>>> pairs = [("ja", "ja")] * 20 + [("ja", "nee")] * 5 + [("nee", "ja")] * 10 + [("nee", "nee")] * 15
>>> result = cohen_kappa(pairs)
>>> result.kappa, result.observed, result.expected, result.units
(0.4, 0.7, 0.5, 50)
>>> cohen_kappa([]).reason
'no_overlap'
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

NO_OVERLAP = "no_overlap"
NO_VARIATION = "no_variation"


@dataclass(frozen=True)
class Kappa:
    """Cohen's kappa with what it was computed from; `kappa` is None when undefined.

    `reason` is ``no_overlap`` or ``no_variation`` when undefined, else None; `units` counts
    the units both coders coded.
    """

    kappa: float | None
    observed: float | None
    expected: float | None
    units: int
    reason: str | None = None

    @property
    def is_defined(self) -> bool:
        return self.kappa is not None


def _kappa(observed: float, expected: float, units: int) -> Kappa:
    # Rounded so that 0.7 stays 0.7 and an expected agreement of 0.9999999999 counts as 1.
    observed, expected = round(observed, 10), round(expected, 10)
    if expected >= 1.0:
        return Kappa(None, observed, expected, units, NO_VARIATION)
    return Kappa(round((observed - expected) / (1.0 - expected), 10), observed, expected, units)


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> Kappa:
    """Kappa for one categorical judgement: `pairs` holds (coder A's, coder B's) per unit.

    >>> cohen_kappa([(1, 1), (2, 2)]).kappa
    1.0
    >>> cohen_kappa([(1, 1), (1, 1)]).reason
    'no_variation'
    """
    pairs = list(pairs)
    units = len(pairs)
    if not units:
        return Kappa(None, None, None, 0, NO_OVERLAP)
    observed = sum(a == b for a, b in pairs) / units
    first = Counter(a for a, _b in pairs)
    second = Counter(b for _a, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / units**2
    return _kappa(observed, expected, units)


def code_pairs(
    coder_a: Mapping[Hashable, set], coder_b: Mapping[Hashable, set], code: Hashable
) -> list[tuple[bool, bool]]:
    """Presence of `code` per unit both coders coded: (A gave it, B gave it).

    `coder_a` and `coder_b` map each unit a coder coded to the codes they gave it.

    >>> code_pairs({1: {"x"}, 2: set(), 3: {"x"}}, {1: {"x"}, 2: {"x"}}, "x")
    [(True, True), (False, True)]
    """
    common = sorted(set(coder_a) & set(coder_b), key=str)
    return [(code in coder_a[unit], code in coder_b[unit]) for unit in common]


def kappa_per_code(
    coder_a: Mapping[Hashable, set], coder_b: Mapping[Hashable, set], codes: Sequence[Hashable]
) -> dict[Hashable, Kappa]:
    """Kappa for the presence or absence of each code, over the units both coders coded."""
    return {code: cohen_kappa(code_pairs(coder_a, coder_b, code)) for code in codes}


def pooled_kappa(per_code: Mapping[Hashable, Kappa]) -> Kappa:
    """One kappa over all codes: averaged observed and expected agreement (see the module).

    >>> unused = Kappa(None, 1.0, 1.0, 50, "no_variation")  # neither coder gave code y
    >>> pooled_kappa({"x": Kappa(0.4, 0.7, 0.5, 50), "y": unused})
    Kappa(kappa=0.4, observed=0.85, expected=0.75, units=50, reason=None)
    >>> pooled_kappa({}).reason
    'no_overlap'
    """
    tables = [k for k in per_code.values() if k.units]
    if not tables:
        return Kappa(None, None, None, 0, NO_OVERLAP)
    observed = sum(k.observed for k in tables) / len(tables)
    expected = sum(k.expected for k in tables) / len(tables)
    return _kappa(observed, expected, tables[0].units)
