"""Calls and questions as a specification of behaviour: what each service stores, refuses and
mails (services.py)."""

import datetime

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kapstok.accounts.access import viewer_for
from kapstok.messaging.models import OfficeMessaging, OptOut, SenderKind
from kapstok.municall import services
from kapstok.municall.models import Call, CallAnswer, CallStatus, Question, QuestionStatus

pytestmark = pytest.mark.django_db


# --- writing a call ---------------------------------------------------------------------------


def test_a_call_from_the_municipality_waits_for_the_lead_who_is_mailed(world, write_call):
    mail.outbox.clear()

    call = write_call()

    assert call.status == CallStatus.PENDING
    assert call.municipality == world.utrecht
    assert [m.to for m in mail.outbox] == [["kees@example.invalid"]]
    assert "Sportdag voor ouderen" in mail.outbox[0].body
    assert call.get_absolute_url() in mail.outbox[0].body


def test_with_auto_approval_set_by_pos_the_call_reaches_the_members_at_once(
    world, henk, write_call, run_on_commit
):
    OfficeMessaging.objects.create(office=world.office, auto_approve_municipality=True)
    mail.outbox.clear()

    call = run_on_commit(write_call)

    assert call.status == CallStatus.OPEN
    assert call.decided_by is None
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["info@gym-henk.invalid", world.member_entrepreneur.email]
    assert all(len(m.to) == 1 for m in mail.outbox)


def test_a_member_who_switched_off_the_municipality_gets_no_mail_of_the_call(
    world, henk, write_call, run_on_commit
):
    OptOut.objects.create(
        entrepreneur=world.gym, office=world.office, sender_kind=SenderKind.MUNICIPALITY
    )
    call = write_call()
    mail.outbox.clear()

    run_on_commit(services.call_approve, call=call, actor=world.users["lead"])

    assert [m.to for m in mail.outbox] == [[world.member_entrepreneur.email]]


@pytest.mark.parametrize("persona", ["lead", "pos", "member", "other_member"])
def test_only_the_municipality_of_the_office_writes_a_call(world, persona, today):
    user = world.users[persona]
    with pytest.raises(ValidationError, match="geen oproep"):
        services.call_create(
            office=world.office,
            viewer=viewer_for(user),
            author=user,
            title="Titel",
            text="Tekst",
            ask="Vraag",
            deadline=today,
        )
    assert not Call.objects.exists()


def test_a_civil_servant_of_another_municipality_cannot_call_on_the_office(world, today):
    from kapstok.accounts.factories import UserFactory
    from kapstok.accounts.models import Role
    from kapstok.accounts.services import grant_role

    zwolle_servant = UserFactory(email="zwolle@example.invalid")
    grant_role(user=zwolle_servant, role=Role.CIVIL_SERVANT, scope=world.zwolle)

    with pytest.raises(ValidationError):
        services.call_create(
            office=world.office,
            viewer=viewer_for(zwolle_servant),
            author=zwolle_servant,
            title="T",
            text="T",
            ask="T",
            deadline=today,
        )
    assert not Call.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "  "}, "title", "Geef de oproep een titel."),
        ({"text": ""}, "text", "Vertel de leden waar de oproep over gaat."),
        ({"ask": " "}, "ask", "Schrijf kort wat u van de leden vraagt."),
        ({"deadline": None}, "deadline", "Kies tot wanneer de leden kunnen reageren."),
    ],
)
def test_a_call_without_its_parts_is_refused_per_field(write_call, fields, field, message):
    with pytest.raises(ValidationError) as refused:
        write_call(**fields)

    assert refused.value.message_dict == {field: [message]}
    assert not Call.objects.exists()


def test_a_deadline_in_the_past_is_refused_and_today_is_fine(write_call, today):
    with pytest.raises(ValidationError, match="in het verleden"):
        write_call(deadline=today - datetime.timedelta(days=1))
    assert not Call.objects.exists()

    assert write_call(deadline=today).deadline == today


# --- the lead decides ------------------------------------------------------------------------


def test_the_lead_approves_once(world, write_call):
    call = services.call_approve(call=write_call(), actor=world.users["lead"])

    assert call.status == CallStatus.OPEN
    assert call.decided_by == world.users["lead"]
    with pytest.raises(ValidationError, match="al beslist"):
        services.call_approve(call=call, actor=world.users["lead"])


def test_rejecting_needs_a_reason_that_the_municipality_reads(world, write_call):
    call = write_call()

    with pytest.raises(ValidationError) as refused:
        services.call_reject(call=call, actor=world.users["lead"], reason="  ")
    assert refused.value.message_dict == {"reason": ["Schrijf de gemeente kort waarom niet."]}
    call.refresh_from_db()
    assert call.status == CallStatus.PENDING

    services.call_reject(call=call, actor=world.users["lead"], reason="Past niet bij ons.")
    call.refresh_from_db()
    assert (call.status, call.rejection_reason) == (CallStatus.REJECTED, "Past niet bij ons.")


