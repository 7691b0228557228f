"""Searching the practice library without PostgreSQL, for any practice and any query (Hypothesis).

On SQLite a practice is found when every stem of the query occurs, space-padded, in its stored
`search_terms` (`kapstok.peers.search`). These properties hold for any Dutch text: a query made
of words of the practice (in any case, with or without accents, singular or plural as the
stemmer joins them) finds it, a query with a word the practice lacks does not, the stored terms
hold each stem once, and a query of only common words is refused in Dutch rather than matching
everything.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.analysis.dutch_text import fold
from kapstok.peers.search import SearchError, query_stems, search_terms_for, stems

SETTINGS = settings(max_examples=100, deadline=None)
WORDS = [
    "sportdag", "sportdagen", "subsidie", "subsidies", "vrijwilligers", "Coördinatie",
    "gemeente", "zwembad", "Padelbanen", "sponsoring", "nieuwsbrief", "Facebookpagina",
    "financiële", "kinderen", "scholen", "buurtsportcoach",
]  # fmt: skip
COMMON = ["de", "het", "een", "en", "van", "voor", "met", "op"]
texts = st.lists(st.sampled_from(WORDS + COMMON), min_size=1, max_size=12).map(" ".join)


def found(query: str, text: str) -> bool:
    terms = search_terms_for(text)
    return all(f" {stem} " in terms for stem in query_stems(query))


@SETTINGS
@given(texts, st.data())
def test_a_query_of_the_practices_own_words_finds_it_in_any_case_or_spelling(text, data):
    own = [word for word in text.split() if word not in COMMON]
    if not own:
        return
    picked = data.draw(st.lists(st.sampled_from(own), min_size=1, max_size=3))
    variant = data.draw(st.sampled_from([str.upper, str.lower, fold, str.title]))
    assert found(variant(" ".join(picked)), text)


@SETTINGS
@given(texts, st.sampled_from(["parkeren", "energiekosten", "vandalisme", "huurprijs"]))
def test_a_query_with_a_word_the_practice_lacks_does_not_find_it(text, missing):
    own = [word for word in text.split() if word not in COMMON] or ["gemeente"]
    assert not found(f"{own[0]} {missing}", text)


@SETTINGS
@given(texts)
def test_stored_terms_hold_each_stem_once_padded_by_spaces(text):
    terms = search_terms_for(text)
    assert terms.startswith(" ") and terms.endswith(" ")
    listed = terms.split()
    assert listed == stems(text)
    assert len(listed) == len(set(listed))
    assert all(stem == fold(stem) for stem in listed)


@SETTINGS
@given(st.lists(st.sampled_from(COMMON), min_size=1, max_size=5).map(" ".join))
def test_a_query_of_only_common_words_is_refused_in_dutch(query):
    with pytest.raises(SearchError, match="alleen veelvoorkomende woorden"):
        query_stems(query)


@pytest.mark.parametrize("query", ["", "   ", "?!", "- -"])
def test_an_empty_query_asks_for_a_word(query):
    with pytest.raises(SearchError, match="Vul een zoekwoord in"):
        query_stems(query)
