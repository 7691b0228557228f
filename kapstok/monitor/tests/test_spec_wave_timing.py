"""When a questionnaire link can be answered, and when the researcher is asked to close a wave.

Specifications of `monitor.selectors.link_problem` and `waves_to_close`, and of the indicator
registry a closing wave takes its snapshot figures from.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError

from kapstok.accounts.access import viewer_for
from kapstok.core.todo import Urgency
from kapstok.monitor import indicators, selectors
from kapstok.monitor.answers import parse_answer
from kapstok.monitor.models import Question, Response, Wave, WaveStatus

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def moved(wave, *, opens_on=None, closes_on=None, status=None):
    Wave.objects.filter(pk=wave.pk).update(
        opens_on=opens_on or wave.opens_on,
        closes_on=closes_on or wave.closes_on,
        status=status or wave.status,
    )
    wave.refresh_from_db()
    return wave


# --- a respondent's link ------------------------------------------------------------------


def test_an_open_wave_can_be_answered_on_its_first_and_last_day(lead_invitation):
    wave = moved(lead_invitation.wave, opens_on=TODAY, closes_on=TODAY)
    assert selectors.link_problem(lead_invitation, today=TODAY) == ""
    assert wave.status == WaveStatus.OPEN


def test_a_wave_that_has_not_opened_names_the_day_it_opens(lead_invitation):
    moved(lead_invitation.wave, opens_on=datetime.date(2026, 4, 1))
    problem = selectors.link_problem(lead_invitation, today=TODAY)
    assert problem == (
        "Deze vragenlijst is nog niet geopend. U kunt antwoorden vanaf 1 april 2026."
    )


def test_a_draft_wave_cannot_be_answered_even_on_its_opening_day(lead_invitation):
    moved(lead_invitation.wave, opens_on=TODAY, status=WaveStatus.DRAFT)
    assert "nog niet geopend" in selectors.link_problem(lead_invitation, today=TODAY)


def test_a_wave_past_its_closing_day_is_closed_for_answers(lead_invitation):
    moved(lead_invitation.wave, opens_on=datetime.date(2026, 1, 1), closes_on=TODAY)
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert selectors.link_problem(lead_invitation, today=tomorrow).startswith(
        "Deze vragenlijst is gesloten op 10 maart 2026"
    )


def test_a_closed_wave_is_closed_even_before_its_closing_day(lead_invitation):
    moved(
        lead_invitation.wave,
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 12, 31),
        status=WaveStatus.CLOSED,
    )
    assert "gesloten" in selectors.link_problem(lead_invitation, today=TODAY)


# --- the researcher's start page ------------------------------------------------------------


def researcher_items(world, today):
    return selectors.waves_to_close(viewer_for(world.users["researcher"]), today=today)


def test_a_wave_closing_within_a_week_reminds_the_researcher_with_the_response_so_far(
    world, wave, lead_invitation
):
    Response.objects.create(invitation=lead_invitation, submitted_at=wave.created_at)
    today = wave.closes_on - datetime.timedelta(days=7)
    (item,) = researcher_items(world, today)
    total = wave.invitations.count()
    assert item.title.startswith("Meetronde Monitor 2026 sluit op ")
    assert item.detail.startswith(f"1 van {total} ingevuld")
    assert item.urgency == Urgency.NORMAL


def test_a_wave_further_away_asks_nothing_yet(world, wave):
    assert researcher_items(world, wave.closes_on - datetime.timedelta(days=8)) == []


def test_a_wave_past_its_closing_day_asks_to_be_closed(world, wave):
    (item,) = researcher_items(world, wave.closes_on + datetime.timedelta(days=1))
    assert item.title == "Sluit de meetronde Monitor 2026"
    assert item.urgency == Urgency.SOON
    assert item.url.endswith(f"/{wave.pk}/")


def test_a_closed_wave_asks_nothing(world, wave):
    moved(wave, status=WaveStatus.CLOSED)
    assert researcher_items(world, wave.closes_on + datetime.timedelta(days=1)) == []


@pytest.mark.parametrize("persona", ["pos", "lead", "admin"])
def test_only_researchers_are_asked_to_close_waves(world, wave, persona):
    today = wave.closes_on + datetime.timedelta(days=1)
    assert selectors.waves_to_close(viewer_for(world.users[persona]), today=today) == []


# --- the snapshot figures -------------------------------------------------------------------


def test_a_provider_registered_under_an_existing_name_replaces_it(monkeypatch):
    monkeypatch.setattr(indicators, "_providers", {})
    indicators.register_indicators("leden", lambda ids, day: {i: {"members": 1} for i in ids})
    indicators.register_indicators("leden", lambda ids, day: {i: {"members": 2} for i in ids})
    (only,) = indicators.providers()
    assert only([7], TODAY) == {7: {"members": 2}}


def test_the_snapshot_joins_the_figures_of_every_provider_per_office(monkeypatch):
    monkeypatch.setattr(indicators, "_providers", {})
    indicators.register_indicators("a", lambda ids, day: {i: {"members": i} for i in ids})
    indicators.register_indicators("b", lambda ids, day: {i: {"year": day.year} for i in ids})
    figures = selectors.office_indicators([1, 2], today=TODAY)
    assert figures == {1: {"members": 1, "year": 2026}, 2: {"members": 2, "year": 2026}}


def test_the_platform_registers_the_figures_of_its_apps():
    figures = selectors.office_indicators([], today=TODAY)
    assert figures == {}
    assert len(indicators.providers()) >= 4


# --- answers ---------------------------------------------------------------------------


def test_a_single_choice_takes_one_of_its_choices_and_nothing_else():
    question = Question(kind="single", choices=["ja", "nee"])
    assert parse_answer(question, ["ja"]).choices == ["ja"]
    for wrong in (["misschien"], ["ja", "nee"]):
        with pytest.raises(ValidationError, match="Kies één van de genoemde antwoorden"):
            parse_answer(question, wrong)


def test_a_number_takes_at_most_two_decimals():
    with pytest.raises(ValidationError, match="hoogstens twee cijfers achter de komma"):
        parse_answer(Question(kind="number"), ["3,125"])


def test_an_open_answer_keeps_its_line_breaks_as_newlines():
    assert parse_answer(Question(kind="open"), ["een\r\ntwee"]).text == "een\ntwee"


def test_a_scale_names_its_range_when_the_value_is_outside_it():
    question = Question(kind="scale", scale_min=1, scale_max=5)
    with pytest.raises(ValidationError, match="Kies een waarde van 1 tot en met 5"):
        parse_answer(question, ["6"])
