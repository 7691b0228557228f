"""A create form sent twice with the same one-time key (`_once`) makes one object.

The key comes from `static/js/once.js` in a browser (see `browser_tests/test_once.py` for the
double click); here the test client sends it, as a resent form or a double click would.
"""

import uuid

import pytest

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse

from kapstok.accounts.tests.test_access_matrix import (
    matrix_world as matrix_world,  # noqa: F401  (the fixture)
)
from kapstok.core import once as once_module
from kapstok.goals.models import Goal
from kapstok.influence.models import Position
from kapstok.network.models import Entrepreneur
from kapstok.peers.models import Meeting, Practice
from kapstok.strategy.models import Card, StrategySession
from kapstok.support.models import Category, SupportRequest

OFFICE = "/netwerk/kantoren/kantoor-utrecht/"


def _support_data(w):
    category = Category.objects.get_or_create(name="rechtsvorm")[0]
    return {"category": category.pk, "description": "Welke rechtsvorm?", "urgency": "normal"}


# name → (persona, url builder, form data builder, model)
CREATE_ROUTES = {
    "goal": (
        "lead",
        lambda w: f"{OFFICE}kapstok/doelen/nieuw/",
        lambda w: {"title": "Meer leden", "status": "open"},
        Goal,
    ),
    "support request": (
        "lead",
        lambda w: "/netwerk/ondersteuning/kantoor/kantoor-utrecht/nieuw/",
        _support_data,
        SupportRequest,
    ),
    "strategy card": (
        "member",
        lambda w: f"/sessie/{w.session.join_code}/kaartjes/nieuw/",
        lambda w: {"kind": "opportunity", "text": "Samen inkopen"},
        Card,
    ),
    "position": (
        "lead",
        lambda w: f"{OFFICE}invloed/standpunten/nieuw/",
        lambda w: {"title": "Subsidie", "body": "Tekst", "municipality": w.utrecht.pk},
        Position,
    ),
    "practice": (
        "lead",
        lambda w: f"{OFFICE}praktijkvoorbeelden/nieuw/",
        lambda w: {
            "title": "Bord",
            "what": "Een bord langs de weg.",
            "visibility": "internal",
            "status": "draft",
        },
        Practice,
    ),
    "meeting": (
        "pos",
        lambda w: "/netwerk/bijeenkomsten/nieuw/",
        lambda w: {
            "scope": "national",
            "title": "Kantorendag",
            "starts_at": "2099-03-01T10:00",
            "ends_at": "2099-03-01T16:00",
            "invited_offices": [w.office.pk],
        },
        Meeting,
    ),
    "strategy session": (
        "lead",
        lambda w: f"{OFFICE}sessies/nieuw/",
        lambda w: {
            "title": "Sessie",
            "starts_at": "2099-03-01T19:00",
            "location": "Clubhuis",
            "questions": "Wat willen we?",
            "votes_per_participant": 3,
            "max_votes_per_theme": 2,
        },
        StrategySession,
    ),
    "entrepreneur": (
        "lead",
        lambda w: "/netwerk/ondernemers/nieuw/",
        lambda w: {
            "business_name": "Padel Noord",
            "kvk_number": "87654321",
            "municipality": w.utrecht.pk,
            "size_band": "small",
            "branches": [w.member_entrepreneur.branches.first().pk],
        },
        Entrepreneur,
    ),
}


def _error_text(response) -> str:
    form = (response.context or {}).get("form") if response.context else None
    return str(getattr(form, "errors", "")) or response.content.decode()[:500]


@pytest.mark.parametrize("route", CREATE_ROUTES)
def test_a_create_form_sent_twice_with_one_key_makes_one_object(route, matrix_world, client):
    persona, build_url, build_data, model = CREATE_ROUTES[route]
    client.force_login(matrix_world.users[persona])
    url = build_url(matrix_world)
    data = build_data(matrix_world) | {"_once": str(uuid.uuid4())}
    before = model.objects.count()
    first = client.post(url, data)
    assert first.status_code == 302, _error_text(first)
    assert model.objects.count() == before + 1
    again = client.post(url, data)
    assert model.objects.count() == before + 1
    assert (again.status_code, again["Location"]) == (302, first["Location"])


