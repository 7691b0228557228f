"""Who may own a goal, project or activity: the office's own leads and current members."""

import datetime

import pytest

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.goals.forms import GoalForm, office_people
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [user.full_name for user in queryset]


def test_the_offices_lead_and_member_can_own_its_goals(world):
    assert names(office_people(world.office)) == ["Kees Kartrekker", "Marieke Lid"]


def test_people_of_other_offices_and_around_the_office_cannot(world):
    people = set(office_people(world.office))
    for role in ["pos", "civil_servant", "partner", "researcher", "admin"]:
        assert world.users[role] not in people, role
    assert world.users["other_lead"] not in people
    assert world.users["other_member"] not in people


def test_a_member_whose_membership_ended_is_no_longer_offered(world):
    entrepreneur = EntrepreneurFactory(municipality=world.utrecht)
    MembershipFactory(
        office=world.office,
        entrepreneur=entrepreneur,
        joined_on=datetime.date(2023, 1, 1),
        left_on=datetime.date(2024, 1, 1),
    )
    former = UserFactory(full_name="Aad Afgemeld")
    grant_role(user=former, role=Role.MEMBER, scope=entrepreneur)
    assert former not in office_people(world.office)


def test_a_deactivated_lead_is_no_longer_offered(world):
    lead = world.users["lead"]
    lead.is_active = False
    lead.save()
    assert names(office_people(world.office)) == ["Marieke Lid"]


def test_someone_who_is_lead_and_member_is_offered_once(world):
    grant_role(user=world.users["lead"], role=Role.MEMBER, scope=world.member_entrepreneur)
    assert names(office_people(world.office)) == ["Kees Kartrekker", "Marieke Lid"]


def test_the_owner_list_shows_full_names(world):
    form = GoalForm(office=world.office)
    labels = [label for _value, label in form.fields["owner"].choices]
    assert labels[1:] == ["Kees Kartrekker", "Marieke Lid"]


def test_a_goal_may_be_left_without_an_owner(world):
    form = GoalForm(
        {"title": "Meer leden", "status": "open", "owner": ""},
        office=world.office,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["owner"] is None
