"""Specification of strategy's rules per persona: whose sessions one adds to, runs, or joins
without a form."""

import pytest

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.strategy import rules
from kapstok.strategy.factories import StrategySessionFactory


@pytest.fixture
def sessions(world):
    return {
        "office": StrategySessionFactory(office=world.office),
        "other_office": StrategySessionFactory(office=world.other_office),
    }


def got(queryset, sessions):
    names = {session.pk: name for name, session in sessions.items()}
    return {names[pk] for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_sessions_open_to_members(world, sessions, persona):
    expected = {"member": {"office"}, "other_member": {"other_office"}}.get(persona, set())

    # Leads run their sessions (below), the municipality does not take part.
    assert got(rules.sessions_open_to_members(viewer(world, persona)), sessions) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_sessions_run_by_office(world, sessions, persona):
    expected = {
        "lead": {"office"},
        "partner": {"office"},
        "other_lead": {"other_office"},
    }.get(persona, set())

    assert got(rules.sessions_run_by_office(viewer(world, persona)), sessions) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_joins_without_form(world, sessions, persona):
    v = viewer(world, persona)

    assert rules.joins_without_form(v, sessions["office"]) is (persona in {"lead", "member"})
    assert rules.joins_without_form(v, sessions["other_office"]) is (
        persona in {"other_lead", "other_member"}
    )
