"""Cohen's kappa between two coders, checked against examples computed by hand."""

import doctest

import pytest

from kapstok.analysis import agreement, pseudonyms
from kapstok.analysis.agreement import (
    NO_OVERLAP,
    NO_VARIATION,
    cohen_kappa,
    kappa_per_code,
    pooled_kappa,
)


def table(both_yes, only_a, only_b, both_no):
    """The pairs of a 2×2 table, as the textbooks draw it."""
    return (
        [(True, True)] * both_yes
        + [(True, False)] * only_a
        + [(False, True)] * only_b
        + [(False, False)] * both_no
    )


def test_doctests_hold():
    assert doctest.testmod(agreement).failed == 0
    assert doctest.testmod(pseudonyms).failed == 0


def test_kappa_of_the_textbook_table_is_0_4():
    # 20 / 5 / 10 / 15: p_o = 35/50 = 0.70; p_e = (25·30 + 25·20) / 50² = 0.50; κ = 0.2/0.5.
    result = cohen_kappa(table(20, 5, 10, 15))
    assert (result.observed, result.expected, result.kappa) == (0.7, 0.5, 0.4)


def test_kappa_of_a_table_with_little_agreement_beyond_chance():
    # 45 / 15 / 25 / 15: p_o = 0.60; p_e = (60·70 + 40·30) / 100² = 0.54; κ = 0.06/0.46.
    result = cohen_kappa(table(45, 15, 25, 15))
    assert result.expected == 0.54
    assert result.kappa == pytest.approx(0.1304, abs=1e-4)


def test_kappa_with_three_categories():
    # Diagonal 3+2+1 of 8: p_o = 6/8; marginals A (a 4, b 3, c 1), B (a 3, b 2, c 3):
    # p_e = (4·3 + 3·2 + 1·3) / 64 = 21/64; κ = (48/64 - 21/64) / (43/64) = 27/43.
    pairs = [("a", "a")] * 3 + [("b", "b")] * 2 + [("c", "c")]
    pairs += [("a", "c"), ("b", "c")]
    assert cohen_kappa(pairs).kappa == pytest.approx(27 / 43)


def test_perfect_disagreement_gives_minus_one():
    assert cohen_kappa(table(0, 5, 5, 0)).kappa == -1.0


def test_kappa_without_common_units_is_undefined():
    result = cohen_kappa([])
    assert not result.is_defined
    assert result.reason == NO_OVERLAP


def test_kappa_when_both_coders_never_use_the_code_is_undefined_not_a_division_by_zero():
    result = cohen_kappa(table(0, 0, 0, 12))
    assert result.kappa is None
    assert result.reason == NO_VARIATION
    assert result.observed == 1.0


def test_per_code_kappa_only_counts_units_both_coded():
    coder_a = {1: {"doelen"}, 2: {"doelen", "gemeente"}, 3: set(), 4: {"gemeente"}}
    coder_b = {1: {"doelen"}, 2: {"gemeente"}, 3: set(), 9: {"doelen"}}
    per_code = kappa_per_code(coder_a, coder_b, ["doelen", "gemeente", "financien"])
    assert per_code["doelen"].units == 3  # units 1, 2, 3
    # doelen: A yes yes no, B yes no no → p_o 2/3, p_e (2·1 + 1·2)/9 = 4/9, κ = (2/9)/(5/9) = 0.4
    assert per_code["doelen"].kappa == pytest.approx(0.4)
    assert per_code["gemeente"].kappa == 1.0
    assert per_code["financien"].reason == NO_VARIATION


def test_pooled_kappa_averages_agreements_before_dividing():
    per_code = {
        "x": cohen_kappa(table(20, 5, 10, 15)),  # p_o 0.70, p_e 0.50
        "y": cohen_kappa(table(45, 15, 25, 15)),  # p_o 0.60, p_e 0.54 (on 100 units)
    }
    # p̄_o = 0.65, p̄_e = 0.52: κ = 0.13 / 0.48
    assert pooled_kappa(per_code).kappa == pytest.approx(0.13 / 0.48)


def test_pooled_kappa_without_overlap_is_undefined():
    per_code = kappa_per_code({1: {"x"}}, {2: {"x"}}, ["x"])
    assert pooled_kappa(per_code).reason == NO_OVERLAP
