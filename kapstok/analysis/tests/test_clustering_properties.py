"""Properties card clustering promises whatever the cards say: order, kind, spelling, confidence."""

import pytest

from kapstok.analysis.clustering import OTHER_LABEL, Card, Example, KnownThemes, cluster_cards
from kapstok.analysis.confidence import NEW_THEME_CAP
from kapstok.analysis.theme_catalogue import CATALOGUE

CARDS = [
    Card("De huur van de gymzaal gaat volgend jaar omhoog"),
    Card("Geen subsidie voor ondernemers, wel voor verenigingen"),
    Card("Samen een vacature uitzetten voor een instructeur"),
    Card("Een Facebookpagina en nieuwsbrief voor het netwerk"),
    Card("Te druk met de eigen onderneming om te vergaderen"),
    Card("Klanten kunnen nergens parkeren"),
    Card("Betaald parkeren jaagt bezoekers weg"),
    Card("Vandalisme en graffiti"),
    Card(""),
]


def theme_of(themes) -> dict[int, tuple[str, bool]]:
    """card index -> (theme key, is new)."""
    return {i: (theme.key, theme.is_new) for theme in themes for i in theme.cards}


def known_theme_of(themes) -> dict[int, str]:
    return {i: key for i, (key, is_new) in theme_of(themes).items() if not is_new}


def test_the_order_of_the_cards_does_not_change_where_each_goes():
    forward = known_theme_of(cluster_cards(CARDS))
    backward = known_theme_of(cluster_cards(list(reversed(CARDS))))
    last = len(CARDS) - 1
    assert {last - i: key for i, key in backward.items()} == forward


def test_a_cards_kind_does_not_change_its_theme():
    kinds = ["challenge", "opportunity", "need"]
    with_kinds = [Card(card.text, kinds[i % 3]) for i, card in enumerate(CARDS)]
    assert theme_of(cluster_cards(with_kinds)) == theme_of(cluster_cards(CARDS))


def test_identical_cards_land_in_the_same_theme():
    cards = [CARDS[0], CARDS[2], Card(CARDS[0].text), Card(CARDS[2].text)]
    themes = theme_of(cluster_cards(cards))
    assert themes[0] == themes[2]
    assert themes[1] == themes[3]


def test_case_and_diacritics_do_not_change_a_theme():
    plain = cluster_cards([Card("Coordinatie van de vrijwilligers kost te veel tijd")])
    written = cluster_cards([Card("Coördinatie van de VRIJWILLIGERS kost te veel tijd")])
    assert theme_of(plain) == theme_of(written)


def test_every_card_is_placed_once_with_a_confidence_between_zero_and_one():
    themes = cluster_cards(CARDS)
    placed = sorted(i for theme in themes for i in theme.cards)
    assert placed == list(range(len(CARDS)))
    assert all(0.0 <= p.confidence <= 1.0 for theme in themes for p in theme.placements)


def test_a_card_without_words_is_other_and_flagged_for_a_look():
    # Sure that it has no words, but "Overig" is no theme: the facilitator should place it.
    [other] = [theme for theme in cluster_cards(CARDS) if theme.label == OTHER_LABEL]
    assert other.cards == [len(CARDS) - 1]
    assert [p.confidence for p in other.placements] == [NEW_THEME_CAP]


def test_a_new_theme_of_one_card_is_at_most_half_sure():
    themes = cluster_cards([CARDS[0], Card("Vandalisme en graffiti")])
    [alone] = [theme for theme in themes if theme.is_new]
    assert alone.cards == [1]
    assert alone.placements[0].confidence <= 0.5


def test_new_themes_are_numbered_from_one_largest_first():
    cards = [
        Card("De huur van de gymzaal gaat volgend jaar omhoog"),
        Card("Klanten kunnen nergens parkeren"),
        Card("Betaald parkeren jaagt bezoekers weg"),
        Card("Parkeren bij de studio is een ramp"),
        Card("Vandalisme en graffiti"),  # alone: the smaller new theme
    ]
    new = [theme for theme in cluster_cards(cards) if theme.is_new]
    assert [(theme.key, len(theme.cards)) for theme in new] == [("nieuw-1", 2), ("nieuw-2", 1)]
    assert new[0].label == "parkeren"
    assert new[1].cards == [4]


def test_every_placement_carries_its_themes_key_and_label():
    for theme in cluster_cards(CARDS):
        for placement in theme.placements:
            assert (placement.theme, placement.label, placement.is_new_theme) == (
                theme.key,
                theme.label,
                theme.is_new,
            )


def test_known_theme_labels_are_the_catalogue_names():
    names = {theme.slug: theme.name for theme in CATALOGUE}
    for theme in cluster_cards(CARDS):
        if not theme.is_new:
            assert theme.label == names[theme.key]


def test_a_smaller_catalogue_only_offers_its_own_themes():
    catalogue = [theme for theme in CATALOGUE if theme.slug in {"ruimte", "tijd"}]
    themes = cluster_cards(CARDS[:5], catalogue=catalogue)
    assert {theme.key for theme in themes if not theme.is_new} <= {"ruimte", "tijd"}


@pytest.mark.parametrize("spelling", ["Parkeren", " parkeren ", "PARKEREN"])
def test_example_themes_are_matched_whatever_their_case_and_spaces(spelling):
    examples = [Example("Parkeerplaatsen zijn vol", "Parkeren"), Example("Geen plek", spelling)]
    known = KnownThemes.build(CATALOGUE, examples)
    assert known.keys[len(CATALOGUE) :] == ("Parkeren",)
    assert known.text_theme[-2:] == (len(CATALOGUE), len(CATALOGUE))


def test_an_example_theme_keeps_the_spelling_it_was_first_given():
    known = KnownThemes.build((), [Example("Vol", " Parkeren "), Example("Druk", "parkeren")])
    assert (known.keys, known.labels) == (("Parkeren",), ("Parkeren",))
    assert known.catalogue_texts == 0


def test_no_cards_means_no_work_even_with_examples():
    assert cluster_cards([], examples=[Example("Vol", "Parkeren")]) == []


def test_a_card_repeating_a_themes_description_lands_in_that_theme():
    cards = [Card(theme.description) for theme in CATALOGUE]
    placed = theme_of(cluster_cards(cards))
    assert [placed[i] for i in range(len(cards))] == [(theme.slug, False) for theme in CATALOGUE]
