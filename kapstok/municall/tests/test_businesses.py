"""A person who represents two member businesses answers and asks for each of them separately;
nobody answers or asks for a business that is not theirs, or for one that left the office."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.municall import services
from kapstok.municall.forms import AnswerForm, QuestionForm
from kapstok.municall.models import CallAnswer, Question
from kapstok.municall.rules import member_businesses
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_business(world):
    """Marieke also runs Pilates Marieke, a member of Kantoor Utrecht too."""
    pilates = EntrepreneurFactory(business_name="Pilates Marieke")
    MembershipFactory(
        office=world.office, entrepreneur=pilates, joined_on=datetime.date(2024, 1, 1)
    )
    grant_role(
        user=world.users["member"],
        role=Role.MEMBER,
        scope=pilates,
        starts_on=datetime.date(2000, 1, 1),
    )
    world.users["member"] = type(world.users["member"]).objects.get(pk=world.users["member"].pk)
    return pilates


def _viewer(world):
    return viewer_for(world.users["member"])


def test_with_one_business_the_form_asks_nothing_about_it(world):
    form = AnswerForm(businesses=member_businesses(_viewer(world), world.office))

    assert form.fields["entrepreneur"].widget.is_hidden
    assert form.fields["entrepreneur"].initial == world.member_entrepreneur.pk


def test_with_two_businesses_the_form_offers_both(world, second_business):
    form = QuestionForm(businesses=member_businesses(_viewer(world), world.office))

    assert not form.fields["entrepreneur"].widget.is_hidden
    names = [label for _value, label in form.fields["entrepreneur"].choices]
    assert names == ["Pilates Marieke", "Yoga Marieke"]


def test_each_business_answers_once(world, second_business, open_call):
    viewer, user = _viewer(world), world.users["member"]
    for business in (world.member_entrepreneur, second_business):
        services.answer_create(
            call=open_call,
            viewer=viewer,
            person=user,
            entrepreneur=business,
            reply="",
            shares_contact=False,
        )

    with pytest.raises(ValidationError, match="al op deze oproep gereageerd"):
        services.answer_create(
            call=open_call,
            viewer=viewer,
            person=user,
            entrepreneur=second_business,
            reply="",
            shares_contact=False,
        )
    assert CallAnswer.objects.filter(call=open_call).count() == 2


def test_nobody_answers_for_a_business_that_is_not_theirs(world, open_call):
    with pytest.raises(ValidationError, match="Alleen leden van het kantoor"):
        services.answer_create(
            call=open_call,
            viewer=_viewer(world),
            person=world.users["member"],
            entrepreneur=world.other_entrepreneur,
            reply="",
            shares_contact=False,
        )
    assert not CallAnswer.objects.exists()


def test_the_form_refuses_a_business_outside_the_choice(world, second_business):
    businesses = member_businesses(_viewer(world), world.office)
    form = AnswerForm({"entrepreneur": world.other_entrepreneur.pk}, businesses=businesses)

    assert not form.is_valid()
    assert form.errors["entrepreneur"] == ["Kies een van uw bedrijven die lid is."]


def test_a_business_that_left_the_office_neither_answers_nor_asks(world, open_call):
    membership = world.office.memberships.get(entrepreneur=world.member_entrepreneur)
    membership.left_on = datetime.date(2025, 1, 1)
    membership.save()

    with pytest.raises(ValidationError):
        services.answer_create(
            call=open_call,
            viewer=_viewer(world),
            person=world.users["member"],
            reply="",
            shares_contact=False,
        )
    with pytest.raises(ValidationError, match="Alleen leden"):
        services.question_ask(
            office=world.office,
            viewer=_viewer(world),
            asker=world.users["member"],
            subject="S",
            text="T",
            shares_identity=False,
        )
    assert not CallAnswer.objects.exists() and not Question.objects.exists()


def test_a_question_for_the_second_business_belongs_to_it(world, second_business):
    question = services.question_ask(
        office=world.office,
        viewer=_viewer(world),
        asker=world.users["member"],
        entrepreneur=second_business,
        subject="Pilates in de gymzaal",
        text="Kan dat?",
        shares_identity=True,
    )

    assert question.entrepreneur == second_business
