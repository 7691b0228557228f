"""Short caches of page parts (`core.part_cache`): kept until the next write on the site, per
language and per what the caller names, and the generation read once per reading request."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kapstok.core.generation import (
    generation_bump,
    generation_current,
    generation_memo,
    generation_of_request,
)
from kapstok.core.part_cache import TIMEOUT, cached_part, fragment_context, part_key

pytestmark = pytest.mark.django_db


class Counting:
    """A part that says how often it was computed."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"computed": self.calls}


def test_a_part_is_computed_once_until_something_is_written():
    compute = Counting()
    assert cached_part("facts", (1,), compute) == {"computed": 1}
    assert cached_part("facts", (1,), compute) == {"computed": 1}
    generation_bump()
    assert cached_part("facts", (1,), compute) == {"computed": 2}
    assert compute.calls == 2


def test_parts_of_different_offices_and_names_are_kept_apart():
    compute = Counting()
    cached_part("facts", (1,), compute)
    cached_part("facts", (2,), compute)
    cached_part("other", (1,), compute)
    assert compute.calls == 3


def test_a_part_is_kept_per_language():
    with translation.override("nl"):
        dutch = cached_part("label", (), lambda: translation.gettext("Leden"))
    with translation.override("en"):
        english = cached_part("label", (), lambda: translation.gettext("Leden"))
    assert dutch == "Leden"
    assert english == "Members"


def test_the_key_holds_the_generation_and_the_language():
    with translation.override("en"):
        assert part_key("facts", 7, generation=3) == "part:facts:3:en:7"


def test_parts_are_kept_at_most_a_minute():
    assert 0 < TIMEOUT <= 60
    assert fragment_context()["part_timeout"] == TIMEOUT


def test_a_reading_request_reads_the_generation_once():
    with generation_memo(), CaptureQueriesContext(connection) as queries:
        first = generation_of_request()
        generation_of_request()
        generation_of_request()
    assert len(queries) == 1
    assert first == generation_current()


def test_outside_a_request_every_read_sees_the_latest_generation():
    before = generation_of_request()
    generation_bump()
    assert generation_of_request() == before + 1


def test_the_middleware_reads_the_generation_once_per_page(world, login):
    client = login(world.users["pos"])
    client.get("/netwerk/kantoren/kantoor-utrecht/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/netwerk/kantoren/kantoor-utrecht/").status_code == 200
    reads = [q for q in queries if "core_contentgeneration" in q["sql"]]
    assert len(reads) == 1


def test_a_write_request_makes_the_parts_fresh(world, login):
    compute = Counting()
    cached_part("facts", (world.office.pk,), compute)
    client = login(world.users["lead"])
    response = client.post(
        "/netwerk/kantoren/kantoor-utrecht/lidmaatschap/0/opzeggen/", {"left_reason": "costs"}
    )
    assert response.status_code == 404  # refused: nothing written, the part stays
    cached_part("facts", (world.office.pk,), compute)
    assert compute.calls == 1
    membership = world.member_entrepreneur.memberships.get()
    client = login(world.users["member"])
    response = client.post(
        f"/netwerk/kantoren/kantoor-utrecht/lidmaatschap/{membership.pk}/opzeggen/",
        {"left_reason": "costs"},
    )
    assert response.status_code == 302
    cached_part("facts", (world.office.pk,), compute)
    assert compute.calls == 2
