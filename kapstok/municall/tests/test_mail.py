"""What the mails of calls and questions say, and to whom: one address each, a link to the page
in Kapstok, and never a member's name to the municipality without their yes."""

import pytest

from django.core import mail

from kapstok.municall import services
from kapstok.municall.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_the_members_mail_names_the_call_the_ask_the_deadline_and_the_link(
    world, henk, write_call, run_on_commit
):
    call = write_call()
    mail.outbox.clear()

    run_on_commit(services.call_approve, call=call, actor=world.users["lead"])

    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.subject == "[Kantoor Utrecht] Oproep van gemeente Utrecht: Sportdag voor ouderen"
    assert "Een clinic van een uur" in message.body
    assert call.get_absolute_url() in message.body
    assert "alleen mee" in message.body  # the member is told the opt-in is theirs
    assert {m.to[0] for m in mail.outbox} == {
        "info@gym-henk.invalid",
        world.member_entrepreneur.email,
    }


def test_a_rejected_call_mails_no_member(world, henk, write_call, run_on_commit):
    call = write_call()
    mail.outbox.clear()

    run_on_commit(services.call_reject, call=call, actor=world.users["lead"], reason="Nee")

    assert mail.outbox == []


def test_a_member_without_an_address_of_their_business_gets_it_at_their_account(
    world, write_call, run_on_commit
):
    world.member_entrepreneur.email = ""
    world.member_entrepreneur.save()
    call = write_call()
    mail.outbox.clear()

    run_on_commit(services.call_approve, call=call, actor=world.users["lead"])

    assert [m.to for m in mail.outbox] == [["marieke@example.invalid"]]


def test_the_municipalitys_mail_of_a_forwarded_question_keeps_the_asker_out(world):
    question = QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        asker=world.users["member"],
        subject="Eigen woorden van Marieke",
    )
    mail.outbox.clear()

    services.question_forward(
        question=question,
        actor=world.users["lead"],
        subject="Buitenlessen",
        text="Welke regels gelden?",
        municipality=world.utrecht,
    )

    [message] = mail.outbox
    assert message.subject == "Vraag van een lid van Kantoor Utrecht: Buitenlessen"
    assert "Marieke" not in message.subject + message.body
    assert question.get_absolute_url() in message.body


def test_the_answer_mail_tells_the_asker_where_to_read_it(world):
    question = QuestionFactory(
        office=world.office, entrepreneur=world.member_entrepreneur, asker=world.users["member"]
    )
    services.question_forward(
        question=question, actor=None, subject="S", text="T", municipality=world.utrecht
    )
    mail.outbox.clear()

    services.question_answer(question=question, actor=None, answer="Ja, dat mag.")

    [message] = mail.outbox
    assert message.to == ["marieke@example.invalid"]
    assert "De gemeente heeft uw vraag beantwoord." in message.body
    assert question.get_absolute_url() in message.body
    assert "Ja, dat mag." not in message.body  # the answer is read in Kapstok, after login


def test_a_question_without_an_asker_account_mails_nobody_on_its_outcome(world):
    question = QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)
    mail.outbox.clear()

    services.question_decline(question=question, actor=None, reason="Nee")

    assert mail.outbox == []
