"""Who sees what of calls and questions (rules.py, selectors.py): the municipality counts the
answers and knows only those who opted in; the asker of a question stays unknown to it unless
they said yes."""

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.municall import rules, selectors, services
from kapstok.municall.factories import CallAnswerFactory, CallFactory, QuestionFactory
from kapstok.municall.models import CallStatus, QuestionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, henk, open_call):
    """Marieke joined and let the municipality see her; Henk joined without that."""
    CallAnswerFactory(
        call=open_call,
        entrepreneur=world.member_entrepreneur,
        person=world.users["member"],
        shares_contact=True,
        reply="Yoga in het park",
    )
    CallAnswerFactory(
        call=open_call, entrepreneur=world.gym, person=henk, shares_contact=False, reply="Kracht"
    )
    return open_call


def _names(answers):
    return [a["business"] for a in answers["shown"]]


@pytest.mark.parametrize("persona", ["lead", "pos", "admin"])
def test_the_office_side_sees_every_answer(world, answered, persona):
    answers = selectors.answers_for(viewer_for(world.users[persona]), answered)

    assert _names(answers) == ["Yoga Marieke", "Gym Henk"]
    assert (answers["count"], answers["hidden"]) == (2, 0)


def test_the_municipality_sees_the_count_and_only_the_opted_in_details(world, answered):
    answers = selectors.answers_for(viewer_for(world.users["civil_servant"]), answered)

    assert answers["count"] == 2
    assert answers["opted_in"] == 1
    assert answers["hidden"] == 1
    [shown] = answers["shown"]
    assert shown == {
        "name": "Marieke Lid",
        "business": "Yoga Marieke",
        "email": world.member_entrepreneur.email,
        "phone": world.member_entrepreneur.phone,
        "reply": "Yoga in het park",
        "shares_contact": True,
        "answered_at": shown["answered_at"],
    }


def test_a_member_sees_how_many_join_but_no_other_member(world, answered):
    answers = selectors.answers_for(viewer_for(world.users["henk"]), answered)

    assert answers["count"] == 2
    assert answers["shown"] == []


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("pos", True),
        ("lead", True),
        ("civil_servant", True),
        ("member", True),
        ("partner", False),
        ("other_lead", False),
        ("other_member", False),
        ("outsider", False),
        ("researcher", False),
    ],
)
def test_who_opens_a_shared_call(world, open_call, persona, sees):
    assert rules.can_view_call(viewer_for(world.users[persona]), open_call) is sees


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("pos", True), ("lead", True), ("civil_servant", True), ("member", False)],
)
def test_a_pending_call_stays_with_the_municipality_and_the_office_side(
    world, write_call, persona, sees
):
    pending = write_call()
    viewer = viewer_for(world.users[persona])

    assert rules.can_view_call(viewer, pending) is sees
    assert rules.calls_visible_to(viewer, world.office).filter(pk=pending.pk).exists() is sees


def test_a_municipality_sees_only_its_own_calls_to_a_shared_office(world):
    other_call = CallFactory(office=world.office, municipality=world.zwolle, status=CallStatus.OPEN)
    viewer = viewer_for(world.users["civil_servant"])

    assert not rules.can_view_call(viewer, other_call)
    assert not rules.calls_visible_to(viewer, world.office).exists()


def test_only_the_offices_own_lead_decides(world, write_call):
    call = write_call()

    assert rules.can_decide_call(viewer_for(world.users["lead"]), call)
    for persona in ("pos", "civil_servant", "other_lead", "member"):
        assert not rules.can_decide_call(viewer_for(world.users[persona]), call)


def _question(world, **fields):
    return QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        asker=world.users["member"],
        **fields,
    )


