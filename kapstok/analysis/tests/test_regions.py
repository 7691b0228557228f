"""Regional clusters: worked examples, size limits, and what people may not save."""

import random

import pytest

from kapstok.analysis.regions import Site, propose_regions, region_problems


def town(first_id, lon, count=3):
    """`count` offices a few km apart around (52.0, lon)."""
    return [Site(first_id + k, 52.0 + 0.02 * (k % 2), lon + 0.03 * k) for k in range(count)]


def test_two_towns_make_two_regions():
    assert propose_regions(town(1, 4.3) + town(4, 5.8)) == [[1, 2, 3], [4, 5, 6]]


def test_no_region_grows_beyond_eight():
    sites = town(1, 5.0, count=12)
    regions = propose_regions(sites)
    assert len(regions) == 2 and all(3 <= len(r) <= 8 for r in regions)
    # compact: along a line of offices each region is one unbroken stretch
    assert all(r == list(range(r[0], r[0] + len(r))) for r in regions)
    assert sorted(i for r in regions for i in r) == list(range(1, 13))


def test_a_lonely_office_joins_the_nearest_region_instead_of_standing_alone():
    sites = town(1, 4.3) + town(4, 5.8) + [Site(7, 52.0, 5.5)]  # 7 is nearer to the east town
    assert propose_regions(sites) == [[4, 5, 6, 7], [1, 2, 3]]


def test_fewer_offices_than_a_region_needs_give_one_region():
    assert propose_regions([Site(1, 52, 5), Site(2, 53, 6)]) == [[1, 2]]
    assert propose_regions([]) == []


def test_bad_limits_are_refused():
    with pytest.raises(ValueError):
        propose_regions(town(1, 5.0), min_size=1)
    with pytest.raises(ValueError):
        propose_regions(town(1, 5.0), min_size=5, max_size=4)


def test_every_office_lands_in_one_region_of_three_to_eight():
    rng = random.Random(5)
    sites = [Site(i, rng.uniform(50.8, 53.4), rng.uniform(3.5, 7.1)) for i in range(41)]
    regions = propose_regions(sites)
    assert sorted(i for r in regions for i in r) == list(range(41))
    assert all(3 <= len(r) <= 8 for r in regions)


def test_saved_regions_with_one_office_or_a_double_office_are_flagged():
    problems = region_problems({"Noord": [1, 2, 3], "Zuid": [4], "Oost": [3, 5]})
    assert problems == [("Zuid", "single"), ("Oost", "duplicate:3")]
    assert region_problems({"Noord": [1, 2, 3]}) == []
