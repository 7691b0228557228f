"""The cluster board from a short cache (issue #19): the same for every facilitator of the
session until someone writes, so it is rendered once per change, yet each facilitator's forms
carry their own CSRF token and a board that is one visitor's own view is never shared."""

import re

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import SessionPhase
from kapstok.strategy.views import csrf_mark

from .conftest import move_to

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def board(session, world, anna):
    move_to(session, SessionPhase.CLUSTER)
    themes = [ThemeFactory(session=session, label=f"Thema {n}") for n in range(3)]
    for n in range(12):
        CardFactory(participant=anna, text=f"Kaartje {n}", theme=themes[n % 3])
    CardFactory(participant=anna, text="Nog nergens", theme=None)
    return f"/netwerk/kantoren/{session.office.slug}/sessies/{session.pk}/", themes


def facilitator(world, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[persona])
    return client


def visit(client: Client, path: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value=""', html)


def board_part(html: str) -> str:
    """The board: from its own element to the end of the section it closes the page with."""
    start = html.index('<div id="cluster-board"')
    return html[start : html.index("</main>", start)]


def test_a_second_visit_gets_the_same_board_with_fewer_queries(world, board):
    base, _themes = board
    lead = facilitator(world, "lead")

    first, cold = visit(lead, base)
    second, warm = visit(lead, base)

    assert warm < cold
    assert without_tokens(board_part(second)) == without_tokens(board_part(first))
    assert "Kaartje 11" in second and "Nog nergens" in second


def test_a_move_shows_on_the_next_visit(world, board):
    base, themes = board
    lead = facilitator(world, "lead")
    html, _ = visit(lead, base)
    card = CardFactory(participant=themes[0].session.participants.first(), text="Parkeren")
    token = TOKEN.search(html).group(1)

    response = lead.post(
        base + f"kaartjes/{card.pk}/verplaatsen/",
        {"theme": themes[2].pk, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    after, _ = visit(lead, base)
    column = after.split(f'data-theme="{themes[2].pk}"')[1].split("</section>")[0]
    assert "Parkeren" in column


def test_each_facilitator_posts_with_their_own_token_from_a_board_another_filled(world, board):
    base, themes = board
    pos, lead = facilitator(world, "pos"), facilitator(world, "lead")
    _, cold = visit(pos, base)  # POS staff fill the cache

    html, warm = visit(lead, base)
    token = TOKEN.findall(board_part(html))

    assert warm < cold  # the lead got the board POS staff's visit rendered
    assert csrf_mark() not in html
    assert token and len(set(token)) == 1
    response = lead.post(
        base + f"themas/{themes[0].pk}/hernoemen/",
        {"label": "Ruimte om te sporten", "csrfmiddlewaretoken": token[0]},
    )
    assert response.status_code == 302
    themes[0].refresh_from_db()
    assert themes[0].label == "Ruimte om te sporten"


def test_a_chosen_card_and_a_column_in_full_are_the_visitors_own(world, board):
    base, themes = board
    lead = facilitator(world, "lead")
    visit(lead, base)  # the shared board is cached
    card = themes[1].cards.order_by("pk").first()

    chosen, _ = visit(lead, base + f"?kaart={card.pk}")
    plain, _ = visit(lead, base)

    assert f'<span class="move-card-text">{card.text}</span>' in chosen
    assert '<span class="move-card-text"></span>' in plain


def test_the_board_is_kept_per_language(world, board, settings):
    base, _themes = board
    lead = facilitator(world, "lead")
    dutch, _ = visit(lead, base)
    lead.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    english, _ = visit(lead, base)

    assert "Stel indeling voor" in board_part(dutch)
    assert "Stel indeling voor" not in board_part(english)


def test_a_member_who_may_not_facilitate_gets_no_board(world, board):
    base, _themes = board
    facilitator(world, "lead").get(base)  # the board is cached
    member = facilitator(world, "member")

    html, _ = visit(member, base)

    assert 'id="cluster-board"' not in html


def test_a_card_cannot_write_the_token_mark_into_the_board(world, board, session, anna):
    """A card's text is shown as written, even a text that looks like a placeholder: only the
    secret mark is replaced by the viewer's token."""
    base, themes = board
    CardFactory(participant=anna, text="csrf-token-of-the-request", theme=themes[0])
    html, _ = visit(facilitator(world, "lead"), base)
    assert "csrf-token-of-the-request" in board_part(html)
