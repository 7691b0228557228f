"""Specification of the member check's rules per persona: who answers for Kantoor Utrecht and
who reads its results."""

import datetime

import pytest

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.membercheck import rules
from kapstok.network.models import Membership

pytestmark = pytest.mark.django_db

ANSWER = {"member"}
RESULTS = {"lead", "pos", "admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_answers_and_who_reads_the_results(world, persona):
    who = viewer(world, persona)
    assert rules.can_answer(who, world.office) is (persona in ANSWER)
    assert rules.can_view_results(who, world.office) is (persona in RESULTS)


def test_a_member_who_left_answers_no_more(world):
    Membership.objects.filter(office=world.office).update(left_on=datetime.date(2024, 1, 1))
    assert not rules.can_answer(viewer(world, "member"), world.office)


def test_the_other_offices_people_answer_and_read_for_their_own_office(world):
    assert rules.can_answer(viewer(world, "other_member"), world.other_office)
    assert rules.can_view_results(viewer(world, "other_lead"), world.other_office)
    assert not rules.can_view_results(viewer(world, "lead"), world.other_office)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_offices_a_persona_answers_for(world, persona):
    expected = {
        "member": {world.office.pk},
        "other_member": {world.other_office.pk},
    }.get(persona, set())
    assert rules.offices_answered_for(viewer(world, persona)) == expected
