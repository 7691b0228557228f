"""The building blocks of card clustering, each on small worked examples."""

from collections import Counter

import numpy as np
import pytest
from scipy import sparse

from kapstok.analysis import clustering
from kapstok.analysis.clustering import (
    Card,
    CardFileError,
    LexicalFeatures,
    MixedFeatures,
    MixedRows,
    NewVocabulary,
    TermIndex,
    ThemeClassifier,
    agglomerate,
    char_ngrams,
    characteristic_words,
    cluster_cards,
    dense_dot,
    normalise_rows,
    softmax,
    theme_specificity,
)

# --- TF-IDF --------------------------------------------------------------------------------


def test_rows_have_unit_length_and_an_empty_document_stays_zero():
    index = TermIndex([["kost", "kost", "huur"], ["huur"], []])
    norms = np.sqrt(np.asarray(index.matrix.multiply(index.matrix).sum(axis=1)).ravel())
    assert norms.round(6).tolist() == [1.0, 1.0, 0.0]


def test_a_rarer_term_weighs_more():
    index = TermIndex([["kost", "huur"], ["kost"], ["kost"]])
    kost, huur = index.idf
    assert huur > kost


def test_repeating_a_term_counts_sublinearly():
    index = TermIndex([["kost", "kost", "kost", "kost", "huur"], ["kost"], ["huur"]])
    row = index.matrix[0].toarray().ravel()
    # tf 1 + ln 4 ≈ 2.39 against 1: far less than four times the weight.
    assert 1.0 < row[0] / row[1] < 4.0


def test_no_documents_no_terms():
    index = TermIndex([])
    assert index.terms == []
    assert index.matrix.shape == (0, 0)


def test_normalising_leaves_zero_rows_alone():
    matrix = normalise_rows(sparse.csr_matrix([[3.0, 4.0], [0.0, 0.0]]))
    assert matrix.toarray().round(9).tolist() == [[0.6, 0.8], [0.0, 0.0]]


# --- character n-grams ---------------------------------------------------------------------


def test_ngrams_include_the_word_boundaries():
    assert char_ngrams(["btw"], 3, 3) == [" bt", "btw", "tw "]


def test_a_word_shorter_than_the_ngram_gives_none_of_that_size():
    assert char_ngrams(["ab"], 5, 5) == []
    assert char_ngrams(["ab"], 4, 4) == [" ab "]


def test_no_words_no_ngrams():
    assert char_ngrams([]) == []


# --- features ------------------------------------------------------------------------------


def test_lexical_rows_are_cosines():
    vectors = LexicalFeatures().vectorise(["Hoge huur", "Hoge huur", "Geen tijd", ""])
    similarity = dense_dot(vectors, vectors)
    assert similarity[0, 1] == pytest.approx(1.0)
    assert similarity[0, 2] == pytest.approx(0.0, abs=1e-9)
    assert similarity[3, 3] == 0.0


def test_bigrams_add_adjacent_stems_as_terms():
    terms = LexicalFeatures(bigrams=True, thesaurus=False, prefix_length=None).word_terms(
        ["Hoge huur voor zalen"]
    )
    assert terms == [["hog", "hur", "zal", "hog_hur", "hur_zal"]]


def test_word_weight_one_ignores_shared_characters():
    words_only = LexicalFeatures(word_weight=1.0, thesaurus=False, prefix_length=None)
    vectors = words_only.vectorise(["sporthal", "sporthallen"])
    mixed = LexicalFeatures(word_weight=0.5, thesaurus=False, prefix_length=None)
    vectors_mixed = mixed.vectorise(["sporthal", "sporthallen"])
    assert dense_dot(vectors_mixed, vectors_mixed)[0, 1] > dense_dot(vectors, vectors)[0, 1]


class Axis:
    """A fake embedder: each text along its own axis, or along axis 0 when listed in `same`."""

    name = "axis"

    def __init__(self, same=()):
        self.same, self.calls = set(same), 0

    def embed(self, texts):
        self.calls += 1
        rows = np.zeros((len(texts), len(texts) + 1))
        for i, text in enumerate(texts):
            rows[i, 0 if text in self.same else i + 1] = 1.0
        return rows


