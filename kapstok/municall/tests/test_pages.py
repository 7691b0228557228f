"""The pages of calls and questions as people use them: what each person sees, what a bad form
answers (400, a Dutch error at the field, nothing saved) and how many queries a page takes."""

import datetime

import pytest

from kapstok.municall.factories import CallAnswerFactory, QuestionFactory
from kapstok.municall.models import Call, CallAnswer, CallStatus, Question, QuestionStatus
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

CALLS = "/netwerk/kantoren/kantoor-utrecht/oproepen/"
QUESTIONS = "/netwerk/kantoren/kantoor-utrecht/vragen-aan-gemeente/"


def _as(client, world, persona):
    client.force_login(world.users[persona])
    return client


def _call_form(today, **fields):
    return {
        "title": "Beweegaanbod in de wijk",
        "text": "Wij zoeken aanbieders voor een beweegweek.",
        "ask": "Een gratis proefles",
        "deadline": (today + datetime.timedelta(days=10)).isoformat(),
        "municipality": "",
        **fields,
    }


def test_the_civil_servant_writes_a_call_that_waits_for_the_lead(client, world, today):
    page = _as(client, world, "civil_servant").get(f"{CALLS}nieuw/")
    assert page.status_code == 200
    assert "keurt uw oproep eerst goed" in page.content.decode()

    response = client.post(
        f"{CALLS}nieuw/", _call_form(today, municipality=world.utrecht.pk), follow=True
    )

    call = Call.objects.get()
    assert call.status == CallStatus.PENDING
    assert response.redirect_chain[-1][0] == call.get_absolute_url()
    assert "wacht nu op goedkeuring van de kartrekker" in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": ""}, "Geef de oproep een titel."),
        ({"deadline": "2001-01-01"}, "De uiterste datum ligt in het verleden"),
        ({"deadline": "morgen"}, "Vul een geldige datum in"),
        ({"ask": ""}, "Schrijf kort wat u van de leden vraagt."),
    ],
)
def test_a_bad_call_form_comes_back_in_dutch_and_saves_nothing(client, world, today, fields, error):
    response = _as(client, world, "civil_servant").post(
        f"{CALLS}nieuw/", _call_form(today, municipality=world.utrecht.pk, **fields)
    )

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Call.objects.exists()


def test_the_lead_approves_and_the_call_appears_for_members(client, world, write_call):
    call = write_call()
    member_list = _as(client, world, "member").get(CALLS).content.decode()
    assert call.title not in member_list

    _as(client, world, "lead").post(f"{CALLS}{call.pk}/goedkeuren/")

    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert call.title in _as(client, world, "member").get(CALLS).content.decode()


def test_rejecting_without_a_reason_answers_400(client, world, write_call):
    call = write_call()

    response = _as(client, world, "lead").post(f"{CALLS}{call.pk}/afwijzen/", {"reason": ""})

    assert response.status_code == 400
    assert "Schrijf kort waarom niet." in response.content.decode()
    call.refresh_from_db()
    assert call.status == CallStatus.PENDING


def test_a_member_joins_with_opt_in_and_a_second_answer_is_refused(client, world, open_call):
    url = open_call.get_absolute_url()
    page = _as(client, world, "member").get(url).content.decode()
    assert "Doet u mee?" in page
    assert "Mijn naam en contactgegevens mogen naar de gemeente" in page

    form = {"reply": "Yoga voor 65+", "shares_contact": "on"}
    first = client.post(f"{url}meedoen/", form, follow=True)
    assert "u doet mee" in first.content.decode()
    second = client.post(f"{url}meedoen/", {"reply": "Nog eens"})

    assert second.status_code == 400
    assert "U heeft al op deze oproep gereageerd" in second.content.decode()
    answer = CallAnswer.objects.get()
    assert (answer.reply, answer.shares_contact) == ("Yoga voor 65+", True)


def test_a_reply_over_500_characters_is_refused_on_the_page(client, world, open_call):
    url = open_call.get_absolute_url()

    response = _as(client, world, "member").post(f"{url}meedoen/", {"reply": "x" * 501})

    assert response.status_code == 400
    assert "hoogstens 500 tekens" in response.content.decode()
    assert not CallAnswer.objects.exists()


def test_after_the_deadline_the_page_says_so_and_refuses_answers(client, world, open_call):
    Call.objects.filter(pk=open_call.pk).update(deadline=datetime.date(2020, 1, 1))
    url = open_call.get_absolute_url()

    page = _as(client, world, "member").get(url).content.decode()
    response = client.post(f"{url}meedoen/", {"reply": "Te laat"})

    assert "reageren kan niet meer" in page
    assert "Doet u mee?" not in page
    assert response.status_code == 400
    assert "De termijn van deze oproep is voorbij" in response.content.decode()
    assert not CallAnswer.objects.exists()


def test_a_member_changes_and_withdraws_on_the_page(client, world, open_call):
    url = open_call.get_absolute_url()
    _as(client, world, "member").post(f"{url}meedoen/", {"reply": "Eerst"})

    client.post(f"{url}reactie-wijzigen/", {"reply": "Daarna", "shares_contact": "on"})
    answer = CallAnswer.objects.get()
    assert (answer.reply, answer.shares_contact) == ("Daarna", True)

    response = client.post(f"{url}reactie-intrekken/", follow=True)
    assert "u doet niet meer mee" in response.content.decode()
    assert not CallAnswer.objects.exists()


