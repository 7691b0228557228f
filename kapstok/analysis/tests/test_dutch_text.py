"""Dutch text normalisation: folding, tokens, stop words, stems, compounds and concepts."""

import pytest

from kapstok.analysis import dutch_text
from kapstok.analysis.dutch_text import (
    Analyser,
    Stemmer,
    content_tokens,
    fold,
    stop_words,
    thesaurus_groups,
    tokens,
    words,
)

# --- folding and tokens --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Coördinator", "coordinator"),
        ("ÉÉN café", "een cafe"),
        ("Reünie, naïef, Zoë", "reunie, naief, zoe"),
        ("ĳsbaan", "ijsbaan"),  # the Dutch ij ligature becomes two letters
        ("", ""),
        ("123 -- !?", "123 -- !?"),
    ],
)
def test_folding_lowercases_and_strips_diacritics_only(text, folded):
    assert fold(text) == folded


def test_hyphens_apostrophes_and_punctuation_split_tokens():
    assert tokens("Btw-tarief, 's avonds; x-as!") == ["btw", "tarief", "avonds", "as"]


def test_single_letters_are_not_tokens_but_numbers_are():
    assert tokens("a b 2 12 3d") == ["12", "3d"]


def test_empty_and_punctuation_only_text_has_no_tokens():
    assert tokens("") == []
    assert tokens("... !? --") == []
    assert content_tokens("") == []


def test_stop_words_include_the_package_list_and_the_extras():
    stops = stop_words()
    assert {"de", "het", "een", "en", "van"} <= stops  # from the `stop-words` package
    assert {"onze", "zodat", "welke"} <= stops  # the extras it lacks
    assert all(word == fold(word) for word in stops)


def test_content_tokens_drop_stop_words_and_plain_numbers():
    assert content_tokens("Onze leden willen in 2025 meer ruimte") == ["leden", "ruimte"]


def test_words_keep_the_written_form_next_to_the_folded_token():
    assert words("Financiële reünie") == [
        ("financiele", "financiële"),
        ("reunie", "reünie"),
    ]


def test_a_written_word_split_by_folding_gives_its_tokens_as_written():
    # "één" folds to a stop word and disappears; a hyphenated word is two words.
    assert words("één sport-app") == [("sport", "sport"), ("app", "app")]


# --- stems ---------------------------------------------------------------------------------


def test_inflections_share_a_stem():
    analyser = Analyser()
    assert analyser.terms("vergaderingen") == analyser.terms("vergaderen")
    assert analyser.terms("trainers") == analyser.terms("trainer")


def test_the_default_stemmer_keeps_the_ge_prefix():
    # The newer Snowball "dutch" algorithm strips "ge-" and conflates unrelated words.
    assert Analyser().terms("gezondheid") != Analyser().terms("zon")


def test_another_snowball_algorithm_can_be_chosen():
    stemmer = Stemmer("dutch")
    assert stemmer.stem("vergaderingen") == Stemmer("dutch").stem("vergaderingen")
    assert Analyser(stemmer=stemmer).terms("sporthallen")


def test_a_card_of_only_stop_words_has_no_terms():
    assert Analyser().terms("de het een en of") == []


# --- compounds -----------------------------------------------------------------------------


def test_a_compound_is_split_into_two_known_parts():
    analyser = Analyser(lexicon={"zaal", "huur"})
    assert analyser.split("zaalhuur") == ("zaal", "huur")


def test_only_a_known_tail_is_kept_when_the_head_is_unknown():
    assert Analyser(lexicon={"huur"}).split("zaalhuur") == ("huur",)


def test_a_head_shorter_than_three_letters_is_no_compound():
    assert Analyser(lexicon={"huur", "za"}).split("zahuur") == ()


def test_words_shorter_than_four_letters_are_never_compound_parts():
    analyser = Analyser(lexicon={"kos", "ten", "kosten"})
    assert analyser.lexicon == frozenset({"kosten"})
    assert analyser.split("huurten") == ()


@pytest.mark.parametrize(
    ("word", "lexicon", "parts"),
    [
        ("beleidsnota", {"beleid", "nota"}, ("beleid", "nota")),  # linking s
        ("wachtelijst", {"wacht", "lijst"}, ("wacht", "lijst")),  # linking e
        ("huisstijl", {"huis", "stijl"}, ("huis", "stijl")),  # an s that belongs to the tail
    ],
)
def test_a_linking_letter_between_the_parts_is_allowed(word, lexicon, parts):
    assert Analyser(lexicon=lexicon).split(word) == parts


