"""Offices that no compact region can take still end up in regions of 3 to 8."""

from kapstok.analysis.regions import MAX_SIZE, MIN_SIZE, Site, propose_regions


def test_one_remote_office_next_to_a_full_region_borrows_its_nearest_offices():
    # Eight offices in one town fill a region; a ninth lies 150 km away. It may not stand alone
    # nor make the full region nine: it takes the two offices of the town nearest to it.
    town = [Site(i, 52.0, 5.0 + 0.01 * i) for i in range(8)]
    remote = Site(8, 52.0, 7.2)
    regions = propose_regions([*town, remote])
    assert regions == [[0, 1, 2, 3, 4, 5], [6, 7, 8]]


def test_remote_offices_are_split_into_even_regions_of_neighbours():
    # Two rows of five offices 450 km apart, offices 90 km apart within a row: nothing is
    # within the span, so the ten split into two regions of five, one per row.
    north = [Site(i, 53.0, 4.0 + 1.3 * i) for i in range(5)]
    south = [Site(5 + i, 49.0, 4.0 + 1.3 * i) for i in range(5)]
    regions = propose_regions(north + south)
    assert sorted(regions) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]


def test_a_country_of_scattered_offices_keeps_every_region_within_the_sizes():
    sites = [Site(i, 50.0 + 0.9 * (i // 6), 3.0 + 1.2 * (i % 6)) for i in range(30)]
    regions = propose_regions(sites)
    assert sorted(i for region in regions for i in region) == list(range(30))
    assert all(MIN_SIZE <= len(region) <= MAX_SIZE for region in regions)
