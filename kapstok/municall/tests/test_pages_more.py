"""More of what each person reads on the pages of calls and questions: the states of a call,
the lead's full view, the asker's view of the forwarded wording, refusals for the others, and
the start pages of the lead and the civil servant."""

import datetime

import pytest

from kapstok.municall import services
from kapstok.municall.factories import CallAnswerFactory, QuestionFactory
from kapstok.municall.models import Call, QuestionStatus

pytestmark = pytest.mark.django_db

QUESTIONS = "/netwerk/kantoren/kantoor-utrecht/vragen-aan-gemeente/"


def _page(client, world, persona, url):
    client.force_login(world.users[persona])
    return client.get(url)


def test_the_municipality_reads_why_the_lead_declined_its_call(client, world, write_call):
    call = services.call_reject(
        call=write_call(), actor=world.users["lead"], reason="Onze leden zitten vol."
    )

    page = _page(client, world, "civil_servant", call.get_absolute_url()).content.decode()

    assert "afgewezen" in page
    assert "Onze leden zitten vol." in page
    assert "Kees Kartrekker" in page


def test_a_pending_call_shows_the_lead_the_decision_and_the_municipality_the_wait(
    client, world, write_call
):
    call = write_call()

    lead_page = _page(client, world, "lead", call.get_absolute_url()).content.decode()
    servant_page = _page(client, world, "civil_servant", call.get_absolute_url()).content.decode()

    assert "Goedkeuren en delen" in lead_page
    assert "wacht op goedkeuring" in servant_page
    assert "Goedkeuren en delen" not in servant_page


def test_the_lead_sees_who_opted_in_and_who_did_not(client, world, henk, open_call):
    CallAnswerFactory(
        call=open_call,
        entrepreneur=world.member_entrepreneur,
        person=world.users["member"],
        shares_contact=True,
    )
    CallAnswerFactory(call=open_call, entrepreneur=world.gym, person=henk, shares_contact=False)

    page = _page(client, world, "lead", open_call.get_absolute_url()).content.decode()

    assert "ja, met naam" in page and "nee, alleen geteld" in page
    assert "Henk Haltères" in page and "06-11112222" in page
    assert "zonder naam en contactgegevens te delen" not in page


def test_after_the_deadline_a_members_answer_stands_and_cannot_change(client, world, open_call):
    CallAnswerFactory(
        call=open_call,
        entrepreneur=world.member_entrepreneur,
        person=world.users["member"],
        reply="Yoga in het park",
    )
    Call.objects.filter(pk=open_call.pk).update(deadline=datetime.date(2020, 1, 1))
    url = open_call.get_absolute_url()

    page = _page(client, world, "member", url).content.decode()
    withdraw = client.post(f"{url}reactie-intrekken/", follow=True)

    assert "uw reactie staat vast" in page
    assert "Reactie wijzigen" not in page
    assert "De termijn van deze oproep is voorbij" in withdraw.content.decode()
    assert open_call.answers.count() == 1


def test_a_withdrawn_answer_leaves_the_municipalitys_view(client, world, open_call):
    url = open_call.get_absolute_url()
    client.force_login(world.users["member"])
    client.post(f"{url}meedoen/", {"reply": "Yoga", "shares_contact": "on"})
    assert "Yoga Marieke" in _page(client, world, "civil_servant", url).content.decode()

    client.force_login(world.users["member"])
    client.post(f"{url}reactie-intrekken/")

    assert "Yoga Marieke" not in _page(client, world, "civil_servant", url).content.decode()


def test_the_asker_reads_their_own_words_and_the_forwarded_ones(client, world):
    question = QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        asker=world.users["member"],
        subject="Park",
        text="Mijn eigen vraag",
        status=QuestionStatus.FORWARDED,
        municipality=world.utrecht,
        forwarded_subject="Parkregels",
        forwarded_text="De vraag zoals het kantoor haar stuurde",
    )

    page = _page(client, world, "member", question.get_absolute_url()).content.decode()

    assert "Mijn eigen vraag" in page
    assert "De vraag zoals het kantoor haar stuurde" in page
    assert "Beantwoorden" not in page


@pytest.mark.parametrize(("persona", "status"), [("other_member", 403), ("civil_servant", 403)])
def test_a_submitted_question_stays_inside_the_office(client, world, persona, status):
    question = QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)

    assert _page(client, world, persona, question.get_absolute_url()).status_code == status


def test_a_question_of_another_member_is_not_in_the_members_list(client, world, henk):
    QuestionFactory(office=world.office, entrepreneur=world.gym, subject="Vraag van Henk")
    QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur, subject="Mijn")

    page = _page(client, world, "member", QUESTIONS).content.decode()

    assert "Mijn" in page
    assert "Vraag van Henk" not in page


def test_the_civil_servant_finds_the_question_to_answer_on_the_start_page(client, world):
    question = QuestionFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        status=QuestionStatus.FORWARDED,
        municipality=world.utrecht,
        forwarded_subject="Gymzalen huren",
        routed_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )

    page = _page(client, world, "civil_servant", "/start/").content.decode()

    assert "Gymzalen huren" in page
    assert question.get_absolute_url() in page


def test_the_lead_finds_the_call_to_decide_on_the_start_page(client, world, write_call):
    call = write_call()

    page = _page(client, world, "lead", "/start/").content.decode()

    assert "Beslis over de oproep van gemeente Utrecht" in page
    assert call.get_absolute_url() in page


def test_the_portal_links_to_the_calls_and_questions_of_each_office(client, world):
    page = _page(client, world, "civil_servant", "/netwerk/gemeenteportaal/GM0344/")

    body = page.content.decode()
    assert "/netwerk/kantoren/kantoor-utrecht/oproepen/nieuw/" in body
    assert "/netwerk/kantoren/kantoor-utrecht/vragen-aan-gemeente/" in body