def test_the_municipality_reads_a_question_only_once_forwarded_to_it(world):
    submitted = _question(world)
    declined = _question(world, status=QuestionStatus.DECLINED, decline_reason="Nee")
    forwarded = _question(world, status=QuestionStatus.FORWARDED, municipality=world.utrecht)
    to_zwolle = _question(world, status=QuestionStatus.FORWARDED, municipality=world.zwolle)
    civil_servant = viewer_for(world.users["civil_servant"])

    visible = set(rules.questions_visible_to(civil_servant, world.office))

    assert visible == {forwarded}
    assert not rules.can_view_question(civil_servant, submitted)
    assert not rules.can_view_question(civil_servant, declined)
    assert not rules.can_view_question(civil_servant, to_zwolle)


def test_members_see_their_own_questions_and_the_lead_sees_all(world, henk):
    mine = _question(world)
    henks = QuestionFactory(office=world.office, entrepreneur=world.gym, asker=henk)

    member = viewer_for(world.users["member"])
    lead = viewer_for(world.users["lead"])

    assert list(rules.questions_visible_to(member, world.office)) == [mine]
    assert set(rules.questions_visible_to(lead, world.office)) == {mine, henks}
    assert not rules.can_view_question(member, henks)


@pytest.mark.parametrize(("opted_in", "known"), [(False, False), (True, True)])
def test_the_municipality_learns_who_asked_only_with_the_members_yes(world, opted_in, known):
    question = _question(
        world,
        status=QuestionStatus.FORWARDED,
        municipality=world.utrecht,
        shares_identity=opted_in,
    )

    asker = selectors.asker_of(viewer_for(world.users["civil_servant"]), question)

    assert (asker is not None) is known
    if known:
        assert asker["business"] == "Yoga Marieke"
    assert selectors.asker_of(viewer_for(world.users["lead"]), question)["name"] == "Marieke Lid"


def test_the_municipality_reads_the_forwarded_wording(world):
    question = _question(world, status=QuestionStatus.FORWARDED, municipality=world.utrecht)

    assert rules.reads_forwarded_wording(viewer_for(world.users["civil_servant"]), question)
    assert not rules.reads_forwarded_wording(viewer_for(world.users["lead"]), question)
    assert not rules.reads_forwarded_wording(viewer_for(world.users["member"]), question)


# --- the start page ------------------------------------------------------------------------


def test_the_lead_is_asked_to_decide_and_the_municipality_sees_it_waiting(world, write_call):
    write_call()

    [lead_item] = selectors.calls_to_approve(viewer_for(world.users["lead"]))
    [own_item] = selectors.own_calls_waiting(viewer_for(world.users["civil_servant"]))

    assert "Sportdag voor ouderen" in lead_item.title
    assert "Sportdag voor ouderen" in own_item.title
    assert selectors.calls_to_approve(viewer_for(world.users["other_lead"])) == []


def test_a_member_is_asked_until_they_answer(world, open_call, henk):
    member = viewer_for(world.users["member"])
    [item] = selectors.calls_to_answer(member)
    assert item.url == open_call.get_absolute_url()

    services.answer_create(
        call=open_call, viewer=member, person=world.users["member"], reply="", shares_contact=False
    )

    assert selectors.calls_to_answer(member) == []
    assert len(selectors.calls_to_answer(viewer_for(henk))) == 1


def test_a_closed_call_leaves_the_members_list(world, open_call):
    late = open_call.deadline.replace(year=open_call.deadline.year + 1)

    assert selectors.calls_to_answer(viewer_for(world.users["member"]), today=late) == []


def test_questions_move_through_the_to_do_lists(world):
    question = _question(world)
    assert len(selectors.questions_to_route(viewer_for(world.users["lead"]))) == 1

    services.question_forward(
        question=question, actor=None, subject="Park", text="Mag het?", municipality=world.utrecht
    )
    assert selectors.questions_to_route(viewer_for(world.users["lead"])) == []
    [to_answer] = selectors.questions_to_answer(viewer_for(world.users["civil_servant"]))
    assert "Park" in to_answer.title

    services.question_answer(question=question, actor=None, answer="Ja")
    member = viewer_for(world.users["member"])
    [outcome] = selectors.question_outcomes(member)
    assert "beantwoordde" in outcome.title

    services.question_mark_seen(question=question)
    assert selectors.question_outcomes(member) == []
