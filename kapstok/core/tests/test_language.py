"""The interface is Dutch first; English only when chosen."""

import pytest

pytestmark = pytest.mark.django_db


def test_dutch_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()


def test_the_language_switch_chooses_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response["Content-Language"] == "en"


def test_an_unknown_language_falls_back_to_dutch(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/")["Content-Language"] == "nl"
