"""Marking coded parts of an answer, and naming export variables, for any input (Hypothesis).

`test_selectors.py` and `test_export_parts.py` pin examples. These hold for any answer, any
overlapping codings and any question key:

- the segments of an answer put its text back together exactly, each segment starts where the
  previous one ended, and no segment is empty;
- a character is marked with exactly the codes whose span covers it, so overlapping codings
  show both codes where they overlap and one where they do not;
- a variable name is one SPSS and R accept (ASCII letters, digits and underscores, starting
  with a letter, at most 62 characters), and the same key always gives the same name.
"""

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.coding.exports import variable_name
from kapstok.coding.selectors import segments

SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def coded_answers(draw):
    text = draw(st.text(min_size=1, max_size=40))
    codings = []
    for label in draw(st.lists(st.sampled_from(["geld", "ruimte", "tijd"]), max_size=4)):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        codings.append(SimpleNamespace(start=start, end=end, code=SimpleNamespace(label=label)))
    return text, codings


@SETTINGS
@given(coded_answers())
def test_segments_put_the_answer_back_together_without_gaps_or_empty_parts(answer):
    text, codings = answer
    parts = segments(text, codings)
    assert "".join(part["text"] for part in parts) == text
    position = 0
    for part in parts:
        assert part["start"] == position
        assert part["text"]
        position += len(part["text"])


@SETTINGS
@given(coded_answers())
def test_every_character_carries_exactly_the_codes_that_cover_it(answer):
    text, codings = answer
    for part in segments(text, codings):
        for offset in range(part["start"], part["start"] + len(part["text"])):
            covering = [c.code.label for c in codings if c.start <= offset < c.end]
            assert sorted(part["codes"]) == sorted(covering)


@SETTINGS
@given(st.text(max_size=80))
def test_a_variable_name_is_accepted_by_spss_and_r_and_stable(key):
    name = variable_name(key)
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name)
    assert len(name) <= 62
    assert variable_name(key) == name
    plain = key.strip()
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,59}", plain):
        assert name == plain  # a name that is already fine stays as it is