def test_the_civil_servant_sees_the_count_and_only_opted_in_details(client, world, henk, open_call):
    CallAnswerFactory(
        call=open_call,
        entrepreneur=world.member_entrepreneur,
        person=world.users["member"],
        shares_contact=True,
        reply="Yoga in het park",
    )
    CallAnswerFactory(call=open_call, entrepreneur=world.gym, person=henk, reply="Kracht")

    page = _as(client, world, "civil_servant").get(open_call.get_absolute_url()).content.decode()
    lead_page = _as(client, world, "lead").get(open_call.get_absolute_url()).content.decode()

    assert "Yoga Marieke" in page and "Marieke Lid" in page and "Yoga in het park" in page
    assert "Gym Henk" not in page and "info@gym-henk.invalid" not in page and "Kracht" not in page
    assert "Nog 1 lid doet mee zonder naam en contactgegevens te delen" in page
    assert "Gym Henk" in lead_page and "info@gym-henk.invalid" in lead_page


def test_the_call_page_takes_a_fixed_number_of_queries(
    client, world, open_call, django_assert_max_num_queries
):
    for n in range(12):
        entrepreneur = EntrepreneurFactory(business_name=f"Lid {n}")
        MembershipFactory(office=world.office, entrepreneur=entrepreneur)
        CallAnswerFactory(call=open_call, entrepreneur=entrepreneur, shares_contact=n % 2 == 0)
    _as(client, world, "lead")

    with django_assert_max_num_queries(25):
        response = client.get(open_call.get_absolute_url())

    assert response.content.decode().count("<tr>") >= 12


def test_the_call_list_takes_a_fixed_number_of_queries(
    client, world, write_call, django_assert_max_num_queries
):
    for n in range(8):
        write_call(title=f"Oproep {n}")
    _as(client, world, "civil_servant")

    with django_assert_max_num_queries(20):
        response = client.get(CALLS)

    assert "Oproep 7" in response.content.decode()


# --- questions ---------------------------------------------------------------------------------


def test_a_question_travels_member_lead_municipality_member(client, world):
    response = _as(client, world, "member").post(
        f"{QUESTIONS}nieuw/",
        {"subject": "Lesgeven in het park", "text": "Mag ik buiten lesgeven?"},
        follow=True,
    )
    question = Question.objects.get()
    assert "staat bij de kartrekker" in response.content.decode()
    assert not question.shares_identity

    _as(client, world, "lead").post(
        f"{QUESTIONS}{question.pk}/doorsturen/",
        {
            "municipality": world.utrecht.pk,
            "subject": "Buitenlessen in parken",
            "text": "Welke regels gelden voor buitenlessen?",
        },
    )
    page = _as(client, world, "civil_servant").get(question.get_absolute_url()).content.decode()
    assert "Buitenlessen in parken" in page
    assert "Mag ik buiten lesgeven?" not in page  # the member's own words stay in the office
    assert "Marieke" not in page and "Yoga Marieke" not in page
    assert "wil anoniem blijven" in page

    client.post(f"{QUESTIONS}{question.pk}/beantwoorden/", {"answer": "Met een vergunning."})
    member_page = _as(client, world, "member").get(question.get_absolute_url()).content.decode()
    assert "Met een vergunning." in member_page
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.outcome_seen_at is not None


def test_an_empty_question_comes_back_with_dutch_errors(client, world):
    response = _as(client, world, "member").post(f"{QUESTIONS}nieuw/", {"subject": "", "text": ""})

    assert response.status_code == 400
    assert "Geef uw vraag een onderwerp." in response.content.decode()
    assert "Schrijf uw vraag." in response.content.decode()
    assert not Question.objects.exists()


def test_declining_without_a_reason_answers_400_and_with_one_the_member_reads_it(client, world):
    question = QuestionFactory(
        office=world.office, entrepreneur=world.member_entrepreneur, asker=world.users["member"]
    )
    url = f"{QUESTIONS}{question.pk}/afwijzen/"

    assert _as(client, world, "lead").post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "Dit loopt al via de sportraad."})

    page = _as(client, world, "member").get(question.get_absolute_url()).content.decode()
    assert "Dit loopt al via de sportraad." in page


def test_forwarding_with_an_empty_text_comes_back_400(client, world):
    question = QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)

    response = _as(client, world, "lead").post(
        f"{QUESTIONS}{question.pk}/doorsturen/",
        {"municipality": world.utrecht.pk, "subject": "S", "text": ""},
    )

    assert response.status_code == 400
    assert "De vraag voor de gemeente mag niet leeg zijn." in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.SUBMITTED


def test_the_question_list_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _n in range(8):
        QuestionFactory(office=world.office, entrepreneur=world.member_entrepreneur)
    _as(client, world, "lead")

    with django_assert_max_num_queries(20):
        response = client.get(QUESTIONS)

    assert response.content.decode().count("Vraag ") >= 8


def test_the_start_page_lists_the_open_call_for_the_member(client, world, open_call):
    page = _as(client, world, "member").get("/start/").content.decode()

    assert "Sportdag voor ouderen" in page
    assert open_call.get_absolute_url() in page
