"""Numbers and date ranges that make no sense are refused: in the form with the allowed range in
a Dutch message, and by the database (a CheckConstraint) for any path that skips the form."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kapstok.core.validators import InRange
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.models import Activity, Project, Strategy
from kapstok.monitor.models import Question, Questionnaire, Wave
from kapstok.municipality.models import Contribution
from kapstok.peers.models import WEIGHT_FIELDS, PeerWeights
from kapstok.strategy.factories import StrategySessionFactory
from kapstok.strategy.models import StrategySession
from kapstok.support.models import SupportRequest

KAPSTOK = "/netwerk/kantoren/kantoor-utrecht/kapstok/"


def refused_by_database(save) -> bool:
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        return True
    return False


# --- the validator ----------------------------------------------------------------------------


def test_the_message_gives_the_range_in_dutch_number_format():
    with pytest.raises(ValidationError) as refused:
        InRange(Decimal(0), Decimal(10_000_000))(Decimal(-1_000_000))
    assert refused.value.messages == ["Kies een waarde van 0 tot en met 10.000.000."]
    with pytest.raises(ValidationError) as refused:
        InRange(Decimal("0.5"), Decimal(10))(Decimal(0))
    assert refused.value.messages == ["Kies een waarde van 0,5 tot en met 10."]


# --- forms ------------------------------------------------------------------------------------


def test_a_negative_budget_is_refused_with_the_range(world, login):
    strategy = StrategyFactory(goal=GoalFactory(office=world.office))
    response = login(world.users["lead"]).post(
        f"{KAPSTOK}strategieen/{strategy.pk}/projecten/nieuw/",
        {"kind": "project", "title": "Wervingsavond", "status": "idea", "progress": 0,
         "budget_amount": "-1000000"},
    )  # fmt: skip
    assert response.status_code in (200, 400)
    assert "Kies een bedrag van € 0 tot en met € 10.000.000." in response.content.decode()
    assert not Project.objects.exists()


def test_an_end_before_the_start_is_refused(world, login):
    strategy = StrategyFactory(goal=GoalFactory(office=world.office))
    response = login(world.users["lead"]).post(
        f"{KAPSTOK}strategieen/{strategy.pk}/projecten/nieuw/",
        {"kind": "project", "title": "Wervingsavond", "status": "idea", "progress": 0,
         "start_on": "2026-05-01", "due_on": "2026-04-01"},
    )  # fmt: skip
    assert "De einddatum ligt vóór de startdatum." in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("value", ["-1", "10.5", "500"])
def test_a_peer_weight_out_of_range_is_refused_with_the_range(world, login, value):
    """0 switches a factor off (all at 0 is refused); below 0 or above 10 makes no sense."""
    weights = {field: "1" for field in WEIGHT_FIELDS} | {"population": value}
    response = login(world.users["pos"]).post("/netwerk/collega-kantoren/gewichten/", weights)
    assert response.status_code in (200, 400)
    assert "Kies een waarde van 0 tot en met 10." in response.content.decode()
    assert not PeerWeights.objects.exists()


def test_a_negative_contribution_is_refused_with_the_range(world, login):
    response = login(world.users["lead"]).post(
        "/netwerk/ondersteuning/kantoor/kantoor-utrecht/bijdragen/",
        {"municipality": world.utrecht.pk, "kind": "money", "given_on": "2026-01-05",
         "amount": "-500", "purpose": "Clinics"},
    )  # fmt: skip
    assert "Kies een bedrag van € 0 tot en met € 10.000.000." in response.content.decode()
    assert not Contribution.objects.exists()


# --- the database -----------------------------------------------------------------------------


def test_the_database_refuses_what_the_forms_refuse(world):
    goal = GoalFactory(office=world.office)
    strategy = StrategyFactory(goal=goal)
    project = ProjectFactory(strategy=strategy)
    session = StrategySessionFactory(office=world.office)
    questionnaire = Questionnaire.objects.create(title="Eigen", audience="lead")
    question = Question.objects.create(questionnaire=questionnaire, text="Hoe?")
    may_not = {
        "negative budget": lambda: Project.objects.filter(pk=project.pk).update(
            budget_amount=Decimal(-1_000_000)
        ),
        "end before start": lambda: Project.objects.filter(pk=project.pk).update(
            start_on=datetime.date(2026, 5, 1), due_on=datetime.date(2026, 4, 1)
        ),
        "activity end before start": lambda: Activity.objects.create(
            project=project,
            title="x",
            start_on=datetime.date(2026, 5, 1),
            due_on=datetime.date(2026, 4, 1),
        ),  # fmt: skip
        "weight over 100": lambda: Strategy.objects.filter(pk=strategy.pk).update(weight=101),
        "peer weight -1": lambda: PeerWeights.objects.create(population=-1),
        "peer weight 11": lambda: PeerWeights.objects.create(themes=11),
        "peer weights all 0": lambda: PeerWeights.objects.create(**dict.fromkeys(WEIGHT_FIELDS, 0)),
        "no dots": lambda: StrategySession.objects.filter(pk=session.pk).update(
            votes_per_participant=0
        ),
        "negative contribution": lambda: Contribution.objects.create(
            office=world.office,
            municipality=world.utrecht,
            kind="money",
            given_on=datetime.date(2026, 1, 5),
            amount=-1,
            purpose="x",
        ),  # fmt: skip
        "rating 9": lambda: _support_request_with_rating(world, 9),
        "scale upside down": lambda: Question.objects.filter(pk=question.pk).update(
            scale_min=5, scale_max=1
        ),
        "wave closes before it opens": lambda: Wave.objects.create(
            name="x",
            year=2026,
            opens_on=datetime.date(2026, 5, 1),
            closes_on=datetime.date(2026, 4, 1),
        ),  # fmt: skip
        "wave in the year 20": lambda: Wave.objects.create(
            name="x",
            year=20,
            opens_on=datetime.date(2026, 5, 1),
            closes_on=datetime.date(2026, 6, 1),
        ),  # fmt: skip
    }
    accepted = [name for name, save in may_not.items() if not refused_by_database(save)]
    assert not accepted, f"stored anyway: {accepted}"


def _support_request_with_rating(world, rating):
    from kapstok.support.models import Category

    SupportRequest.objects.create(
        office=world.office,
        category=Category.objects.get_or_create(name="rechtsvorm")[0],
        description="Vraag",
        rating=rating,
    )


def test_sensible_values_are_still_accepted(world):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    Project.objects.filter(pk=project.pk).update(
        budget_amount=Decimal("600.00"),
        start_on=datetime.date(2026, 4, 1),
        due_on=datetime.date(2026, 4, 1),
        weight=0,
    )
    PeerWeights.objects.create(population=0, themes=10)
    project.refresh_from_db()
    project.full_clean()
