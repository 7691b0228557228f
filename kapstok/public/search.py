"""Finding an office by a name someone types: tolerant of typos and of Dutch naming habits.

Pure Python (no Django), so it is unit-tested without a database. The public home page calls
`rank` with the names of municipalities and offices; `selectors.search` turns the hits back into
offices.

Why more than a fuzzy match: CBS writes municipalities as nobody types them. "'s-Gravenhage" is
"Den Haag" to everyone, "Bergen (NH.)" is typed "Bergen NH", "Bergen Noord-Holland" or just
"Bergen", and Frisian names carry accents few keyboards make. So every name gets *variants*
(`variants_of`): a normalised form, the form without the province suffix, the suffix spelled
out, and the everyday names from `EVERYDAY_NAMES`. The query is normalised the same way and
scored against every variant with rapidfuzz's `WRatio` (a weighted mix of whole-string,
partial and token-order-insensitive ratios, 0–100); the best variant counts for its name.

>>> normalise("'s-Gravenhage")
's gravenhage'
>>> normalise("Súdwest-Fryslân")
'sudwest fryslan'
>>> sorted(variants_of("Bergen (NH.)"))
['bergen', 'bergen nh', 'bergen noord holland']
>>> [hit.key for hit in rank("den haag", {"GM0518": "'s-Gravenhage", "GM0363": "Amsterdam"})]
['GM0518']
>>> [hit.key for hit in rank("Amsterdm", {"GM0518": "'s-Gravenhage", "GM0363": "Amsterdam"})]
['GM0363']
"""

import functools
import math
import re
import unicodedata
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Below this score a name is not shown: "Utreht" → "Utrecht" scores about 92, while an
# unrelated name of similar length stays under 60.
MIN_SCORE = 78
# Queries shorter than this match too much to be useful ("a" is in every name).
MIN_QUERY_LENGTH = 2
# A hit this far below the best one is noise: "Den Haag" also half-matches "Alphen aan den Rijn"
# (85) through the word "den", which nobody wants under the exact hit (100).
MAX_BELOW_BEST = 10

# CBS adds a province to names that occur twice: "Bergen (NH.)", "Hengelo (O.)".
PROVINCE_ABBREVIATIONS = {
    "nh": "noord holland",
    "zh": "zuid holland",
    "nb": "noord brabant",
    "l": "limburg",
    "o": "overijssel",
    "z": "zeeland",
    "u": "utrecht",
    "gld": "gelderland",
    "gr": "groningen",
    "fr": "friesland",
    "dr": "drenthe",
    "fl": "flevoland",
}

# Official name → names people use. Keys are written as CBS writes them.
EVERYDAY_NAMES = {
    "'s-Gravenhage": ("Den Haag", "The Hague", "Haag"),
    "'s-Hertogenbosch": ("Den Bosch", "Hertogenbosch"),
    "Súdwest-Fryslân": ("Zuidwest-Friesland",),
    "Noardeast-Fryslân": ("Noordoost-Friesland",),
    "De Fryske Marren": ("De Friese Meren",),
    "Tytsjerksteradiel": ("Tietjerksteradeel",),
    "Dantumadiel": ("Dantumadeel",),
    "Nuenen, Gerwen en Nederwetten": ("Nuenen",),
    "Utrechtse Heuvelrug": ("Heuvelrug",),
}

_SUFFIX = re.compile(r"\s*\(([a-z.\s]+)\)\s*$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, single spaces: the form that is compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", plain).strip()


@functools.lru_cache(maxsize=4096)
def variants_of(name: str) -> frozenset[str]:
    """Every normalised form under which a name should be found (see the module docstring).

    Cached: the same few hundred names are searched on every request.
    """
    forms = {normalise(name)}
    suffix = _SUFFIX.search(name)
    if suffix:
        base = normalise(name[: suffix.start()])
        abbreviation = normalise(suffix.group(1)).replace(" ", "")
        forms |= {base, f"{base} {abbreviation}"}
        if abbreviation in PROVINCE_ABBREVIATIONS:
            forms.add(f"{base} {PROVINCE_ABBREVIATIONS[abbreviation]}")
    for everyday in EVERYDAY_NAMES.get(name, ()):
        forms.add(normalise(everyday))
    forms.discard("")
    return frozenset(forms)


@dataclass(frozen=True)
class Hit:
    key: Hashable
    name: str
    score: float


def rank(query: str, names: Mapping[Hashable, str], limit: int = 10) -> list[Hit]:
    """The names that match a query best, best first; ties are broken by name.

    `names` maps any key (a CBS code, an office id) to the name as displayed. A name is kept
    when it scores at least `MIN_SCORE` and at most `MAX_BELOW_BEST` under the best name.
    """
    wanted = normalise(query)
    if len(wanted) < MIN_QUERY_LENGTH:
        return []
    choices: list[str] = []
    owners: list[Hashable] = []
    for key, name in names.items():
        for variant in variants_of(name):
            choices.append(variant)
            owners.append(key)
    matches = process.extract(
        wanted, choices, scorer=fuzz.WRatio, score_cutoff=MIN_SCORE, limit=None
    )
    best: dict[Hashable, float] = {}
    for _choice, score, index in matches:
        key = owners[index]
        best[key] = max(score, best.get(key, 0))
    top = max(best.values(), default=0)
    hits = [
        Hit(key, names[key], round(score, 1))
        for key, score in best.items()
        if score >= top - MAX_BELOW_BEST
    ]
    hits.sort(key=lambda hit: (-hit.score, hit.name))
    return hits[:limit]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in kilometres.

    >>> round(distance_km((52.09, 5.12), (52.37, 4.89)))  # Utrecht – Amsterdam
    35
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def nearest(
    origin: tuple[float, float], points: Mapping[Hashable, tuple[float, float]], count: int = 3
) -> list[tuple[Hashable, float]]:
    """The `count` keys whose points lie closest to `origin`, with their distance in km.

    >>> nearest((52.0, 5.0), {"a": (52.0, 5.5), "b": (52.0, 5.1), "c": (53.0, 5.0)}, count=2)
    [('b', 6.8), ('a', 34.2)]
    """
    distances = [(key, round(distance_km(origin, point), 1)) for key, point in points.items()]
    distances.sort(key=lambda pair: (pair[1], str(pair[0])))
    return distances[:count]
