"""Ranking themes within sessions for the national overview, for any dots (Hypothesis).

`rank_within_sessions` feeds the average rank of each catalogue theme across the country. For
any sessions, themes and dots: a theme's rank is one more than the number of themes of its own
session with more dots (equal dots share the better rank: 1, 1, 3), a session where nobody put a
dot has no ranking at all, and neither the order of the rows nor other sessions change a rank.
"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.strategy.selectors import rank_within_sessions

SETTINGS = settings(max_examples=100, deadline=None)
rows = st.lists(
    st.tuples(st.integers(1, 4), st.integers(1, 30), st.integers(0, 6)),
    max_size=25,
    unique_by=lambda row: (row[0], row[1]),
)


@SETTINGS
@given(rows)
def test_a_rank_counts_the_themes_of_the_same_session_with_more_dots(table):
    ranks = rank_within_sessions(table)
    voted = {session for session, _theme, votes in table if votes}
    assert {session for session, _theme in ranks} == voted
    for session, theme, votes in table:
        if session not in voted:
            continue
        ahead = sum(1 for s, _t, v in table if s == session and v > votes)
        assert ranks[(session, theme)] == 1 + ahead


@SETTINGS
@given(rows, st.randoms(use_true_random=False))
def test_neither_the_order_of_rows_nor_other_sessions_change_a_rank(table, rng: random.Random):
    ranks = rank_within_sessions(table)
    shuffled = list(table)
    rng.shuffle(shuffled)
    assert rank_within_sessions(shuffled) == ranks
    for session in {s for s, _t, _v in table}:
        alone = rank_within_sessions([row for row in table if row[0] == session])
        assert alone == {key: rank for key, rank in ranks.items() if key[0] == session}
