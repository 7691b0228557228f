"""Comparing role agreement views and checking deciders, without a database."""

import doctest

from kapstok.analysis import role_matrix
from kapstok.analysis.role_matrix import consensus, decision_warnings, differences

PARTIES = ["pos", "office", "municipality"]


def test_doctests_hold():
    assert doctest.testmod(role_matrix).failed == 0


def test_an_empty_cell_against_a_filled_one_is_a_difference():
    views = {"office": {"t": {"pos": "supports"}}, "pos": {"t": {}}}
    assert differences(views, ["t"], PARTIES) == {("t", "pos"): {"office": "supports", "pos": ""}}


def test_identical_views_have_no_differences_and_full_consensus():
    view = {"t": {"office": "decides", "pos": "supports"}}
    views = {"office": view, "municipality": view, "pos": view}
    assert differences(views, ["t"], PARTIES) == {}
    assert consensus(views, ["t"], PARTIES) == {
        "t": {"pos": "supports", "office": "decides", "municipality": ""}
    }


def test_warnings_name_tasks_without_or_with_several_deciders():
    matrix = {
        "a": {"office": "decides"},
        "b": {"office": "executes"},
        "c": {"office": "decides", "municipality": "decides"},
    }
    assert decision_warnings(matrix, ["a", "b", "c", "d"], PARTIES) == {
        "b": "none", "c": "many", "d": "none",
    }  # fmt: skip
