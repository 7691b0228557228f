"""The own-data pages and the outage answers, as a person or a program meets them."""

import json

import pytest

from django.test import RequestFactory
from django.urls import reverse

from kapstok.trust.middleware import RETRY_AFTER_SECONDS, database_unavailable_response
from kapstok.trust.models import ErasureRecord


@pytest.mark.django_db
def test_erasing_without_the_tick_keeps_everything_and_says_why(world, login):
    client = login(world.users["member"])
    response = client.post(reverse("trust:erase"), {}, follow=True)
    assert "Vink aan dat u uw gegevens wilt laten wissen." in response.content.decode()
    world.users["member"].refresh_from_db()
    assert world.users["member"].is_active and not ErasureRecord.objects.exists()


@pytest.mark.django_db
def test_erasing_logs_out_and_the_account_can_no_longer_sign_in(world, login, client):
    login(world.users["member"]).post(reverse("trust:erase"), {"confirm": "ja"})
    assert client.get(reverse("trust:my_data")).status_code == 302  # to the login page
    assert not client.login(username="marieke@example.invalid", password="kapstok-test")


@pytest.mark.django_db
def test_a_withdrawal_needs_a_post(world, login):
    response = login(world.users["member"]).get(reverse("trust:consent_withdraw"))
    assert response.status_code == 405


def test_an_outage_page_is_never_cached_and_says_when_to_retry():
    response = database_unavailable_response(RequestFactory().get("/netwerk/"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("text/html")


def test_an_outage_of_the_api_is_a_dutch_problem_document():
    response = database_unavailable_response(RequestFactory().get("/api/v1/offices"))
    problem = json.loads(response.content)
    assert response["Content-Type"] == "application/problem+json"
    assert response["Content-Language"] == "nl"
    assert problem["status"] == 503 and str(RETRY_AFTER_SECONDS) in problem["detail"]


def test_an_outage_answer_needs_no_request():
    assert database_unavailable_response().status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/kantoren/%00/", "/netwerk/?q=a%00b"])
def test_a_nul_character_anywhere_in_the_address_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode() == "Ongeldig teken (NUL) in het webadres."
