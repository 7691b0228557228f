"""Linking landscape rows to the office's own members.

Only the office's current members are candidates (`known_members`): the lead sees them in full
anyway, while linking a row to any other business Kapstok knows would tell the lead that it
does, and show its stored name, which belongs to that business and the offices it is a member
of. Coverage needs no more: a row counts as covered only by a current member of the office.

1. *Exactly* by KvK number: the same KvK + establishment number, or the same KvK number when
   one side has no establishment number and there is only one establishment to pick.
   This link is made at once: a KvK number identifies a business.
2. Otherwise a *suggestion* by name and place: names are compared (rapidfuzz, on sorted words,
   without the place name that many trade names carry) only with entrepreneurs in the same
   municipality. A score of at least `FUZZY_THRESHOLD` is stored as a suggestion for the lead
   to confirm or reject; it is never linked automatically, and below the threshold nothing is
   suggested. A suggestion the lead rejected is not made again.
"""

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from kapstok.analysis.branch_inference import normalise

from .importer import ParsedRow

FUZZY_THRESHOLD = 90
CHUNK = 4000  # rows compared at once; the score matrix is CHUNK × candidates bytes


@dataclass(frozen=True)
class Known:
    """An entrepreneur as matching needs it."""

    id: int
    kvk_number: str
    establishment_number: str
    name: str
    municipality_id: int
    is_chain: bool


def known_members(office_id: int) -> list[Known]:
    """The office's current members, the only entrepreneurs an import links or suggests."""
    from kapstok.network.models import Entrepreneur, Membership

    fields = ("id", "kvk_number", "establishment_number", "business_name", "municipality_id")
    members = Membership.objects.current().filter(office_id=office_id).values("entrepreneur_id")
    rows = Entrepreneur.objects.filter(pk__in=members).values_list(*fields, "is_chain")
    return [Known(*row) for row in rows]


def match_exact(rows: list[ParsedRow], known: list[Known]) -> set[int]:
    """Link rows to entrepreneurs by KvK number; returns the ids that were linked."""
    by_key = {(k.kvk_number, k.establishment_number): k for k in known}
    by_kvk: dict[str, list[Known]] = defaultdict(list)
    for k in known:
        by_kvk[k.kvk_number].append(k)
    rows_per_kvk = defaultdict(int)
    for row in rows:
        rows_per_kvk[row.kvk_number] += 1
    linked = set()
    for row in rows:
        hit = by_key.get(row.key)
        if hit is None and rows_per_kvk[row.kvk_number] == 1:
            same = by_kvk.get(row.kvk_number, [])
            loose = [k for k in same if not k.establishment_number or not row.establishment_number]
            hit = loose[0] if len(same) == 1 and loose else None
        if hit is not None:
            row.entrepreneur_id, row.match_kind = hit.id, "kvk"
            row.is_chain = row.is_chain or hit.is_chain
            linked.add(hit.id)
    return linked


LEGAL_FORMS = re.compile(r"\b(b v|v o f|c v|n v|bv|vof|cv|nv)\b")


def comparable(name: str, places: Iterable[str] = ()) -> tuple[str, str]:
    """Two forms of a name for comparison, without place names and legal forms: its words
    sorted (for "Domstad Padel" vs "Padel Domstad") and glued together (for "Padel Centrum"
    vs "Padelcentrum"). The score of a pair is the better of the two.

    >>> comparable("Padel Centrum Vonk Deventer B.V.", ["Deventer"])
    ('centrum padel vonk', 'padelcentrumvonk')
    """
    drop = {word for place in places for word in _place_words(place)}
    words = [w for w in LEGAL_FORMS.sub(" ", normalise(name)).split() if w not in drop]
    return " ".join(sorted(words)), "".join(words)


@functools.lru_cache(maxsize=1024)
def _place_words(place: str) -> tuple[str, ...]:
    """The words of a place name; a file names the same few places on every line."""
    return tuple(normalise(place).split())


def suggest(
    rows: list[ParsedRow],
    known: list[Known],
    *,
    taken: set[int],
    place_names: dict[int, str],
    rejected: dict[tuple[str, str], int] | None = None,
    threshold: int = FUZZY_THRESHOLD,
) -> int:
    """Store a suggestion on each unlinked row whose name is close enough; returns how many."""
    rejected = rejected or {}
    candidates: dict[int, list[Known]] = defaultdict(list)
    for k in known:
        if k.id not in taken:
            candidates[k.municipality_id].append(k)
    open_rows: dict[int, list[ParsedRow]] = defaultdict(list)
    for row in rows:
        if row.entrepreneur_id is None and candidates.get(row.municipality_id):
            open_rows[row.municipality_id].append(row)
    made = 0
    for municipality_id, group in open_rows.items():
        made += _suggest_in(
            group,
            candidates[municipality_id],
            place_names.get(municipality_id, ""),
            rejected,
            threshold,
        )
    return made


def _scores(queries: list[tuple[str, str]], choices: list[tuple[str, str]], threshold: int):
    """Scores 0–100 (0 below the threshold) of every query against every choice."""
    sorted_words = process.cdist(
        [q[0] for q in queries], [c[0] for c in choices],
        scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=-1,
    )  # fmt: skip
    glued = process.cdist(
        [q[1] for q in queries], [c[1] for c in choices],
        scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=-1,
    )  # fmt: skip
    return np.maximum(sorted_words, glued)


def _suggest_in(rows, candidates, municipality_name, rejected, threshold) -> int:
    choices = [comparable(k.name, [municipality_name]) for k in candidates]
    made = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        queries = [comparable(row.trade_name, [municipality_name, row.place]) for row in chunk]
        scores = _scores(queries, choices, threshold)
        best = scores.argmax(axis=1)
        for row, column, score in zip(
            chunk, best, scores[np.arange(len(chunk)), best], strict=True
        ):
            candidate = candidates[int(column)]
            if score >= threshold and rejected.get(row.key) != candidate.id:
                row.suggested_id, row.suggestion_score = candidate.id, float(score)
                made += 1
    return made
