"""Branch inference for landscape rows: column, remembered choice, trade name, SBI code."""

import doctest

import pytest

from kapstok.analysis import branch_inference
from kapstok.analysis.branch_inference import BranchInferrer, normalise
from kapstok.network.taxonomy import BRANCHES


@pytest.fixture(scope="module")
def inferrer():
    """Built from the real taxonomy, as the importer builds it."""
    sbi: dict[str, list[str]] = {}
    for spec in BRANCHES:
        for code in spec.sbi_codes:
            sbi.setdefault(code.replace(".", ""), []).append(spec.slug)
    return BranchInferrer(
        labels={b.slug: b.name for b in BRANCHES},
        groups={b.slug: b.group for b in BRANCHES},
        sbi_branches=sbi,
    )


def infer(inferrer, name="", sbi=(), label="", remembered=None):
    return inferrer.infer(label=label, sbi_codes=list(sbi), trade_name=name, remembered=remembered)


def test_docstring_examples_hold():
    assert doctest.testmod(branch_inference).failed == 0


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("padel", "padel"),
        ("PADEL", "padel"),
        ("Yoga en pilates", "yoga-pilates"),
        ("yoga-pilates", "yoga-pilates"),
        ("Pilates", "yoga-pilates"),
        (" Paardensport ", "paardensport"),
        ("Manege", "paardensport"),
        ("squash", "squash-badminton"),
    ],
)
def test_the_branch_column_takes_a_slug_or_dutch_name_in_any_case(inferrer, label, slug):
    result = infer(inferrer, name="Sportcentrum De Linde", sbi=["93124"], label=label)
    assert (result.branch, result.source) == (slug, "column")


def test_an_unknown_label_falls_back_to_the_other_clues(inferrer):
    result = infer(inferrer, name="Tennispark De Linde", sbi=["93124"], label="xyz")
    assert (result.branch, result.source) == ("tennis", "name")


def test_the_leads_earlier_choice_beats_inference_but_not_the_column(inferrer):
    assert infer(inferrer, name="Padelhal", sbi=["93124"], remembered="golf").branch == "golf"
    chosen = infer(inferrer, name="Padelhal", sbi=["93124"], label="tennis", remembered="golf")
    assert chosen.branch == "tennis"


@pytest.mark.parametrize(
    ("name", "sbi", "slug"),
    [
        ("Padelcentrum Vonk", ["93124"], "padel"),
        ("Tennispark Molen", ["93124"], "tennis"),
        ("Manege De Heide", ["93125"], "paardensport"),
        ("Golfbaan Duin", ["93129"], "golf"),
        ("Zwemschool Beek", ["93111"], "zwemmen"),
        ("Dansschool Ritme", ["85521"], "dans"),
        ("Yogastudio Flow", ["93149"], "yoga-pilates"),
        ("Kickboksgym Kracht", ["93146"], "vechtsport"),
        ("CrossFit Box Eik", ["9313"], "crossfit-bootcamp"),
        ("Boulderhal Toren", ["93149"], "klimmen"),
    ],
)
def test_trade_name_words_pick_among_the_sbi_branches(inferrer, name, sbi, slug):
    assert infer(inferrer, name=name, sbi=sbi).branch == slug


def test_an_sbi_code_of_one_group_decides_without_a_word(inferrer):
    result = infer(inferrer, name="Sportcentrum De Linde", sbi=["9313"])  # fitness, CrossFit
    assert (result.branch, result.source) == ("fitness", "sbi")
    assert result.candidates == ("fitness", "crossfit-bootcamp")


def test_an_sbi_code_spanning_groups_without_a_word_stays_unknown(inferrer):
    result = infer(inferrer, name="Sportcentrum De Linde", sbi=["93146"])  # fitness, vechtsport
    assert (result.branch, result.source) == (None, "unknown")


def test_a_word_counts_alone_when_the_sbi_codes_do_not_decide(inferrer):
    assert infer(inferrer, name="Golfslag Padel", sbi=[]).branch == "golf"
    assert infer(inferrer, name="Padelhal Noord", sbi=["93146"]).branch == "padel"


def test_an_sbi_code_of_one_group_beats_a_word_it_does_not_allow(inferrer):
    # "golfslag" is a wave: a swimming pool's SBI code knows better than the word.
    assert infer(inferrer, name="Subtropisch Bad De Golfslag", sbi=["93111"]).branch == "zwemmen"


def test_nothing_to_go_on_is_unknown(inferrer):
    assert infer(inferrer, name="Sportpark De Linde").source == "unknown"


def test_short_words_only_count_at_the_start_of_a_word(inferrer):
    assert infer(inferrer, name="Outfit Gymzaal").branch == "fitness"  # "gym", not "fit"
    assert inferrer.name_hints("Outfit Winkel") == []


def test_normalise_strips_accents_case_and_punctuation():
    assert normalise("Skiën & Snowboard—Centrum") == "skien snowboard centrum"