@pytest.mark.parametrize("keys", [[None, None], ["a", "b"]])
def test_without_a_key_or_with_a_new_one_a_form_is_handled_every_time(keys, matrix_world, client):
    """The key, not the content, decides: a new form (new key) or a script (none) is handled."""
    persona, build_url, build_data, model = CREATE_ROUTES["goal"]
    client.force_login(matrix_world.users[persona])
    for key in keys:
        once = {"_once": str(uuid.uuid5(uuid.NAMESPACE_URL, key))} if key else {}
        client.post(build_url(matrix_world), build_data(matrix_world) | once)
    assert model.objects.filter(title="Meer leden").count() == 2


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_key(matrix_world, client):
    client.force_login(matrix_world.users["lead"])
    url = f"{OFFICE}kapstok/doelen/nieuw/"
    key = str(uuid.uuid4())
    refused = client.post(url, {"title": "", "status": "open", "_once": key})
    assert refused.status_code in (200, 400)
    corrected = client.post(url, {"title": "Meer leden", "status": "open", "_once": key})
    assert corrected.status_code == 302
    assert Goal.objects.filter(title="Meer leden").count() == 1


def test_keys_belong_to_one_person(matrix_world, client):
    """Another person sending the same key (they cannot know it, but still) is not replayed."""
    persona, build_url, build_data, model = CREATE_ROUTES["goal"]
    data = build_data(matrix_world) | {"_once": str(uuid.uuid4())}
    for person in ("lead", "pos"):
        client.force_login(matrix_world.users[person])
        client.post(build_url(matrix_world), data)
    assert model.objects.filter(title="Meer leden").count() == 2


def test_views_do_not_see_the_key(matrix_world, client):
    """Forms that read every field (the regions page) get the form as it was."""
    from django.test import RequestFactory

    key = str(uuid.uuid4())
    seen = {}

    request = RequestFactory().post("/", {"title": "x", "_once": key})
    request.user = matrix_world.users["lead"]

    def view(request):
        seen["post"] = dict(request.POST)
        return HttpResponse()

    once_module.OnceMiddleware(view)(request)
    assert seen["post"] == {"title": ["x"]}


def test_a_repeat_while_the_first_still_runs_is_told_in_dutch(matrix_world, client):
    """The second request waits briefly, then answers 409 with a Dutch page; nothing is made."""
    client.force_login(matrix_world.users["lead"])
    key = str(uuid.uuid4())
    scope = f"user:{matrix_world.users['lead'].pk}"
    cache.set(once_module._cache_key(scope, key), once_module.RUNNING, timeout=60)
    once_module.WAIT_SECONDS, saved = 0.2, once_module.WAIT_SECONDS
    try:
        data = {"title": "Meer leden", "status": "open", "_once": key}
        response = client.post(f"{OFFICE}kapstok/doelen/nieuw/", data)
    finally:
        once_module.WAIT_SECONDS = saved
    assert response.status_code == 409
    assert "wordt al verwerkt" in response.content.decode().lower()
    assert not Goal.objects.filter(title="Meer leden").exists()


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_make_one_goal(world, run_at_once):
    """Two sends of one form that overlap (a double click): one runs, the other gets its answer."""
    from django.test import Client

    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database is not shared between threads")
    key = str(uuid.uuid4())

    def send():
        client = Client()
        client.force_login(world.users["lead"])
        response = client.post(
            f"{OFFICE}kapstok/doelen/nieuw/", {"title": "Tegelijk", "status": "open", "_once": key}
        )
        return response.status_code

    outcomes = run_at_once([send, send])
    assert all(outcome.error is None for outcome in outcomes), outcomes
    assert sorted(outcome.value for outcome in outcomes) in ([302, 302], [302, 409])
    assert Goal.objects.filter(title="Tegelijk").count() == 1
