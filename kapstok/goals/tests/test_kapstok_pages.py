"""The kapstok pages: a lead hangs goals, strategies and projects; others read."""

import pytest

from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.goals.models import Goal, Measurement, Project
from kapstok.network.models import OfficeEvent

pytestmark = pytest.mark.django_db

BASE = "/netwerk/kantoren/kantoor-utrecht/kapstok/"


def goal_form(world, **overrides):
    data = {
        "title": "Meer leden uit de racketsport",
        "description": "Tien padel- en tennisaanbieders aangesloten voor de zomer",
        "indicator": "aangesloten racketsportaanbieders",
        "baseline_value": "0",
        "target_value": "10",
        "unit": "ondernemers",
        "deadline": "2027-06-30",
        "owner": world.users["lead"].pk,
        "status": "open",
    }
    data.update(overrides)
    return data


def test_lead_adds_a_smart_goal_and_it_lands_on_the_timeline(world, client):
    client.force_login(world.users["lead"])
    response = client.post(f"{BASE}doelen/nieuw/", goal_form(world))
    goal = Goal.objects.get()
    assert response["Location"] == goal.get_absolute_url()
    assert goal.is_smart
    event = OfficeEvent.objects.get(office=world.office, kind="goal_created")
    assert event.actor == world.users["lead"]


def test_a_vague_goal_is_saved_and_the_smart_check_says_what_is_missing(world, client):
    client.force_login(world.users["lead"])
    form = goal_form(world, indicator="", target_value="", unit="", owner="", deadline="")
    client.post(f"{BASE}doelen/nieuw/", form)
    goal = Goal.objects.get()
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Nog geen meetbare indicator" in html
    assert "Nog geen eigenaar" in html


def test_a_target_without_a_unit_is_refused(world, client):
    client.force_login(world.users["lead"])
    response = client.post(f"{BASE}doelen/nieuw/", goal_form(world, unit=""))
    assert response.context["form"].errors["unit"] == [
        "Geef bij de streefwaarde ook een eenheid op."
    ]
    assert not Goal.objects.exists()


def test_a_deadline_in_the_past_is_allowed_with_a_warning(world, client):
    client.force_login(world.users["lead"])
    response = client.post(
        f"{BASE}doelen/nieuw/", goal_form(world, deadline="2020-01-01"), follow=True
    )
    assert Goal.objects.exists()
    assert "de deadline ligt in het verleden" in response.content.decode()


def test_the_owner_must_be_someone_of_the_office(world, client):
    client.force_login(world.users["lead"])
    response = client.post(
        f"{BASE}doelen/nieuw/", goal_form(world, owner=world.users["other_lead"].pk)
    )
    assert "owner" in response.context["form"].errors


def test_progress_outside_0_to_100_is_refused(world, client):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    client.force_login(world.users["lead"])
    url = f"{BASE}projecten/{project.pk}/voortgang/"
    response = client.post(url, {"status": "running", "progress": "140"}, HTTP_HX_REQUEST="true")
    assert "Voortgang is een percentage van 0 tot en met 100." in response.content.decode()
    project.refresh_from_db()
    assert project.progress == 40


def test_quick_progress_update_with_htmx_returns_the_row(world, client):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    client.force_login(world.users["lead"])
    url = f"{BASE}projecten/{project.pk}/voortgang/"
    response = client.post(url, {"status": "running", "progress": "70"}, HTTP_HX_REQUEST="true")
    assert f'id="project-{project.pk}-progress"' in response.content.decode()
    project.refresh_from_db()
    assert project.progress == 70


def test_finishing_a_project_sets_it_to_100_percent(world, client):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    client.force_login(world.users["lead"])
    client.post(f"{BASE}projecten/{project.pk}/voortgang/", {"status": "done", "progress": "60"})
    project.refresh_from_db()
    assert project.progress == 100


def test_goal_progress_rolls_up_from_activities(world, client):
    goal = GoalFactory(office=world.office)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), progress=0)
    ActivityFactory(project=project, progress=100)
    ActivityFactory(project=project, progress=50)
    client.force_login(world.users["member"])
    response = client.get(goal.get_absolute_url())
    assert response.context["view"].progress == 75


