"""Suggested codes for an answer, learnt from the project's confirmed codings.

The same Dutch text classifier that places strategy-session cards into themes
(`clustering.ThemeClassifier` on `clustering.LexicalFeatures`: stems, compound parts, concepts
of the thesaurus and character n-grams, weighted by how specific each is to one code) is
trained here on the fragments that coders confirmed, with the codes as themes and no catalogue.
For each uncoded answer, it returns the codes whose calibrated probability is at least
`min_probability`, best first, at most `top`.

A classifier needs examples of more than one code to tell codes apart, and a handful of them
to be any use: with fewer than `MIN_EXAMPLES` confirmed codings, or fewer than `MIN_CODES`
distinct codes among them, `suggest_codes` trains nothing and says so (`Suggestions.reason`),
so the page can tell the coder plainly instead of suggesting noise.

Options: `top` (3), `min_probability` (0.2, on the classifier's own probability: below that a
suggestion is a guess among many), `embedder` (a sentence-embedding model, mixed in as for
session cards: `clustering.MixedFeatures`; None, the default, is lexical only).

Calibration (issue 24): the classifier's probabilities ran high on open answers (on a labelled
set of 80 answers, a first suggestion shown as 97% sure was right 68 times in 100). With at
least `MIN_CALIBRATION_EXAMPLES` confirmed codings, the probability shown is mapped by a
monotone `confidence.ConfidenceMap` fitted by 5-fold cross-validation *within the project's
own confirmed codings* (each fold placed by the others), capped at `confidence.CAP`: an
estimate of how often such a first suggestion is right. See docs/analysis.md.

>>> examples = [
...     Example("Wij willen meer leden werven", "leden"),
...     Example("Ledenwerving is ons doel", "leden"),
...     Example("Nieuwe leden aantrekken via de gemeente", "leden"),
...     Example("De gemeente betaalt de huur niet", "geld"),
...     Example("Te weinig subsidie en geld", "geld"),
...     Example("Contributie dekt de kosten niet", "geld"),
... ]
>>> result = suggest_codes(examples, ["Geld voor de huur ontbreekt"], min_examples=6)
>>> result.trained, result.per_text[0][0].code
(True, 'geld')
>>> suggest_codes(examples[:2], ["Geld"]).reason
'too_few_examples'
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .clustering import Example, KnownThemes, LexicalFeatures, MixedFeatures, ThemeClassifier
from .confidence import IDENTITY, ConfidenceMap, fit_map
from .embeddings import Embedder

MIN_EXAMPLES = 10
MIN_CODES = 2
MIN_CALIBRATION_EXAMPLES = 20
CALIBRATION_FOLDS = 5
TOO_FEW_EXAMPLES = "too_few_examples"
TOO_FEW_CODES = "too_few_codes"

__all__ = ["Example", "Suggestion", "Suggestions", "suggest_codes"]


@dataclass(frozen=True)
class Suggestion:
    code: str
    probability: float


@dataclass(frozen=True)
class Suggestions:
    """Per text, its suggestions; `trained` is False (with a `reason`) when there was too
    little to learn from, and then every list is empty."""

    per_text: tuple[tuple[Suggestion, ...], ...]
    trained: bool
    examples: int
    reason: str | None = None


def suggest_codes(
    examples: Sequence[Example],
    texts: Sequence[str],
    *,
    top: int = 3,
    min_probability: float = 0.2,
    min_examples: int = MIN_EXAMPLES,
    embedder: Embedder | None = None,
) -> Suggestions:
    """Suggested codes for each of `texts`, learnt from `examples` (fragment, code)."""
    examples = [e for e in examples if e.text.strip()]
    empty = tuple(() for _text in texts)
    if len(examples) < min_examples:
        return Suggestions(empty, False, len(examples), TOO_FEW_EXAMPLES)
    if len({e.theme for e in examples}) < MIN_CODES:
        return Suggestions(empty, False, len(examples), TOO_FEW_CODES)
    if not texts:
        return Suggestions((), True, len(examples))
    known = KnownThemes.build((), examples)
    features = MixedFeatures(embedder) if embedder is not None else LexicalFeatures()
    vectors = features.vectorise([*known.texts, *texts])
    labelled = vectors[: len(known.texts)]
    classifier = ThemeClassifier(labelled, known.text_theme, len(known.keys))
    probabilities = classifier.probabilities(vectors[len(known.texts) :])
    shown_map = cross_validated_map(labelled, known.text_theme, len(known.keys))
    per_text = []
    for row in probabilities:
        ranked = sorted(range(len(row)), key=lambda i: (-row[i], i))[:top]
        kept = [i for i in ranked if row[i] >= min_probability]
        shown = shown_map.apply(row[kept], np.zeros(len(kept))) if kept else []
        per_text.append(
            tuple(
                Suggestion(known.keys[i], round(float(value), 4))
                for i, value in zip(kept, shown, strict=True)
            )
        )
    return Suggestions(tuple(per_text), True, len(examples))


def cross_validated_map(
    vectors, text_theme: Sequence[int], n_codes: int, folds: int = CALIBRATION_FOLDS
) -> ConfidenceMap:
    """A monotone map from the first suggestion's probability to how often it was right,
    fitted on the confirmed codings themselves: each of `folds` folds (dealt in turn) placed
    by a classifier of the others. The identity (capped) below `MIN_CALIBRATION_EXAMPLES`."""
    themes = np.asarray(text_theme)
    if len(themes) < MIN_CALIBRATION_EXAMPLES:
        return IDENTITY
    order = np.argsort(themes, kind="stable")  # deal each code's codings over the folds
    fold_of = np.empty(len(themes), dtype=int)
    fold_of[order] = np.arange(len(themes)) % folds
    top, right = [], []
    for fold in range(folds):
        train, test = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
        classifier = ThemeClassifier(vectors[train], themes[train], n_codes)
        probabilities = classifier.probabilities(vectors[test])
        top += probabilities.max(axis=1).tolist()
        right += (probabilities.argmax(axis=1) == themes[test]).tolist()
    return fit_map(top, np.zeros(len(top)), right)
