"""Fixtures for the public site: a browser-like client and a valid join form (the root conftest
empties the cache, where the rate limits count, before each test)."""

import pytest

from django.test import Client

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


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