def test_the_longest_known_tail_wins():
    # The head of a Dutch compound is its last part: the split is made as early as possible.
    analyser = Analyser(lexicon={"sport", "sportakkoord", "budget", "akkoordbudget"})
    assert analyser.split("sportakkoordbudget") == ("sport", "akkoordbudget")
    assert Analyser(lexicon={"sportakkoord", "budget"}).split("sportakkoordbudget") == (
        "sportakkoord",
        "budget",
    )


def test_a_word_is_not_split_into_itself():
    assert Analyser(lexicon={"kosten"}).split("kosten") == ()


def test_compound_parts_become_extra_terms_after_the_whole_word():
    analyser = Analyser(lexicon={"energie", "kosten"})
    assert analyser.terms("energiekosten") == ["energiekost", "energie", "kost"]


def test_the_lexicon_of_a_corpus_is_its_standalone_content_words():
    analyser = Analyser.for_corpus(["De huur", "Een zaal met zaalhuur", "van"])
    assert analyser.lexicon == frozenset({"huur", "zaal", "zaalhuur"})
    assert analyser.split("zaalhuur") == ("zaal", "huur")


# --- concepts and prefixes -----------------------------------------------------------------


def test_words_for_the_same_thing_meet_in_a_concept():
    analyser = Analyser(thesaurus=True)
    assert "~plek" in analyser.terms("locatie")
    assert "~plek" in analyser.terms("sporthal")
    assert "~personeel" in analyser.terms("invalkrachten")


def test_a_word_in_two_groups_yields_both_concepts():
    terms = Analyser(thesaurus=True).terms("krachten")
    assert {"~samenwerking", "~personeel"} <= set(terms)


def test_a_word_outside_the_thesaurus_has_no_concept():
    terms = Analyser(thesaurus=True).terms("vandalisme")
    assert not [term for term in terms if term.startswith("~")]


def test_a_compound_in_the_thesaurus_keeps_its_own_concept_only():
    # "sporthal" is a plek word itself; its parts' concepts are not added.
    terms = Analyser(thesaurus=True).terms("sporthal")
    assert [term for term in terms if term.startswith("~")] == ["~plek"]


def test_long_words_give_a_prefix_term_short_ones_do_not():
    analyser = Analyser(prefix_length=5)
    assert analyser.terms("parkeren") == ["parker", "parke-"]
    assert analyser.terms("parkeerplaatsen")[-1] == "parke-"
    assert analyser.terms("fiets") == ["fiet"]  # shorter than 5 + 3 letters


def test_term_pairs_say_which_written_word_each_term_came_from():
    analyser = Analyser(lexicon={"kosten"}, thesaurus=False)
    assert analyser.term_pairs("Energiekosten") == [
        ("energiekost", "energiekosten"),
        ("kost", "kosten"),
    ]


def test_word_terms_group_the_terms_per_written_word():
    result = Analyser(prefix_length=5).word_terms("Hoge parkeerkosten")
    assert [word for word, _pairs in result] == ["hoge", "parkeerkosten"]
    assert result[1][1][0] == ("parkeerkost", "parkeerkosten")
    assert result[1][1][-1] == ("parke-", "parkeerkosten")


# --- the thesaurus text --------------------------------------------------------------------


def test_continuation_lines_belong_to_the_group_above():
    groups = thesaurus_groups("geld: fonds\n    subsidie potje\ntijd: agenda\n\n")
    assert groups == {"geld": ["fonds", "subsidie", "potje"], "tijd": ["agenda"]}


def test_thesaurus_words_are_folded():
    assert thesaurus_groups("plek: Café Reünie") == {"plek": ["cafe", "reunie"]}


def test_an_empty_thesaurus_has_no_groups():
    assert thesaurus_groups("") == {}


def test_every_thesaurus_word_is_a_known_compound_part_of_a_thesaurus_analyser():
    analyser = Analyser(thesaurus=True)
    assert {"zaal", "huur", "sporthal"} <= analyser.lexicon
    assert analyser.split("zaalhuur") == ("zaal", "huur")
    assert not Analyser().lexicon


def test_concept_terms_carry_the_concept_mark():
    index = dutch_text.concept_index(dutch_text.default_stemmer())
    assert all(
        term.startswith(dutch_text.CONCEPT_MARK) for terms in index.values() for term in terms
    )
    assert index[dutch_text.default_stemmer().stem("huur")] == ("~huur",)


def test_changing_a_returned_word_list_does_not_change_the_next_answer():
    first = words("Hoge huur voor de zaal")
    first.clear()
    assert words("Hoge huur voor de zaal") == [("hoge", "hoge"), ("huur", "huur"), ("zaal", "zaal")]
