"""The kapstok pages as the office's people use them: what they show and what they save."""

import datetime

import pytest
import time_machine

from kapstok.core.generation import generation_bump
from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    MeasurementFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.goals.models import Activity, Goal, Measurement, Project, Strategy
from kapstok.network.models import OfficeEvent

pytestmark = pytest.mark.django_db

BASE = "/netwerk/kantoren/kantoor-utrecht/kapstok/"
AMS = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 16, 12, tzinfo=AMS), tick=False):
        yield datetime.date(2026, 3, 16)


def html(response):
    return response.content.decode()


def work(**overrides):
    data = {"kind": "project", "title": "Padeldag", "status": "planned", "progress": "0"}
    data.update(overrides)
    return data


# --- the overview --------------------------------------------------------------------------


def test_an_office_without_goals_is_pointed_to_a_strategy_session(world, login):
    page = html(login(world.users["member"]).get(BASE))
    assert "Dit kantoor heeft nog geen doelen." in page


def test_the_overview_shows_each_goal_with_its_smart_state(world, login):
    GoalFactory(office=world.office, title="Tien padelaanbieders", owner=world.users["lead"])
    GoalFactory(office=world.office, title="Vaag doel", indicator="", owner=None)
    page = html(login(world.users["member"]).get(BASE))
    assert "Tien padelaanbieders" in page
    assert "Vaag doel" in page
    assert "Nog nodig: nog geen meetbare indicator, nog geen eigenaar." in page
    assert "Eigenaar: Kees Kartrekker" in page


def test_the_overview_does_not_show_other_offices_goals(world, login):
    GoalFactory(office=world.other_office, title="Zwolse ambitie")
    assert "Zwolse ambitie" not in html(login(world.users["pos"]).get(BASE))


def test_only_editors_see_the_new_goal_button(world, login):
    assert "Nieuw doel" in html(login(world.users["lead"]).get(BASE))
    assert "Nieuw doel" not in html(login(world.users["member"]).get(BASE))
    assert "Nieuw doel" not in html(login(world.users["civil_servant"]).get(BASE))


def test_the_overview_reads_a_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    client = login(world.users["lead"])

    def grow():
        goal = GoalFactory(office=world.office, owner=world.users["lead"])
        MeasurementFactory(goal=goal)
        project = ProjectFactory(strategy=StrategyFactory(goal=goal))
        ActivityFactory(project=project)

    grow()
    with django_assert_max_num_queries(40) as small:
        assert client.get(BASE).status_code == 200
    for _ in range(4):
        grow()
    generation_bump()  # as making them on the site would: the page is computed afresh
    with django_assert_max_num_queries(40) as large:
        assert client.get(BASE).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# --- the goal page -------------------------------------------------------------------------


def test_a_smart_goal_says_so_on_its_page(world, login):
    goal = GoalFactory(office=world.office, owner=world.users["lead"])
    page = html(login(world.users["member"]).get(goal.get_absolute_url()))
    assert "Dit doel is SMART" in page
    assert "Kees Kartrekker" in page


def test_members_read_outcome_notes_but_cannot_edit(world, login):
    goal = GoalFactory(office=world.office)
    ProjectFactory(strategy=StrategyFactory(goal=goal), outcome_notes="Veertig deelnemers")
    page = html(login(world.users["member"]).get(goal.get_absolute_url()))
    assert "Veertig deelnemers" in page
    assert "Doel bewerken" not in page
    assert "Project toevoegen" not in page
    assert "Meting toevoegen" not in page


def test_a_lead_sees_the_edit_links_of_the_whole_tree(world, login):
    goal = GoalFactory(office=world.office)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal))
    activity = ActivityFactory(project=project)
    page = html(login(world.users["lead"]).get(goal.get_absolute_url()))
    for url in [
        f"{BASE}doelen/{goal.pk}/bewerken/",
        f"{BASE}doelen/{goal.pk}/metingen/nieuw/",
        f"{BASE}projecten/{project.pk}/activiteiten/nieuw/",
        f"{BASE}activiteiten/{activity.pk}/bewerken/",
    ]:
        assert url in page


