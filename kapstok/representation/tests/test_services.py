"""Pipeline services: a prospect moves through the stages, and to "aangesloten" when it joins."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from kapstok.network.factories import EntrepreneurFactory
from kapstok.network.services import membership_add
from kapstok.public import services as public_services
from kapstok.representation.factories import LandscapeBusinessFactory, ProspectFactory
from kapstok.representation.models import MatchKind, Prospect, ProspectStage
from kapstok.representation.services import prospect_mark_joined, prospect_update

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 2)


def test_a_prospect_row_is_made_on_the_first_move_and_dated_on_each_stage_change(world):
    business = LandscapeBusinessFactory(office=world.office)
    prospect = prospect_update(business=business, stage=ProspectStage.APPROACHED, today=TODAY)
    assert prospect.stage_changed_on == TODAY
    later = TODAY + datetime.timedelta(days=3)
    prospect = prospect_update(
        business=business, stage=ProspectStage.APPROACHED, notes=" gebeld ", today=later
    )
    assert (prospect.stage_changed_on, prospect.notes) == (TODAY, "gebeld")


def test_an_unknown_stage_is_refused(world):
    with pytest.raises(ValidationError):
        prospect_update(business=LandscapeBusinessFactory(office=world.office), stage="gezellig")


def test_a_new_member_with_the_prospects_kvk_number_moves_to_joined(world):
    prospect = ProspectFactory(
        business__office=world.office, business__kvk_number="12345678", stage="interested"
    )
    newcomer = EntrepreneurFactory(kvk_number="12345678", municipality=world.utrecht)
    membership_add(office=world.office, entrepreneur=newcomer, joined_on=TODAY)
    assert prospect_mark_joined(entrepreneur=newcomer, today=TODAY) == 1
    prospect.refresh_from_db()
    assert prospect.stage == ProspectStage.JOINED
    assert prospect.business.entrepreneur == newcomer
    assert prospect.business.match_kind == MatchKind.KVK


def test_joining_another_office_moves_nothing_here(world):
    business = LandscapeBusinessFactory(office=world.office, kvk_number="12345678")
    newcomer = EntrepreneurFactory(kvk_number="12345678")
    membership_add(office=world.other_office, entrepreneur=newcomer, joined_on=TODAY)
    assert prospect_mark_joined(entrepreneur=newcomer, today=TODAY) == 0
    assert not Prospect.objects.filter(business=business).exists()


def test_accepting_a_join_request_moves_the_prospect_by_itself(world):
    business = LandscapeBusinessFactory(office=world.office, kvk_number="12345678")
    fitness = world.member_entrepreneur.branches.first()
    request = public_services.join_request_submit(
        office=world.office,
        data={"full_name": "Sanne Sport", "business_name": "Padel Sanne",
              "kvk_number": "12345678", "email": "sanne@example.invalid", "phone": "",
              "website": "", "message": "", "listed_publicly": False},
        branches=[fitness],
    )  # fmt: skip
    public_services.join_request_confirm(join_request=request)
    public_services.join_request_accept(
        join_request=request, actor=world.users["lead"], municipality=world.utrecht
    )
    business.refresh_from_db()
    assert business.prospect.stage == ProspectStage.JOINED
    assert business.entrepreneur.kvk_number == "12345678"
