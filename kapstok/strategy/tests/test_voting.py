"""vote_cast / vote_remove: a budget per participant, a cap per theme, only while voting."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.strategy import services
from kapstok.strategy.factories import ThemeFactory
from kapstok.strategy.models import SessionPhase, Vote

from .conftest import move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(session):
    move_to(session, SessionPhase.PRIORITISE)
    return [ThemeFactory(session=session, label=f"Thema {i}") for i in range(3)]


def vote(participant, theme):
    return services.vote_cast(participant=participant, theme=theme)


def test_participant_spends_the_whole_budget(anna, themes):
    vote(anna, themes[0])
    vote(anna, themes[0])
    vote(anna, themes[1])
    assert Vote.objects.filter(participant=anna).count() == 3


def test_vote_beyond_the_budget_is_refused(anna, themes):
    for theme in themes:
        vote(anna, theme)
    with pytest.raises(ValidationError, match="al uw 3 stippen verdeeld"):
        vote(anna, themes[0])
    assert Vote.objects.filter(participant=anna).count() == 3


def test_third_dot_on_one_theme_is_refused(anna, themes):
    vote(anna, themes[0])
    vote(anna, themes[0])
    with pytest.raises(ValidationError, match="maximaal 2 stippen"):
        vote(anna, themes[0])


def test_budget_is_per_participant(anna, bram, themes):
    for theme in themes:
        vote(anna, theme)
    vote(bram, themes[0])
    assert Vote.objects.count() == 4


def test_budget_follows_the_session_settings(session, anna, themes):
    session.votes_per_participant, session.max_votes_per_theme = 5, 5
    session.save()
    for _ in range(5):
        vote(anna, themes[2])
    assert Vote.objects.filter(theme=themes[2]).count() == 5


def test_vote_after_the_phase_closed_is_refused(session, anna, themes):
    move_to(session, SessionPhase.GOALS)
    with pytest.raises(ValidationError, match="alleen in de fase prioriteren"):
        vote(anna, themes[0])
    assert not Vote.objects.exists()


def test_vote_on_a_theme_of_another_session_is_refused(anna, themes, world):
    foreign = ThemeFactory()
    with pytest.raises(ValidationError, match="hoort niet bij deze sessie"):
        vote(anna, foreign)


def test_removing_a_dot_frees_budget(anna, themes):
    for theme in themes:
        vote(anna, theme)
    services.vote_remove(participant=anna, theme=themes[0])
    vote(anna, themes[1])
    assert Vote.objects.filter(participant=anna, theme=themes[1]).count() == 2


def test_removing_a_dot_that_is_not_there_is_refused(anna, themes):
    with pytest.raises(ValidationError, match="geen stip op dit thema"):
        services.vote_remove(participant=anna, theme=themes[0])
