"""The certainty shown beside a proposed placement: calibrated, capped, and put into words.

The classifier's probability for a card's best theme (`clustering.ThemeClassifier`) orders
cards well but runs high on cards in entrepreneurs' own words: on the frozen evaluation set
(docs/analysis.md) cards shown "zekerheid 100%" were wrong. So the confidence shown is a
*calibrated* estimate of how often such a placement is right, learnt from held-out cards whose
theme is known (cross-validated; see `evaluation.calibration_rows`), never from the cards it
is judged on.

Model (Platt scaling with one extra feature, `ConfidenceMap`; one per regime, with confirmed
examples or with the catalogue alone, `ConfidenceMaps`)::

    confidence = min(CAP, σ(a + b · logit(p) + c · novelty))

with `p` the classifier's probability for the card's best theme and `novelty` the share of
the card's words that no catalogue text or example uses (`clustering.NewVocabulary`): the
development cards showed that a card in words the catalogue never uses is placed right far
less often at the same `p`. `b ≥ 0` and `c ≤ 0` are enforced when fitting, so the map is
monotone: a higher probability never lowers the confidence, more unknown words never raise
it. The result is capped at `CAP` (0.97): no card is ever shown as 100% certain.

Cards placed in a *new* theme (or in "Overig") are suggestions to check, not placements in a
known theme; they get at most `NEW_THEME_CAP`, so they always read "twijfel".

Words (`certainty`): "zeker" from `SURE`, "waarschijnlijk" from `LIKELY`, else "twijfel".
Each band's measured meaning ("9 van de 10 kaarten met dit label staan goed") is the share
right among the held-out cards of that band when the map was fitted, stored with the map
(`data/confidence_map.json`) and refitted with it: `manage.py cluster_cards --fit-confidence`.

>>> m = ConfidenceMap(intercept=0.0, probability=1.0, novelty=-1.0)
>>> m.apply([0.5, 0.9, 0.9, 0.9999], [0.0, 0.0, 1.0, 0.0]).round(3).tolist()
[0.5, 0.9, 0.768, 0.97]
>>> certainty(0.9).word, certainty(0.6).word, certainty(0.2).word
('zeker', 'waarschijnlijk', 'twijfel')
"""

import functools
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

CAP = 0.97  # never shown as 100% certain
NEW_THEME_CAP = 0.3  # a card in a new theme is always one to check
SURE = 0.8
LIKELY = 0.5
BINS = 10
MAP_PATH = Path(__file__).parent / "data" / "confidence_map.json"

SURE_WORD, LIKELY_WORD, DOUBT_WORD = "zeker", "waarschijnlijk", "twijfel"


def _logit(p) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


@dataclass(frozen=True)
class Band:
    """One certainty word and what it meant on the held-out cards the map was fitted on."""

    word: str
    low: float  # confidences from `low` (inclusive) up to the next band's low
    cards: int = 0
    right: int = 0

    @property
    def share_right(self) -> float | None:
        return self.right / self.cards if self.cards else None

    @property
    def in_ten(self) -> int | None:
        """The share right as "n of 10", rounded; None when no card fell in the band."""
        share = self.share_right
        return None if share is None else int(round(10 * share))


@dataclass(frozen=True)
class ConfidenceMap:
    """``min(CAP, σ(intercept + probability·logit(p) + novelty·novelty))``; see the module."""

    intercept: float
    probability: float
    novelty: float

    def apply(self, probability: Sequence[float], novelty: Sequence[float]) -> np.ndarray:
        z = self.intercept + self.probability * _logit(probability)
        z = z + self.novelty * np.asarray(novelty, dtype=float)
        return np.minimum(CAP, 1.0 / (1.0 + np.exp(-z)))


IDENTITY = ConfidenceMap(intercept=0.0, probability=1.0, novelty=0.0)
DEFAULT_BANDS = (Band(SURE_WORD, SURE), Band(LIKELY_WORD, LIKELY), Band(DOUBT_WORD, 0.0))


@dataclass(frozen=True)
class ConfidenceMaps:
    """One map per regime, as the classifier's own probabilities differ between them: with
    confirmed examples (its temperature fitted on them) and with the catalogue alone (fitted
    on the catalogue's tidy texts, so sharper). `bands` are measured on both together."""

    with_examples: ConfidenceMap
    catalogue_only: ConfidenceMap
    bands: tuple[Band, ...] = DEFAULT_BANDS
    fitted_on: str = ""

    def for_regime(self, with_examples: bool) -> ConfidenceMap:
        return self.with_examples if with_examples else self.catalogue_only

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "ConfidenceMaps":
        data = json.loads(text)
        return cls(
            ConfidenceMap(**data["with_examples"]),
            ConfidenceMap(**data["catalogue_only"]),
            tuple(Band(**band) for band in data.get("bands", ())) or DEFAULT_BANDS,
            data.get("fitted_on", ""),
        )


