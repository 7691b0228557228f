"""Regional clusters over many random networks: every office placed once, sizes kept."""

import random

import pytest

from kapstok.analysis.regions import MAX_SIZE, MIN_SIZE, Site, propose_regions


def scattered(seed):
    rng = random.Random(seed)
    count = rng.randint(MIN_SIZE, 60)
    return [Site(i, rng.uniform(50.8, 53.4), rng.uniform(3.5, 7.1)) for i in range(count)]


@pytest.mark.parametrize("seed", range(20))
def test_every_office_is_in_exactly_one_region(seed):
    sites = scattered(seed)
    regions = propose_regions(sites)
    assert sorted(i for region in regions for i in region) == list(range(len(sites)))


@pytest.mark.parametrize("seed", range(20))
def test_no_region_is_smaller_than_the_minimum(seed):
    assert min(len(region) for region in propose_regions(scattered(seed))) >= MIN_SIZE


@pytest.mark.parametrize("seed", range(20))
def test_regions_come_largest_first_each_sorted(seed):
    regions = propose_regions(scattered(seed))
    assert [len(r) for r in regions] == sorted((len(r) for r in regions), reverse=True)
    assert all(region == sorted(region) for region in regions)


def test_the_same_offices_give_the_same_regions_whatever_their_order():
    sites = scattered(3)
    shuffled = list(sites)
    random.Random(1).shuffle(shuffled)
    assert propose_regions(shuffled) == propose_regions(sites)


def test_offices_in_one_place_fill_regions_up_to_the_maximum():
    sites = [Site(i, 52.0, 5.0) for i in range(16)]
    assert [len(region) for region in propose_regions(sites)] == [8, 8]


def test_offices_far_apart_never_make_a_region_above_the_maximum():
    grid = [Site(3 * r + c, 51.0 + 1.1 * r, 4.0 + 1.4 * c) for r in range(3) for c in range(3)]
    assert max(len(region) for region in propose_regions(grid)) <= MAX_SIZE
