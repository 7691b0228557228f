"""The kapstok's services: what they save, what they refuse in Dutch, and the timeline lines."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from django.core.exceptions import ValidationError

from kapstok.accounts.factories import UserFactory
from kapstok.goals import services
from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    MeasurementFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.goals.models import Activity, Goal, Measurement, Project, Strategy
from kapstok.network.factories import OfficeFactory
from kapstok.network.models import OfficeEvent

pytestmark = pytest.mark.django_db

AMS = datetime.timezone(datetime.timedelta(hours=1))
TODAY = datetime.date(2026, 3, 16)


@pytest.fixture
def frozen_today():
    """A fixed 'today' (a Monday in March 2026, noon in Amsterdam) for the date rules."""
    with time_machine.travel(datetime.datetime(2026, 3, 16, 12, tzinfo=AMS), tick=False):
        yield TODAY


def events(office, kind=None):
    queryset = OfficeEvent.objects.filter(office=office)
    if kind:
        queryset = queryset.filter(kind=kind)
    return list(queryset.values_list("summary", flat=True))


def vague_goal(office, **fields):
    """A goal that is not SMART yet: no indicator, target, owner or deadline."""
    values = {
        "office": office,
        "title": "Meer leden",
        "description": "",
        "indicator": "",
        "target_value": None,
        "unit": "",
        "deadline": None,
    }
    values.update(fields)
    return Goal(**values)


# --- goals ---------------------------------------------------------------------------------


def test_a_new_goal_records_who_created_it_and_a_timeline_line():
    office = OfficeFactory()
    lead = UserFactory(full_name="Kees Kartrekker")
    goal = services.goal_save(goal=vague_goal(office), actor=lead)
    goal.refresh_from_db()
    assert goal.created_by == lead
    event = OfficeEvent.objects.get(office=office)
    assert event.kind == "goal_created"
    assert event.summary == "Doel toegevoegd: Meer leden"
    assert event.actor == lead
    assert event.url == goal.get_absolute_url()


def test_editing_a_goal_keeps_its_original_creator():
    office = OfficeFactory()
    creator, editor = UserFactory(), UserFactory()
    goal = services.goal_save(goal=vague_goal(office), actor=creator)
    goal.title = "Meer leden uit de racketsport"
    services.goal_save(goal=goal, actor=editor)
    goal.refresh_from_db()
    assert goal.created_by == creator
    assert events(office, "goal_updated") == ["Doel bijgewerkt: Meer leden uit de racketsport"]


def test_a_goal_that_becomes_smart_says_so_on_the_timeline():
    office = OfficeFactory()
    lead = UserFactory()
    goal = services.goal_save(goal=vague_goal(office), actor=lead)
    assert not goal.is_smart
    goal.description = "Tien padel- en tennisaanbieders aangesloten voor de zomer"
    goal.indicator = "aangesloten racketsportaanbieders"
    goal.target_value = Decimal("10")
    goal.unit = "ondernemers"
    goal.owner = lead
    goal.deadline = datetime.date(2027, 6, 30)
    services.goal_save(goal=goal, actor=lead)
    assert events(office, "goal_updated") == ["Doel is nu SMART: Meer leden"]


def test_editing_a_goal_that_was_already_smart_is_an_ordinary_update():
    goal = GoalFactory(owner=UserFactory())
    assert goal.is_smart
    goal.title = "Twaalf nieuwe leden"
    services.goal_save(goal=goal)
    assert events(goal.office, "goal_updated") == ["Doel bijgewerkt: Twaalf nieuwe leden"]


@pytest.mark.parametrize("unit", ["", "   "])
def test_a_target_value_without_a_unit_is_refused_and_nothing_is_saved(unit):
    office = OfficeFactory()
    goal = vague_goal(office, target_value=Decimal("10"), unit=unit)
    with pytest.raises(ValidationError) as refused:
        services.goal_save(goal=goal)
    assert refused.value.message_dict == {"unit": ["Geef bij de streefwaarde ook een eenheid op."]}
    assert not Goal.objects.exists()
    assert not OfficeEvent.objects.exists()


def test_a_goal_without_a_title_is_refused_in_dutch():
    office = OfficeFactory()
    with pytest.raises(ValidationError) as refused:
        services.goal_save(goal=vague_goal(office, title=""))
    assert refused.value.message_dict["title"] == ["Dit veld kan niet leeg zijn"]
    assert not Goal.objects.exists()
    assert not OfficeEvent.objects.exists()


def test_an_edit_that_breaks_the_unit_rule_leaves_the_stored_goal_as_it_was():
    goal = GoalFactory(unit="ondernemers")
    goal.unit = ""
    goal.title = "Nieuwe titel"
    with pytest.raises(ValidationError):
        services.goal_save(goal=goal)
    goal.refresh_from_db()
    assert goal.unit == "ondernemers"
    assert goal.title != "Nieuwe titel"
    assert not OfficeEvent.objects.filter(kind="goal_updated").exists()


def test_a_past_deadline_gets_a_dutch_warning(frozen_today):
    goal = vague_goal(OfficeFactory(), deadline=frozen_today - datetime.timedelta(days=1))
    assert services.goal_deadline_warning(goal) == "Let op: de deadline ligt in het verleden."


@pytest.mark.parametrize("days_ahead", [0, 1, 365])
def test_a_deadline_today_or_later_gets_no_warning(frozen_today, days_ahead):
    goal = vague_goal(OfficeFactory(), deadline=frozen_today + datetime.timedelta(days=days_ahead))
    assert services.goal_deadline_warning(goal) == ""


def test_a_goal_without_a_deadline_gets_no_warning(frozen_today):
    assert services.goal_deadline_warning(vague_goal(OfficeFactory())) == ""


# --- strategies ----------------------------------------------------------------------------


def test_a_new_strategy_lands_on_the_timeline_of_its_goals_office():
    goal = GoalFactory()
    lead = UserFactory()
    services.strategy_save(strategy=Strategy(goal=goal, title="Persoonlijk benaderen"), actor=lead)
    event = OfficeEvent.objects.get(office=goal.office)
    assert event.kind == "strategy_created"
    assert event.summary == "Strategie toegevoegd: Persoonlijk benaderen"
    assert event.url == goal.get_absolute_url()
    assert event.actor == lead


def test_editing_a_strategy_adds_no_timeline_line():
    strategy = StrategyFactory()
    strategy.title = "Via de sportraad"
    services.strategy_save(strategy=strategy)
    assert Strategy.objects.get().title == "Via de sportraad"
    assert not OfficeEvent.objects.exists()


def test_a_strategy_with_a_negative_weight_is_refused():
    goal = GoalFactory()
    with pytest.raises(ValidationError) as refused:
        services.strategy_save(strategy=Strategy(goal=goal, title="Flyeren", weight=Decimal("-1")))
    assert refused.value.message_dict["weight"] == ["Kies een waarde van 0 tot en met 100."]
    assert not Strategy.objects.exists()
    assert not OfficeEvent.objects.exists()


# --- projects and activities ---------------------------------------------------------------


def test_a_new_project_shows_its_status_and_progress_on_the_timeline():
    strategy = StrategyFactory()
    project = Project(strategy=strategy, title="Padeldag", status="planned", progress=10)
    services.project_save(project=project)
    [event] = OfficeEvent.objects.filter(office=strategy.goal.office)
    assert event.kind == "project_created"
    assert event.summary == "Project toegevoegd: Padeldag (gepland, 10%)"
    assert event.url == strategy.goal.get_absolute_url()


def test_updating_a_project_is_recorded_as_an_update():
    project = ProjectFactory(title="Padeldag", status="running", progress=40)
    project.progress = 60
    services.project_save(project=project)
    assert events(project.strategy.goal.office, "project_updated") == [
        "Project bijgewerkt: Padeldag (loopt, 60%)"
    ]


def test_a_finished_project_is_at_100_percent_whatever_was_typed():
    project = Project(strategy=StrategyFactory(), title="Sportdag", status="done", progress=30)
    services.project_save(project=project)
    assert Project.objects.get().progress == 100


@pytest.mark.parametrize("status", ["idea", "planned", "running", "stopped"])
def test_an_unfinished_project_keeps_the_progress_it_was_given(status):
    project = Project(strategy=StrategyFactory(), title="Sportdag", status=status, progress=30)
    services.project_save(project=project)
    assert Project.objects.get().progress == 30


def test_a_project_that_ends_before_it_starts_is_refused_and_not_saved():
    project = Project(
        strategy=StrategyFactory(),
        title="Sportdag",
        start_on=datetime.date(2026, 5, 1),
        due_on=datetime.date(2026, 4, 30),
    )
    with pytest.raises(ValidationError) as refused:
        services.project_save(project=project)
    assert refused.value.message_dict == {"due_on": ["De einddatum ligt vóór de startdatum."]}
    assert not Project.objects.exists()
    assert not OfficeEvent.objects.exists()


def test_a_project_may_start_and_end_on_the_same_day():
    day = datetime.date(2026, 5, 1)
    project = Project(strategy=StrategyFactory(), title="Sportdag", start_on=day, due_on=day)
    services.project_save(project=project)
    assert Project.objects.get().due_on == day


def test_a_project_over_100_percent_is_refused_with_the_dutch_message():
    project = Project(strategy=StrategyFactory(), title="Sportdag", progress=140)
    with pytest.raises(ValidationError) as refused:
        services.project_save(project=project)
    assert refused.value.message_dict["progress"] == [
        "Voortgang is een percentage van 0 tot en met 100."
    ]
    assert not Project.objects.exists()


def test_a_new_activity_is_on_the_timeline_of_the_office_it_hangs_under():
    project = ProjectFactory()
    activity = Activity(project=project, title="Flyers drukken", status="running", progress=50)
    services.activity_save(activity=activity)
    office = project.strategy.goal.office
    assert events(office) == ["Activiteit toegevoegd: Flyers drukken (loopt, 50%)"]


def test_updating_an_activity_is_recorded_as_an_update():
    activity = ActivityFactory(title="Flyers drukken")
    activity.status = "done"
    services.activity_save(activity=activity)
    activity.refresh_from_db()
    assert activity.progress == 100
    office = activity.project.strategy.goal.office
    assert events(office, "project_updated") == [
        "Activiteit bijgewerkt: Flyers drukken (afgerond, 100%)"
    ]


def test_an_activity_that_ends_before_it_starts_is_refused():
    activity = Activity(
        project=ProjectFactory(),
        title="Flyers drukken",
        start_on=datetime.date(2026, 5, 1),
        due_on=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as refused:
        services.activity_save(activity=activity)
    assert refused.value.message_dict == {"due_on": ["De einddatum ligt vóór de startdatum."]}
    assert not Activity.objects.exists()


# --- measurements --------------------------------------------------------------------------


def test_a_measurement_is_saved_with_its_author_and_on_the_timeline(frozen_today):
    goal = GoalFactory(title="Meer racketsport", unit="ondernemers")
    lead = UserFactory()
    measurement = services.measurement_add(
        goal=goal, measured_on=frozen_today, value=Decimal("4"), note="na de padeldag", actor=lead
    )
    measurement.refresh_from_db()
    assert (measurement.value, measurement.note, measurement.created_by) == (
        Decimal("4"),
        "na de padeldag",
        lead,
    )
    [event] = OfficeEvent.objects.filter(office=goal.office)
    assert event.kind == "measurement_added"
    assert event.summary == "Meting bij Meer racketsport: 4 ondernemers"


def test_a_measurement_may_be_dated_today_but_not_tomorrow(frozen_today):
    goal = GoalFactory()
    services.measurement_add(goal=goal, measured_on=frozen_today, value=1)
    with pytest.raises(ValidationError) as refused:
        services.measurement_add(
            goal=goal, measured_on=frozen_today + datetime.timedelta(days=1), value=2
        )
    assert refused.value.message_dict == {
        "measured_on": ["Een meting kan niet in de toekomst liggen."]
    }
    assert Measurement.objects.count() == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_a_closed_goal_takes_no_more_measurements(frozen_today, status):
    goal = GoalFactory(status=status)
    with pytest.raises(ValidationError) as refused:
        services.measurement_add(goal=goal, measured_on=frozen_today, value=3)
    assert refused.value.messages == ["Dit doel is afgesloten; er kunnen geen metingen meer bij."]
    assert not Measurement.objects.exists()
    assert not OfficeEvent.objects.exists()


@pytest.mark.parametrize("indicator", ["", "  "])
def test_a_goal_without_an_indicator_takes_no_measurements(frozen_today, indicator):
    goal = GoalFactory(indicator=indicator)
    with pytest.raises(ValidationError) as refused:
        services.measurement_add(goal=goal, measured_on=frozen_today, value=3)
    assert refused.value.messages == ["Geef het doel eerst een indicator om te meten."]
    assert not Measurement.objects.exists()


def test_a_measurement_that_is_not_a_number_is_refused_and_nothing_is_recorded(frozen_today):
    goal = GoalFactory()
    with pytest.raises(ValidationError) as refused:
        services.measurement_add(goal=goal, measured_on=frozen_today, value="veel")
    assert "value" in refused.value.message_dict
    assert not Measurement.objects.exists()
    assert not OfficeEvent.objects.exists()


def test_earlier_measurements_stay_when_a_later_one_is_refused(frozen_today):
    goal = GoalFactory()
    MeasurementFactory(goal=goal, measured_on=datetime.date(2026, 1, 1), value=2)
    with pytest.raises(ValidationError):
        services.measurement_add(goal=goal, measured_on=datetime.date(2027, 1, 1), value=5)
    assert list(goal.measurements.values_list("value", flat=True)) == [Decimal("2")]