def test_mixed_rows_are_the_weighted_sum_of_both_cosines():
    rows = MixedRows(sparse.csr_matrix([[1.0, 0.0], [0.0, 1.0]]), [[1.0, 0.0], [1.0, 0.0]], 0.3)
    assert dense_dot(rows, rows).round(6).tolist() == [[1.0, 0.7], [0.7, 1.0]]
    assert rows.shape == (2, 4)
    assert rows[[1]].shape == (1, 4)


def test_a_lexical_share_of_one_is_lexical_features_alone():
    embedder = Axis()
    texts = ["Hoge huur", "Geen tijd"]
    vectors = MixedFeatures(embedder, lexical_share=1.0).vectorise(texts)
    assert embedder.calls == 0
    assert (vectors != LexicalFeatures().vectorise(texts)).nnz == 0


def test_texts_the_model_finds_alike_get_closer():
    texts = ["Tekort aan trainers", "Goede mensen gaan weg", "Hoge huur"]
    alike = MixedFeatures(Axis(same=texts[:2]), centre=False).vectorise(texts)
    apart = MixedFeatures(Axis(), centre=False).vectorise(texts)
    assert dense_dot(alike, alike)[0, 1] > dense_dot(apart, apart)[0, 1]


def test_features_and_an_embedder_cannot_both_be_given():
    with pytest.raises(ValueError):
        cluster_cards([Card("Hoge huur")], features=LexicalFeatures(), embedder=Axis())


# --- classifier ----------------------------------------------------------------------------


def test_a_word_used_by_one_theme_is_specific_one_used_by_all_is_not():
    membership = sparse.csr_matrix(np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]]))
    # column 0: only theme 0's texts; column 1: every text
    vectors = sparse.csr_matrix(np.array([[1.0, 1.0], [1.0, 1.0], [0.0, 1.0], [0.0, 1.0]]))
    specific, common = theme_specificity(membership, vectors)
    assert specific > 0.5
    assert common == pytest.approx(0.0, abs=1e-9)


def test_with_a_single_theme_every_feature_counts_fully():
    membership = sparse.csr_matrix(np.array([[1.0, 1.0]]))
    vectors = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert theme_specificity(membership, vectors).tolist() == [1.0, 1.0]


def test_softmax_rows_sum_to_one_and_survive_large_scores():
    result = softmax(np.array([[1000.0, 1000.0, 0.0], [1.0, 2.0, 3.0]]))
    assert result.sum(axis=1).round(9).tolist() == [1.0, 1.0]
    assert result[0, 2] == pytest.approx(0.0)
    assert result[1].argmax() == 2


def test_the_classifier_prefers_the_theme_whose_texts_a_card_resembles():
    texts = ["hoge huur", "huur van de zaal", "geen tijd", "tijd tekort"]
    features = LexicalFeatures()
    vectors = features.vectorise([*texts, "de huur is hoog"])
    classifier = ThemeClassifier(vectors[:4], [0, 0, 1, 1], 2)
    probabilities = classifier.probabilities(vectors[4:])
    assert probabilities[0].argmax() == 0
    assert probabilities.sum() == pytest.approx(1.0)


def test_too_little_to_calibrate_keeps_the_neutral_settings():
    vectors = LexicalFeatures().vectorise(["hoge huur"])
    classifier = ThemeClassifier(vectors, [0], 1)
    assert (classifier.temperature, classifier.doubt) == (1.0, 0.0)


def test_leave_one_out_fit_reports_a_loss_and_an_accuracy():
    texts = ["hoge huur", "huur van de zaal", "zaal huren", "geen tijd", "tijd tekort", "tijd"]
    vectors = LexicalFeatures().vectorise(texts)
    loss, accuracy = ThemeClassifier(vectors, [0, 0, 0, 1, 1, 1], 2).leave_one_out_fit()
    assert -1e-9 <= loss < np.log(2)  # better than tossing a coin between the two themes
    assert accuracy == 1.0


# --- new vocabulary, grouping and labels -----------------------------------------------------


