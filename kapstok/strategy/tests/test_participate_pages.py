"""The phone side: joining by code, adding and editing cards, voting, bad input."""

import pytest

from django.test import Client

from kapstok.strategy import services
from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import Card, Participant, SessionPhase, Vote

from .conftest import move_to

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def guest(session, client):
    """A phone that joined as Anna; `client.board` is its board URL."""
    client.post("/sessie/", {"code": session.join_code, "display_name": "Anna"})
    client.board = f"/sessie/{session.join_code}/"
    return client


def test_guest_joins_with_code_and_name(session, client):
    response = client.post("/sessie/", {"code": session.join_code.lower(), "display_name": "Anna"})
    assert response.status_code == 302 and response["Location"] == f"/sessie/{session.join_code}/"
    assert Participant.objects.get().display_name == "Anna"
    html = client.get(response["Location"]).content.decode()
    assert "u doet mee als Anna" in html


def test_join_page_fills_in_the_code_from_the_qr_link(session, client):
    html = client.get(f"/sessie/?code={session.join_code}").content.decode()
    assert f'value="{session.join_code}"' in html


def test_wrong_code_is_refused_in_dutch(session, client):
    response = client.post("/sessie/", {"code": "ZZZZZZ", "display_name": "Anna"})
    assert "Deze sessiecode kennen we niet" in response.content.decode()
    assert not Participant.objects.exists()


def test_empty_code_is_refused_in_dutch(client, db):
    assert "Vul de sessiecode in." in client.post("/sessie/", {"code": ""}).content.decode()


def test_ten_wrong_codes_are_throttled(session, client):
    for _ in range(services.JOIN_FAILURE_LIMIT):
        client.post("/sessie/", {"code": "ZZZZZZ"})
    response = client.post("/sessie/", {"code": session.join_code})
    assert "Probeer het over tien minuten opnieuw" in response.content.decode()
    assert client.get(f"/sessie/{session.join_code}/").status_code == 429


def test_unknown_code_in_the_address_gives_the_join_page(session, client):
    response = client.get("/sessie/ZZZZZZ/")
    assert response.status_code == 404
    assert "Deze sessiecode kennen we niet" in response.content.decode()


def test_closed_session_refuses_new_participants(session, client):
    move_to(session, SessionPhase.CLOSED)
    response = client.post("/sessie/", {"code": session.join_code, "display_name": "Laat"})
    assert "Deze sessie is afgerond" in response.content.decode()
    assert not Participant.objects.exists()


def test_member_of_the_office_joins_without_a_form(session, world, login):
    client = login(world.users["member"])
    response = client.get(f"/sessie/?code={session.join_code}")
    assert response["Location"] == f"/sessie/{session.join_code}/"
    assert client.get(response["Location"]).status_code == 200
    participant = Participant.objects.get()
    assert participant.user == world.users["member"]
    assert participant.display_name == "Marieke Lid"


def test_someone_else_signed_in_is_asked_for_a_name(session, world, login):
    client = login(world.users["civil_servant"])
    response = client.get(f"/sessie/{session.join_code}/")
    assert response["Location"] == f"/sessie/?code={session.join_code}"
    assert not Participant.objects.exists()


def test_without_joining_the_board_sends_you_to_the_join_page(session, client):
    response = client.get(f"/sessie/{session.join_code}/")
    assert response["Location"] == f"/sessie/?code={session.join_code}"


def test_guest_adds_a_card_by_htmx(guest, session):
    response = guest.post(
        guest.board + "kaartjes/nieuw/", {"kind": "opportunity", "text": "Samen inkopen"}, **HTMX
    )
    assert response["HX-Trigger"] == "cardsChanged"
    assert "Uw kaartje staat op het bord." in response.content.decode()
    card = Card.objects.get()
    assert card.text == "Samen inkopen" and card.participant.display_name == "Anna"
    assert "Samen inkopen" in guest.get(guest.board + "live/?fase=collect").content.decode()


def test_guest_adds_a_card_without_javascript(guest):
    response = guest.post(guest.board + "kaartjes/nieuw/", {"kind": "need", "text": "Meer uren"})
    assert response.status_code == 302 and response["Location"] == guest.board
    assert Card.objects.get().text == "Meer uren"


def test_empty_card_is_refused_in_dutch(guest):
    response = guest.post(guest.board + "kaartjes/nieuw/", {"kind": "need", "text": "  "}, **HTMX)
    assert "Schrijf eerst iets op het kaartje." in response.content.decode()
    assert not Card.objects.exists()


