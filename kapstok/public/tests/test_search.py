"""Name matching for the office finder: pure functions, no database."""

import doctest

from kapstok.public import search
from kapstok.public.search import nearest, rank, variants_of

MUNICIPALITIES = {
    "GM0344": "Utrecht",
    "GM0518": "'s-Gravenhage",
    "GM0796": "'s-Hertogenbosch",
    "GM0373": "Bergen (NH.)",
    "GM0893": "Bergen (L.)",
    "GM0748": "Bergen op Zoom",
    "GM0164": "Hengelo (O.)",
    "GM1900": "Súdwest-Fryslân",
    "GM0484": "Alphen aan den Rijn",
    "GM0193": "Zwolle",
}


def keys(query, names=MUNICIPALITIES):
    return [hit.key for hit in rank(query, names)]


def test_docstring_examples_hold():
    assert doctest.testmod(search).failed == 0


def test_misspelt_municipality_is_found():
    assert keys("Utreht") == ["GM0344"]
    assert keys("Zwole") == ["GM0193"]


def test_den_haag_finds_s_gravenhage_and_nothing_that_only_shares_den():
    assert keys("Den Haag") == ["GM0518"]
    assert keys("s-Gravenhage")[0] == "GM0518"
    assert keys("sgravenhage")[0] == "GM0518"


def test_den_bosch_finds_s_hertogenbosch():
    assert keys("den bosch") == ["GM0796"]


def test_bergen_variants_put_bergen_nh_first():
    for query in ("Bergen (NH.)", "Bergen NH", "Bergen Noord-Holland", "bergen nh."):
        assert keys(query)[0] == "GM0373", query


def test_plain_bergen_finds_both_bergens():
    assert set(keys("Bergen")[:2]) == {"GM0373", "GM0893"}


def test_province_suffix_may_be_left_out():
    assert keys("Hengelo") == ["GM0164"]


def test_accents_need_not_be_typed():
    assert keys("Sudwest Fryslan") == ["GM1900"]
    assert "sudwest fryslan" in variants_of("Súdwest-Fryslân")


def test_unrelated_or_too_short_queries_find_nothing():
    assert keys("xyzzy") == []
    assert keys("u") == []
    assert keys("   ") == []


def test_nearest_orders_by_distance():
    points = {"near": (52.1, 5.1), "far": (53.2, 6.5)}
    assert [key for key, _km in nearest((52.09, 5.12), points)] == ["near", "far"]
