"""Measuring the clustering: the adjusted Rand index, folds, scores, and the benchmark's inputs.

The cross-validation is driven here by small fake clusterers, so these tests check the
bookkeeping (who is trained on what, how keys are pooled) without running the classifier.
"""

import numpy as np
import pytest

from kapstok.analysis import evaluation
from kapstok.analysis.clustering import CardFileError, Placement, Theme
from kapstok.analysis.evaluation import (
    LabelledCard,
    adjusted_rand_index,
    predicted_keys,
    score,
    stratified_folds,
)
from kapstok.analysis.theme_catalogue import CATALOGUE

# --- adjusted Rand index -------------------------------------------------------------------


def test_the_names_of_the_groups_do_not_matter():
    assert adjusted_rand_index(["a", "a", "b"], ["x", "x", "y"]) == 1.0
    assert adjusted_rand_index(["a", "a", "b"], ["y", "y", "x"]) == 1.0


def test_the_index_is_symmetric():
    truth, predicted = [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]
    assert adjusted_rand_index(truth, predicted) == pytest.approx(
        adjusted_rand_index(predicted, truth)
    )


def test_a_worse_grouping_scores_lower():
    truth = ["a"] * 4 + ["b"] * 4
    one_wrong = ["a"] * 3 + ["b"] * 5
    two_wrong = ["a"] * 3 + ["b"] * 4 + ["a"]
    assert 1.0 > adjusted_rand_index(truth, one_wrong) > adjusted_rand_index(truth, two_wrong)


@pytest.mark.parametrize(
    ("truth", "predicted"),
    [
        ([], []),  # nothing to compare
        (["a"], ["b"]),  # one item: no pairs
        ([0, 1, 2], [3, 4, 5]),  # all singletons on both sides
        ([0, 0, 0], [1, 1, 1]),  # one group on both sides
    ],
)
def test_degenerate_labellings_that_agree_count_as_perfect(truth, predicted):
    assert adjusted_rand_index(truth, predicted) == 1.0


def test_all_in_one_group_against_all_apart_is_chance():
    assert adjusted_rand_index([0, 0, 0], [1, 2, 3]) == 0.0


def test_labellings_of_different_length_are_refused():
    with pytest.raises(ValueError):
        adjusted_rand_index([0, 1], [0])


# --- folds ---------------------------------------------------------------------------------


def test_fold_sizes_differ_by_at_most_one_even_across_themes():
    themes = ["a"] * 7 + ["b"] * 5 + ["c"] * 2
    folds = stratified_folds(themes, k=4, seed=0)
    sizes = [len(fold) for fold in folds]
    assert max(sizes) - min(sizes) <= 1
    assert sorted(i for fold in folds for i in fold) == list(range(len(themes)))


def test_each_fold_is_sorted():
    for fold in stratified_folds(["a", "b", "a", "b", "c", "c"], k=2, seed=5):
        assert fold == sorted(fold)


def test_more_folds_than_cards_leaves_some_folds_empty():
    assert stratified_folds(["a", "b"], k=4) == [[0], [1], [], []]


def test_no_cards_give_empty_folds():
    assert stratified_folds([], k=3) == [[], [], []]


# --- keys and scores -----------------------------------------------------------------------


def theme(key, cards, is_new=False):
    placements = tuple(Placement(i, key, key, 1.0, is_new) for i in cards)
    return Theme(key, key, is_new, placements)


def test_new_themes_get_the_prefix_known_ones_keep_their_slug():
    themes = [theme("kosten", [0, 2]), theme("nieuw-1", [1], is_new=True)]
    assert predicted_keys(themes, 3, prefix="fold2-") == ["kosten", "fold2-nieuw-1", "kosten"]


def test_an_unplaced_card_has_an_empty_key():
    assert predicted_keys([theme("tijd", [1])], 3) == ["", "tijd", ""]


def test_the_share_correct_counts_cards_in_their_own_theme():
    result = score(["a", "a", "b", "b"], ["a", "a", "b", "nieuw-1"])
    assert result.size == 4
    assert result.share_correct == 0.75
    assert 0.0 < result.ari < 1.0


# --- cross-validation with a fake clusterer -------------------------------------------------


def cards_of(per_theme=3, themes=("a", "b", "c")):
    return [LabelledCard(f"{name} kaart {n}", name) for name in themes for n in range(per_theme)]


def perfect(fold_cards, examples=()):
    """Puts every card in its true theme (read from its text)."""
    by_theme = {}
    for index, card in enumerate(fold_cards):
        by_theme.setdefault(card.text.split()[0], []).append(index)
    return [theme(key, members) for key, members in by_theme.items()]


def all_new(fold_cards, examples=()):
    """Makes every card a new theme of its own."""
    return [theme(f"nieuw-{i + 1}", [i], is_new=True) for i in range(len(fold_cards))]


