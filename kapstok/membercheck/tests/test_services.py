"""The member check's writes: rounds open twice a year on the monitor's engine, and a member
answers once per round, can change the answer while it is open, and bad input saves nothing."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.membercheck import services
from kapstok.monitor import services as monitor_services
from kapstok.monitor.models import Answer, Audience, Invitation, Response, WaveStatus
from kapstok.network.factories import OfficeFactory
from kapstok.network.models import OfficeStatus

from .conftest import answers

pytestmark = pytest.mark.django_db


# --- rounds ------------------------------------------------------------------------------------


def test_a_round_opens_once_per_half_year_for_every_active_office(world):
    dissolved = OfficeFactory(name="Kantoor Weg", slug="kantoor-weg", status=OfficeStatus.DISSOLVED)
    wave = services.round_open(today=datetime.date(2026, 1, 5))

    assert wave.name == "Ledencheck voorjaar 2026"
    assert wave.status == WaveStatus.OPEN
    assert (wave.opens_on, wave.closes_on) == (
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 15),
    )
    assert set(wave.offices.all()) == {world.office, world.other_office}
    assert dissolved not in wave.offices.all()
    assert wave.wave_questionnaires.get().audience == Audience.MEMBER
    assert services.round_open(today=datetime.date(2026, 6, 30)) is None
    assert services.round_open(today=datetime.date(2026, 7, 1)).name == "Ledencheck najaar 2026"


def test_a_late_round_stops_at_the_half_years_end(world):
    wave = services.round_open(today=datetime.date(2026, 6, 20))
    assert wave.closes_on == datetime.date(2026, 6, 30)


def test_every_round_asks_the_same_four_questions_of_one_locked_questionnaire(world):
    first = services.round_open(today=datetime.date(2026, 1, 5))
    second = services.round_open(today=datetime.date(2026, 7, 5))
    questionnaire = first.wave_questionnaires.get().questionnaire

    assert second.wave_questionnaires.get().questionnaire == questionnaire
    kinds = list(questionnaire.questions.values_list("order", "kind", "required"))
    assert kinds == [
        (10, "scale", True),
        (20, "scale", True),
        (30, "single", True),
        (40, "open", False),
    ]
    assert monitor_services.is_locked(questionnaire)


def test_the_daily_job_says_what_it_did(world):
    assert services.rounds_run_daily(today=datetime.date(2026, 1, 2)) == (
        "Ledencheck voorjaar 2026 geopend"
    )
    assert services.rounds_run_daily(today=datetime.date(2026, 1, 3)) == "geen nieuwe ledencheck"


def test_the_monitors_daily_job_closes_the_round_after_six_weeks(world):
    wave = services.round_open(today=datetime.date(2026, 1, 5))
    monitor_services.waves_run_daily(now=datetime.datetime(2026, 2, 16, 9, 0, tzinfo=datetime.UTC))
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED


# --- answering ---------------------------------------------------------------------------------


def test_a_member_answers_and_the_engine_stores_each_answer(world, check, answer):
    response = answer(check, world.users["member"], value=5, relevance=2, wish="Meer klanten")

    invitation = response.invitation
    assert (invitation.office, invitation.audience) == (world.office, Audience.MEMBER)
    assert invitation.respondent == world.users["member"]
    assert response.is_submitted
    stored = {a.question.order: (a.number, a.choices, a.text) for a in response.answers.all()}
    assert stored[10][0] == 5 and stored[20][0] == 2
    assert stored[30][1] == ["1 tot 4 uur per maand"]
    assert stored[40][2] == "Meer klanten"


def test_a_first_answer_sent_twice_is_refused_and_counted_once(world, check, answer):
    answer(check, world.users["member"], value=4)
    with pytest.raises(ValidationError, match="al ingevuld"):
        answer(check, world.users["member"], value=1)

    assert Response.objects.count() == 1
    assert Answer.objects.get(question__order=10).number == 4


def test_a_member_changes_the_answer_while_the_round_is_open(world, check, answer):
    first = answer(check, world.users["member"], value=4)
    services.answer_save(
        wave=check,
        office=world.office,
        user=world.users["member"],
        data=answers(value=2, wish="Vaker bijeenkomsten"),
        answered_before=services.answered_stamp(first),
    )
    assert Response.objects.count() == 1 and Invitation.objects.count() == 1
    assert Answer.objects.get(question__order=10).number == 2
    assert Answer.objects.get(question__order=40).text == "Vaker bijeenkomsten"


def test_an_older_change_form_cannot_overwrite_a_newer_answer(world, check, answer):
    first = answer(check, world.users["member"], value=4)
    stamp = services.answered_stamp(first)
    later = first.submitted_at + datetime.timedelta(minutes=5)
    services.answer_save(
        wave=check, office=world.office, user=world.users["member"], data=answers(value=3),
        answered_before=stamp, now=later,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="ander scherm"):
        services.answer_save(
            wave=check, office=world.office, user=world.users["member"], data=answers(value=1),
            answered_before=stamp, now=later,
        )  # fmt: skip
    assert Answer.objects.get(question__order=10).number == 3


@pytest.mark.parametrize(
    "data, message",
    [
        (answers(value=9), "Kies een waarde van 1 tot en met 5"),
        (answers(time="altijd"), "Kies één van de genoemde antwoorden"),
        ({**answers(), "q20": ""}, "Beantwoord deze vraag"),
        (answers(wish="x" * 1001), "hoogstens 1000 tekens"),
    ],
)
def test_bad_input_names_the_problem_and_saves_nothing(world, check, data, message):
    with pytest.raises(ValidationError) as raised:
        services.answer_save(wave=check, office=world.office, user=world.users["member"], data=data)
    assert message in " ".join(raised.value.messages)
    assert not Invitation.objects.exists() and not Answer.objects.exists()


def test_a_closed_round_takes_no_answers(world, check):
    monitor_services.wave_close(wave=check)
    check.refresh_from_db()
    with pytest.raises(ValidationError, match="gesloten"):
        services.answer_save(
            wave=check, office=world.office, user=world.users["member"], data=answers()
        )
    assert not Response.objects.exists()


def test_an_office_outside_the_round_takes_no_answers(world, check):
    newcomer = OfficeFactory(name="Kantoor Nieuw", slug="kantoor-nieuw")
    with pytest.raises(ValidationError, match="niet voor dit kantoor"):
        services.answer_save(
            wave=check, office=newcomer, user=world.users["member"], data=answers()
        )
    assert not Response.objects.exists()


def test_the_monitor_never_reminds_a_member_by_mail(world, check, answer, mailoutbox):
    answer(check, world.users["member"])
    monitor_services.reminders_send(now=timezone.now() + datetime.timedelta(days=30))
    assert mailoutbox == []


def test_clearing_the_open_answer_removes_it(world, check, answer):
    first = answer(check, world.users["member"], wish="Meer klanten")
    services.answer_save(
        wave=check,
        office=world.office,
        user=world.users["member"],
        data=answers(wish=""),
        answered_before=services.answered_stamp(first),
    )
    assert not Answer.objects.filter(question__order=40).exists()
    assert Answer.objects.count() == 3
