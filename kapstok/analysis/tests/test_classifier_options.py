"""The classifier's options and the vector arithmetic under it, on hand-made vectors."""

import numpy as np
import pytest
from scipy import sparse

from kapstok.analysis.clustering import MixedRows, ThemeClassifier, dense_dot, theme_specificity

# Four labelled texts, two per theme, on three features; theme 0 uses feature 0, theme 1
# feature 1, and everybody feature 2.
TEXTS = sparse.csr_matrix(
    np.array(
        [
            [0.8, 0.0, 0.6],
            [0.6, 0.0, 0.8],
            [0.0, 0.8, 0.6],
            [0.0, 0.6, 0.8],
        ]
    )
)
THEMES = [0, 0, 1, 1]


def test_dense_dot_gives_the_same_for_sparse_and_dense_rows():
    dense = TEXTS.toarray()
    assert np.allclose(dense_dot(TEXTS, TEXTS), dense @ dense.T)
    assert np.allclose(dense_dot(dense, dense), dense @ dense.T)


def test_dense_dot_adds_up_the_blocks_of_mixed_rows():
    rows = MixedRows(TEXTS, np.eye(4), 0.5)
    similarity = dense_dot(rows, rows)
    assert np.allclose(np.diag(similarity), 1.0)
    # Off the diagonal only the lexical half counts: the embeddings are orthogonal.
    assert similarity[0, 1] == pytest.approx(0.5 * (0.8 * 0.6 + 0.6 * 0.8))


def test_reweighting_mixed_rows_touches_only_the_lexical_block():
    rows = MixedRows(TEXTS, np.eye(4), 0.5)
    weighted = rows.with_lexical_weights(np.array([1.0, 1.0, 0.0]))
    assert np.allclose(weighted.embedding, rows.embedding)
    assert weighted.lexical[:, 2].nnz == 0


def test_a_feature_every_theme_uses_is_weighted_to_zero():
    membership = sparse.csr_matrix((np.ones(4), (THEMES, range(4))), shape=(2, 4))
    weights = theme_specificity(membership, TEXTS)
    assert weights[2] == pytest.approx(0.0, abs=1e-9)
    assert weights[0] == pytest.approx(weights[1])
    assert weights[0] > 0.5


def test_a_stronger_prior_makes_rare_evidence_weaker():
    membership = sparse.csr_matrix((np.ones(4), (THEMES, range(4))), shape=(2, 4))
    weak = theme_specificity(membership, TEXTS, prior=5.0)
    strong = theme_specificity(membership, TEXTS, prior=0.01)
    assert weak[0] < strong[0]


def test_a_card_like_a_themes_texts_is_placed_there():
    classifier = ThemeClassifier(TEXTS, THEMES, 2)
    card = sparse.csr_matrix(np.array([[0.9, 0.1, 0.4]]))
    assert classifier.probabilities(card)[0].argmax() == 0


def test_without_focus_every_feature_keeps_its_weight():
    assert ThemeClassifier(TEXTS, THEMES, 2, focus=0).column_weights is None
    assert ThemeClassifier(TEXTS, THEMES, 2).column_weights is not None


def test_a_near_duplicate_threshold_of_one_switches_the_nearest_text_off():
    classifier = ThemeClassifier(TEXTS, THEMES, 2, near_duplicate=1.0, centroid_weight=0.0)
    scores = classifier.scores(TEXTS[:1])
    assert scores.tolist() == [[0.0, 0.0]]


def test_only_the_nearest_text_counts_with_a_centroid_weight_of_zero():
    classifier = ThemeClassifier(TEXTS, THEMES, 2, centroid_weight=0.0, near_duplicate=0.5)
    scores = classifier.scores(TEXTS[:1])
    assert scores[0, 0] == pytest.approx(1.0)  # the text itself is its own nearest duplicate
    assert scores[0, 1] == pytest.approx(0.0)


def test_probabilities_always_keep_a_share_for_every_theme_when_in_doubt():
    classifier = ThemeClassifier(TEXTS, THEMES, 2)
    probabilities = classifier.probabilities(TEXTS)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert (probabilities >= classifier.doubt / 2 - 1e-12).all()
