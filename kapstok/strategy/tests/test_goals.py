"""goal_from_theme: a goal drafted in the goals phase keeps its theme and cards as origin."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from kapstok.goals.models import Goal
from kapstok.network.models import EventKind, OfficeEvent
from kapstok.strategy import services
from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(session, anna):
    theme = ThemeFactory(session=session, label="Ruimte en accommodatie")
    CardFactory(participant=anna, theme=theme, text="Geen zaal op dinsdag")
    CardFactory(participant=anna, theme=theme, text="Gymzalen 's avonds dicht")
    return theme


def draft(title="Tien extra zaaluren per week"):
    return Goal(title=title, deadline=datetime.date(2027, 6, 30))


def test_goal_keeps_its_theme_and_cards(session, theme, world):
    move_to(session, SessionPhase.GOALS)

    goal = services.goal_from_theme(theme=theme, goal=draft(), actor=world.users["lead"])

    goal.refresh_from_db()
    assert goal.office == world.office
    assert goal.source_theme == theme
    assert set(goal.source_cards.values_list("text", flat=True)) == {
        "Geen zaal op dinsdag",
        "Gymzalen 's avonds dicht",
    }
    assert OfficeEvent.objects.filter(kind=EventKind.GOAL_CREATED).exists()


def test_goal_before_the_goals_phase_is_refused(session, theme):
    move_to(session, SessionPhase.PRIORITISE)
    with pytest.raises(ValidationError, match="fase doelen"):
        services.goal_from_theme(theme=theme, goal=draft(), actor=session.facilitator)
    assert not Goal.objects.exists()


def test_goal_rules_of_the_kapstok_still_apply(session, theme):
    move_to(session, SessionPhase.GOALS)
    goal = draft()
    goal.target_value = 10  # without a unit
    with pytest.raises(ValidationError) as refused:
        services.goal_from_theme(theme=theme, goal=goal, actor=session.facilitator)
    assert "unit" in refused.value.error_dict
    assert not Goal.objects.exists()
