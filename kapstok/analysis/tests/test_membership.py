"""Member counts over time: the pure functions behind the growth charts."""

import datetime
import doctest

from kapstok.analysis import membership
from kapstok.network import models as network_models

d = datetime.date


def test_docstring_examples_hold():
    for module in (membership, network_models):
        assert doctest.testmod(module).failed == 0


def test_a_membership_ends_on_its_left_date():
    periods = [(d(2024, 1, 1), d(2024, 2, 1))]
    assert membership.count_on(periods, d(2024, 1, 31)) == 1
    assert membership.count_on(periods, d(2024, 2, 1)) == 0


def test_empty_history_gives_empty_series_unless_a_start_is_given():
    assert membership.monthly_counts([], d(2024, 3, 5)) == []
    series = membership.monthly_counts([], d(2024, 3, 5), since=d(2024, 2, 10))
    assert series == [(d(2024, 2, 1), 0), (d(2024, 3, 1), 0), (d(2024, 3, 5), 0)]


def test_month_starts_cross_the_year():
    assert membership.month_starts(d(2023, 12, 31), d(2024, 1, 1)) == [
        d(2023, 12, 1),
        d(2024, 1, 1),
    ]