IDENTITY_MAPS = ConfidenceMaps(IDENTITY, IDENTITY, fitted_on="identity")


def fit_map(
    probability: Sequence[float], novelty: Sequence[float], right: Sequence[bool], ridge=0.01
) -> ConfidenceMap:
    """The monotone map (``probability ≥ 0``, ``novelty ≤ 0``) of least log loss."""
    from scipy.optimize import minimize

    x = np.column_stack(
        [np.ones(len(right)), _logit(probability), np.asarray(novelty, dtype=float)]
    )
    y = np.asarray(right, dtype=float)

    def loss(w):
        z = x @ w
        return np.sum(np.logaddexp(0.0, z) - y * z) + ridge * (w[1:] @ w[1:])

    bounds = [(None, None), (0, None), (None, 0)]
    result = minimize(loss, np.array([0.0, 1.0, 0.0]), method="L-BFGS-B", bounds=bounds)
    a, b, c = (float(v) for v in result.x)
    return ConfidenceMap(round(a, 4), round(b, 4), round(c, 4))


def measured_bands(
    shown: Sequence[float], right: Sequence[bool], bands: Sequence[Band] = DEFAULT_BANDS
) -> tuple[Band, ...]:
    """Each band with the held-out placements shown in it and how many of those were right.

    >>> [(b.word, b.cards, b.right) for b in measured_bands([0.9, 0.85, 0.6, 0.1], [1, 0, 1, 0])]
    [('zeker', 2, 1), ('waarschijnlijk', 1, 1), ('twijfel', 1, 0)]
    """
    shown = np.asarray(shown, dtype=float)
    right = np.asarray(right, dtype=float)
    result = []
    for band in bands:
        upper = min((other.low for other in bands if other.low > band.low), default=2.0)
        inside = (shown >= band.low) & (shown < upper)
        result.append(Band(band.word, band.low, int(inside.sum()), int(right[inside].sum())))
    return tuple(result)


@functools.cache
def stored_maps() -> ConfidenceMaps:
    """The maps shipped with the code (`MAP_PATH`); the identity (capped) if missing."""
    try:
        return ConfidenceMaps.from_json(MAP_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return IDENTITY_MAPS


@dataclass(frozen=True)
class Certainty:
    word: str
    in_ten: int | None  # "n van de 10 kaarten met dit label staan goed", measured


def certainty(confidence: float, maps: ConfidenceMaps | None = None) -> Certainty:
    """The word for a confidence, and how often that word was right when measured."""
    bands = (maps or stored_maps()).bands
    for band in sorted(bands, key=lambda b: -b.low):
        if confidence >= band.low:
            return Certainty(band.word, band.in_ten)
    lowest = min(bands, key=lambda b: b.low)
    return Certainty(lowest.word, lowest.in_ten)


# --- Measuring calibration ---------------------------------------------------------------


@dataclass(frozen=True)
class ReliabilityRow:
    low: float
    high: float
    cards: int
    mean_confidence: float | None
    share_right: float | None


def reliability_table(
    confidences: Sequence[float], right: Sequence[bool], bins: int = BINS
) -> list[ReliabilityRow]:
    """Equal-width bins over [0, 1]: per bin, the cards, their mean confidence and share right.

    >>> [(r.cards, r.share_right) for r in reliability_table([0.05, 0.95, 0.91], [0, 1, 0], 2)]
    [(1, 0.0), (2, 0.5)]
    """
    confidences = np.asarray(confidences, dtype=float)
    right = np.asarray(right, dtype=float)
    index = np.minimum((confidences * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        inside = index == b
        count = int(inside.sum())
        rows.append(
            ReliabilityRow(
                b / bins,
                (b + 1) / bins,
                count,
                float(confidences[inside].mean()) if count else None,
                float(right[inside].mean()) if count else None,
            )
        )
    return rows


def expected_calibration_error(
    confidences: Sequence[float], right: Sequence[bool], bins: int = BINS
) -> float:
    """ECE: the card-weighted mean gap between confidence and share right over the bins.

    >>> round(expected_calibration_error([0.9, 0.9, 0.6, 0.6], [1, 0, 1, 1], bins=10), 3)
    0.4
    """
    rows = reliability_table(confidences, right, bins)
    total = sum(row.cards for row in rows)
    if not total:
        return 0.0
    return (
        sum(row.cards * abs(row.mean_confidence - row.share_right) for row in rows if row.cards)
        / total
    )


def reliability_lines(rows: Sequence[ReliabilityRow]) -> list[dict]:
    """The table as JSON-ready dicts (bins without cards left out)."""
    return [
        {
            "bin": f"{row.low:.1f}–{row.high:.1f}",
            "cards": row.cards,
            "mean_confidence": round(row.mean_confidence, 3),
            "share_right": round(row.share_right, 3),
        }
        for row in rows
        if row.cards
    ]
