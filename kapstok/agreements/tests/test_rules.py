"""Specification of agreements' rule per persona: in whose role agreements one is a party."""

import pytest

from kapstok.accounts.tests.rule_viewers import viewer
from kapstok.agreements import rules
from kapstok.agreements.factories import RoleAgreementFactory

EXPECTED = {
    "lead": {"office"},  # as the office
    "civil_servant": {"office"},  # as the municipality
    "partner": {"office"},  # as the partner
    "other_lead": {"other_office"},
    "pos": set(),  # a party everywhere: follows rounds from the offices' pages
    "admin": set(),
    "member": set(),
    "other_member": set(),
    "researcher": set(),
    "outsider": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize(("persona", "offices"), EXPECTED.items())
def test_agreements_with_a_party_of(world, persona, offices):
    agreements = {
        RoleAgreementFactory(office=world.office).pk: "office",
        RoleAgreementFactory(office=world.other_office).pk: "other_office",
    }

    got = rules.agreements_with_a_party_of(viewer(world, persona))

    assert {agreements[pk] for pk in got.values_list("pk", flat=True)} == offices
