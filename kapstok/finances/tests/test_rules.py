"""Who sees and keeps an office's money, rule by rule, for every persona around Kantoor
Utrecht (`conftest.world`)."""

import pytest

from kapstok.accounts.tests.rule_viewers import PERSONAS, viewer
from kapstok.finances import rules

pytestmark = pytest.mark.django_db

SEES_TOTALS = {"pos", "admin", "lead", "member"}
KEEPS_BOOKS = {"pos", "admin", "lead"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_offices_people_see_the_totals(world, persona):
    allowed = rules.can_view_finances(viewer(world, persona), world.office)
    assert allowed == (persona in SEES_TOTALS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_leads_and_pos_keep_the_books(world, persona):
    allowed = rules.can_manage_finances(viewer(world, persona), world.office)
    assert allowed == (persona in KEEPS_BOOKS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_who_keeps_the_books_sees_who_paid(world, persona):
    allowed = rules.can_see_payers(viewer(world, persona), world.office)
    assert allowed == (persona in KEEPS_BOOKS)


def test_the_municipality_and_partners_see_none_of_the_money(world):
    for persona in ("civil_servant", "partner"):
        assert not rules.can_view_finances(viewer(world, persona), world.office)


def test_another_offices_people_see_only_their_own_offices_money(world):
    for persona in ("other_lead", "other_member"):
        assert not rules.can_view_finances(viewer(world, persona), world.office)
        assert rules.can_view_finances(viewer(world, persona), world.other_office)
    assert rules.can_manage_finances(viewer(world, "other_lead"), world.other_office)
    assert not rules.can_manage_finances(viewer(world, "other_member"), world.other_office)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_guide_is_for_anyone_signed_in(world, persona):
    allowed = rules.can_read_legal_form_guide(viewer(world, persona))
    assert allowed == (persona != "anonymous")
