"""What the office finder promises a visitor for any name and any query (Hypothesis).

`test_search.py` pins real municipality names; these properties hold for every input: typing a
name as it is displayed (in any case, with or without accents and punctuation) finds it first,
every hit is close enough and close to the best, the list is ordered and bounded, and the
nearest offices come in order of distance.
"""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kapstok.public.search import (
    MAX_BELOW_BEST,
    MIN_QUERY_LENGTH,
    MIN_SCORE,
    distance_km,
    nearest,
    normalise,
    rank,
    variants_of,
)

SETTINGS = settings(max_examples=100, deadline=None)

LETTERS = "abcdefghijklmnoprstuvwzéëïóúâ"
words = st.text(alphabet=LETTERS, min_size=2, max_size=9)
place_names = st.lists(words, min_size=1, max_size=3).map(" ".join).map(str.title)
towns = st.dictionaries(
    st.text(alphabet="0123456789", min_size=4, max_size=4).map("GM".__add__),
    place_names,
    min_size=1,
    max_size=8,
)
anything = st.text(max_size=40)


def typed_differently(name: str, how: int) -> str:
    """How a visitor may type a displayed name: shouting, lower case, without accents, hyphens."""
    return [
        name.upper(),
        name.lower(),
        normalise(name),
        name.replace(" ", "-"),
        f"  {name}!  ",
    ][how]


@SETTINGS
@given(anything)
def test_a_normalised_name_is_plain_lower_case_words_and_stays_so(text):
    plain = normalise(text)
    assert plain == plain.strip()
    assert "  " not in plain
    assert all(ch.isdigit() or ch == " " or "a" <= ch <= "z" for ch in plain)
    assert normalise(plain) == plain


@SETTINGS
@given(place_names, st.integers(0, 4))
def test_case_accents_and_punctuation_do_not_matter(name, how):
    assert normalise(typed_differently(name, how)) == normalise(name)


@SETTINGS
@given(place_names | st.sampled_from(["Bergen (NH.)", "Hengelo (O.)", "'s-Gravenhage"]))
def test_every_variant_of_a_name_is_itself_normalised_and_the_plain_name_is_one(name):
    found = variants_of(name)
    assert normalise(name) in found
    assert all(variant and normalise(variant) == variant for variant in found)


@SETTINGS
@given(towns, st.data())
def test_a_name_typed_as_displayed_is_found_with_the_best_score(names, data):
    key = data.draw(st.sampled_from(sorted(names)))
    hits = rank(typed_differently(names[key], data.draw(st.integers(0, 4))), names)
    assert key in {hit.key for hit in hits}
    assert next(hit for hit in hits if hit.key == key).score == hits[0].score == 100


@SETTINGS
@given(towns, anything, st.integers(1, 10))
def test_hits_are_close_to_the_query_and_to_the_best_hit_in_a_stable_order(names, query, limit):
    hits = rank(query, names, limit=limit)
    assert len(hits) <= limit
    assert len({hit.key for hit in hits}) == len(hits)
    for hit in hits:
        assert hit.name == names[hit.key]
        assert MIN_SCORE <= hit.score <= 100
        assert hit.score >= hits[0].score - MAX_BELOW_BEST
    assert hits == sorted(hits, key=lambda hit: (-hit.score, hit.name))
    assert hits == rank(query, names)[:limit]


@SETTINGS
@given(towns, st.text(max_size=3))
def test_a_query_of_fewer_than_two_letters_finds_nothing(names, query):
    assume(len(normalise(query)) < MIN_QUERY_LENGTH)
    assert rank(query, names) == []


@SETTINGS
@given(towns, anything)
def test_names_without_any_resemblance_are_never_shown(names, query):
    hits = rank(query, names)
    assert all(hit.score >= MIN_SCORE for hit in hits)
    if not normalise(query):
        assert hits == []


@pytest.mark.parametrize("query", ["Den Haag", "den-haag", "DEN HAAG", "'s-Gravenhage"])
def test_the_everyday_name_and_the_official_name_find_the_same_municipality(query):
    names = {"GM0518": "'s-Gravenhage", "GM0599": "Rotterdam", "GM0363": "Amsterdam"}
    assert [hit.key for hit in rank(query, names)] == ["GM0518"]


# --- nearest offices -----------------------------------------------------------------------

points = st.tuples(st.floats(50.7, 53.6), st.floats(3.3, 7.3))


@SETTINGS
@given(points, points)
def test_a_distance_is_symmetric_never_negative_and_zero_to_itself(a, b):
    assert distance_km(a, b) == pytest.approx(distance_km(b, a))
    assert distance_km(a, b) >= 0
    assert distance_km(a, a) == pytest.approx(0, abs=1e-6)


@SETTINGS
@given(points, points, points)
def test_a_detour_is_never_shorter(a, b, c):
    assert distance_km(a, c) <= distance_km(a, b) + distance_km(b, c) + 1e-6


@SETTINGS
@given(points, st.dictionaries(st.integers(0, 50), points, max_size=12), st.integers(0, 5))
def test_the_nearest_offices_come_closest_first_and_no_closer_one_is_left_out(origin, pts, count):
    found = nearest(origin, pts, count=count)
    assert len(found) == min(count, len(pts))
    distances = [km for _key, km in found]
    assert distances == sorted(distances)
    left_out = set(pts) - {key for key, _km in found}
    if found:
        assert all(round(distance_km(origin, pts[key]), 1) >= distances[-1] for key in left_out)
