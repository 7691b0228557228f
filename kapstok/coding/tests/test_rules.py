"""Specification of coding's rule per persona: a given code is changed by its coder or POS."""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.coding import rules, services


@pytest.fixture
def coding(study, goals_answer):
    """Rob the researcher coded Kees's answer."""
    return services.coding_add(
        project=study.project,
        answer=goals_answer,
        code=study.codes["leden"],
        coder=study.world.users["researcher"],
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_change_coding_its_coder_and_national_staff(world, coding, persona):
    allowed = {"researcher", "pos", "admin"}

    assert rules.can_change_coding(viewer(world, persona), coding) is (persona in allowed)


def test_a_fellow_researcher_may_not_change_someone_elses_coding(world, coding):
    colleague = UserFactory()
    grant_role(user=colleague, role=Role.RESEARCHER)
    v = viewer_for(colleague)

    assert rules.can_code_answers(v) is True  # may code, just not change Rob's
    assert rules.can_change_coding(v, coding) is False
