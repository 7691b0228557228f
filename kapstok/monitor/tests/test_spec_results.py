"""What a wave yields: response rates, answers with tallies, snapshots, and how they are named."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.coding import pseudonyms
from kapstok.monitor import selectors, services
from kapstok.monitor.models import (
    Answer,
    Audience,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Snapshot,
    Wave,
)
from kapstok.network.factories import OfficeFactory

pytestmark = pytest.mark.django_db
BASE = "/onderzoek/monitor/"


@pytest.fixture
def survey(world):
    """A wave of one scale and one multiple-choice question, to both offices' leads."""
    questionnaire = Questionnaire.objects.create(title="Peiling", audience=Audience.LEAD)
    scale = Question.objects.create(
        questionnaire=questionnaire, order=10, text="Tevreden?", kind=QuestionKind.SCALE,
        scale_min=1, scale_max=3,
    )  # fmt: skip
    sports = Question.objects.create(
        questionnaire=questionnaire, order=20, text="Takken?", kind=QuestionKind.MULTIPLE,
        choices=["golf", "padel", "yoga"],
    )  # fmt: skip
    today = timezone.localdate()
    wave = services.wave_start(
        wave=Wave(name="Peiling", year=today.year, opens_on=today,
                  closes_on=today + datetime.timedelta(days=7)),
        office_ids=[world.office.pk, world.other_office.pk],
        questionnaires={Audience.LEAD: questionnaire}, actor=world.users["pos"],
    )  # fmt: skip
    return wave, scale, sports


def answer(invitation, submitted=True):
    return Response.objects.create(
        invitation=invitation, submitted_at=timezone.now() if submitted else None
    )


def test_rates_tell_invited_started_and_submitted_apart(world, survey):
    wave, _scale, _sports = survey
    kees = wave.invitations.get(email="kees@example.invalid")
    olga = wave.invitations.get(email="olga@example.invalid")
    answer(kees)
    answer(olga, submitted=False)
    rates = selectors.wave_rates(wave, real_names=True)
    total = rates["total"]
    assert (total.invited, total.started, total.submitted, total.percent) == (2, 2, 1, 50)
    states = {row["label"]: row["state"] for row in rates["people"]}
    assert states == {"Kees Kartrekker": "submitted", "Olga Andere-Kartrekker": "started"}
    [utrecht] = [row for row in rates["rows"] if row["label"] == "Kantoor Utrecht"]
    assert [cell.submitted for cell in utrecht["cells"]] == [1]


def test_a_wave_without_invitations_has_no_rate():
    assert selectors.Rate().percent is None


def test_researchers_see_the_pseudonyms_of_the_waves_project(world, survey):
    wave, _scale, _sports = survey
    rates = selectors.wave_rates(wave, real_names=False)
    project = pseudonyms.project_for_wave(wave)
    expected = pseudonyms.office_pseudonyms(project, [world.office.pk, world.other_office.pk])
    assert {row["label"] for row in rates["rows"]} == set(expected.values())
    assert all(person["label"].startswith("R-") for person in rates["people"])


def test_answers_are_tallied_per_choice_and_per_scale_value(world, survey):
    wave, scale, sports = survey
    kees_response = answer(wave.invitations.get(email="kees@example.invalid"))
    Answer.objects.create(response=kees_response, question=scale, number=3)
    Answer.objects.create(response=kees_response, question=sports, choices=["golf", "yoga"])
    olga = answer(wave.invitations.get(email="olga@example.invalid"))
    Answer.objects.create(response=olga, question=scale, number=3)
    Answer.objects.create(response=olga, question=sports, choices=["yoga"])
    result = selectors.wave_answers(wave, Audience.LEAD, real_names=True)
    tallies = {row["question"].text: row["tally"] for row in result["questions"]}
    assert tallies["Tevreden?"] == [("1", 0), ("2", 0), ("3", 2)]
    assert tallies["Takken?"] == [("golf", 1), ("padel", 0), ("yoga", 2)]
    assert result["submitted"] == 2


def test_answers_not_yet_submitted_are_not_shown(world, survey):
    wave, scale, _sports = survey
    draft = answer(wave.invitations.get(email="kees@example.invalid"), submitted=False)
    Answer.objects.create(response=draft, question=scale, number=2)
    result = selectors.wave_answers(wave, Audience.LEAD, real_names=True)
    assert result["submitted"] == 0
    assert all(row["answers"] == [] for row in result["questions"])


