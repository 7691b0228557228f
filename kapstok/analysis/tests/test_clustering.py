"""Card clustering: placement in catalogue themes, new themes, learning, evaluation, card files.

Pure unit tests: no database, no Django. The cards below are written for these tests; the
development card set is only used by the benchmark.
"""

import doctest

import numpy as np
import pytest

from kapstok.analysis import clustering, dutch_text, evaluation, theme_catalogue
from kapstok.analysis.clustering import Card, Example, cluster_cards
from kapstok.analysis.evaluation import LabelledCard
from kapstok.analysis.theme_catalogue import CATALOGUE

SESSION = [
    Card("De huur van de gymzaal gaat volgend jaar omhoog", "challenge"),
    Card("Geen subsidie voor ondernemers, wel voor verenigingen", "challenge"),
    Card("Samen een vacature uitzetten voor een instructeur", "opportunity"),
    Card("Een Facebookpagina en nieuwsbrief voor het netwerk", "need"),
    Card("Te druk met de eigen onderneming om te vergaderen", "challenge"),
    Card("Kennis uitwisselen met collega-ondernemers", "need"),
]
PARKING = [
    Card("Klanten kunnen nergens parkeren"),
    Card("Betaald parkeren jaagt bezoekers weg"),
    Card("Parkeren bij de studio is een ramp"),
]


def placements(themes):
    """card index -> placement, checking on the way that no card is placed twice."""
    placed = {}
    for theme in themes:
        for placement in theme.placements:
            assert placement.card_index not in placed
            placed[placement.card_index] = placement
    return placed


def test_docstring_examples_hold():
    for module in (clustering, dutch_text, evaluation, theme_catalogue):
        assert doctest.testmod(module).failed == 0


def test_every_card_is_in_exactly_one_theme():
    cards = SESSION + PARKING + [Card(""), Card("?!")]
    placed = placements(cluster_cards(cards))
    assert sorted(placed) == list(range(len(cards)))


def test_cards_about_catalogue_themes_land_in_them():
    placed = placements(cluster_cards(SESSION))
    assert [placed[i].theme for i in range(len(SESSION))] == [
        "ruimte",
        "subsidie",
        "personeel",
        "zichtbaarheid",
        "tijd",
        "samenwerking",
    ]
    assert not any(placement.is_new_theme for placement in placed.values())


def test_catalogue_examples_classify_to_their_own_theme():
    cards = [Card(text) for theme in CATALOGUE for text in theme.examples]
    expected = [theme.slug for theme in CATALOGUE for _text in theme.examples]
    placed = placements(cluster_cards(cards))
    assert [placed[i].theme for i in range(len(cards))] == expected


def test_cards_on_an_unknown_topic_form_a_new_theme_named_after_their_words():
    themes = cluster_cards(SESSION + PARKING)
    new = [theme for theme in themes if theme.is_new]
    assert len(new) == 1
    assert new[0].cards == [6, 7, 8]
    assert new[0].key == "nieuw-1"
    assert "parkeren" in new[0].label
    assert all(placement.label == new[0].label for placement in new[0].placements)


def test_a_card_without_any_known_word_is_a_theme_of_its_own():
    themes = cluster_cards([*SESSION, Card("Vandalisme en graffiti")])
    new = [theme for theme in themes if theme.is_new]
    assert [theme.cards for theme in new] == [[6]]
    assert set(new[0].label.split(", ")) == {"vandalisme", "graffiti"}


def test_cards_without_words_go_to_other():
    themes = cluster_cards([SESSION[0], Card(""), Card("... 123")])
    assert [(theme.label, theme.cards) for theme in themes if theme.is_new] == [("Overig", [1, 2])]


def test_confidence_is_between_zero_and_one():
    for placement in placements(cluster_cards(SESSION + PARKING + [Card("")])).values():
        assert 0.0 <= placement.confidence <= 1.0


def test_confident_placements_score_higher_than_doubtful_ones():
    clear, vague = Card("Btw, verzekeringen en vergunningen kosten te veel"), Card("Lastig")
    placed = placements(cluster_cards([clear, vague]))
    assert placed[0].theme == "kosten"
    assert placed[0].confidence > placed[1].confidence


def test_output_is_deterministic():
    cards = SESSION + PARKING
    assert cluster_cards(cards) == cluster_cards(cards)
    assert cluster_cards(cards, examples=[Example("Parkeren", "Bereikbaarheid")]) == cluster_cards(
        cards, examples=[Example("Parkeren", "Bereikbaarheid")]
    )


def test_no_cards_give_no_themes():
    assert cluster_cards([]) == []


def test_a_single_card_gets_a_theme():
    themes = cluster_cards([Card("Tekort aan trainers voor de avondlessen")])
    assert [(theme.key, theme.cards) for theme in themes] == [("personeel", [0])]


