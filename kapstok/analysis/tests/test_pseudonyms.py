"""Pseudonyms: stable per project, different across projects, short, unguessable without the key."""

import re

import pytest

from kapstok.analysis.pseudonyms import code_of, free_code, pseudonym, subject_digest

KEY = b"platform-secret"


def test_same_subject_same_project_same_pseudonym():
    assert pseudonym(KEY, "project-a", "office", 7) == pseudonym(KEY, "project-a", "office", 7)


def test_other_project_other_pseudonym():
    assert pseudonym(KEY, "project-a", "office", 7) != pseudonym(KEY, "project-b", "office", 7)


def test_other_key_other_pseudonym():
    assert pseudonym(KEY, "project-a", "office", 7) != pseudonym(b"x", "project-a", "office", 7)


def test_pseudonyms_are_short_and_readable():
    assert re.fullmatch(r"K-[0-9A-F]{4}", pseudonym(KEY, "p", "office", 1))
    assert re.fullmatch(r"R-[0-9A-F]{4}", pseudonym(KEY, "p", "respondent", "a@b.nl"))


def test_office_and_respondent_with_the_same_id_differ_beyond_the_prefix():
    office = pseudonym(KEY, "p", "office", 1, length=8)
    respondent = pseudonym(KEY, "p", "respondent", 1, length=8)
    assert office[2:] != respondent[2:]


def test_a_clash_gets_a_longer_code_that_extends_the_short_one():
    digest = subject_digest(KEY, "p", "office", 3)
    short = code_of("office", digest)
    longer = free_code("office", digest, taken={short})
    assert len(longer) == len(short) + 1
    assert longer.startswith(short)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        pseudonym(KEY, "p", "municipality", 1)
