"""Similar offices and branch inference: components, ties, tiny inputs, odd names."""

import numpy as np
import pytest

from kapstok.analysis.branch_inference import BranchInferrer, Inference, normalise
from kapstok.analysis.embeddings import CachingEmbedder
from kapstok.analysis.embeddings import normalise as normalise_rows
from kapstok.analysis.similarity import (
    OfficeProfile,
    Weights,
    component_matrices,
    haversine_km,
    round_population,
    similarity_matrix,
    top_peers,
)


def profile(office_id, **overrides):
    values = dict(
        population=50_000, urbanisation=2, density=1200, lat=52.0, lon=5.0, members=20,
        phase_index=2, initiative="pos", themes=frozenset(),
    )  # fmt: skip
    values.update(overrides)
    return OfficeProfile(office_id, **values)


# --- components ----------------------------------------------------------------------------


def test_a_point_is_zero_km_from_itself_and_distance_is_symmetric():
    assert haversine_km(52.0, 5.0, 52.0, 5.0) == 0.0
    assert haversine_km(52.0, 5.0, 53.0, 6.0) == pytest.approx(haversine_km(53.0, 6.0, 52.0, 5.0))


def test_themes_overlap_as_shared_over_all_themes_of_the_two():
    a = profile(1, themes=frozenset({"ruimte", "tijd"}))
    b = profile(2, themes=frozenset({"tijd"}))
    assert component_matrices([a, b])["themes"][0, 1] == 0.5


def test_a_population_ten_times_larger_is_not_alike_at_all():
    a, b = profile(1, population=10_000), profile(2, population=100_000)
    assert component_matrices([a, b])["population"][0, 1] == pytest.approx(0.0)


def test_an_empty_population_does_not_break_the_logarithm():
    a, b = profile(1, population=0), profile(2, population=1)
    assert component_matrices([a, b])["population"][0, 1] == 1.0


def test_the_furthest_phases_are_not_alike_the_same_phase_fully():
    a, b, c = profile(1, phase_index=0), profile(2, phase_index=4), profile(3, phase_index=0)
    phase = component_matrices([a, b, c])["phase"]
    assert (phase[0, 1], phase[0, 2]) == (0.0, 1.0)


def test_similarity_is_the_weighted_mean_of_the_components():
    a, b = profile(1, initiative="pos"), profile(2, initiative="gemeente")
    matrices = component_matrices([a, b])
    only_initiative = Weights(*[0] * 6, initiative=1.0, themes=0)
    assert similarity_matrix(matrices, only_initiative)[0, 1] == 0.0
    half = Weights(*[0] * 5, phase=1.0, initiative=1.0, themes=0)
    assert similarity_matrix(matrices, half)[0, 1] == 0.5


def test_weights_scaled_together_give_the_same_similarity():
    a, b = profile(1, members=5, density=300), profile(2, members=40, density=3000)
    matrices = component_matrices([a, b])
    doubled = Weights(*(2 * value for value in [2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.5]))
    assert similarity_matrix(matrices, doubled)[0, 1] == pytest.approx(
        similarity_matrix(matrices, Weights())[0, 1]
    )


# --- top peers -----------------------------------------------------------------------------


def test_no_offices_no_peers_and_a_single_office_has_none():
    assert top_peers([], Weights()) == {}
    assert top_peers([profile(1)], Weights()) == {1: []}


def test_equally_similar_peers_keep_the_input_order():
    offices = [profile(1), profile(7), profile(3), profile(5)]
    peers = top_peers(offices, Weights(), k=3)
    assert [peer.office_id for peer in peers[1]] == [7, 3, 5]


def test_an_office_is_never_its_own_peer():
    offices = [profile(i, members=i) for i in range(1, 6)]
    for office_id, peers in top_peers(offices, Weights(), k=10).items():
        assert office_id not in [peer.office_id for peer in peers]
        assert len(peers) == 4


def test_peer_scores_come_best_first():
    me = profile(1, members=20)
    offices = [me, profile(2, members=400), profile(3, members=21), profile(4, members=60)]
    scores = [peer.score for peer in top_peers(offices, Weights(), k=3)[1]]
    assert scores == sorted(scores, reverse=True)


def test_a_nearby_peer_is_given_its_distance_as_reason():
    near = profile(2, lat=52.0, lon=5.3)
    [peer] = top_peers([profile(1), near], Weights(), k=1)[1]
    distance = next(reason for reason in peer.reasons if reason.code == "distance")
    assert distance.value == round(haversine_km(52.0, 5.0, 52.0, 5.3))


