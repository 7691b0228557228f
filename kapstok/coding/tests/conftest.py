"""Fixtures for the coding tests: the small study of `kapstok.coding.factories`."""

import pytest

from kapstok.coding.factories import build_study


@pytest.fixture
def study(world):
    return build_study(world)


@pytest.fixture
def goals_answer(study):
    """Kees's answer to the open goals question in 2025."""
    return study.responses[(2025, "lead")].answers[0]