def test_an_audience_the_wave_did_not_ask_has_no_questionnaire(world, survey):
    wave, _scale, _sports = survey
    assert selectors.wave_answers(wave, Audience.FACILITATOR, real_names=True) == {
        "questionnaire": None,
        "questions": [],
    }


def test_an_unknown_audience_in_the_address_is_not_found(world, login, survey):
    wave, _scale, _sports = survey
    client = login(world.users["pos"])
    assert client.get(f"{BASE}meetrondes/{wave.pk}/antwoorden/iedereen/").status_code == 404


def test_the_answers_page_takes_the_same_queries_for_more_respondents(world, login, survey):
    wave, scale, sports = survey
    client = login(world.users["researcher"])
    kees = answer(wave.invitations.get(email="kees@example.invalid"))
    Answer.objects.create(response=kees, question=scale, number=2)
    page = f"{BASE}meetrondes/{wave.pk}/antwoorden/lead/"
    client.get(page)  # gives the pseudonyms (written once)
    with CaptureQueriesContext(connection) as one:
        client.get(page)
    for number in range(8):
        office = OfficeFactory()
        lead = UserFactory(email=f"lead{number}@example.invalid")
        grant_role(user=lead, role=Role.LEAD, scope=office)
        invitation = services.invitation_add(
            wave=wave, office=office, audience=Audience.LEAD, email=lead.email, respondent=lead
        )
        response = answer(invitation)
        Answer.objects.create(response=response, question=scale, number=1)
        Answer.objects.create(response=response, question=sports, choices=["padel"])
    client.get(page)
    with CaptureQueriesContext(connection) as many:
        client.get(page)
    assert len(many) == len(one)


# --- snapshots ---------------------------------------------------------------------------------


def test_a_closed_waves_snapshots_are_listed_by_label(world, survey):
    wave, _scale, _sports = survey
    services.wave_close(wave=wave)
    rows = selectors.snapshot_rows(wave, real_names=True)
    assert [row["label"] for row in rows] == ["Kantoor Utrecht", "Kantoor Zwolle"]
    assert rows[0]["members"] == 1


def test_closing_again_after_reopening_replaces_the_snapshots(world, survey):
    wave, _scale, _sports = survey
    services.wave_close(wave=wave)
    Wave.objects.filter(pk=wave.pk).update(status="open")
    services.wave_close(wave=wave)
    assert Snapshot.objects.filter(wave=wave).count() == 2


def test_an_office_without_any_activity_has_empty_indicators(world):
    quiet = OfficeFactory()
    indicators = selectors.office_indicators([quiet.pk])[quiet.pk]
    assert indicators | {"phase": None, "phase_label": None} == {
        "members": 0,
        "representativeness": None,
        "phase": None,
        "phase_label": None,
        "goals": 0,
        "goals_total": 0,
        "projects": 0,
        "pct_on_track": None,
        "sessions_held": 0,
        "support_requests": 0,
        "support_open": 0,
        "median_first_response_days": None,
        "median_resolution_days": None,
    }


# --- pages -------------------------------------------------------------------------------------


def test_only_pos_gets_the_invite_form_and_not_on_a_closed_wave(world, login, survey):
    wave, _scale, _sports = survey
    assert (
        login(world.users["researcher"]).get(f"{BASE}meetrondes/{wave.pk}/").context["invite_form"]
        is None
    )
    assert login(world.users["pos"]).get(f"{BASE}meetrondes/{wave.pk}/").context["invite_form"]
    services.wave_close(wave=wave)
    assert (
        login(world.users["pos"]).get(f"{BASE}meetrondes/{wave.pk}/").context["invite_form"] is None
    )


@pytest.mark.parametrize("persona", ["lead", "member", "civil_servant", "partner", "outsider"])
def test_the_monitor_is_closed_to_everyone_but_researchers_and_pos(world, login, persona, survey):
    wave, _scale, _sports = survey
    client = login(world.users[persona])
    assert client.get(f"{BASE}meetrondes/{wave.pk}/").status_code == 403
    assert client.post(f"{BASE}meetrondes/{wave.pk}/sluiten/").status_code == 403
    wave.refresh_from_db()
    assert wave.is_open


def test_the_preview_of_a_template_shows_every_section_without_answers(world, login, templates):
    template = templates["lead"]
    page = login(world.users["researcher"]).get(f"{BASE}vragenlijsten/{template.pk}/voorbeeld/")
    state = page.context["state"]
    sections = list(dict.fromkeys(template.questions.values_list("section", flat=True)))
    assert [s.title for s in state.sections] == sections
    assert state.response is None and state.answered_count == 0
