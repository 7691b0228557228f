"""Specification of peers' rules per persona: on behalf of which offices one records a trial
or hosts a meeting, and whose meetings are checked as a lead's."""

import pytest

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, pks, viewer
from kapstok.peers import rules


@pytest.mark.parametrize("persona", PERSONAS)
def test_offices_led_by(world, persona):
    led = {"lead": {world.office.pk}, "other_lead": {world.other_office.pk}}

    assert pks(rules.offices_led_by(viewer(world, persona))) == led.get(persona, set())


def test_trial_office_for_the_only_office_led_when_none_is_chosen(world):
    assert rules.trial_office_for(viewer(world, "lead"), None) == world.office
    assert rules.trial_office_for(viewer(world, "lead"), world.office.pk) == world.office


def test_trial_office_for_never_an_office_the_lead_does_not_lead(world):
    chosen = rules.trial_office_for(viewer(world, "lead"), world.other_office.pk)

    assert chosen != world.other_office


@pytest.mark.parametrize("persona", ["pos", "admin", "member", "partner", "outsider", "anonymous"])
def test_trial_office_for_nobody_who_leads_no_office(world, persona):
    v = viewer(world, persona)

    assert rules.trial_office_for(v, None) is None
    assert rules.trial_office_for(v, world.office.pk) is None


def test_a_lead_of_two_offices_must_choose(world):
    grant_role(user=world.users["lead"], role=Role.LEAD, scope=world.other_office)
    v = viewer(world, "lead")

    assert rules.trial_office_for(v, None) is None
    assert rules.trial_office_for(v, world.other_office.pk) == world.other_office


def test_host_offices_for_pos_is_any_office(world):
    assert rules.host_offices_for(viewer(world, "pos")) is None
    assert rules.host_offices_for(viewer(world, "admin")) is None


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ("pos", "admin")])
def test_host_offices_for_a_lead_are_the_offices_they_lead(world, persona):
    hosts = {"lead": {world.office.pk}, "other_lead": {world.other_office.pk}}

    assert pks(rules.host_offices_for(viewer(world, persona))) == hosts.get(persona, set())


@pytest.mark.parametrize("persona", PERSONAS)
def test_meeting_needs_lead_checks_for_all_but_national_staff(world, persona):
    assert rules.meeting_needs_lead_checks(viewer(world, persona)) is (
        persona not in {"pos", "admin"}
    )
