"""Fixtures for the session tests: a session of Kantoor Utrecht and people taking part."""

import pytest

from kapstok.strategy.factories import ParticipantFactory, StrategySessionFactory


@pytest.fixture
def session(world):
    return StrategySessionFactory(office=world.office, facilitator=world.users["lead"])


@pytest.fixture
def anna(session):
    """A guest who joined with the code."""
    return ParticipantFactory(session=session, display_name="Anna")


@pytest.fixture
def bram(session):
    return ParticipantFactory(session=session, display_name="Bram")


def move_to(session, phase):
    """Put a session in a phase directly, skipping the checks (for arranging a test)."""
    session.phase = phase
    session.save(update_fields=["phase"])
    return session