@pytest.mark.parametrize(
    ("fields", "offered"),
    [({}, True), ({"status": "achieved"}, False), ({"indicator": ""}, False)],
)
def test_measuring_is_offered_only_for_an_open_goal_with_an_indicator(
    world, login, fields, offered
):
    goal = GoalFactory(office=world.office, **fields)
    page = html(login(world.users["lead"]).get(goal.get_absolute_url()))
    assert ("Meting toevoegen" in page) is offered


def test_a_goal_without_measurements_says_so(world, login):
    goal = GoalFactory(office=world.office)
    page = html(login(world.users["member"]).get(goal.get_absolute_url()))
    assert "Nog geen metingen." in page
    assert "<polyline" not in page


def test_the_measurement_table_lists_values_with_their_unit(world, login):
    goal = GoalFactory(office=world.office, unit="ondernemers")
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 3, 1), value=7, note="na actie")
    page = html(login(world.users["member"]).get(goal.get_absolute_url()))
    assert "7 ondernemers" in page
    assert "na actie" in page


# --- editing a goal ------------------------------------------------------------------------


def test_a_lead_edits_a_goal_and_it_becomes_smart(world, login):
    goal = GoalFactory(office=world.office, owner=None, title="Meer racketsport")
    client = login(world.users["lead"])
    data = {
        "title": "Meer racketsport",
        "description": goal.description,
        "indicator": goal.indicator,
        "target_value": "10",
        "unit": "ondernemers",
        "deadline": "2027-12-31",
        "owner": world.users["member"].pk,
        "status": "open",
    }
    response = client.post(f"{BASE}doelen/{goal.pk}/bewerken/", data, follow=True)
    assert "Het doel is opgeslagen." in html(response)
    goal.refresh_from_db()
    assert goal.owner == world.users["member"]
    assert goal.is_smart
    event = OfficeEvent.objects.get(kind="goal_updated")
    assert event.summary == "Doel is nu SMART: Meer racketsport"


def test_the_edit_form_starts_from_the_stored_goal(world, login):
    goal = GoalFactory(office=world.office, title="Tien padelaanbieders")
    response = login(world.users["lead"]).get(f"{BASE}doelen/{goal.pk}/bewerken/")
    assert response.context["form"].initial["title"] == "Tien padelaanbieders"
    assert "Doel bewerken" in html(response)


def test_a_goal_without_a_title_is_refused_at_the_field(world, login):
    goal = GoalFactory(office=world.office, title="Tien padelaanbieders")
    client = login(world.users["lead"])
    response = client.post(f"{BASE}doelen/{goal.pk}/bewerken/", {"title": "", "status": "open"})
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Dit veld is verplicht."]
    goal.refresh_from_db()
    assert goal.title == "Tien padelaanbieders"
    assert not OfficeEvent.objects.exists()


def test_a_goal_with_an_unknown_status_is_refused(world, login):
    client = login(world.users["lead"])
    response = client.post(f"{BASE}doelen/nieuw/", {"title": "Meer leden", "status": "bijna"})
    assert "status" in response.context["form"].errors
    assert not Goal.objects.exists()


# --- strategies, projects, activities ------------------------------------------------------


def test_a_lead_adds_a_strategy_and_returns_to_the_goal(world, login):
    goal = GoalFactory(office=world.office)
    client = login(world.users["lead"])
    response = client.post(
        f"{BASE}doelen/{goal.pk}/strategieen/nieuw/", {"title": "Persoonlijk bellen"}
    )
    assert response["Location"] == goal.get_absolute_url()
    assert Strategy.objects.get().goal == goal
    page = html(client.get(goal.get_absolute_url()))
    assert "Persoonlijk bellen" in page
    assert "Nog geen projecten bij deze strategie." in page


def test_a_strategy_without_a_title_is_refused(world, login):
    goal = GoalFactory(office=world.office)
    client = login(world.users["lead"])
    response = client.post(f"{BASE}doelen/{goal.pk}/strategieen/nieuw/", {"title": ""})
    assert response.context["form"].errors["title"] == ["Dit veld is verplicht."]
    assert not Strategy.objects.exists()


