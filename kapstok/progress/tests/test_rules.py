"""Specification of progress's rule per persona: whose open stall signals one acts on."""

import datetime

import pytest

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.progress import rules
from kapstok.progress.models import Signal


@pytest.mark.parametrize("persona", PERSONAS)
def test_signals_to_act_on_are_the_open_ones_of_led_offices(world, persona):
    def signal(office, rule, resolved_on=None):
        return Signal.objects.create(
            office=office,
            rule=rule,
            severity="warning",
            opened_on=datetime.date(2024, 11, 1),
            last_seen_on=datetime.date(2025, 6, 1),
            resolved_on=resolved_on,
        )

    signals = {
        signal(world.office, "no_session").pk: "open",
        signal(world.office, "no_activity", datetime.date(2025, 1, 1)).pk: "resolved",
        signal(world.other_office, "no_session").pk: "other",
    }
    expected = {"lead": {"open"}, "other_lead": {"other"}}.get(persona, set())

    got = rules.signals_to_act_on(viewer(world, persona))

    assert {signals[pk] for pk in got.values_list("pk", flat=True)} == expected
