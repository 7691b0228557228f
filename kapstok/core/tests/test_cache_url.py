"""CACHE_URL names the cache the way DATABASE_URL names the database."""

import doctest

from kapstok.core import cache_url


def test_doctests_hold():
    assert doctest.testmod(cache_url).failed == 0
