"""Masking names in free text: same length, whole words, no function words."""

import doctest

from kapstok.analysis import code_suggestions, masking
from kapstok.analysis.masking import MASK, Masker


def test_doctests_hold():
    assert doctest.testmod(masking).failed == 0
    assert doctest.testmod(code_suggestions).failed == 0


def test_masked_text_keeps_its_length_so_offsets_still_hold():
    text = "Kees Kartrekker belde met Utrecht."
    masked = Masker(phrases=["Utrecht"], people=["Kees Kartrekker"]).mask(text)
    assert len(masked) == len(text)
    assert masked.endswith(" met " + MASK * 7 + ".")


def test_function_words_of_a_name_are_not_masked():
    masked = Masker(people=["Anne van den Berg"]).mask("De kosten van den Berg")
    assert masked == "De kosten van den " + MASK * 4


def test_only_whole_words_are_masked():
    assert Masker(people=["Bert"]).mask("Bertus en Bert") == "Bertus en " + MASK * 4


def test_office_names_are_masked_as_a_whole_not_word_by_word():
    masked = Masker(phrases=["Sportkantoor Noord"]).mask("Het noorden en Sportkantoor Noord")
    assert masked == "Het noorden en " + MASK * 12 + " " + MASK * 5


def test_phone_numbers_and_emails_are_masked():
    masked = Masker().mask("Bel +31 6 1234 5678 of mail a.b@c.nl")
    assert "5678" not in masked and "@" not in masked
