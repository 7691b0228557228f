"""Long columns on the cluster board (issue #19): a column shows its first cards, the least
sure first, and a link to the rest. With JavaScript the link loads the column's every card in
place (htmx); without, it reloads the board with that column in full. The doubtful cards stay
reachable from the list above the board, wherever they sit in their column."""

import re

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kapstok.strategy.factories import CardFactory, ParticipantFactory, ThemeFactory
from kapstok.strategy.models import SessionPhase
from kapstok.strategy.services import participant_remove
from kapstok.strategy.templatetags.strategy_extras import with_pk
from kapstok.strategy.views import COLUMN_CARDS

from .conftest import move_to

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
MORE = COLUMN_CARDS + 5  # cards in the long column


@pytest.fixture
def board(session, anna, world, login):
    move_to(session, SessionPhase.CLUSTER)
    client = login(world.users["lead"])
    client.base = f"/netwerk/kantoren/kantoor-utrecht/sessies/{session.pk}/"
    client.long = ThemeFactory(session=session, label="Lang", position=1)
    client.short = ThemeFactory(session=session, label="Kort", position=2)
    # Surest last: in the long column the least sure cards come first.
    client.long_cards = [
        CardFactory(
            participant=anna,
            text=f"Lang kaartje {n}",
            theme=client.long,
            placement_confidence=round(0.99 - n / 100, 2),
        )
        for n in range(MORE)
    ]
    CardFactory(participant=anna, text="Kort kaartje", theme=client.short, placement_confidence=0.9)
    return client


def column(html: str, theme) -> str:
    """The section of one theme on the board."""
    start = html.index(f'data-theme="{theme.pk}"')
    return html[start : html.index("</section>", start)]


def card_texts(html: str) -> list[str]:
    return re.findall(r'#verplaatsen">([^<]+)</a>', html)


def test_a_long_column_shows_its_first_cards_least_sure_first_and_a_link_to_all(board):
    html = board.get(board.base).content.decode()

    long = column(html, board.long)
    shown = card_texts(long)
    assert len(shown) == COLUMN_CARDS
    # The least sure were made last (confidence falls with n): they come first.
    assert shown[0] == f"Lang kaartje {MORE - 1}"
    assert "Lang kaartje 0<" not in long
    more = re.search(r'<li class="column-more"><a ([^>]*)>([^<]*)</a></li>', long)
    assert more.group(2) == f"Toon alle {MORE} kaartjes"
    assert f'href="?thema={board.long.pk}#theme-{board.long.pk}-label"' in more.group(1)
    assert f'hx-get="{board.base}indeling/kaartjes/?thema={board.long.pk}"' in more.group(1)
    assert 'hx-target="closest ul"' in more.group(1)
    # A short column has nothing to show more of.
    assert card_texts(column(html, board.short)) == ["Kort kaartje"]
    assert "column-more" not in column(html, board.short)


def test_without_javascript_the_link_shows_that_column_in_full(board):
    html = board.get(board.base + f"?thema={board.long.pk}").content.decode()

    long = column(html, board.long)
    assert len(card_texts(long)) == MORE
    assert "column-more" not in long