def test_a_new_project_starts_today_unless_told_otherwise(world, login, frozen_today):
    strategy = StrategyFactory(goal=GoalFactory(office=world.office))
    response = login(world.users["lead"]).get(f"{BASE}strategieen/{strategy.pk}/projecten/nieuw/")
    assert response.context["form"]["start_on"].value() == frozen_today


def test_a_lead_adds_a_project_with_an_owner_and_a_budget(world, login):
    goal = GoalFactory(office=world.office)
    strategy = StrategyFactory(goal=goal)
    client = login(world.users["lead"])
    data = work(
        owner=world.users["member"].pk,
        budget_amount="600",
        budget_source="sportakkoord",
        start_on="2026-04-01",
        due_on="2026-06-01",
    )
    response = client.post(f"{BASE}strategieen/{strategy.pk}/projecten/nieuw/", data)
    assert response["Location"] == goal.get_absolute_url()
    project = Project.objects.get()
    assert (project.strategy, project.owner, project.budget_source) == (
        strategy,
        world.users["member"],
        "sportakkoord",
    )
    page = html(client.get(goal.get_absolute_url()))
    assert "€600 (sportakkoord)" in page


def test_a_project_cannot_be_owned_by_someone_outside_the_office(world, login):
    strategy = StrategyFactory(goal=GoalFactory(office=world.office))
    client = login(world.users["lead"])
    data = work(owner=world.users["civil_servant"].pk)
    response = client.post(f"{BASE}strategieen/{strategy.pk}/projecten/nieuw/", data)
    assert response.context["form"].errors["owner"] == [
        "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
    ]
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("progress", "message"),
    [
        ("-5", "Zorg ervoor dat deze waarde minstens 0 is."),
        ("101", "Voortgang is een percentage van 0 tot en met 100."),
    ],
)
def test_a_project_form_refuses_progress_outside_0_to_100(world, login, progress, message):
    strategy = StrategyFactory(goal=GoalFactory(office=world.office))
    client = login(world.users["lead"])
    url = f"{BASE}strategieen/{strategy.pk}/projecten/nieuw/"
    response = client.post(url, work(progress=progress))
    assert response.context["form"].errors["progress"] == [message]
    assert message in html(response)
    assert not Project.objects.exists()


def test_marking_a_project_done_on_its_edit_page_sets_it_to_100_percent(world, login):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    client = login(world.users["lead"])
    data = work(title=project.title, status="done", progress="20")
    response = client.post(f"{BASE}projecten/{project.pk}/bewerken/", data)
    assert response["Location"] == project.strategy.goal.get_absolute_url()
    project.refresh_from_db()
    assert (project.status, project.progress) == ("done", 100)


def test_the_quick_update_without_htmx_goes_back_to_the_goal_with_a_message(world, login):
    goal = GoalFactory(office=world.office)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), progress=40)
    client = login(world.users["lead"])
    response = client.post(
        f"{BASE}projecten/{project.pk}/voortgang/",
        {"status": "running", "progress": "55"},
        follow=True,
    )
    assert response.redirect_chain == [(goal.get_absolute_url(), 302)]
    assert "De voortgang is bijgewerkt." in html(response)
    project.refresh_from_db()
    assert project.progress == 55


def test_a_refused_quick_update_shows_the_stored_progress_again(world, login):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    client = login(world.users["lead"])
    url = f"{BASE}projecten/{project.pk}/voortgang/"
    response = client.post(url, {"status": "running", "progress": "-1"}, HTTP_HX_REQUEST="true")
    assert 'value="40"' in html(response)
    assert not OfficeEvent.objects.exists()