# --- members answer ----------------------------------------------------------------------------


def _answer(world, call, persona="member", **fields):
    values = {"reply": "Ik geef een yogales.", "shares_contact": True, **fields}
    user = world.users[persona]
    return services.answer_create(call=call, viewer=viewer_for(user), person=user, **values)


def test_a_member_joins_for_their_business_with_reply_and_opt_in(world, open_call):
    answer = _answer(world, open_call)

    assert answer.entrepreneur == world.member_entrepreneur
    assert answer.person == world.users["member"]
    assert (answer.reply, answer.shares_contact) == ("Ik geef een yogales.", True)


def test_answering_twice_is_refused_in_dutch_and_nothing_is_duplicated(world, open_call):
    _answer(world, open_call)

    with pytest.raises(ValidationError, match="U heeft al op deze oproep gereageerd"):
        _answer(world, open_call, reply="Nog een keer")

    assert CallAnswer.objects.count() == 1
    assert CallAnswer.objects.get().reply == "Ik geef een yogales."


def test_the_database_itself_refuses_a_second_answer_of_one_business(world, open_call):
    _answer(world, open_call)

    with pytest.raises(IntegrityError), transaction.atomic():
        CallAnswer.objects.create(call=open_call, entrepreneur=world.member_entrepreneur)


def test_a_reply_longer_than_500_characters_is_refused_and_nothing_saved(world, open_call):
    with pytest.raises(ValidationError) as refused:
        _answer(world, open_call, reply="x" * 501)

    assert "hoogstens 500 tekens" in refused.value.message_dict["reply"][0]
    assert not CallAnswer.objects.exists()
    assert _answer(world, open_call, reply="x" * 500).reply == "x" * 500


def test_nobody_answers_a_call_the_lead_has_not_shared(world, write_call):
    with pytest.raises(ValidationError, match="nog\\) niet reageren"):
        _answer(world, write_call())
    assert not CallAnswer.objects.exists()


def test_after_the_deadline_no_answer_is_taken(world, open_call, today):
    late = today + datetime.timedelta(days=15)

    with pytest.raises(ValidationError, match="termijn van deze oproep is voorbij"):
        services.answer_create(
            call=open_call,
            viewer=viewer_for(world.users["member"]),
            person=world.users["member"],
            reply="",
            shares_contact=False,
            today=late,
        )
    assert not CallAnswer.objects.exists()


def test_on_the_deadline_itself_an_answer_is_still_taken(world, open_call):
    user = world.users["member"]
    services.answer_create(
        call=open_call,
        viewer=viewer_for(user),
        person=user,
        reply="",
        shares_contact=False,
        today=open_call.deadline,
    )
    assert CallAnswer.objects.count() == 1


def test_a_member_of_another_office_cannot_answer(world, open_call):
    with pytest.raises(ValidationError, match="Alleen leden van het kantoor"):
        _answer(world, open_call, persona="other_member")
    assert not CallAnswer.objects.exists()


def test_a_member_changes_the_reply_and_opt_in_before_the_deadline(world, open_call):
    _answer(world, open_call)
    viewer = viewer_for(world.users["member"])

    services.answer_change(call=open_call, viewer=viewer, reply="Twee lessen", shares_contact=False)

    answer = CallAnswer.objects.get()
    assert (answer.reply, answer.shares_contact) == ("Twee lessen", False)
    assert answer.changed_at is not None


def test_a_member_withdraws_and_may_join_again_before_the_deadline(world, open_call):
    _answer(world, open_call)
    viewer = viewer_for(world.users["member"])

    services.answer_withdraw(call=open_call, viewer=viewer)
    assert not CallAnswer.objects.exists()

    _answer(world, open_call, reply="Toch wel")
    assert CallAnswer.objects.get().reply == "Toch wel"


def test_after_the_deadline_an_answer_is_neither_changed_nor_withdrawn(world, open_call, today):
    _answer(world, open_call)
    viewer = viewer_for(world.users["member"])
    late = open_call.deadline + datetime.timedelta(days=1)

    with pytest.raises(ValidationError, match="voorbij"):
        services.answer_change(
            call=open_call, viewer=viewer, reply="Anders", shares_contact=False, today=late
        )
    with pytest.raises(ValidationError, match="voorbij"):
        services.answer_withdraw(call=open_call, viewer=viewer, today=late)

    assert CallAnswer.objects.get().reply == "Ik geef een yogales."