def test_end_before_start_is_refused(world, client):
    strategy = StrategyFactory(goal=GoalFactory(office=world.office))
    client.force_login(world.users["lead"])
    data = {
        "kind": "project",
        "title": "Sportdag",
        "status": "planned",
        "progress": "0",
        "start_on": "2026-05-01",
        "due_on": "2026-04-01",
    }
    response = client.post(f"{BASE}strategieen/{strategy.pk}/projecten/nieuw/", data)
    assert response.context["form"].errors["due_on"] == ["De einddatum ligt vóór de startdatum."]
    assert not Project.objects.exists()


def test_a_project_under_another_offices_strategy_is_not_found(world, client):
    other_strategy = StrategyFactory(goal=GoalFactory(office=world.other_office))
    client.force_login(world.users["lead"])
    url = f"{BASE}strategieen/{other_strategy.pk}/projecten/nieuw/"
    assert client.post(url, {"title": "x"}).status_code == 404


def test_measurements_are_refused_for_a_closed_goal(world, client):
    goal = GoalFactory(office=world.office, status="achieved")
    client.force_login(world.users["lead"])
    url = f"{BASE}doelen/{goal.pk}/metingen/nieuw/"
    response = client.post(url, {"measured_on": "2025-01-01", "value": "4"})
    assert "Dit doel is afgesloten" in response.content.decode()
    assert not Measurement.objects.exists()


def test_measurement_appears_in_the_chart(world, client):
    goal = GoalFactory(office=world.office)
    client.force_login(world.users["lead"])
    url = f"{BASE}doelen/{goal.pk}/metingen/nieuw/"
    client.post(url, {"measured_on": "2025-01-01", "value": "4"})
    client.post(url, {"measured_on": "2025-04-01", "value": "7"})
    response = client.get(goal.get_absolute_url())
    assert len(response.context["chart"]["points"]) == 2
    assert "<polyline" in response.content.decode()


def test_chart_coordinates_use_a_decimal_point_on_the_dutch_page(world, client):
    """SVG needs "12.5"; the Dutch locale would write "12,5" and break the line."""
    import re

    goal = GoalFactory(office=world.office)
    client.force_login(world.users["lead"])
    url = f"{BASE}doelen/{goal.pk}/metingen/nieuw/"
    for day, value in [("2025-01-01", "3"), ("2025-02-13", "7"), ("2025-05-29", "4")]:
        client.post(url, {"measured_on": day, "value": value})
    html = client.get(goal.get_absolute_url()).content.decode()
    points = re.search(r'<polyline points="([^"]+)"', html).group(1)
    coordinates = [float(n) for pair in points.split() for n in pair.split(",")]
    assert len(coordinates) == 6
    assert any(not c.is_integer() for c in coordinates)
    circles = re.findall(r'<circle cx="([^"]+)" cy="([^"]+)"', html)
    assert circles and all("," not in cx + cy for cx, cy in circles)


def test_municipality_reads_goals_without_outcome_notes(world, client):
    goal = GoalFactory(office=world.office)
    ProjectFactory(strategy=StrategyFactory(goal=goal), outcome_notes="Intern: budget op")
    client.force_login(world.users["civil_servant"])
    html = client.get(goal.get_absolute_url()).content.decode()
    assert goal.title in html
    assert "Intern: budget op" not in html
    assert "Doel bewerken" not in html


def test_the_goal_page_uses_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    goal = GoalFactory(office=world.office)
    ActivityFactory(project=ProjectFactory(strategy=StrategyFactory(goal=goal)))
    client.force_login(world.users["lead"])
    with django_assert_max_num_queries(40) as small:
        client.get(goal.get_absolute_url())
    for _ in range(4):
        project = ProjectFactory(strategy=StrategyFactory(goal=goal))
        ActivityFactory(project=project)
    with django_assert_max_num_queries(40) as large:
        client.get(goal.get_absolute_url())
    assert len(large.captured_queries) == len(small.captured_queries)


def test_timeline_lists_what_happened(world, client):
    client.force_login(world.users["lead"])
    client.post(f"{BASE}doelen/nieuw/", goal_form(world))
    html = client.get(f"{BASE}tijdlijn/").content.decode()
    assert "Doel toegevoegd: Meer leden uit de racketsport" in html
