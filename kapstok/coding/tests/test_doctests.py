"""The worked examples in the coding modules' docstrings hold."""

import doctest

import pytest

from kapstok.coding import exports, selectors
from kapstok.home import demo_coding


@pytest.mark.parametrize("module", [exports, selectors, demo_coding])
def test_doctests_hold(module):
    assert doctest.testmod(module).failed == 0
