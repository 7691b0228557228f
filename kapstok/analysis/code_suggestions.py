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

Options: `top` (3), `min_probability` (0.2: below that a suggestion is a guess among many).

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

from .clustering import Example, KnownThemes, LexicalFeatures, ThemeClassifier

MIN_EXAMPLES = 10
MIN_CODES = 2
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
    vectors = LexicalFeatures().vectorise([*known.texts, *texts])
    classifier = ThemeClassifier(vectors[: len(known.texts)], known.text_theme, len(known.keys))
    probabilities = classifier.probabilities(vectors[len(known.texts) :])
    per_text = []
    for row in probabilities:
        ranked = sorted(range(len(row)), key=lambda i: (-row[i], i))[:top]
        per_text.append(
            tuple(
                Suggestion(known.keys[i], round(float(row[i]), 4))
                for i in ranked
                if row[i] >= min_probability
            )
        )
    return Suggestions(tuple(per_text), True, len(examples))
