"""The remaining rules and shapes: an office in two municipalities, who routes and answers a
question, addresses that do not match their office, and the start page's sources in a fixed
number of queries however many calls and questions there are."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.municall import rules, selectors, services
from kapstok.municall.factories import CallFactory, QuestionFactory
from kapstok.municall.forms import CallForm
from kapstok.municall.models import Call, CallStatus, QuestionStatus
from kapstok.network.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_municipalities(world):
    """Kantoor Utrecht also works in De Bilt; Gerrit works for both municipalities."""
    de_bilt = MunicipalityFactory(code="GM0310", name="De Bilt", province="Utrecht")
    world.office.municipalities.add(de_bilt)
    grant_role(
        user=world.users["civil_servant"],
        role=Role.CIVIL_SERVANT,
        scope=de_bilt,
        starts_on=datetime.date(2000, 1, 1),
    )
    world.users["civil_servant"] = type(world.users["civil_servant"]).objects.get(
        pk=world.users["civil_servant"].pk
    )
    return de_bilt


def test_with_one_municipality_the_form_does_not_ask_for_it(world):
    municipalities = rules.call_municipalities(
        viewer_for(world.users["civil_servant"]), world.office
    )

    form = CallForm(municipalities=municipalities)

    assert form.fields["municipality"].widget.is_hidden
    assert form.fields["municipality"].initial == world.utrecht.pk


def test_a_civil_servant_of_two_municipalities_chooses_on_whose_behalf(
    world, two_municipalities, write_call, today
):
    viewer = viewer_for(world.users["civil_servant"])
    form = CallForm(municipalities=rules.call_municipalities(viewer, world.office))

    assert [label for _v, label in form.fields["municipality"].choices] == ["De Bilt", "Utrecht"]
    assert write_call(municipality=two_municipalities).municipality == two_municipalities


def test_a_call_on_behalf_of_a_municipality_one_does_not_work_for_is_refused(world, write_call):
    with pytest.raises(ValidationError, match="geen oproep"):
        write_call(municipality=world.zwolle)
    assert not Call.objects.exists()


def test_the_call_form_refuses_a_date_that_is_not_one():
    form = CallForm(
        {"title": "T", "text": "T", "ask": "A", "deadline": "31-13-2026"},
        municipalities=None,
    )

    assert not form.is_valid()
    assert form.errors["deadline"] == ["Vul een geldige datum in, bijvoorbeeld 2026-12-31."]


@pytest.mark.parametrize(
    ("persona", "routes", "answers"),
    [
        ("lead", True, False),
        ("pos", False, False),
        ("member", False, False),
        ("civil_servant", False, True),
        ("other_lead", False, False),
    ],
)
def test_who_routes_and_who_answers_a_question(world, persona, routes, answers):
    submitted = QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)
    forwarded = QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        status=QuestionStatus.FORWARDED,
        municipality=world.utrecht,
    )
    viewer = viewer_for(world.users[persona])

    assert rules.can_route_question(viewer, submitted) is routes
    assert rules.can_answer_question(viewer, forwarded) is answers


def test_a_civil_servant_of_the_other_municipality_of_the_office_does_not_answer(
    world, two_municipalities
):
    bilt_only = UserFactory(email="bilt@example.invalid")
    grant_role(user=bilt_only, role=Role.CIVIL_SERVANT, scope=two_municipalities)
    forwarded = QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        status=QuestionStatus.FORWARDED,
        municipality=world.utrecht,
    )

    assert not rules.can_view_question(viewer_for(bilt_only), forwarded)
    assert not rules.can_answer_question(viewer_for(bilt_only), forwarded)


def test_a_call_under_another_offices_address_is_not_found(client, world, open_call):
    client.force_login(world.users["pos"])

    response = client.get(f"/netwerk/kantoren/kantoor-zwolle/oproepen/{open_call.pk}/")

    assert response.status_code == 404


def test_a_question_under_another_offices_address_is_not_found(client, world):
    question = QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)
    client.force_login(world.users["pos"])

    response = client.get(f"/netwerk/kantoren/kantoor-zwolle/vragen-aan-gemeente/{question.pk}/")

    assert response.status_code == 404


def _queries(source, viewer) -> int:
    with CaptureQueriesContext(connection) as queries:
        source(viewer)
    return len(queries)


@pytest.mark.parametrize(
    ("source", "persona"),
    [
        (selectors.calls_to_answer, "member"),
        (selectors.calls_to_approve, "lead"),
        (selectors.own_calls_waiting, "civil_servant"),
        (selectors.questions_to_route, "lead"),
        (selectors.questions_to_answer, "civil_servant"),
        (selectors.question_outcomes, "member"),
    ],
)
def test_each_start_page_source_takes_the_same_queries_for_one_or_many(world, source, persona):
    viewer = viewer_for(world.users[persona])

    def add(count):
        for _n in range(count):
            CallFactory(office=world.office, municipality=world.utrecht)
            CallFactory(office=world.office, municipality=world.utrecht, status=CallStatus.PENDING)
            QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)
            QuestionFactory(
                office=world.office,
                entrepreneur=world.member_entrepreneur,
                status=QuestionStatus.FORWARDED,
                municipality=world.utrecht,
            )
            QuestionFactory(
                office=world.office,
                entrepreneur=world.member_entrepreneur,
                status=QuestionStatus.ANSWERED,
                municipality=world.utrecht,
                answer="Ja",
            )

    add(1)
    with_one = _queries(source, viewer)
    add(6)
    with_seven = _queries(source, viewer)

    assert with_seven == with_one
    assert len(source(viewer)) == 5  # at most five items each (core.todo.SHOWN)


def test_question_forward_needs_a_municipality(world):
    question = QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)

    with pytest.raises(ValidationError) as refused:
        services.question_forward(
            question=question, actor=None, subject="S", text="T", municipality=None
        )

    assert refused.value.message_dict == {
        "municipality": ["Kies een gemeente waarin het kantoor werkt."]
    }
