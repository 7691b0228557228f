"""Test data for coding: a small study to code, built around the root conftest's `world`.

One questionnaire for leads, two closed waves, both offices answer.

Kantoor Utrecht's lead Kees Kartrekker and Kantoor Zwolle's lead Olga answered in 2025 and
in 2026. Every question kind is there; the last open question holds a name ("Kees Kartrekker
van Kantoor Utrecht"): left out of exports unless cleared, and masked even then. Researcher Rob
Onderzoeker and POS's Petra code.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from kapstok.coding import services
from kapstok.monitor.models import (
    Answer,
    Audience,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Snapshot,
    Wave,
    WaveQuestionnaire,
    WaveStatus,
)

GOALS = "Wij willen meer leden werven. De gemeente moet ons meer steunen."
REMARK = "Bel mij gerust, Kees Kartrekker van Kantoor Utrecht, 06-12345678."


def _questionnaire():
    questionnaire = Questionnaire.objects.create(title="Kartrekkers", audience=Audience.LEAD)
    specs = [
        (QuestionKind.OPEN, "Wat zijn de doelen van het kantoor?", []),
        (QuestionKind.SINGLE, "Welke rechtsvorm heeft het kantoor?", ["geen", "vereniging"]),
        (QuestionKind.MULTIPLE, "Wie ondersteunt het kantoor?", ["POS", "gemeente", "partner"]),
        (QuestionKind.SCALE, "Hoe tevreden bent u?", []),
        (QuestionKind.NUMBER, "Hoeveel uur per week besteedt u?", []),
        (QuestionKind.OPEN, "Nog opmerkingen?", []),
    ]
    questions = [
        Question.objects.create(
            questionnaire=questionnaire,
            order=order,
            kind=kind,
            text=text,
            choices=choices,
            scale_min_label="ontevreden" if kind == QuestionKind.SCALE else "",
            scale_max_label="tevreden" if kind == QuestionKind.SCALE else "",
        )
        for order, (kind, text, choices) in enumerate(specs, start=1)
    ]
    return questionnaire, questions


def _wave(year, offices, questionnaire):
    wave = Wave.objects.create(
        name=f"Monitor {year}",
        year=year,
        opens_on=datetime.date(year, 3, 1),
        closes_on=datetime.date(year, 4, 1),
        status=WaveStatus.CLOSED,
    )
    wave.offices.set(offices)
    WaveQuestionnaire.objects.create(wave=wave, questionnaire=questionnaire, audience=Audience.LEAD)
    return wave


def _respond(wave, office, user, questionnaire, questions, goals_text):
    invitation = Invitation.objects.create(
        wave=wave,
        office=office,
        audience=Audience.LEAD,
        questionnaire=questionnaire,
        respondent=user,
        email=user.email,
        name=user.full_name,
    )
    response = Response.objects.create(invitation=invitation, submitted_at=timezone.now())
    values = [
        {"text": goals_text},
        {"choices": ["vereniging"]},
        {"choices": ["POS", "partner"]},
        {"number": Decimal(4)},
        {"number": Decimal("7.5")},
        {"text": REMARK},
    ]
    answers = [
        Answer.objects.create(response=response, question=question, **value)
        for question, value in zip(questions, values, strict=True)
    ]
    return SimpleNamespace(invitation=invitation, response=response, answers=answers)


def build_study(world) -> SimpleNamespace:
    """The study of the module docstring, with a project over both waves and three codes."""
    questionnaire, questions = _questionnaire()
    offices = [world.office, world.other_office]
    waves = [_wave(year, offices, questionnaire) for year in (2025, 2026)]
    responses = {}
    for wave in waves:
        for office, lead in ((world.office, "lead"), (world.other_office, "other_lead")):
            text = GOALS if lead == "lead" else "Meer zichtbaarheid. Samen met verenigingen."
            responses[(wave.year, lead)] = _respond(
                wave, office, world.users[lead], questionnaire, questions, text
            )
            Snapshot.objects.create(
                wave=wave,
                office=office,
                indicators={"members": 20, "phase": "building", "phase_label": "netwerk bouwen"},
            )
    project = services.project_create(name="Monitor 2025–2026", waves=waves)
    parent = services.code_add(project=project, label="Samenstelling")
    codes = {
        "leden": services.code_add(project=project, label="Werving van leden", parent=parent),
        "gemeente": services.code_add(project=project, label="Rol van de gemeente"),
        "samenstelling": parent,
    }
    return SimpleNamespace(
        project=project,
        questionnaire=questionnaire,
        questions=questions,
        waves=waves,
        responses=responses,
        codes=codes,
        world=world,
    )
