"""Peer similarity: worked examples, weights, reasons, and 400 offices at once."""

import random
import time

import pytest

from kapstok.analysis.similarity import (
    OfficeProfile,
    Weights,
    component_matrices,
    haversine_km,
    round_population,
    similarity_matrix,
    top_peers,
)


def profile(
    office_id,
    population=50_000,
    urbanisation=2,
    density=1200,
    lat=52.0,
    lon=5.0,
    members=20,
    phase=2,
    initiative="pos",
    themes=(),
):
    return OfficeProfile(
        office_id,
        population,
        urbanisation,
        density,
        lat,
        lon,
        members,
        phase,
        initiative,
        frozenset(themes),
    )


def test_identical_offices_are_fully_similar():
    a, b = profile(1, themes={"ruimte"}), profile(2, themes={"ruimte"})
    scores = similarity_matrix(component_matrices([a, b]), Weights())
    assert scores[0, 1] == pytest.approx(1.0)


def test_offices_without_session_themes_share_none():
    """No confirmed themes yet is no evidence of likeness: the themes component gives 0."""
    assert component_matrices([profile(1), profile(2)])["themes"][0, 1] == 0


def test_haversine_utrecht_amsterdam_is_about_35_km():
    assert haversine_km(52.09, 5.12, 52.37, 4.89) == pytest.approx(35, abs=1)


def test_worked_example_components():
    """50,000 vs 500,000 inhabitants (×10) is 0 on population; one urbanisation class apart
    is 0.75; 50 km apart is 1/e on distance; themes {a, b} vs {b, c} overlap 1/3."""
    a = profile(1, themes={"a", "b"})
    b = profile(2, population=500_000, urbanisation=1, lat=52.0 + 50 / 111.195, themes={"b", "c"})
    m = component_matrices([a, b])
    assert m["population"][0, 1] == pytest.approx(0.0)
    assert m["urbanisation"][0, 1] == pytest.approx(0.75)
    assert m["distance"][0, 1] == pytest.approx(0.3679, abs=1e-3)
    assert m["themes"][0, 1] == pytest.approx(1 / 3)


def test_only_the_weighted_component_counts():
    a, b = profile(1), profile(2, population=500_000)
    weights = Weights(
        population=1, urbanisation=0, density=0, distance=0, size=0, phase=0, initiative=0, themes=0
    )
    assert similarity_matrix(component_matrices([a, b]), weights)[0, 1] == pytest.approx(0.0)


def test_five_most_similar_are_ranked_best_first():
    me = profile(0)
    others = [profile(i, population=50_000 * (1 + i)) for i in range(1, 8)]
    peers = top_peers([me, *others], Weights())[0]
    assert [p.office_id for p in peers] == [1, 2, 3, 4, 5]
    assert all(a.score >= b.score for a, b in zip(peers, peers[1:], strict=False))


def test_fewer_offices_than_five_gives_all_others():
    assert [p.office_id for p in top_peers([profile(1), profile(2)], Weights())[1]] == [2]
    assert top_peers([profile(1)], Weights()) == {1: []}
    assert top_peers([], Weights()) == {}


def test_reasons_name_what_is_shared():
    a = profile(1, themes={"ruimte", "subsidies", "marketing"})
    b = profile(
        2, population=52_000, lat=52.2, themes={"ruimte", "subsidies"}, initiative="gemeente"
    )
    reasons = {r.code: r.value for r in top_peers([a, b], Weights())[1][0].reasons}
    assert reasons["population"] == 52_000
    assert reasons["themes"] == ["ruimte", "subsidies"]
    assert reasons["phase"] == 2
    assert 20 <= reasons["distance"] <= 25
    assert "initiative" not in reasons


def test_a_switched_off_component_is_not_given_as_reason():
    weights = Weights(themes=0)
    reasons = top_peers([profile(1, themes={"x"}), profile(2, themes={"x"})], weights)[1][0].reasons
    assert "themes" not in {r.code for r in reasons}


@pytest.mark.parametrize(
    ("weights", "problem"),
    [
        (Weights(distance=-1), "negative"),
        (Weights(0, 0, 0, 0, 0, 0, 0, 0), "all_zero"),
        (Weights(), None),
    ],
)
def test_unusable_weights_are_refused(weights, problem):
    assert weights.problem() == problem
    if problem:
        with pytest.raises(ValueError, match=problem):
            top_peers([profile(1), profile(2)], weights)


def test_round_population():
    assert [round_population(n) for n in (48_712, 1_234, 87, 0)] == [49_000, 1_200, 87, 0]


def generated_offices(n: int, seed: int = 8) -> list[OfficeProfile]:
    """Random but plausible offices spread over the Netherlands."""
    rng = random.Random(seed)
    themes = ["ruimte", "subsidies", "marketing", "leden", "gemeente", "personeel", "energie"]
    return [
        profile(
            i,
            population=rng.randint(5_000, 900_000),
            urbanisation=rng.randint(1, 5),
            density=rng.randint(50, 6_000),
            lat=rng.uniform(50.8, 53.4),
            lon=rng.uniform(3.5, 7.1),
            members=rng.randint(3, 90),
            phase=rng.randint(0, 4),
            initiative=rng.choice(["pos", "entrepreneurs", "municipality", "joint"]),
            themes=rng.sample(themes, rng.randint(0, 3)),
        )
        for i in range(n)
    ]


def test_peers_for_400_offices_in_one_pass():
    """Every office gets five peers; the run time is printed (make bench asserts the budget)."""
    offices = generated_offices(400)
    started = time.perf_counter()
    peers = top_peers(offices, Weights())
    elapsed = time.perf_counter() - started
    print(f"peers for 400 offices: {elapsed * 1000:.0f} ms")
    assert len(peers) == 400
    assert all(
        len(found) == 5 and i not in {p.office_id for p in found} for i, found in peers.items()
    )