def test_a_perfect_clusterer_scores_one_on_every_fold_and_pooled():
    result = evaluation.cross_validate(cards_of(), k=3, clusterer=perfect)
    assert [fold.ari for fold in result.folds] == [1.0, 1.0, 1.0]
    assert result.pooled.share_correct == 1.0
    assert result.ari_mean == result.share_correct_mean == 1.0


def test_new_themes_of_different_folds_are_not_pooled_together():
    # Each fold names its new themes nieuw-1, nieuw-2...: pooled, they must stay apart.
    result = evaluation.cross_validate(cards_of(), k=3, clusterer=all_new)
    assert result.pooled.share_correct == 0.0
    assert result.pooled.ari == 0.0


def test_the_clusterer_is_trained_on_the_other_folds_only():
    cards = cards_of(per_theme=4)
    calls = []

    def spy(fold_cards, examples=()):
        calls.append(({c.text for c in fold_cards}, {e.text for e in examples}))
        return perfect(fold_cards)

    evaluation.cross_validate(cards, k=4, clusterer=spy)
    everything = {card.text for card in cards}
    for held_out, trained in calls:
        assert held_out.isdisjoint(trained)
        assert held_out | trained == everything


def test_repeated_cross_validation_runs_once_per_seed():
    repeated = evaluation.repeated_cross_validate(
        cards_of(), k=3, seeds=(0, 1, 2), clusterer=perfect
    )
    assert repeated.seeds == (0, 1, 2)
    assert len(repeated.runs) == 3
    assert len(repeated.fold_aris) == 9
    assert repeated.ari_mean == repeated.pooled_ari == repeated.share_correct == 1.0


def test_catalogue_only_clusters_everything_without_examples():
    seen = {}

    def spy(cards, examples=()):
        seen["examples"] = list(examples)
        return perfect(cards)

    result = evaluation.catalogue_only(cards_of(), clusterer=spy)
    assert seen["examples"] == []
    assert (result.size, result.share_correct) == (9, 1.0)


# --- the benchmark's inputs ----------------------------------------------------------------


def test_generated_cards_are_seeded_and_one_in_ten_is_off_catalogue():
    cards = evaluation.generated_cards(30, seed=4)
    assert cards == evaluation.generated_cards(30, seed=4)
    assert cards != evaluation.generated_cards(30, seed=5)
    slugs = {theme.slug for theme in CATALOGUE}
    unknown = {topic[0] for topic in evaluation.UNKNOWN_TOPICS}
    assert [card.theme in unknown for card in cards] == [n % 10 == 9 for n in range(30)]
    assert all(card.theme in slugs for n, card in enumerate(cards) if n % 10 != 9)
    assert all(card.text.strip() for card in cards)


def test_no_generated_cards_when_none_are_asked():
    assert evaluation.generated_cards(0) == []


def test_the_features_line_names_the_model_and_the_lexical_share():
    class Model:
        name = "tiny-model"

    assert evaluation.features_used(None).startswith("lexical only")
    assert evaluation.features_used(Model()) == (
        "lexical + sentence embeddings (tiny-model, lexical share 0.8)"
    )


def test_labelled_cards_are_read_from_a_csv_file(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text("theme;text\nkosten;Hoge huur\ntijd;Geen tijd\n", encoding="utf-8")
    assert evaluation.read_labelled_cards(path) == [
        LabelledCard("Hoge huur", "kosten"),
        LabelledCard("Geen tijd", "tijd"),
    ]


def test_a_labelled_card_file_needs_a_theme_column(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text("text\nHoge huur\n", encoding="utf-8")
    with pytest.raises(CardFileError, match="geen kolom 'theme'"):
        evaluation.read_labelled_cards(path)


class Constant:
    """A fake model: every text along the first axis."""

    name = "constant"

    def __init__(self):
        self.calls = 0

    def embed(self, texts):
        self.calls += 1
        rows = np.zeros((len(texts), 4))
        rows[:, 0] = 1.0
        return rows


def test_embedding_cost_measures_batches_and_single_texts_and_keeps_the_vectors():
    model = Constant()
    texts = ["Hoge huur", "Geen tijd", "Hoge huur"]
    cost = evaluation.embedding_cost(model, texts, single=2)
    assert (cost["model"], cost["texts"]) == ("constant", 3)
    assert {"seconds_batched", "ms_per_text_batched", "ms_per_text_one_by_one"} <= set(cost)
    stored = cost["_vectors"]
    calls = model.calls
    assert stored.embed(["Geen tijd", "Hoge huur"]).shape == (2, 4)
    assert model.calls == calls  # answered from the stored vectors
    # The catalogue's texts are stored too, so clustering never calls the model.
    assert CATALOGUE[0].description in stored.vectors
