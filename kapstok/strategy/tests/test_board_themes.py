"""The voting board opens a theme to show its cards; every theme tied for a top place is
highlighted (issue 17: of four themes tied for first place only three were)."""

import re

import pytest

from kapstok.strategy.factories import CardFactory, ParticipantFactory, ThemeFactory, VoteFactory
from kapstok.strategy.models import SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


def test_a_theme_on_the_voting_board_opens_to_show_its_cards(session, client):
    theme = ThemeFactory(session=session, label="Zaalruimte")
    CardFactory(session=session, participant__session=session, theme=theme, text="Geen zaal")
    move_to(session, SessionPhase.PRIORITISE)
    client.post("/sessie/", {"code": session.join_code, "display_name": "Anna"})

    html = client.get(f"/sessie/{session.join_code}/").content.decode()

    details = re.search(r'<details class="vote-label">(.*?)</details>', html, re.S).group(1)
    assert "<summary>Zaalruimte" in details
    assert "1 kaartje" in details
    assert "<li>Geen zaal</li>" in details


def test_four_themes_tied_for_first_place_are_all_highlighted(session, world, login):
    themes = [ThemeFactory(session=session, label=f"Thema {n}") for n in range(5)]
    voter = ParticipantFactory(session=session)
    for theme in themes[:4]:
        VoteFactory(participant=voter, theme=theme)
    move_to(session, SessionPhase.GOALS)

    html = login(world.users["lead"]).get(session.get_absolute_url()).content.decode()

    assert html.count('class="ranking-row top"') == 4
    assert html.count('class="ranking-row"') == 1
