"""What a respondent's input becomes, for any input (Hypothesis, no database).

`test_answers.py` pins single inputs; these hold for everything a browser can send: an answer
is either read into a value that respects the question (length, decimals, scale, choices) or
refused with a `ValidationError` (a Dutch message, never a crash); empty input is always "not
answered yet"; Dutch and English decimal notation mean the same number; skip logic follows only
the choices of the question it depends on.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.core.exceptions import ValidationError

from kapstok.monitor.answers import NUMBER_LIMIT, is_shown, parse_answer
from kapstok.monitor.models import Question

SETTINGS = settings(max_examples=100, deadline=None)
CHOICES = ["fitness", "padel", "golf", "yoga", "dans"]
KINDS = ["open", "number", "scale", "single", "multiple"]
raw_values = st.lists(st.text(max_size=30) | st.sampled_from(CHOICES), max_size=4)


def question(kind, **fields):
    defaults = {"max_length": 20, "scale_min": 1, "scale_max": 5, "choices": CHOICES}
    return Question(kind=kind, **{**defaults, **fields})


@SETTINGS
@given(st.sampled_from(KINDS), raw_values)
def test_any_input_is_either_read_within_the_questions_limits_or_refused(kind, values):
    asked = question(kind)
    try:
        parsed = parse_answer(asked, values)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    if kind == "open":
        assert len(parsed.text) <= asked.max_length and "\r\n" not in parsed.text
    if kind == "number" and parsed.number is not None:
        assert abs(parsed.number) <= NUMBER_LIMIT
        assert parsed.number == parsed.number.quantize(Decimal("0.01"))
    if kind == "scale" and parsed.number is not None:
        assert parsed.number == int(parsed.number)
        assert asked.scale_min <= parsed.number <= asked.scale_max
    if kind in ("single", "multiple"):
        assert set(parsed.choices) <= set(CHOICES)
    if kind == "single":
        assert len(parsed.choices) <= 1


@SETTINGS
@given(st.sampled_from(KINDS), st.lists(st.sampled_from(["", " ", "\t", "\n  "]), max_size=3))
def test_blank_input_is_not_answered_yet_for_every_kind(kind, values):
    assert parse_answer(question(kind), values).is_empty
    assert parse_answer(question(kind), values + [None]).is_empty


@SETTINGS
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_a_number_reads_the_same_with_a_comma_or_a_point(number):
    english = str(number)
    dutch = english.replace(".", ",")
    assert parse_answer(question("number"), [english]).number == number
    assert parse_answer(question("number"), [f" {dutch} "]).number == number


@SETTINGS
@given(st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False))
def test_more_than_two_decimals_are_refused_not_rounded(number):
    if number == number.quantize(Decimal("0.01")):
        assert parse_answer(question("number"), [str(number)]).number == number
    else:
        with pytest.raises(ValidationError, match="twee cijfers achter de komma"):
            parse_answer(question("number"), [str(number)])


@SETTINGS
@given(st.integers(-5, 15), st.integers(-3, 3), st.integers(1, 10))
def test_a_scale_accepts_exactly_its_whole_values(value, low, width):
    asked = question("scale", scale_min=low, scale_max=low + width)
    if low <= value <= low + width:
        assert parse_answer(asked, [str(value)]).number == value
    else:
        with pytest.raises(ValidationError, match=f"van {low} tot en met {low + width}"):
            parse_answer(asked, [str(value)])


@SETTINGS
@given(st.text(max_size=60), st.integers(1, 40))
def test_open_text_is_kept_whole_up_to_its_limit(text, limit):
    asked = question("open", max_length=limit)
    stored = text.strip().replace("\r\n", "\n")
    if not stored:
        assert parse_answer(asked, [text]).is_empty
    elif len(stored) <= limit:
        assert parse_answer(asked, [text]).text == stored
    else:
        with pytest.raises(ValidationError, match=f"{len(stored)} tekens lang"):
            parse_answer(asked, [text])


@SETTINGS
@given(st.lists(st.sampled_from(CHOICES), min_size=1, max_size=8))
def test_multiple_choices_come_once_each_in_the_questions_order(values):
    chosen = parse_answer(question("multiple"), values).choices
    assert chosen == [choice for choice in CHOICES if choice in values]


@SETTINGS
@given(st.sampled_from(CHOICES), st.lists(st.sampled_from(CHOICES), max_size=2))
def test_a_single_choice_takes_one_of_the_choices_and_nothing_more(choice, more):
    values = [choice] + more
    if more:
        with pytest.raises(ValidationError, match="één van de genoemde antwoorden"):
            parse_answer(question("single"), values)
    else:
        assert parse_answer(question("single"), values).choices == [choice]


@SETTINGS
@given(
    st.none() | st.integers(1, 4),
    st.lists(st.sampled_from(["ja", "nee", "misschien"]), max_size=2),
    st.dictionaries(st.integers(1, 4), st.lists(st.sampled_from(["ja", "nee", "misschien"]))),
)
def test_a_follow_up_shows_only_when_its_question_got_one_of_the_listed_answers(
    depends_on, wanted, answered
):
    follow_up = SimpleNamespace(show_if_question_id=depends_on, show_if_values=wanted)
    expected = depends_on is None or bool(set(wanted) & set(answered.get(depends_on, [])))
    assert is_shown(follow_up, answered) == expected
    others = {key: value for key, value in answered.items() if key != depends_on}
    others[99] = ["ja", "nee", "misschien"]
    if depends_on is not None:
        assert is_shown(follow_up, others) is False
