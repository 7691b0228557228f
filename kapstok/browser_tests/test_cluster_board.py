"""The cluster board of a large session in a browser: a long column shows its first cards and
"Toon alle N kaartjes" loads the rest in place, with the keyboard focus on the first new card;
a card from the loaded rest moves like any other. axe checks the board."""

import pytest
from playwright.sync_api import expect

from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
)
from kapstok.strategy.models import Card, SessionPhase
from kapstok.strategy.views import COLUMN_CARDS

pytestmark = pytest.mark.browser

LONG = COLUMN_CARDS + 4
DRAG = """([text, theme]) => {
  const links = [...document.querySelectorAll("li[data-card] a")];
  const link = links.find((a) => a.textContent === text);
  const column = document.querySelector(`section.theme[data-theme="${theme}"]`);
  const data = new DataTransfer();
  const options = {bubbles: true, cancelable: true, dataTransfer: data};
  const fire = (element, type) => element.dispatchEvent(new DragEvent(type, options));
  fire(link, "dragstart");
  fire(column, "dragover");
  fire(column, "drop");
  fire(link, "dragend");
}"""


@pytest.fixture
def board(live_world):
    session = StrategySessionFactory(
        office=live_world.office, facilitator=live_world.users["lead"], phase=SessionPhase.CLUSTER
    )
    guest = ParticipantFactory(session=session, display_name="Anna")
    long = ThemeFactory(session=session, label="Ruimte", position=1)
    other = ThemeFactory(session=session, label="Kosten", position=2)
    for n in range(LONG):
        CardFactory(
            participant=guest,
            text=f"Zaal nummer {n}",
            theme=long,
            placement_confidence=round(0.5 + n / 100, 2),
        )
    CardFactory(participant=guest, text="Huur te hoog", theme=other, placement_confidence=0.9)
    session.long, session.other = long, other
    return session


def test_a_long_column_loads_its_rest_in_place_and_its_cards_move(
    page, live_world, board, sign_in, axe_violations
):
    sign_in(page, live_world.users["lead"])
    page.goto(board.get_absolute_url())
    column = page.locator(f'section.theme[data-theme="{board.long.pk}"]')
    expect(column.locator("li[data-card]")).to_have_count(COLUMN_CARDS)
    # The one move form stays out of the way until a card is chosen.
    expect(page.locator("#verplaatsen")).to_be_hidden()
    assert not axe_violations(page), axe_violations(page)

    column.get_by_role("link", name=f"Toon alle {LONG} kaartjes").click()

    expect(column.locator("li[data-card]")).to_have_count(LONG)
    # The focus is on the first card that was not shown before.
    expect(column.locator("li[data-card] a").nth(COLUMN_CARDS)).to_be_focused()
    assert page.url.endswith(board.get_absolute_url())  # loaded in place, no reload

    # The surest card, last in the column, came with the rest; it moves like any other.
    last = column.locator("li[data-card]", has_text=f"Zaal nummer {LONG - 1}")
    last.get_by_role("link").click()
    form = page.locator("#verplaatsen")
    expect(form).to_be_visible()
    expect(form).to_contain_text(f"Zaal nummer {LONG - 1}")
    form.get_by_label("Naar thema").select_option(str(board.other.pk))
    form.get_by_role("button", name="Verplaatsen").click()
    moved = page.locator(f'section.theme[data-theme="{board.other.pk}"] li[data-card]')
    expect(moved.filter(has_text=f"Zaal nummer {LONG - 1}")).to_be_visible()
    assert Card.objects.get(text=f"Zaal nummer {LONG - 1}").theme_id == board.other.pk

    # Dragging a card by its text onto another theme moves it too (placed by hand, it comes
    # last in its new column, below the cut: the column counts it).
    expect(column.get_by_role("link", name=f"Toon alle {LONG - 1} kaartjes")).to_be_visible()
    # Headless Chromium starts no native drag from Playwright's mouse here, so the drag is
    # dispatched as the browser would: starting on the card's link, dropped on the column.
    page.evaluate(DRAG, ["Huur te hoog", str(board.long.pk)])
    expect(column.get_by_role("link", name=f"Toon alle {LONG} kaartjes")).to_be_visible()
    assert Card.objects.get(text="Huur te hoog").theme_id == board.long.pk


def test_without_javascript_the_link_reloads_the_board_with_the_column_in_full(
    browser, live_server, live_world, board, sign_in
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_world.users["lead"])
        page.goto(board.get_absolute_url())
        column = page.locator(f'section.theme[data-theme="{board.long.pk}"]')
        expect(column.locator("li[data-card]")).to_have_count(COLUMN_CARDS)

        column.get_by_role("link", name=f"Toon alle {LONG} kaartjes").click()

        expect(column.locator("li[data-card]")).to_have_count(LONG)
        assert f"?thema={board.long.pk}" in page.url
    finally:
        context.close()