def test_a_word_no_labelled_text_uses_is_new():
    vocabulary = NewVocabulary(["Hoge huur"], ["Hoge huur", "Vandalisme"])
    assert vocabulary.new_terms[0] == []
    assert "vandalism" in vocabulary.new_terms[1]
    assert vocabulary.novelty.round(9).tolist() == [0.0, 1.0]


def test_a_card_without_content_words_has_no_words():
    vocabulary = NewVocabulary(["Hoge huur"], ["de het een", "Huur"])
    assert not vocabulary.has_words(0)
    assert vocabulary.has_words(1)


def test_agglomeration_of_one_or_no_rows():
    assert agglomerate(np.zeros((0, 2)), 0.5) == []
    assert agglomerate(np.array([[1.0, 0.0]]), 0.5) == [[0]]


def test_a_higher_similarity_threshold_gives_smaller_groups():
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8]])
    assert agglomerate(vectors, 0.5) == [[0, 1, 2]]
    assert len(agglomerate(vectors, 0.99)) == 3


def test_labels_prefer_words_the_group_shares_and_then_rare_ones():
    group = [
        [("parker", "parkeren"), ("bus", "bus")],
        [("parker", "parkeren"), ("fiets", "fietsen")],
    ]
    assert characteristic_words(group, Counter({"parker": 2, "bus": 1, "fiets": 1})) == "parkeren"
    one = [[("bus", "bus"), ("fiets", "fietsen"), ("tram", "tram")]]
    frequency = Counter({"bus": 3, "fiets": 1, "tram": 2})
    assert characteristic_words(one, frequency) == "fietsen, tram"


def test_a_label_shows_the_form_the_group_writes_most():
    group = [[("parker", "parkeren")], [("parker", "parkeren")], [("parker", "parkeer")]]
    assert characteristic_words(group, Counter({"parker": 3})) == "parkeren"


def test_an_empty_group_has_an_empty_label():
    assert characteristic_words([], Counter()) == ""


def test_new_themes_come_largest_first_and_known_ones_in_catalogue_order():
    cards = [
        Card("Vandalisme bij de hal"),
        Card("Parkeren is lastig"),
        Card("Betaald parkeren jaagt klanten weg"),
        Card("Parkeerplaatsen zijn vol"),
        Card("Tekort aan trainers voor de avondlessen"),
        Card("De huur van de zaal is te hoog"),
    ]
    themes = cluster_cards(cards)
    new = [theme for theme in themes if theme.is_new]
    assert [len(theme.cards) for theme in new] == sorted(
        (len(theme.cards) for theme in new), reverse=True
    )
    order = [theme.slug for theme in clustering.CATALOGUE]
    known = [theme.key for theme in themes if not theme.is_new]
    assert known == sorted(known, key=order.index)
    assert themes.index(next(t for t in themes if t.is_new)) == len(known)


def test_lower_thresholds_keep_more_cards_in_known_themes():
    cards = [Card("Parkeren is lastig bij de sporthal"), Card("Betaald parkeren bij de zaal")]
    strict = cluster_cards(cards, min_confidence=0.0, min_novelty=1.01)
    assert not any(theme.is_new for theme in strict)


# --- card files ----------------------------------------------------------------------------


def test_a_card_file_that_is_not_utf8_is_a_dutch_error(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_bytes("text\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(CardFileError, match="geen UTF-8-tekst"):
        clustering.read_cards(path)


def test_column_names_ignore_case_and_spaces_and_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text(" TEXT , Kind \nMeer ruimte,need\n\n,\nGeen tijd,\n", encoding="utf-8")
    assert clustering.read_cards(path) == [Card("Meer ruimte", "need"), Card("Geen tijd", None)]


def test_an_empty_card_file_has_no_text_column(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CardFileError):
        clustering.read_cards(path)


def test_a_short_row_fills_the_missing_cells_with_empty_text():
    assert clustering._row_dict(["text", "kind", "theme"], ["Meer ruimte"], ",") == {
        "text": "Meer ruimte",
        "kind": "",
        "theme": "",
    }
