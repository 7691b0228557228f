"""GET /api/v1/offices/{slug}/calls and /questions: the same rules as the pages."""

import pytest

from kapstok.municall.factories import CallAnswerFactory, QuestionFactory
from kapstok.municall.models import QuestionStatus

pytestmark = pytest.mark.django_db

API = "/api/v1/offices/kantoor-utrecht/"


@pytest.fixture
def answered(world, henk, open_call):
    CallAnswerFactory(
        call=open_call,
        entrepreneur=world.member_entrepreneur,
        person=world.users["member"],
        shares_contact=True,
    )
    CallAnswerFactory(call=open_call, entrepreneur=world.gym, person=henk, shares_contact=False)
    return open_call


def _get(client, world, persona, path):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client.get(f"{API}{path}")


def test_the_municipality_gets_the_count_and_only_the_opted_in_answers(client, world, answered):
    [call] = _get(client, world, "civil_servant", "calls").json()

    assert call["title"] == "Sportdag voor ouderen"
    assert (call["answer_count"], call["opted_in_count"]) == (2, 1)
    assert [a["business"] for a in call["answers"]] == ["Yoga Marieke"]


def test_the_lead_gets_every_answer(client, world, answered):
    [call] = _get(client, world, "lead", "calls").json()

    assert sorted(a["business"] for a in call["answers"]) == ["Gym Henk", "Yoga Marieke"]


def test_a_member_gets_the_count_and_whether_they_joined_but_no_names(client, world, answered):
    [call] = _get(client, world, "henk", "calls").json()

    assert call["answers"] == []
    assert call["opted_in_count"] is None
    assert (call["answer_count"], call["joined"]) == (2, True)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 403), ("outsider", 403), ("partner", 403), ("other_member", 403)],
)
def test_others_are_refused_in_dutch(client, world, answered, persona, status):
    for path in ("calls", "questions"):
        response = _get(client, world, persona, path)
        assert response.status_code == status
        assert "niet zien" in response.json()["detail"]


def test_an_unknown_office_is_404(client, world):
    client.force_login(world.users["pos"])

    response = client.get("/api/v1/offices/bestaat-niet/calls")

    assert response.status_code == 404
    assert response.json()["detail"] == "Kantoor niet gevonden."


def test_the_municipality_reads_forwarded_questions_without_the_asker(client, world):
    QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        asker=world.users["member"],
        subject="Eigen woorden",
        text="Mijn eigen vraag",
        status=QuestionStatus.FORWARDED,
        municipality=world.utrecht,
        forwarded_subject="Woorden van het kantoor",
        forwarded_text="De vraag zoals doorgestuurd",
    )
    QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)

    [question] = _get(client, world, "civil_servant", "questions").json()
    client.logout()
    lead_view = _get(client, world, "lead", "questions").json()

    assert (question["subject"], question["text"]) == (
        "Woorden van het kantoor",
        "De vraag zoals doorgestuurd",
    )
    assert question["asker"] is None
    assert len(lead_view) == 2
    assert {q["asker"]["business"] for q in lead_view} == {"Yoga Marieke"}


def test_a_pending_call_is_not_in_a_members_answer_but_is_in_the_municipalitys(
    client, world, write_call
):
    write_call(title="Nog niet gedeeld")

    member_calls = _get(client, world, "member", "calls").json()
    client.logout()
    servant_calls = _get(client, world, "civil_servant", "calls").json()

    assert member_calls == []
    assert [c["title"] for c in servant_calls] == ["Nog niet gedeeld"]
    assert servant_calls[0]["status"] == "pending"


def test_a_closed_call_says_so(client, world, open_call):
    from kapstok.municall.models import Call

    Call.objects.filter(pk=open_call.pk).update(deadline="2020-01-01")

    [call] = _get(client, world, "pos", "calls").json()

    assert call["is_open"] is False


def test_a_member_gets_only_their_own_questions(client, world, henk):
    QuestionFactory(office=world.office, entrepreneur=world.gym, asker=henk, subject="Van Henk")
    QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        asker=world.users["member"],
        subject="Van Marieke",
    )

    questions = _get(client, world, "member", "questions").json()

    assert [q["subject"] for q in questions] == ["Van Marieke"]
    assert questions[0]["asker"]["name"] == "Marieke Lid"