@pytest.mark.parametrize(
    ("population", "rounded"),
    [(999, 1000), (-5, 0), (1_250_000, 1_200_000), (7, 7), (55, 55), (150, 150)],
)
def test_population_is_rounded_to_two_significant_digits(population, rounded):
    assert round_population(population) == rounded


# --- branch inference ----------------------------------------------------------------------

INFERRER = BranchInferrer(
    labels={
        "tennis": "Tennis",
        "padel": "Padel",
        "fitness": "Fitness",
        "crossfit-bootcamp": "CrossFit en bootcamp",
        "vechtsport": "Vechtsport",
        "paardensport": "Paardensport",
    },
    groups={
        "tennis": "racket",
        "padel": "racket",
        "fitness": "fitness",
        "crossfit-bootcamp": "fitness",
        "vechtsport": "fitness",
        "paardensport": "animal",
    },
    sbi_branches={
        "93124": ("tennis", "padel"),
        "93146": ("fitness", "crossfit-bootcamp", "vechtsport"),
        "9313": ("fitness", "crossfit-bootcamp"),
    },
)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("", ""),
        (None, ""),
        ("Manège Zoë & Co.", "manege zoe co"),
        ("  PADEL--HAL  ", "padel hal"),
        ("Sport4U", "sport4u"),
    ],
)
def test_names_are_normalised_to_plain_words(text, normalised):
    assert normalise(text) == normalised


def test_the_column_wins_over_everything_else():
    result = INFERRER.infer(label="Tennis", sbi_codes=["93124"], trade_name="Padelhal")
    assert result == Inference("tennis", "column", ("tennis", "padel"))


def test_a_column_that_names_no_branch_falls_back_to_the_remembered_choice():
    result = INFERRER.infer(label="Onbekend", sbi_codes=[], trade_name="", remembered="padel")
    assert (result.branch, result.source) == ("padel", "lead")


def test_codes_of_one_group_without_a_word_give_the_first_in_taxonomy_order():
    result = INFERRER.infer(label="", sbi_codes=["9313"], trade_name="Studio De Linde")
    assert (result.branch, result.source) == ("fitness", "sbi")


def test_several_codes_combine_their_candidates():
    result = INFERRER.infer(label="", sbi_codes=["93124", "9313"], trade_name="De Linde")
    assert result.candidates == ("tennis", "padel", "fitness", "crossfit-bootcamp")
    assert (result.branch, result.source) == (None, "unknown")


def test_an_unknown_sbi_code_allows_nothing():
    assert INFERRER.candidates(["00000"]) == ()


def test_the_first_word_in_the_name_wins_when_the_codes_allow_both():
    result = INFERRER.infer(label="", sbi_codes=["93146"], trade_name="Bootcamp en Kickboks")
    assert result.branch == "crossfit-bootcamp"


def test_a_short_keyword_inside_another_word_does_not_count():
    assert INFERRER.name_hints("Outfit De Linde") == []
    assert INFERRER.name_hints("Paardenstal") == ["paardensport"]  # long words count anywhere
    assert INFERRER.name_hints("Fit & Paard") == ["fitness", "paardensport"]


def test_keywords_of_branches_outside_the_taxonomy_are_ignored():
    assert INFERRER.name_hints("Golfbaan De Linde") == []


def test_part_of_a_branch_name_is_enough_in_the_column_when_it_is_unique():
    assert INFERRER.from_label("bootcamp") == "crossfit-bootcamp"
    assert INFERRER.from_label("  ") is None


# --- the embedding cache -------------------------------------------------------------------


class Counting:
    name = "counting"

    def __init__(self):
        self.asked = []

    def embed(self, texts):
        self.asked.append(list(texts))
        return normalise_rows(np.array([[len(t), 1.0] for t in texts]).reshape(-1, 2))


def test_the_cache_keeps_the_models_name_and_asks_each_text_once():
    model = Counting()
    cached = CachingEmbedder(model)
    assert cached.name == "counting"
    first = cached.embed(["a", "bb"])
    again = cached.embed(["bb", "a"])
    assert model.asked == [["a", "bb"]]
    assert np.allclose(again, first[::-1])


def test_an_empty_request_asks_the_model_for_its_empty_shape():
    model = Counting()
    assert CachingEmbedder(model).embed([]).shape == (0, 2)


def test_all_zero_rows_stay_zero_when_normalised():
    assert normalise_rows(np.zeros((1, 3))).tolist() == [[0.0, 0.0, 0.0]]