def test_a_lead_adds_and_finishes_an_activity(world, login):
    goal = GoalFactory(office=world.office)
    project = ProjectFactory(strategy=StrategyFactory(goal=goal))
    client = login(world.users["lead"])
    data = {"title": "Flyers drukken", "status": "running", "progress": "30"}
    response = client.post(f"{BASE}projecten/{project.pk}/activiteiten/nieuw/", data)
    assert response["Location"] == goal.get_absolute_url()
    activity = Activity.objects.get()
    assert activity.project == project
    response = client.post(
        f"{BASE}activiteiten/{activity.pk}/bewerken/", {**data, "status": "done"}
    )
    assert response["Location"] == goal.get_absolute_url()
    activity.refresh_from_db()
    assert activity.progress == 100
    assert "Flyers drukken – afgerond, 100%" in html(client.get(goal.get_absolute_url()))


def test_an_activity_ending_before_it_starts_is_refused_at_the_field(world, login):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    client = login(world.users["lead"])
    data = {
        "title": "Flyers",
        "status": "planned",
        "progress": "0",
        "start_on": "2026-05-02",
        "due_on": "2026-05-01",
    }
    response = client.post(f"{BASE}projecten/{project.pk}/activiteiten/nieuw/", data)
    assert response.context["form"].errors["due_on"] == ["De einddatum ligt vóór de startdatum."]
    assert not Activity.objects.exists()


# --- measurements --------------------------------------------------------------------------


def test_a_measurement_in_the_future_is_refused_at_the_date(world, login, frozen_today):
    goal = GoalFactory(office=world.office)
    client = login(world.users["lead"])
    url = f"{BASE}doelen/{goal.pk}/metingen/nieuw/"
    response = client.post(url, {"measured_on": "2026-03-17", "value": "4"})
    assert response.context["form"].errors["measured_on"] == [
        "Een meting kan niet in de toekomst liggen."
    ]
    assert not Measurement.objects.exists()


def test_a_goal_without_indicator_explains_why_it_cannot_be_measured(world, login, frozen_today):
    goal = GoalFactory(office=world.office, indicator="")
    client = login(world.users["lead"])
    url = f"{BASE}doelen/{goal.pk}/metingen/nieuw/"
    response = client.post(url, {"measured_on": "2026-03-01", "value": "4"})
    assert response.context["form"].non_field_errors() == [
        "Geef het doel eerst een indicator om te meten."
    ]
    assert "Geef het doel eerst een indicator om te meten." in html(response)
    assert not Measurement.objects.exists()


def test_a_measurement_form_starts_at_today(world, login, frozen_today):
    goal = GoalFactory(office=world.office)
    response = login(world.users["lead"]).get(f"{BASE}doelen/{goal.pk}/metingen/nieuw/")
    assert response.context["form"]["measured_on"].value() == frozen_today


def test_a_saved_measurement_returns_to_the_goal_with_a_message(world, login, frozen_today):
    goal = GoalFactory(office=world.office)
    client = login(world.users["lead"])
    url = f"{BASE}doelen/{goal.pk}/metingen/nieuw/"
    response = client.post(url, {"measured_on": "2026-03-16", "value": "4.5"}, follow=True)
    assert response.redirect_chain == [(goal.get_absolute_url(), 302)]
    assert "De meting is opgeslagen." in html(response)
    assert Measurement.objects.get().created_by == world.users["lead"]


# --- timeline ------------------------------------------------------------------------------


def test_an_empty_timeline_says_nothing_happened_yet(world, login):
    page = html(login(world.users["member"]).get(f"{BASE}tijdlijn/"))
    assert "Er is nog niets gebeurd in dit kantoor." in page


def test_the_timeline_shows_this_offices_events_with_who_did_them(world, login):
    client = login(world.users["pos"])
    client.post(
        "/netwerk/kantoren/kantoor-zwolle/kapstok/doelen/nieuw/",
        {
            "title": "Zwolse ambitie",
            "status": "open",
        },
    )
    login(world.users["lead"]).post(
        f"{BASE}doelen/nieuw/", {"title": "Utrechts doel", "status": "open"}
    )
    page = html(login(world.users["member"]).get(f"{BASE}tijdlijn/"))
    assert "Doel toegevoegd: Utrechts doel" in page
    assert "Kees Kartrekker" in page
    assert "Zwolse ambitie" not in page
