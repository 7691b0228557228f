"""What a visitor or an API client gets when a page is missing, forbidden or the method wrong."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_api_route_answers_json_in_dutch_not_an_html_page(client):
    response = client.get("/api/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Niet gevonden."}


def test_a_missing_page_answers_the_dutch_html_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_forbidden_page_answers_the_403_page(world, login):
    response = login(world.users["member"]).get("/onderzoek/")
    assert response.status_code == 403
    assert response.templates[0].name == "errors/403.html"


def test_the_start_page_sends_anonymous_visitors_to_the_login(client):
    response = client.get("/start/")
    assert response.status_code == 302
    assert "/start/" in response["Location"]


def test_the_health_check_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def test_every_page_knows_whether_it_runs_as_the_demo(client, settings):
    settings.DEMO_MODE = True
    assert client.get("/bestaat-niet/").context["demo_mode"] is True
