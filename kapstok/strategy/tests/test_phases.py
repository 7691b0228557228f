"""session_advance_phase: one step forward when ready, one step back, nothing else."""

import pytest

from django.core.exceptions import ValidationError

from kapstok.network.models import EventKind, OfficeEvent
from kapstok.strategy import services
from kapstok.strategy.factories import CardFactory, ThemeFactory
from kapstok.strategy.models import SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


def advance(session, phase):
    return services.session_advance_phase(
        session=session, to_phase=phase, actor=session.facilitator
    )


def test_collect_moves_to_cluster_once_there_are_cards(session, anna):
    CardFactory(participant=anna)

    session = advance(session, SessionPhase.CLUSTER)

    session.refresh_from_db()
    assert session.phase == SessionPhase.CLUSTER
    event = OfficeEvent.objects.filter(kind=EventKind.SESSION_UPDATED).get()
    assert "clusteren" in event.summary


def test_cluster_without_cards_is_refused(session):
    with pytest.raises(ValidationError, match="nog geen kaartjes"):
        advance(session, SessionPhase.CLUSTER)
    session.refresh_from_db()
    assert session.phase == SessionPhase.COLLECT


def test_skipping_a_phase_is_refused(session, anna):
    CardFactory(participant=anna)
    with pytest.raises(ValidationError, match="een stap vooruit of een stap terug"):
        advance(session, SessionPhase.PRIORITISE)


def test_moving_to_the_current_phase_is_refused(session):
    with pytest.raises(ValidationError, match="al in de fase verzamelen"):
        advance(session, SessionPhase.COLLECT)


def test_unknown_phase_is_refused(session):
    with pytest.raises(ValidationError, match="bestaat niet"):
        advance(session, "dansen")


def test_one_step_back_is_allowed(session):
    move_to(session, SessionPhase.PRIORITISE)
    assert advance(session, SessionPhase.CLUSTER).phase == SessionPhase.CLUSTER


def test_two_steps_back_are_refused(session):
    move_to(session, SessionPhase.GOALS)
    with pytest.raises(ValidationError):
        advance(session, SessionPhase.CLUSTER)


def test_voting_needs_every_card_in_a_theme(session, anna):
    move_to(session, SessionPhase.CLUSTER)
    CardFactory(participant=anna)
    with pytest.raises(ValidationError, match="Nog niet alle kaartjes"):
        advance(session, SessionPhase.PRIORITISE)


def test_voting_needs_a_confirmed_grouping(session, anna):
    move_to(session, SessionPhase.CLUSTER)
    CardFactory(participant=anna, theme=ThemeFactory(session=session))
    with pytest.raises(ValidationError, match="Bevestig eerst"):
        advance(session, SessionPhase.PRIORITISE)

    services.themes_confirm(session=session)
    assert advance(session, SessionPhase.PRIORITISE).phase == SessionPhase.PRIORITISE


def test_closing_sets_and_reopening_clears_closed_at(session):
    move_to(session, SessionPhase.GOALS)
    closed = advance(session, SessionPhase.CLOSED)
    assert closed.closed_at is not None
    assert advance(closed, SessionPhase.GOALS).closed_at is None


def test_session_save_refuses_more_dots_per_theme_than_in_total(world):
    from kapstok.strategy.models import StrategySession

    session = StrategySession(
        office=world.office,
        title="Avond",
        starts_at="2030-01-01T19:00+01:00",
        votes_per_participant=2,
        max_votes_per_theme=3,
    )
    with pytest.raises(ValidationError) as refused:
        services.session_save(session=session)
    assert "max_votes_per_theme" in refused.value.error_dict
