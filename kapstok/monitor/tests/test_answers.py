"""Reading one answer: what is accepted, what gets which Dutch message (no database needed)."""

import doctest
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from kapstok.monitor import answers
from kapstok.monitor.answers import parse_answer
from kapstok.monitor.models import Question


def test_doctests_hold():
    assert doctest.testmod(answers).failed == 0


def test_empty_input_is_not_answered_yet():
    assert parse_answer(Question(kind="open"), ["  "]).is_empty


def test_open_text_up_to_the_limit_is_accepted():
    question = Question(kind="open", max_length=10)
    assert parse_answer(question, ["x" * 10]).text == "x" * 10
    with pytest.raises(ValidationError, match="11 tekens lang; het mag hoogstens 10"):
        parse_answer(question, ["x" * 11])


@pytest.mark.parametrize(("raw", "value"), [("12", Decimal(12)), ("3,5", Decimal("3.5"))])
def test_numbers_take_a_dutch_decimal_comma(raw, value):
    assert parse_answer(Question(kind="number"), [raw]).number == value


@pytest.mark.parametrize("raw", ["veel", "1e400", "NaN", "12,345"])
def test_what_is_not_a_usable_number_is_refused(raw):
    with pytest.raises(ValidationError):
        parse_answer(Question(kind="number"), [raw])


@pytest.mark.parametrize("raw", ["0", "6", "2,5", "hoog"])
def test_a_scale_takes_only_its_whole_values(raw):
    question = Question(kind="scale", scale_min=1, scale_max=5)
    with pytest.raises(ValidationError, match="Kies een waarde van 1 tot en met 5."):
        parse_answer(question, [raw])


def test_multiple_choice_keeps_the_questions_order():
    question = Question(kind="multiple", choices=["golf", "padel", "yoga"])
    assert parse_answer(question, ["yoga", "golf"]).choices == ["golf", "yoga"]
    with pytest.raises(ValidationError, match="Kies alleen uit de genoemde antwoorden."):
        parse_answer(question, ["curling"])
