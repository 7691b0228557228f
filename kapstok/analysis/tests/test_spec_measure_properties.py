"""Properties of the research measures and of Dutch text handling, for any input (Hypothesis).

A researcher reads kappa and the adjusted Rand index as numbers that do not depend on how
codes, themes or coders happen to be named or ordered; cross-validation folds must split the
cards fairly; and the text pipeline must treat "Financiële", "financiele" and "FINANCIËLE" as
one word. The example tests pin worked examples; these state what holds for every input.
"""

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.analysis.agreement import (
    NO_OVERLAP,
    NO_VARIATION,
    cohen_kappa,
    kappa_per_code,
    pooled_kappa,
)
from kapstok.analysis.dutch_text import Analyser, content_tokens, fold, stop_words, tokens
from kapstok.analysis.evaluation import adjusted_rand_index, stratified_folds

SETTINGS = settings(max_examples=100, deadline=None)

# --- Cohen's kappa -------------------------------------------------------------------------

CATEGORIES = st.sampled_from(["ja", "nee", "misschien"])
judgements = st.lists(st.tuples(CATEGORIES, CATEGORIES), max_size=30)
RENAME = {"ja": "yes", "nee": "no", "misschien": "maybe"}


@SETTINGS
@given(judgements)
def test_kappa_is_at_most_one_and_its_parts_are_shares(pairs):
    result = cohen_kappa(pairs)
    assert result.units == len(pairs)
    if not pairs:
        assert result.reason == NO_OVERLAP and not result.is_defined
        return
    assert 0 <= result.observed <= 1 and 0 <= result.expected <= 1
    if result.is_defined:
        assert -1 <= result.kappa <= 1
        assert result.reason is None
    else:
        assert result.reason == NO_VARIATION and result.expected == 1


@SETTINGS
@given(judgements)
def test_kappa_does_not_depend_on_names_order_or_which_coder_is_first(pairs):
    result = cohen_kappa(pairs)
    assert cohen_kappa([(RENAME[a], RENAME[b]) for a, b in pairs]) == result
    assert cohen_kappa([(b, a) for a, b in pairs]) == result
    assert cohen_kappa(list(reversed(pairs))) == result


@SETTINGS
@given(st.lists(CATEGORIES, min_size=1, max_size=30))
def test_coders_who_always_agree_score_one_unless_there_was_nothing_to_tell_apart(answers):
    result = cohen_kappa([(answer, answer) for answer in answers])
    assert result.observed == 1
    if len(set(answers)) > 1:
        assert result.kappa == 1
    else:
        assert result.reason == NO_VARIATION


@SETTINGS
@given(st.integers(1, 15).flatmap(lambda n: st.permutations([True] * n + [False] * n)))
def test_coders_who_always_disagree_on_a_balanced_yes_no_score_minus_one(first):
    result = cohen_kappa([(answer, not answer) for answer in first])
    assert result.kappa == -1


coded_units = st.dictionaries(
    st.integers(0, 12), st.sets(st.sampled_from(["geld", "ruimte", "tijd"])), max_size=10
)


@SETTINGS
@given(coded_units, coded_units)
def test_per_code_kappa_counts_only_units_both_coders_coded(coder_a, coder_b):
    common = set(coder_a) & set(coder_b)
    per_code = kappa_per_code(coder_a, coder_b, ["geld", "ruimte", "tijd"])
    assert all(result.units == len(common) for result in per_code.values())
    pooled = pooled_kappa(per_code)
    if not common:
        assert pooled.reason == NO_OVERLAP
    else:
        assert pooled.units == len(common)
        assert min(k.observed for k in per_code.values()) <= pooled.observed
        assert pooled.observed <= max(k.observed for k in per_code.values())


@SETTINGS
@given(judgements.filter(bool))
def test_pooling_a_single_code_gives_that_codes_kappa(pairs):
    assert pooled_kappa({"geld": cohen_kappa(pairs)}) == cohen_kappa(pairs)


# --- adjusted Rand index -------------------------------------------------------------------

labellings = st.lists(st.sampled_from("abcd"), min_size=2, max_size=25)


def same_length(truth):
    return st.lists(st.sampled_from("wxyz"), min_size=len(truth), max_size=len(truth))


def brute_rand_pairs(truth, predicted):
    """(pairs together in both, together in truth, together in predicted, all pairs)."""
    both = in_truth = in_predicted = total = 0
    for i, j in itertools.combinations(range(len(truth)), 2):
        same_t, same_p = truth[i] == truth[j], predicted[i] == predicted[j]
        both += same_t and same_p
        in_truth += same_t
        in_predicted += same_p
        total += 1
    return both, in_truth, in_predicted, total


