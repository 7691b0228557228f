"""What identifies people in research data: masking names and contact details, pseudonyms."""

import re

import pytest

from kapstok.analysis.masking import MASK, Masker, name_parts
from kapstok.analysis.pseudonyms import (
    DEFAULT_LENGTH,
    MAX_LENGTH,
    code_of,
    free_code,
    pseudonym,
    subject_digest,
)

# --- masking -------------------------------------------------------------------------------


def test_a_text_without_anything_to_mask_is_returned_unchanged():
    text = "Meer zaalruimte op dinsdagavond, in 2024 al 12345678 keer gevraagd."
    assert Masker(people=["Kees Kartrekker"]).mask(text) == text
    assert Masker().mask("") == ""


def test_names_are_masked_whatever_their_case():
    masker = Masker(people=["Kees Kartrekker"])
    assert masker.mask("KEES en kartrekker") == "•••• en ••••••••••"


def test_names_with_diacritics_are_masked_as_written():
    masker = Masker(people=["Zoë de Vries"])
    assert masker.mask("Zoë en zoë") == "••• en •••"
    assert masker.mask("Zoë de Vries belde") == "••• •• ••••• belde"


def test_spaces_inside_a_masked_phrase_are_kept():
    masked = Masker(phrases=["Kantoor Utrecht Oost"]).mask("Bij Kantoor Utrecht Oost.")
    assert masked == "Bij " + " ".join(MASK * len(w) for w in ["Kantoor", "Utrecht", "Oost"]) + "."


def test_a_name_inside_a_longer_word_is_left_alone():
    assert Masker(people=["Kees"]).mask("Keesje en Kees") == "Keesje en ••••"


def test_names_and_phrases_shorter_than_three_letters_are_ignored():
    masker = Masker(people=["Jo", "", None], phrases=["ab", "  "])
    assert masker.pattern is None
    assert masker.mask("Jo en ab") == "Jo en ab"


def test_hyphenated_first_names_are_masked_part_by_part_too():
    masker = Masker(people=["Anne-Marie Jansen"])
    assert masker.mask("Anne-Marie en Jansen") == "•••••••••• en ••••••"
    assert "Anne-Marie" in name_parts(["Anne-Marie Jansen"])


def test_the_longest_match_wins_over_a_part_of_it():
    masker = Masker(phrases=["Utrecht", "Kantoor Utrecht"])
    spans = masker.spans("Kantoor Utrecht")
    assert (0, len("Kantoor Utrecht")) in spans


@pytest.mark.parametrize(
    "text",
    [
        "bel 06-12345678",
        "bel 0612345678",
        "bel 06 1234 5678",
        "bel 030-1234567",
        "bel +31 6 12345678",
        "bel 0031 6 12345678",
    ],
)
def test_dutch_phone_numbers_are_masked(text):
    masked = Masker().mask(text)
    assert masked.startswith("bel ")
    assert not re.search(r"\d", masked)


def test_a_phone_number_with_the_zero_in_brackets_is_masked():
    assert not re.search(r"\d", Masker().mask("bel +31 (0)6 1234 5678"))


@pytest.mark.parametrize("text", ["in 2024", "kvk 12345678", "postcode 3511 AB", "€ 1.250,00"])
def test_numbers_that_are_no_phone_numbers_stay(text):
    assert Masker().mask(text) == text


def test_email_addresses_are_masked_whole():
    text = "mail naar x.y+z@sub.voorbeeld.nl graag"
    masked = Masker().mask(text)
    assert masked == "mail naar " + MASK * len("x.y+z@sub.voorbeeld.nl") + " graag"


def test_masking_keeps_every_offset():
    text = "Kees (06-12345678, kees@voorbeeld.nl) van Kantoor Utrecht"
    masked = Masker(phrases=["Kantoor Utrecht"], people=["Kees"]).mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c.isspace()] == [
        i for i, c in enumerate(masked) if c.isspace()
    ]


# --- pseudonyms ----------------------------------------------------------------------------

KEY = b"platform-secret"


def test_coders_have_their_own_prefix():
    assert re.fullmatch(r"C-[0-9A-F]{4}", pseudonym(KEY, "p", "coder", 5))


def test_a_digest_is_64_upper_case_hex_digits():
    assert re.fullmatch(r"[0-9A-F]{64}", subject_digest(KEY, "p", "office", 1))


def test_a_longer_pseudonym_starts_with_the_shorter_one():
    short = pseudonym(KEY, "p", "respondent", "a@b.nl")
    long = pseudonym(KEY, "p", "respondent", "a@b.nl", length=MAX_LENGTH)
    assert long.startswith(short)
    assert len(long) == len("R-") + MAX_LENGTH


@pytest.mark.parametrize("length", [DEFAULT_LENGTH - 1, MAX_LENGTH + 1])
def test_lengths_outside_four_to_sixteen_are_refused(length):
    with pytest.raises(ValueError):
        code_of("office", subject_digest(KEY, "p", "office", 1), length)


def test_a_free_code_is_the_short_one_when_nothing_clashes():
    digest = subject_digest(KEY, "p", "office", 9)
    assert free_code("office", digest, set()) == code_of("office", digest)
    assert free_code("office", digest, {"K-0000"}) == code_of("office", digest)


def test_when_every_length_is_taken_there_is_no_free_code():
    digest = subject_digest(KEY, "p", "office", 9)
    taken = {code_of("office", digest, n) for n in range(DEFAULT_LENGTH, MAX_LENGTH + 1)}
    with pytest.raises(ValueError):
        free_code("office", digest, taken)


def test_a_salt_cannot_be_shifted_into_the_identity():
    """The parts are separated, so ("ab", 1) and ("a", "b1") never share a hash by accident."""
    assert subject_digest(KEY, "ab", "office", 1) != subject_digest(KEY, "a", "office", "b1")
