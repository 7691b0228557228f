import datetime

import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import OfficeFactory

from .models import Activity, Goal, Measurement, Project, Strategy


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Doel {n}: meer ondernemers uit ontbrekende takken")
    description = "Tien nieuwe leden uit racketsport en paardensport binnen een jaar"
    indicator = "aantal leden uit ontbrekende takken"
    target_value = 10
    unit = "ondernemers"
    deadline = datetime.date(2026, 12, 31)


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = Strategy

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Strategie {n}")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    status = "running"
    progress = 40


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Activiteit {n}")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    goal = factory.SubFactory(GoalFactory)
    measured_on = datetime.date(2025, 1, 1)
    value = 3