@SETTINGS
@given(labellings, st.data())
def test_the_index_is_symmetric_name_blind_and_order_blind(truth, data):
    predicted = data.draw(
        st.lists(st.sampled_from("wxyz"), min_size=len(truth), max_size=len(truth))
    )
    index = adjusted_rand_index(truth, predicted)
    assert index <= 1 + 1e-12
    assert adjusted_rand_index(predicted, truth) == pytest.approx(index)
    renamed = [{"w": "z", "x": "y", "y": "x", "z": "w"}[p] for p in predicted]
    assert adjusted_rand_index(truth, renamed) == pytest.approx(index)
    order = data.draw(st.permutations(range(len(truth))))
    shuffled = adjusted_rand_index([truth[i] for i in order], [predicted[i] for i in order])
    assert shuffled == pytest.approx(index)


@SETTINGS
@given(labellings)
def test_the_same_grouping_under_other_names_is_a_perfect_score(truth):
    assert adjusted_rand_index(truth, [{"a": 1, "b": 2, "c": 3, "d": 4}[t] for t in truth]) == 1


@SETTINGS
@given(labellings, st.data())
def test_the_index_is_one_exactly_when_the_same_pairs_are_grouped_together(truth, data):
    predicted = data.draw(
        st.lists(st.sampled_from("wxyz"), min_size=len(truth), max_size=len(truth))
    )
    both, in_truth, in_predicted, _total = brute_rand_pairs(truth, predicted)
    same_pairs = both == in_truth == in_predicted
    assert (adjusted_rand_index(truth, predicted) == pytest.approx(1.0)) == same_pairs


# --- cross-validation folds ----------------------------------------------------------------


@SETTINGS
@given(st.lists(st.sampled_from(["geld", "ruimte", "tijd", "zichtbaar"]), max_size=40),
       st.integers(2, 6), st.integers(0, 10**6))  # fmt: skip
def test_folds_split_every_card_once_fairly_and_the_same_way_for_a_seed(themes, k, seed):
    folds = stratified_folds(themes, k=k, seed=seed)
    assert len(folds) == k
    assert sorted(i for fold in folds for i in fold) == list(range(len(themes)))
    sizes = [len(fold) for fold in folds]
    assert max(sizes) - min(sizes) <= 1
    for theme in set(themes):
        per_fold = [sum(themes[i] == theme for i in fold) for fold in folds]
        assert max(per_fold) - min(per_fold) <= 1
    assert stratified_folds(themes, k=k, seed=seed) == folds


# --- Dutch text ----------------------------------------------------------------------------

dutch_words = st.sampled_from(
    ["Financiële", "zorgen", "Coördinatie", "één", "zaalhuur", "btw-tarief", "'s avonds",
     "Energiekosten", "de", "voor", "2024", "café", "naïef", "ÉÉN", "x", "Sportakkoord"]
)  # fmt: skip
sentences = st.lists(dutch_words, max_size=8).map(" ".join)


@SETTINGS
@given(st.text(max_size=40))
def test_folding_is_lower_case_without_accents_and_folding_again_changes_nothing(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(character) for character in folded)


@SETTINGS
@given(sentences)
def test_tokens_are_folded_words_of_two_letters_or_more(text):
    found = tokens(text)
    assert all(len(tok) > 1 and tok == fold(tok) for tok in found)
    content = content_tokens(text)
    assert all(tok in found for tok in content)
    assert not set(content) & stop_words()
    assert not any(tok.isdigit() for tok in content)


@SETTINGS
@given(sentences)
def test_case_and_accents_do_not_change_the_terms_of_a_card(text):
    analyser = Analyser(lexicon={"kosten", "energie", "huur", "zaal", "akkoord"}, thesaurus=True)
    assert analyser.terms(text.upper()) == analyser.terms(text)
    assert analyser.terms(fold(text)) == analyser.terms(text)


@SETTINGS
@given(sentences, sentences)
def test_the_terms_of_two_sentences_together_are_the_terms_of_each_in_turn(first, second):
    analyser = Analyser(lexicon={"kosten", "energie", "huur", "zaal"}, prefix_length=5)
    assert analyser.terms(f"{first} {second}") == analyser.terms(first) + analyser.terms(second)


@SETTINGS
@given(
    st.sets(st.sampled_from(["kosten", "energie", "huur", "zaal", "budget", "nota"])),
    st.sampled_from(["energiekosten", "zaalhuur", "sportbudget", "beleidsnota", "kosten"]),
)
def test_a_compound_splits_only_into_a_known_tail_and_an_optional_known_head(lexicon, word):
    parts = Analyser(lexicon=lexicon).split(word)
    assert len(parts) <= 2
    if parts:
        assert parts[-1] in lexicon and word.endswith(parts[-1]) and parts[-1] != word
    if len(parts) == 2:
        assert parts[0] in lexicon and word.startswith(parts[0])
