"""Fixtures for the public site: a browser-like client, a clean cache, a valid join form."""

import pytest

from django.core.cache import cache
from django.test import Client

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    """An anonymous visitor with a real browser's User-Agent (test clients send none)."""
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def join_data(world):
    fitness = world.member_entrepreneur.branches.first()
    return {
        "full_name": "Sanne Sport",
        "business_name": "Padel Sanne",
        "kvk_number": "12345678",
        "branches": [str(fitness.pk)],
        "email": "sanne@example.invalid",
        "phone": "06 12345678",
        "website": "padelsanne.example",
        "message": "Ik wil graag meedoen.",
        "listed_publicly": "on",
        "privacy": "on",
    }