def test_with_htmx_the_link_loads_the_columns_every_card(board, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = board.get(board.base + f"indeling/kaartjes/?thema={board.long.pk}", **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<ul class="session-cards compact" data-first-new="{COLUMN_CARDS}">')
    assert card_texts(html) == [f"Lang kaartje {n}" for n in reversed(range(MORE))]
    assert "column-more" not in html
    assert "Kort kaartje" not in html


def test_the_columns_cards_take_as_many_queries_however_many_there_are(board, anna):
    url = board.base + f"indeling/kaartjes/?thema={board.long.pk}"
    with CaptureQueriesContext(connection) as few:
        board.get(url, **HTMX)
    for n in range(30):
        CardFactory(participant=anna, text=f"Extra {n}", theme=board.long)
    with CaptureQueriesContext(connection) as many:
        board.get(url, **HTMX)

    assert len(many) == len(few)


def test_the_unplaced_pile_is_cut_short_and_loaded_the_same_way(board, session, anna):
    for n in range(MORE):
        CardFactory(participant=anna, text=f"Los kaartje {n}", theme=None)

    html = board.get(board.base).content.decode()
    pile = html[html.index('class="theme unplaced"') :]
    pile = pile[: pile.index("</section>")]
    # Unplaced cards keep the order they were written in.
    assert card_texts(pile) == [f"Los kaartje {n}" for n in range(COLUMN_CARDS)]
    assert 'href="?thema=geen#theme-geen-label"' in pile
    assert 'id="theme-geen-label"' in pile

    rest = board.get(board.base + "indeling/kaartjes/?thema=geen", **HTMX).content.decode()
    assert card_texts(rest) == [f"Los kaartje {n}" for n in range(MORE)]


@pytest.mark.parametrize("key", ["", "abc", "999999"])
def test_an_unknown_column_is_not_found(board, key):
    response = board.get(board.base + f"indeling/kaartjes/?thema={key}", **HTMX)

    assert response.status_code == 404


def test_a_column_of_another_session_is_not_found(board):
    foreign = ThemeFactory(label="Van een ander")
    CardFactory(participant=ParticipantFactory(session=foreign.session), theme=foreign)

    response = board.get(board.base + f"indeling/kaartjes/?thema={foreign.pk}", **HTMX)

    assert response.status_code == 404


def test_only_facilitators_load_a_column(board, world, login):
    member = login(world.users["member"])

    response = member.get(board.base + f"indeling/kaartjes/?thema={board.long.pk}", **HTMX)

    assert response.status_code == 403


def test_a_doubtful_card_below_the_cut_is_linked_through_its_full_column(board, session, anna):
    hidden = board.long_cards[0]  # the surest of the long column: last, below the cut
    hidden.placement_confidence = 0.0  # now the least sure of all: first again
    hidden.save()
    low = CardFactory(participant=anna, text="Laag maar laat", theme=board.long)
    low.placement_confidence = 0.3
    low.save()
    # Make the long column's first cards all surer than "Laag maar laat" but doubtful too,
    # so "Laag maar laat" falls below the cut.
    for card in board.long_cards[1:]:
        card.placement_confidence = 0.1
        card.save()

    html = board.get(board.base).content.decode()
    doubtful = html[html.index('class="doubtful"') : html.index('class="theme-grid"')]

    assert f'<a href="#card-{hidden.pk}">' in doubtful
    assert f'<a href="?thema={board.long.pk}#card-{low.pk}">' in doubtful
    # That link opens the column in full, with the card in it.
    full = board.get(board.base + f"?thema={board.long.pk}").content.decode()
    assert f'id="card-{low.pk}"' in full
    assert f'<a href="#card-{low.pk}">' in full[: full.index('class="theme-grid"')]


def test_a_long_doubtful_card_is_shortened_in_the_list(board, session, anna):
    CardFactory(participant=anna, text="x" * 120, theme=board.short, placement_confidence=0.1)

    html = board.get(board.base).content.decode()
    doubtful = html[html.index('class="doubtful"') : html.index('class="theme-grid"')]

    assert "x" * 79 + "…</a>" in doubtful
    assert "x" * 80 not in doubtful


def test_the_participants_table_is_one_form_with_a_button_per_guest(board, session):
    guest = ParticipantFactory(session=session, display_name="Gast Gerrit")

    html = board.get(board.base).content.decode()
    table = html[html.index('id="deelnemers"') :]
    table = table[: table.index("</section>")]

    assert table.count("<form") == 1
    assert table.count('name="csrfmiddlewaretoken"') == 1
    removal = f"{board.base}deelnemers/{guest.pk}/verwijderen/"
    assert f'formaction="{removal}"' in table
    response = board.post(removal)
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.is_removed


def test_theme_tools_post_to_their_own_themes_address(board):
    html = board.get(board.base).content.decode()
    tools = column(html, board.short)

    for action in ("hernoemen", "samenvoegen"):
        url = f"{board.base}themas/{board.short.pk}/{action}/"
        assert f'action="{url}" hx-post="{url}"' in tools
    # The board itself is the target of every htmx form in it.
    assert '<div id="cluster-board" class="cluster-board" hx-target="this"' in html


def test_with_pk_puts_the_pk_in_an_address_made_with_zero():
    pattern = "/netwerk/kantoren/kantoor-0/sessies/10/themas/0/hernoemen/"

    assert with_pk(pattern, 42) == "/netwerk/kantoren/kantoor-0/sessies/10/themas/42/hernoemen/"


def participants_table(html: str) -> str:
    table = html[html.index('id="deelnemers"') :]
    return table[: table.index("</section>")]


def row_of(table: str, name: str) -> str:
    return re.search(rf"<tr><th scope=\"row\">{re.escape(name)}</th>.*?</tr>", table).group(0)


def test_each_guest_row_says_who_how_and_offers_removal_only_where_it_may(
    board, session, world, anna
):
    CardFactory(participant=anna, text="Nog een")
    account = ParticipantFactory(session=session, display_name="Met Account")
    account.user = world.users["member"]
    account.save()
    gone = ParticipantFactory(session=session, display_name="Al Weg")
    participant_remove(participant=gone, actor=world.users["lead"])
    ParticipantFactory(session=session, display_name='<b>"Bold"</b>')

    table = participants_table(board.get(board.base).content.decode())

    anna_row = row_of(table, "Anna")
    # Anna wrote the fixture's long and short cards, and one more.
    assert f'<td class="num">{MORE + 2}</td><td class="num">0</td>' in anna_row
    assert "<td>gast</td>" in anna_row
    assert f'formaction="{board.base}deelnemers/{anna.pk}/verwijderen/"' in anna_row
    assert '<span class="visually-hidden">: Anna</span>' in anna_row
    account_row = row_of(table, "Met Account")
    assert "<td>met een account</td>" in account_row and "<button" not in account_row
    gone_row = row_of(table, "Al Weg")
    assert "uit de sessie gehaald" in gone_row and "<button" not in gone_row
    assert "&lt;b&gt;&quot;Bold&quot;&lt;/b&gt;" in table and "<b>" not in table


def test_a_closed_session_offers_no_removal(board, session, anna):
    move_to(session, SessionPhase.CLOSED)

    table = participants_table(board.get(board.base).content.decode())

    assert "<button" not in table
    assert "<td>gast</td>" in row_of(table, "Anna")


def test_each_themes_merge_list_holds_every_other_theme_once(board, session):
    third = ThemeFactory(session=session, label="Derde & laatste", position=3)

    html = board.get(board.base).content.decode()

    for theme, others in (
        (board.long, [board.short, third]),
        (board.short, [board.long, third]),
        (third, [board.long, board.short]),
    ):
        merge = re.search(rf'<select name="target" id="merge-{theme.pk}">(.*?)</select>', html)
        expected = "".join(
            f'<option value="{o.pk}">{o.label.replace("&", "&amp;")}</option>' for o in others
        )
        assert merge.group(1) == expected


def figures(html: str) -> tuple[str, str]:
    """The session's "Deelnemers" and "Kaartjes" figures at the top of the page."""
    found = dict(re.findall(r"<div><dt>([^<]+)</dt><dd[^>]*>([^<]+)</dd></div>", html))
    return found["Deelnemers"], found["Kaartjes"]


def test_the_facilitators_figures_count_the_same_as_everyone_elses(board, session, world):
    bram = ParticipantFactory(session=session, display_name="Bram")
    CardFactory(participant=bram, text="Van Bram")
    participant_remove(participant=bram, actor=world.users["lead"])  # his card stays
    ParticipantFactory(session=session, display_name="Zonder kaartjes")

    facilitator = figures(board.get(board.base).content.decode())
    member = Client()
    member.force_login(world.users["member"])
    other = figures(member.get(board.base).content.decode())

    # Anna and the guest without cards take part; Bram's card counts with Anna's.
    assert facilitator == other == ("2", str(MORE + 2))
