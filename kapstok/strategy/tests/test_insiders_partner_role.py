"""Insiders: what a partner's role refuses on one page it is refused on every path.

Replays the finding: Paula Partner (facilitator of Kantoor Utrecht's sessions) gets 403 on
"nieuw doel", yet created a goal from a theme (`…/themas/<pk>/doel/`), and stepped a closed
session back (`…/sessies/<pk>/fase/` with `to=goals`), which made its join code work again.
"""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from kapstok.goals.models import Goal
from kapstok.strategy import services
from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import SessionPhase, StrategySession

from .conftest import move_to

SESSIONS = "/netwerk/kantoren/kantoor-utrecht/sessies/"
KAPSTOK = "/netwerk/kantoren/kantoor-utrecht/kapstok/"
GOAL = {"title": "Meer zaalruimte op dinsdag", "status": "open"}


@pytest.fixture
def theme(session, anna):
    theme = ThemeFactory(session=session, label="Ruimte", confirmed=True)
    CardFactory(participant=anna, theme=theme, placement_confirmed=True)
    move_to(session, SessionPhase.GOALS)
    return theme


def _goal_url(session, theme):
    return f"{SESSIONS}{session.pk}/themas/{theme.pk}/doel/"


def test_a_partner_makes_no_goal_from_a_theme_as_on_the_new_goal_page(world, login, session, theme):
    partner = login(world.users["partner"])
    assert partner.get(f"{KAPSTOK}doelen/nieuw/").status_code == 403
    assert partner.get(_goal_url(session, theme)).status_code == 403
    assert partner.post(_goal_url(session, theme), GOAL).status_code == 403
    assert not Goal.objects.exists()


def test_the_goal_service_asks_the_same_rule(world, session, theme):
    for actor in (world.users["partner"], world.users["member"], None):
        with pytest.raises(PermissionDenied):
            services.goal_from_theme(theme=theme, goal=Goal(title="Doel"), actor=actor)
    assert not Goal.objects.exists()


@pytest.mark.parametrize("persona", ["lead", "pos"])
def test_the_lead_and_pos_make_a_goal_from_a_theme(persona, world, login, session, theme):
    response = login(world.users[persona]).post(_goal_url(session, theme), GOAL)
    assert response.status_code == 302
    assert Goal.objects.get().source_theme == theme


def test_the_session_page_offers_a_partner_no_goal_button(world, login, session, theme):
    partner_html = login(world.users["partner"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    assert _goal_url(session, theme) not in partner_html
    lead_html = login(world.users["lead"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    assert _goal_url(session, theme) in lead_html


def test_a_partner_cannot_reopen_a_closed_session(world, login, session, theme):
    move_to(session, SessionPhase.CLOSED)
    response = login(world.users["partner"]).post(
        f"{SESSIONS}{session.pk}/fase/", {"to": SessionPhase.GOALS}
    )
    assert response.status_code == 403
    assert StrategySession.objects.get(pk=session.pk).phase == SessionPhase.CLOSED
    with pytest.raises(ValidationError, match="afgerond"):  # the code stays expired
        services.participant_join(session=session, display_name="Laatkomer")


def test_the_phase_service_asks_the_same_rule(world, session):
    move_to(session, SessionPhase.CLOSED)
    for actor in (world.users["partner"], world.users["member"], None):
        with pytest.raises(PermissionDenied):
            services.session_advance_phase(
                session=session, to_phase=SessionPhase.GOALS, actor=actor
            )
    assert StrategySession.objects.get(pk=session.pk).phase == SessionPhase.CLOSED


@pytest.mark.parametrize("persona", ["lead", "pos"])
def test_the_lead_and_pos_reopen_a_closed_session(persona, world, login, session):
    move_to(session, SessionPhase.CLOSED)
    response = login(world.users[persona]).post(
        f"{SESSIONS}{session.pk}/fase/", {"to": SessionPhase.GOALS}
    )
    assert response.status_code == 302
    assert StrategySession.objects.get(pk=session.pk).phase == SessionPhase.GOALS


def test_the_closed_session_page_offers_the_step_back_only_to_who_may_take_it(
    world, login, session
):
    move_to(session, SessionPhase.CLOSED)
    step_back = 'name="to" value="goals"'
    assert (
        step_back
        not in login(world.users["partner"]).get(f"{SESSIONS}{session.pk}/").content.decode()
    )
    assert step_back in login(world.users["lead"]).get(f"{SESSIONS}{session.pk}/").content.decode()


def test_a_partner_still_facilitates_an_open_session(world, login, session, anna):
    CardFactory(participant=anna)
    partner = login(world.users["partner"])
    partner.post(f"{SESSIONS}{session.pk}/fase/", {"to": SessionPhase.CLUSTER})
    assert StrategySession.objects.get(pk=session.pk).phase == SessionPhase.CLUSTER
    partner.post(f"{SESSIONS}{session.pk}/fase/", {"to": SessionPhase.COLLECT})
    assert StrategySession.objects.get(pk=session.pk).phase == SessionPhase.COLLECT


def test_a_partner_closes_a_session(world, login, session, theme):
    login(world.users["partner"]).post(f"{SESSIONS}{session.pk}/fase/", {"to": "closed"})
    assert StrategySession.objects.get(pk=session.pk).phase == SessionPhase.CLOSED