def test_long_card_is_refused_and_the_text_is_kept_to_shorten(guest):
    text = "Lang verhaal. " * 357 + "Einde"
    assert len(text) > 4000
    response = guest.post(guest.board + "kaartjes/nieuw/", {"kind": "challenge", "text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ruimte voor 280 tekens" in html and f"heeft er {len(text.strip())}" in html
    assert "Einde</textarea>" in html  # nothing lost
    assert 'maxlength="' not in html.split('name="text"')[1].split(">")[0]
    assert not Card.objects.exists()


def test_card_with_html_is_shown_as_text(guest):
    guest.post(
        guest.board + "kaartjes/nieuw/",
        {"kind": "need", "text": "<script>alert(1)</script> <img src=x onerror=alert(2)>"},
    )
    html = guest.get(guest.board).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;" in html


def test_card_without_a_kind_is_refused(guest):
    response = guest.post(guest.board + "kaartjes/nieuw/", {"text": "Iets"}, **HTMX)
    assert "Kies of het een kans, uitdaging of behoefte is." in response.content.decode()


def test_card_after_collecting_is_refused_and_kept(guest, session):
    move_to(session, SessionPhase.CLUSTER)
    response = guest.post(
        guest.board + "kaartjes/nieuw/", {"kind": "need", "text": "Te laat bedacht"}, **HTMX
    )
    html = response.content.decode()
    assert "alleen zolang de sessie kaartjes verzamelt" in html
    assert "Te laat bedacht" in html
    assert not Card.objects.exists()


def test_guest_edits_and_deletes_own_card(guest):
    guest.post(guest.board + "kaartjes/nieuw/", {"kind": "need", "text": "Eerste versie"})
    card = Card.objects.get()
    edit = guest.board + f"kaartjes/{card.pk}/bewerken/"
    assert "Eerste versie" in guest.get(edit).content.decode()
    guest.post(edit, {"kind": "opportunity", "text": "Tweede versie"})
    card.refresh_from_db()
    assert (card.kind, card.text) == ("opportunity", "Tweede versie")
    guest.post(guest.board + f"kaartjes/{card.pk}/verwijderen/")
    assert not Card.objects.exists()


def test_participant_cannot_edit_anothers_card(guest, session):
    others = CardFactory(participant=Participant.objects.create(session=session), text="Van Bram")
    response = guest.post(
        guest.board + f"kaartjes/{others.pk}/bewerken/", {"kind": "need", "text": "Gekaapt"}
    )
    assert response.status_code == 403
    assert "U kunt alleen uw eigen kaartjes aanpassen." in response.content.decode()
    assert guest.post(guest.board + f"kaartjes/{others.pk}/verwijderen/").status_code == 403
    others.refresh_from_db()
    assert others.text == "Van Bram"


def test_other_phone_cannot_act_for_a_participant(session, guest):
    stranger = Client()
    response = stranger.post(
        guest.board + "kaartjes/nieuw/", {"kind": "need", "text": "Zonder mee te doen"}
    )
    assert response.status_code == 403
    assert not Card.objects.exists()


@pytest.fixture
def voting(guest, session):
    move_to(session, SessionPhase.PRIORITISE)
    guest.themes = [ThemeFactory(session=session, label=f"Thema {i}") for i in range(3)]
    return guest


def test_guest_votes_and_sees_the_budget(voting):
    theme = voting.themes[0]
    response = voting.post(voting.board + f"stemmen/{theme.pk}/", **HTMX)
    html = response.content.decode()
    assert "U heeft nog 2 van uw 3 stippen." in html
    assert Vote.objects.filter(theme=theme).count() == 1


def test_vote_beyond_the_budget_is_refused_in_dutch(voting):
    for theme in voting.themes:
        voting.post(voting.board + f"stemmen/{theme.pk}/", **HTMX)
    response = voting.post(voting.board + f"stemmen/{voting.themes[0].pk}/", **HTMX)
    assert "al uw 3 stippen verdeeld" in response.content.decode()
    assert Vote.objects.count() == 3


def test_guest_takes_a_dot_back(voting):
    theme = voting.themes[1]
    voting.post(voting.board + f"stemmen/{theme.pk}/")
    voting.post(voting.board + f"stemmen/{theme.pk}/weghalen/")
    assert not Vote.objects.exists()


def test_vote_after_the_phase_closed_is_refused_in_dutch(voting, session):
    move_to(session, SessionPhase.GOALS)
    response = voting.post(voting.board + f"stemmen/{voting.themes[0].pk}/", follow=True)
    assert "Stemmen kan alleen in de fase prioriteren." in response.content.decode()
    assert not Vote.objects.exists()


def test_phone_board_reloads_when_the_phase_moves_on(voting, session):
    assert "HX-Refresh" not in voting.get(voting.board + "live/?fase=prioritise")
    move_to(session, SessionPhase.GOALS)
    assert voting.get(voting.board + "live/?fase=prioritise")["HX-Refresh"] == "true"


def test_closed_session_board_still_shows_the_ranking(voting, session):
    services.vote_cast(participant=Participant.objects.get(), theme=voting.themes[2])
    move_to(session, SessionPhase.CLOSED)
    html = voting.get(voting.board).content.decode()
    assert "Deze sessie is afgerond" in html and "Thema 2" in html
    assert "every 2s" not in html
