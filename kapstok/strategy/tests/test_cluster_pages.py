"""The cluster board: proposal, moving by select (htmx and plain), merge, rename, split."""

import re

import pytest

from kapstok.analysis.confidence import stored_maps
from kapstok.strategy.certainty import WORDS
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
    assert "van de 10 kaarten met dit label staan goed" in html
    assert any(f'class="certainty certainty-{word}"' in html for word in WORDS)
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


def test_the_board_opens_with_the_doubtful_cards_least_sure_first(board, session, anna):
    theme = ThemeFactory(session=session, label="Ruimte")
    other = ThemeFactory(session=session, label="Kosten")
    Card.objects.all().delete()
    texts = {
        "Zeker geplaatst": (theme, 0.9),
        "Half zeker": (theme, 0.6),
        "Flinke twijfel": (theme, 0.2),
        "Met de hand": (theme, None),
        "Ook twijfel": (other, 0.35),
    }
    for text, (target, value) in texts.items():
        CardFactory(participant=anna, text=text, theme=target, placement_confidence=value)
    html = board.get(board.base).content.decode()
    doubtful_at = html.index('class="doubtful"')
    # The doubtful list comes before any theme, least sure first; sure cards are not in it.
    assert doubtful_at < html.index('class="theme-grid"')
    listed = html[doubtful_at : html.index("</section>", doubtful_at)]
    assert listed.index("Flinke twijfel") < listed.index("Ook twijfel")
    assert "Half zeker" not in listed and "Zeker geplaatst" not in listed
    # Within a theme, too, the least sure card comes first and hand-placed cards last.
    grid = html[html.index('class="theme-grid"') :]
    order = [grid.index(f'#verplaatsen">{text}</a>') for text in list(texts)[:4]]
    assert order[2] < order[1] < order[0] < order[3]


def test_a_card_shows_its_word_and_what_it_meant_when_measured(board, session, anna):
    theme = ThemeFactory(session=session, label="Ruimte")
    CardFactory(participant=anna, text="Geen zaal", theme=theme, placement_confidence=0.9)
    html = board.get(board.base).content.decode()
    sure = next(band for band in stored_maps().bands if band.word == "zeker")
    card = re.search(r'<li class="session-card[^>]*>(?:(?!</li>).)*Geen zaal.*?</li>', html, re.S)
    assert '<span class="certainty certainty-zeker">zeker (90%)</span>' in card.group(0)
    # What the word meant when measured is said once, in the legend above the board.
    legend = re.search(r'<p class="certainty-legend.*?</p>', html, re.S).group(0)
    assert f"zeker</span>: {sure.in_ten} van de 10 kaarten met dit label staan goed" in legend
    assert "100%" not in html
