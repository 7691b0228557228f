"""The cluster board: proposal, moving by select (htmx and plain), merge, rename, split."""

import pytest

from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import Card, SessionPhase, Theme

from .conftest import move_to

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def board(session, anna, world, login):
    CardFactory(participant=anna, text="Gymzalen van scholen zijn 's avonds niet beschikbaar")
    CardFactory(participant=anna, text="Klanten kunnen nergens parkeren")
    move_to(session, SessionPhase.CLUSTER)
    client = login(world.users["lead"])
    client.base = f"/netwerk/kantoren/kantoor-utrecht/sessies/{session.pk}/"
    return client


def test_proposal_by_htmx_returns_the_board(board, session):
    response = board.post(board.base + "indeling/voorstel/", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="cluster-board"')
    assert "zekerheid" in html
    assert not Card.objects.filter(session=session, theme__isnull=True).exists()


def test_proposal_without_javascript_redirects_to_the_board(board):
    response = board.post(board.base + "indeling/voorstel/")
    assert response.status_code == 302 and response["Location"].endswith("#indeling")


def test_moving_a_card_with_the_select(board, session):
    card = Card.objects.first()
    target = ThemeFactory(session=session, label="Bereikbaarheid")
    response = board.post(board.base + f"kaartjes/{card.pk}/verplaatsen/", {"theme": target.pk})
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.theme == target


def test_moving_to_a_theme_of_another_session_is_refused(board, session):
    card = Card.objects.first()
    response = board.post(
        board.base + f"kaartjes/{card.pk}/verplaatsen/", {"theme": ThemeFactory().pk}, **HTMX
    )
    assert "Kies een thema uit de lijst." in response.content.decode()
    card.refresh_from_db()
    assert card.theme is None


def test_merge_and_rename(board, session):
    first = ThemeFactory(session=session, label="Zalen")
    second = ThemeFactory(session=session, label="Ruimte")
    board.post(board.base + f"themas/{first.pk}/samenvoegen/", {"target": second.pk}, **HTMX)
    board.post(board.base + f"themas/{second.pk}/hernoemen/", {"label": "Ruimte om te sporten"})
    assert list(Theme.objects.filter(session=session).values_list("label", flat=True)) == [
        "Ruimte om te sporten"
    ]


def test_empty_name_is_refused_on_the_board(board, session):
    theme = ThemeFactory(session=session, label="Zalen")
    response = board.post(board.base + f"themas/{theme.pk}/hernoemen/", {"label": " "}, **HTMX)
    assert "Geef het thema een naam." in response.content.decode()


def test_split_page_moves_cards_to_a_new_theme(board, session):
    theme = ThemeFactory(session=session, label="Alles")
    Card.objects.update(theme=theme)
    parking = Card.objects.get(text__contains="parkeren")
    assert board.get(board.base + f"themas/{theme.pk}/splitsen/").status_code == 200
    response = board.post(
        board.base + f"themas/{theme.pk}/splitsen/", {"label": "Parkeren", "cards": [parking.pk]}
    )
    assert response.status_code == 302
    parking.refresh_from_db()
    assert parking.theme.label == "Parkeren"


def test_split_without_cards_explains_why(board, session):
    theme = ThemeFactory(session=session, label="Alles")
    response = board.post(board.base + f"themas/{theme.pk}/splitsen/", {"label": "Parkeren"})
    assert "Kies de kaartjes" in response.content.decode()


def test_confirm_from_the_board(board, session):
    board.post(board.base + "indeling/voorstel/", **HTMX)
    board.post(board.base + "indeling/bevestigen/", **HTMX)
    assert not Card.objects.filter(session=session, placement_confirmed=False).exists()


def test_board_actions_outside_the_cluster_phase_are_refused(board, session):
    move_to(session, SessionPhase.PRIORITISE)
    response = board.post(board.base + "indeling/voorstel/", follow=True)
    assert "alleen in de fase clusteren" in response.content.decode()