def test_training_examples_change_placement():
    card = Card("Een gezamenlijke jaarkalender van alle activiteiten")
    before = placements(cluster_cards([card]))[0].theme
    assert before != "organisatie"
    examples = [
        Example("Een jaarkalender voor het kantoor opstellen", "organisatie"),
        Example("Activiteiten van het kantoor plannen in een jaarkalender", "organisatie"),
    ]
    after = placements(cluster_cards([card], examples=examples))[0]
    assert (after.theme, after.is_new_theme) == ("organisatie", False)


def test_a_confirmed_near_duplicate_decides():
    card = Card("Onze leden willen vaker samen sporten in het weekend")
    examples = [Example("Leden willen vaker samen sporten in het weekend", "samenwerking")]
    assert placements(cluster_cards([card], examples=examples))[0].theme == "samenwerking"


def test_training_theme_outside_the_catalogue_becomes_a_known_theme():
    examples = [
        Example("Parkeerplaatsen bij de sporthal zijn altijd vol", "Bereikbaarheid"),
        Example("De bus stopt niet meer bij het sportpark", "Bereikbaarheid"),
    ]
    themes = cluster_cards(SESSION + PARKING, examples=examples)
    extra = [theme for theme in themes if theme.key == "Bereikbaarheid"]
    assert len(extra) == 1
    assert (extra[0].label, extra[0].is_new) == ("Bereikbaarheid", False)
    assert {7, 8} <= set(extra[0].cards)  # 6 ("Klanten ...") may go to samenwerking
    assert not any(theme.is_new for theme in themes)


def test_training_examples_may_name_a_catalogue_theme_by_its_name():
    known = clustering.KnownThemes.build(CATALOGUE, [Example("Iets", "personeel ")])
    by_name = clustering.KnownThemes.build(CATALOGUE, [Example("Iets", "Personeel")])
    assert known.keys == by_name.keys == tuple(theme.slug for theme in CATALOGUE)
    assert known.text_theme[-1] == by_name.text_theme[-1] == 8


class HashedWords:
    """A dense stand-in for an embedding backend: hashed word counts, L2-normalised."""

    def vectorise(self, texts):
        rows = np.zeros((len(texts), 64))
        for row, text in enumerate(texts):
            for token in dutch_text.content_tokens(text):
                rows[row, sum(map(ord, token)) % 64] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


def test_another_feature_space_can_be_plugged_in():
    cards = SESSION + PARKING
    placed = placements(cluster_cards(cards, features=HashedWords()))
    assert sorted(placed) == list(range(len(cards)))


def test_a_description_weighs_as_much_as_its_examples_together():
    known = clustering.KnownThemes.build(CATALOGUE[:2], [Example("Iets", "ruimte")])
    ruimte = CATALOGUE[0]
    assert known.text_weight[0] == len(ruimte.examples)
    assert set(known.text_weight[1 : 1 + len(ruimte.examples)]) == {1}
    assert known.text_weight[-1] == 1
    assert known.catalogue_texts == len(known.texts) - 1


def test_cards_in_other_words_than_the_catalogue_find_their_theme():
    # Words the catalogue texts do not use, joined to them by the thesaurus's concepts.
    cards = [
        Card("Onze docenten stappen over naar een andere werkgever"),
        Card("Een potje geld waar alleen clubs uit mogen putten"),
        Card("Flyers en spandoeken bij de supermarkt"),
    ]
    placed = placements(cluster_cards(cards))
    assert [placed[i].theme for i in range(3)] == ["personeel", "subsidie", "zichtbaarheid"]


# --- Dutch text ------------------------------------------------------------------------------


def test_compounds_are_split_into_parts_the_corpus_knows():
    analyser = dutch_text.Analyser.for_corpus(["kosten", "energie", "Hoge energiekosten"])
    assert analyser.terms("Energiekosten") == ["energiekost", "energie", "kost"]


def test_synonyms_meet_in_a_concept():
    analyser = dutch_text.Analyser(thesaurus=True)
    assert "~personeel" in analyser.terms("trainers")
    assert "~personeel" in analyser.terms("Instructeurs")
    assert not any(term.startswith("~") for term in dutch_text.Analyser().terms("trainers"))


def test_a_compound_the_thesaurus_lacks_takes_its_parts_concepts():
    analyser = dutch_text.Analyser(thesaurus=True)
    terms = analyser.terms("zaalhuur")
    assert {"~plek", "~huur"} <= set(terms)


def test_every_thesaurus_word_is_folded_and_in_a_named_group():
    groups = dutch_text.thesaurus_groups()
    assert len(groups) > 40
    for concept, words in groups.items():
        assert concept and words
        assert all(word == dutch_text.fold(word) and " " not in word for word in words)


def test_diacritics_and_case_do_not_matter():
    analyser = dutch_text.Analyser()
    assert analyser.terms("Coördinator ÉÉN") == analyser.terms("coordinator een")


# --- Evaluation ------------------------------------------------------------------------------


def labelled(count_per_theme=5):
    return [
        LabelledCard(text, theme.slug)
        for theme in CATALOGUE
        for text in theme.examples[:count_per_theme]
    ]