def test_changing_without_an_answer_says_so(world, open_call):
    with pytest.raises(ValidationError, match="nog niet op deze oproep gereageerd"):
        services.answer_withdraw(call=open_call, viewer=viewer_for(world.users["member"]))


# --- questions ---------------------------------------------------------------------------------


def _ask(world, **fields):
    user = world.users["member"]
    values = {"subject": "Lesgeven in het park", "text": "Mag dat?", "shares_identity": False}
    return services.question_ask(
        office=world.office, viewer=viewer_for(user), asker=user, **{**values, **fields}
    )


def test_a_members_question_goes_to_the_lead_first(world):
    mail.outbox.clear()

    question = _ask(world)

    assert question.status == QuestionStatus.SUBMITTED
    assert question.entrepreneur == world.member_entrepreneur
    assert [m.to for m in mail.outbox] == [["kees@example.invalid"]]


@pytest.mark.parametrize(
    ("fields", "field"), [({"subject": " "}, "subject"), ({"text": ""}, "text")]
)
def test_an_empty_question_is_refused_and_nothing_saved(world, fields, field):
    with pytest.raises(ValidationError) as refused:
        _ask(world, **fields)

    assert list(refused.value.message_dict) == [field]
    assert not Question.objects.exists()


def test_only_members_of_the_office_ask_through_it(world):
    user = world.users["other_member"]
    with pytest.raises(ValidationError, match="Alleen leden"):
        services.question_ask(
            office=world.office,
            viewer=viewer_for(user),
            asker=user,
            subject="S",
            text="T",
            shares_identity=True,
        )
    assert not Question.objects.exists()


def test_the_lead_forwards_in_sharper_words_and_the_municipality_is_mailed(world):
    question = _ask(world)
    mail.outbox.clear()

    services.question_forward(
        question=question,
        actor=world.users["lead"],
        subject="Buiten lesgeven in parken",
        text="Welke regels gelden voor lessen in het Wilhelminapark?",
        municipality=world.utrecht,
    )

    question.refresh_from_db()
    assert question.status == QuestionStatus.FORWARDED
    assert question.forwarded_subject == "Buiten lesgeven in parken"
    assert question.subject == "Lesgeven in het park"  # the member's words stay theirs
    assert [m.to for m in mail.outbox] == [["gerrit@example.invalid"]]
    assert "Marieke" not in mail.outbox[0].body


def test_forwarding_to_a_municipality_outside_the_office_is_refused(world):
    question = _ask(world)

    with pytest.raises(ValidationError) as refused:
        services.question_forward(
            question=question, actor=None, subject="S", text="T", municipality=world.zwolle
        )

    assert list(refused.value.message_dict) == ["municipality"]
    question.refresh_from_db()
    assert question.status == QuestionStatus.SUBMITTED


def test_declining_needs_a_reason_and_tells_the_member(world):
    question = _ask(world)
    with pytest.raises(ValidationError):
        services.question_decline(question=question, actor=world.users["lead"], reason="")
    mail.outbox.clear()

    services.question_decline(
        question=question, actor=world.users["lead"], reason="Dit regelt het kantoor zelf."
    )

    question.refresh_from_db()
    assert question.status == QuestionStatus.DECLINED
    assert question.decline_reason == "Dit regelt het kantoor zelf."
    assert [m.to for m in mail.outbox] == [["marieke@example.invalid"]]


def test_a_routed_question_is_not_routed_again(world):
    question = _ask(world)
    services.question_decline(question=question, actor=None, reason="Nee")

    with pytest.raises(ValidationError, match="al doorgestuurd of afgewezen"):
        services.question_forward(
            question=question, actor=None, subject="S", text="T", municipality=world.utrecht
        )


def test_the_municipality_answers_once_and_the_member_is_mailed(world):
    question = _ask(world)
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.question_answer(question=question, actor=None, answer="Te vroeg")
    services.question_forward(
        question=question, actor=None, subject="S", text="T", municipality=world.utrecht
    )
    mail.outbox.clear()

    services.question_answer(
        question=question, actor=world.users["civil_servant"], answer="Ja, met een vergunning."
    )

    question.refresh_from_db()
    assert (question.status, question.answer) == (
        QuestionStatus.ANSWERED,
        "Ja, met een vergunning.",
    )
    assert [m.to for m in mail.outbox] == [["marieke@example.invalid"]]
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.question_answer(question=question, actor=None, answer="Nog eens")


def test_an_empty_answer_is_refused(world):
    question = _ask(world)
    services.question_forward(
        question=question, actor=None, subject="S", text="T", municipality=world.utrecht
    )
    with pytest.raises(ValidationError) as refused:
        services.question_answer(question=question, actor=None, answer=" ")
    assert refused.value.message_dict == {"answer": ["Schrijf uw antwoord."]}
