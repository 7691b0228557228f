"""The theme catalogue's shape, and code suggestions learnt from confirmed codings."""

from kapstok.analysis import dutch_text
from kapstok.analysis.code_suggestions import (
    TOO_FEW_CODES,
    TOO_FEW_EXAMPLES,
    Example,
    suggest_codes,
)
from kapstok.analysis.confidence import CAP
from kapstok.analysis.theme_catalogue import CATALOGUE, CatalogueTheme, by_slug

# --- the catalogue -------------------------------------------------------------------------


def test_slugs_and_names_are_unique():
    assert len({theme.slug for theme in CATALOGUE}) == len(CATALOGUE)
    assert len({theme.name.casefold() for theme in CATALOGUE}) == len(CATALOGUE)


def test_slugs_are_plain_lowercase_words_that_never_look_like_a_new_theme():
    for theme in CATALOGUE:
        assert theme.slug.isalpha() and theme.slug.islower(), theme.slug
        assert not theme.slug.startswith("nieuw")


def test_every_theme_teaches_the_classifier_with_a_description_and_examples():
    for theme in CATALOGUE:
        assert len(dutch_text.content_tokens(theme.description)) >= 10, theme.slug
        assert len(theme.examples) >= 5, theme.slug
        assert len(set(theme.examples)) == len(theme.examples), theme.slug
        assert all(example.strip() for example in theme.examples)


def test_no_example_is_listed_under_two_themes():
    examples = [example for theme in CATALOGUE for example in theme.examples]
    assert len(set(examples)) == len(examples)


def test_examples_fit_on_a_card():
    assert all(len(example) <= 280 for theme in CATALOGUE for example in theme.examples)


def test_by_slug_finds_each_theme():
    themes = by_slug()
    assert list(themes) == [theme.slug for theme in CATALOGUE]
    assert themes["kosten"].name == "Kosten en regelgeving"


def test_by_slug_works_on_another_catalogue():
    own = (CatalogueTheme("parkeren", "Parkeren", "Parkeerplaatsen", ("Vol",)),)
    assert by_slug(own) == {"parkeren": own[0]}
    assert by_slug(()) == {}


# --- code suggestions ----------------------------------------------------------------------

MEMBERS = [
    "Wij willen meer leden werven",
    "Ledenwerving is ons doel",
    "Nieuwe leden aantrekken via de gemeente",
    "Leden uit andere takken van sport aansluiten",
    "Het ledental moet groeien",
]
MONEY = [
    "De gemeente betaalt de huur niet",
    "Te weinig subsidie en geld",
    "Contributie dekt de kosten niet",
    "De energierekening is te hoog",
    "Geen budget voor activiteiten",
]
EXAMPLES = [Example(text, "leden") for text in MEMBERS] + [Example(text, "geld") for text in MONEY]


def test_an_answer_gets_the_code_of_similar_confirmed_fragments_first():
    result = suggest_codes(EXAMPLES, ["Geld voor de huur ontbreekt", "Meer leden werven"])
    assert result.trained
    assert result.examples == 10
    assert [s[0].code for s in result.per_text] == ["geld", "leden"]


def test_probabilities_are_ordered_and_between_zero_and_one():
    result = suggest_codes(EXAMPLES, ["Subsidie voor nieuwe leden"], min_probability=0.0)
    probabilities = [s.probability for s in result.per_text[0]]
    assert probabilities == sorted(probabilities, reverse=True)
    # Shown as estimates of how often such a suggestion is right: never certain (issue 24).
    assert all(0.0 <= p <= CAP < 1.0 for p in probabilities)
    assert sum(probabilities) <= 1.0 + 1e-3


def test_unlikely_codes_are_left_out():
    result = suggest_codes(EXAMPLES, ["De energierekening en de huur"], min_probability=0.2)
    assert [s.code for s in result.per_text[0]] == ["geld"]


def test_at_most_top_codes_are_suggested():
    examples = EXAMPLES + [Example("Geen tijd voor vergaderingen", "tijd")] * 3
    result = suggest_codes(examples, ["Leden en geld en tijd"], top=1, min_probability=0.0)
    assert len(result.per_text[0]) == 1


def test_an_answer_without_words_prefers_no_code():
    result = suggest_codes(EXAMPLES, ["", "..."], min_probability=0.0)
    for suggestions in result.per_text:
        assert {s.probability for s in suggestions} == {0.5}


def test_too_few_confirmed_codings_train_nothing():
    result = suggest_codes(EXAMPLES[:9], ["Meer leden"])
    assert (result.trained, result.reason, result.examples) == (False, TOO_FEW_EXAMPLES, 9)
    assert result.per_text == ((),)


def test_blank_fragments_do_not_count_as_examples():
    result = suggest_codes(EXAMPLES[:9] + [Example("   ", "geld")], ["Meer leden"])
    assert (result.reason, result.examples) == (TOO_FEW_EXAMPLES, 9)


def test_one_code_only_cannot_be_told_apart_from_anything():
    examples = [Example(text, "leden") for text in MEMBERS + MONEY]
    result = suggest_codes(examples, ["Meer leden", "Geld"])
    assert (result.trained, result.reason) == (False, TOO_FEW_CODES)
    assert result.per_text == ((), ())


def test_nothing_to_suggest_for_no_answers():
    result = suggest_codes(EXAMPLES, [])
    assert (result.trained, result.per_text) == (True, ())


def test_suggestions_are_deterministic():
    texts = ["Geld voor de huur", "Meer leden", "Iets heel anders"]
    assert suggest_codes(EXAMPLES, texts) == suggest_codes(EXAMPLES, texts)