@pytest.mark.parametrize(
    ("truth", "predicted", "expected"),
    [
        ([0, 0, 1, 1], [5, 5, 7, 7], 1.0),
        ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2], 0.24242424242424246),
        ([0, 1, 2], [0, 0, 0], 0.0),
    ],
)
def test_adjusted_rand_index_matches_the_textbook_values(truth, predicted, expected):
    # Expected values as given by sklearn.metrics.adjusted_rand_score.
    assert evaluation.adjusted_rand_index(truth, predicted) == pytest.approx(expected)


def test_folds_are_stratified_complete_and_seeded():
    themes = [card.theme for card in labelled()]
    folds = evaluation.stratified_folds(themes, k=5, seed=3)
    assert sorted(i for fold in folds for i in fold) == list(range(len(themes)))
    assert all(sorted(themes[i] for i in fold) == sorted({*themes}) for fold in folds)
    assert folds == evaluation.stratified_folds(themes, k=5, seed=3)
    assert folds != evaluation.stratified_folds(themes, k=5, seed=4)


def test_cross_validation_never_trains_on_the_held_out_cards():
    cards = labelled()
    seen = []

    def spy(fold_cards, examples=()):
        held_out = {card.text for card in fold_cards}
        assert held_out.isdisjoint(example.text for example in examples)
        seen.append(len(fold_cards) + len(examples))
        return cluster_cards(fold_cards, examples=examples)

    result = evaluation.cross_validate(cards, k=5, clusterer=spy)
    assert seen == [len(cards)] * 5
    assert len(result.folds) == 5
    assert sum(fold.size for fold in result.folds) == result.pooled.size == len(cards)


def test_report_has_the_benchmark_figures():
    report = evaluation.report(labelled(3), k=3, seeds=(0, 1), timing_size=50, timing_examples=60)
    assert set(report) == {
        "cards",
        "themes",
        "features",
        "cross_validation",
        "catalogue_only",
        "calibration",
        "timing",
    }
    assert report["features"].startswith("lexical only")
    calibration = report["calibration"]
    assert 0 <= calibration["ece"] <= 1 and calibration["shown_max"] < 1
    assert sum(row["cards"] for row in calibration["reliability"]) == 2 * len(labelled(3))
    cv = report["cross_validation"]
    assert cv["seeds"] == [0, 1]
    assert len(cv["ari_mean_per_seed"]) == len(cv["pooled_ari_per_seed"]) == 2
    assert cv["ari_min"] <= cv["ari_mean"] <= cv["ari_max"]
    assert report["catalogue_only"]["share_correct"] > 0.9  # they are catalogue examples
    assert report["timing"]["cards"] == 50
    assert report["timing"]["peak_mib"] > 0 and report["timing"]["with_examples"]["peak_mib"] > 0


def test_repeated_cross_validation_averages_over_seeds():
    cards = labelled()
    repeated = evaluation.repeated_cross_validate(cards, k=5, seeds=(2, 3))
    single = [evaluation.cross_validate(cards, k=5, seed=seed) for seed in (2, 3)]
    assert repeated.ari_mean == pytest.approx((single[0].ari_mean + single[1].ari_mean) / 2)
    assert repeated.pooled_ari == pytest.approx((single[0].pooled.ari + single[1].pooled.ari) / 2)
    assert len(repeated.fold_aris) == 10


# --- Card files ------------------------------------------------------------------------------


def test_card_files_may_have_a_bom_and_semicolons(tmp_path):
    path = tmp_path / "kaarten.csv"
    content = "\ufeffKind;Text\nneed;Meer zaalruimte\nkans;Samen inkopen, goedkoper\n"
    path.write_bytes(content.encode())
    assert clustering.read_cards(path) == [
        Card("Meer zaalruimte", "need"),
        Card("Samen inkopen, goedkoper", "kans"),
    ]


def test_card_files_may_use_commas_and_quotes(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text('text,theme\n"Btw, huur en energie",kosten\n,leeg\n', encoding="utf-8")
    assert clustering.read_examples(path) == [Example("Btw, huur en energie", "kosten")]


def test_an_unquoted_comma_in_the_last_column_stays_in_the_text(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text("kind,text\nneed,Rollen van gemeente, POS en kantoor\n", encoding="utf-8")
    assert clustering.read_cards(path) == [Card("Rollen van gemeente, POS en kantoor", "need")]


def test_a_missing_card_file_is_a_dutch_error(tmp_path):
    with pytest.raises(clustering.CardFileError, match="Bestand niet gevonden"):
        clustering.read_cards(tmp_path / "weg.csv")


def test_a_card_file_without_text_column_is_a_dutch_error(tmp_path):
    path = tmp_path / "kaarten.csv"
    path.write_text("kind,tekst\nneed,Meer ruimte\n", encoding="utf-8")
    with pytest.raises(clustering.CardFileError, match="geen kolom 'text'"):
        clustering.read_cards(path)
