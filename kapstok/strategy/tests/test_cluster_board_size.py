"""The cluster board at size (issue #19): a facilitator drives it live on a laptop or phone
with hundreds of cards, so each card adds a small, fixed amount of HTML and no queries. The
themes to move a card to are listed once, in one shared move form, not once per card."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.core.generation import generation_bump
from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import Card, SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db

# A card's own HTML (its text as the link that opens the move form, its kind and the
# certainty word, whose measured meaning the legend gives once for the board) and, for a
# doubtful card, its line in the list to look at first. Far below what one <select> of twelve
# themes per card cost before (over 1 kB a card), and below the 600 bytes a card took with a
# separate "Verplaatsen" link and the meaning repeated on each card.
BYTES_PER_CARD = 400
THEMES = 12


@pytest.fixture
def board(session, world, login):
    move_to(session, SessionPhase.CLUSTER)
    client = login(world.users["lead"])
    client.base = f"/netwerk/kantoren/kantoor-utrecht/sessies/{session.pk}/"
    client.themes = [ThemeFactory(session=session, label=f"Thema {n}") for n in range(THEMES)]
    return client


def add_cards(session, anna, themes, count: int) -> None:
    for n in range(count):
        CardFactory(
            participant=anna,
            text=f"Kaartje nummer {n} over iets",
            theme=themes[n % len(themes)],
            placement_confidence=0.2 + (n % 7) / 10,
        )


def page(board) -> tuple[str, int]:
    """The board's HTML and the number of queries it took, as the first view after the cards
    were written (the factories write past the requests that would move the generation)."""
    generation_bump()
    with CaptureQueriesContext(connection) as queries:
        response = board.get(board.base)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_each_card_adds_a_small_fixed_amount_of_html(board, session, anna):
    add_cards(session, anna, board.themes, 10)
    small, _ = page(board)
    add_cards(session, anna, board.themes, 40)
    large, _ = page(board)

    per_card = (len(large.encode()) - len(small.encode())) / 40
    assert 0 < per_card < BYTES_PER_CARD, per_card


def test_the_board_takes_as_many_queries_with_fifty_cards_as_with_two(board, session, anna):
    add_cards(session, anna, board.themes, 2)
    _, few = page(board)
    add_cards(session, anna, board.themes, 48)
    _, many = page(board)

    assert many == few


def test_the_themes_are_listed_once_in_one_shared_move_form(board, session, anna):
    add_cards(session, anna, board.themes, 30)
    html, _ = page(board)

    assert html.count('<select name="theme"') == 1
    assert html.count('id="verplaatsen"') == 1
    # Every option of a theme sits in the shared form or in a theme's own merge list.
    move_form = re.search(r'<form method="post" id="verplaatsen".*?</form>', html, re.S).group(0)
    assert move_form.count("<option") == THEMES + 1
    grid = html[html.index('class="theme-grid"') :]
    cards = re.findall(r'<li class="session-card.*?</li>', grid, re.S)
    assert len(cards) == 30
    assert not any("<form" in card or "<option" in card for card in cards)
    # Each card's text is its link to the move form, so the link is named after the card.
    assert all(
        re.search(
            r'<a class="card-text move-card" href="\?kaart=\d+#verplaatsen">Kaartje nummer', card
        )
        for card in cards
    )


def test_the_shared_move_form_is_hidden_until_a_card_is_chosen(board, session, anna):
    add_cards(session, anna, board.themes, 3)
    html, _ = page(board)

    move_form = re.search(r'<form method="post" id="verplaatsen"[^>]*>', html).group(0)
    assert " hidden" in move_form
    assert f'data-url-pattern="{board.base}kaartjes/0/verplaatsen/"' in move_form


def test_a_cards_link_opens_the_move_form_for_it_without_javascript(board, session, anna):
    add_cards(session, anna, board.themes, 3)
    card = Card.objects.order_by("pk").last()

    html = board.get(board.base + f"?kaart={card.pk}").content.decode()

    move_form = re.search(r'<form method="post" id="verplaatsen".*?</form>', html, re.S).group(0)
    opening = move_form[: move_form.index(">")]
    assert " hidden" not in opening
    assert f'action="{board.base}kaartjes/{card.pk}/verplaatsen/"' in opening
    assert card.text in move_form
    assert f'<option value="{card.theme_id}" selected>' in move_form
    assert 'name="csrfmiddlewaretoken"' in move_form


def test_the_move_form_then_moves_the_card_and_returns_to_the_board(board, session, anna):
    add_cards(session, anna, board.themes, 3)
    card = Card.objects.order_by("pk").first()
    target = board.themes[-1]
    html = board.get(board.base + f"?kaart={card.pk}").content.decode()
    action = re.search(r'id="verplaatsen"[^>]*action="([^"]+)"', html).group(1)

    response = board.post(action, {"theme": target.pk})

    assert response.status_code == 302 and response["Location"].endswith("#indeling")
    card.refresh_from_db()
    assert card.theme == target


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_a_stale_or_bad_card_in_the_link_shows_the_board_without_a_move_form(
    board, session, anna, value
):
    add_cards(session, anna, board.themes, 2)

    response = board.get(board.base + f"?kaart={value}")

    assert response.status_code == 200
    move_form = re.search(r'<form method="post" id="verplaatsen"[^>]*>', response.content.decode())
    assert " hidden" in move_form.group(0)


def test_a_card_of_another_session_is_not_offered_for_moving(board, session, anna):
    add_cards(session, anna, board.themes, 2)
    foreign = CardFactory(text="Van een andere sessie")

    html = board.get(board.base + f"?kaart={foreign.pk}").content.decode()

    assert "Van een andere sessie" not in html
    assert f"kaartjes/{foreign.pk}/" not in html


def test_a_cards_text_is_escaped_on_the_board(board, session, anna):
    CardFactory(participant=anna, text='<script>alert("x")</script> & meer', theme=None)

    html, _ = page(board)

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; meer" in html


def test_a_card_placed_by_hand_says_so_and_an_unplaced_card_shows_no_certainty(
    board, session, anna
):
    CardFactory(participant=anna, text="Met de hand", theme=board.themes[0])
    CardFactory(participant=anna, text="Nergens", theme=None)

    html, _ = page(board)

    by_hand = re.search(
        r'<li class="session-card[^>]*>(?:(?!</li>).)*Met de hand.*?</li>', html, re.S
    )
    assert "met de hand geplaatst" in by_hand.group(0)
    unplaced = re.search(r'<li class="session-card[^>]*>(?:(?!</li>).)*Nergens.*?</li>', html, re.S)
    assert "certainty" not in unplaced.group(0)
    assert "met de hand geplaatst" not in unplaced.group(0)


def test_cards_with_the_same_kind_and_certainty_share_one_translated_face(session, anna):
    from kapstok.strategy.certainty import card_faces

    cards = [
        CardFactory(participant=anna, kind="need", placement_confidence=0.9),
        CardFactory(participant=anna, kind="need", placement_confidence=0.9),
        CardFactory(participant=anna, kind="need", placement_confidence=0.2),
        CardFactory(participant=anna, kind="need", placement_confidence=None),
    ]

    card_faces(cards)

    assert cards[0].face is cards[1].face
    assert cards[0].face.key == "zeker" and cards[0].face.text == "zeker (90%)"
    assert cards[2].face.key != "zeker" and cards[2].face.text.endswith("(20%)")
    assert cards[3].face.key == "" and cards[3].face.kind_label == "behoefte"
