"""The content generation goes up after every successful write, and only then."""

import pytest

from kapstok.core.generation import generation_bump, generation_current

pytestmark = pytest.mark.django_db


def test_it_starts_at_zero_and_counts_up():
    assert generation_current() == 0
    generation_bump()
    generation_bump()
    assert generation_current() == 2


def test_reading_pages_changes_nothing(client):
    client.get("/")
    client.get("/healthz")
    assert generation_current() == 0


def test_a_successful_post_bumps_it(client, world):
    client.force_login(world.users["member"])
    client.post("/account/uitloggen/")
    assert generation_current() == 1


def test_a_refused_post_does_not(client, world):
    assert client.post("/healthz").status_code == 405  # only GET and HEAD
    assert client.post("/kantoren/kantoor-utrecht/").status_code == 405
    assert client.post("/kantoren/bestaat-niet/contact/").status_code == 404
    assert generation_current() == 0
