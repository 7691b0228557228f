"""Who may change an office's kapstok: its leads and POS staff; the rest are refused, unsaved."""

import pytest

from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.goals.models import Activity, Goal, Measurement, Project, Strategy
from kapstok.network.models import OfficeEvent

pytestmark = pytest.mark.django_db

UTRECHT = "/netwerk/kantoren/kantoor-utrecht/kapstok/"
ZWOLLE = "/netwerk/kantoren/kantoor-zwolle/kapstok/"

NOT_EDITORS = ["member", "civil_servant", "partner", "researcher", "other_lead", "outsider"]

GOAL = {"title": "Meer leden", "status": "open"}
WORK = {"kind": "project", "title": "Padeldag", "status": "planned", "progress": "0"}


@pytest.fixture
def tree(world):
    goal = GoalFactory(office=world.office, title="Meer leden uit de racketsport")
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), title="Padeldag", progress=40)
    activity = ActivityFactory(project=project, title="Flyers")
    return goal, project, activity


def counts():
    return (
        Goal.objects.count(),
        Strategy.objects.count(),
        Project.objects.count(),
        Activity.objects.count(),
        Measurement.objects.count(),
        OfficeEvent.objects.count(),
    )


@pytest.mark.parametrize("persona", NOT_EDITORS)
def test_only_leads_and_pos_may_add_to_the_kapstok(world, tree, login, persona):
    goal, project, _activity = tree
    strategy = project.strategy
    client = login(world.users[persona])
    before = counts()
    posts = [
        (f"{UTRECHT}doelen/nieuw/", GOAL),
        (f"{UTRECHT}doelen/{goal.pk}/strategieen/nieuw/", {"title": "Bellen"}),
        (f"{UTRECHT}doelen/{goal.pk}/metingen/nieuw/", {"measured_on": "2025-01-01", "value": 1}),
        (f"{UTRECHT}strategieen/{strategy.pk}/projecten/nieuw/", WORK),
        (f"{UTRECHT}projecten/{project.pk}/activiteiten/nieuw/", {**WORK, "title": "Bellen"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert counts() == before


@pytest.mark.parametrize("persona", NOT_EDITORS)
def test_only_leads_and_pos_may_change_the_kapstok(world, tree, login, persona):
    goal, project, activity = tree
    client = login(world.users[persona])
    posts = [
        (f"{UTRECHT}doelen/{goal.pk}/bewerken/", {**GOAL, "title": "Gekaapt"}),
        (f"{UTRECHT}projecten/{project.pk}/bewerken/", {**WORK, "title": "Gekaapt"}),
        (f"{UTRECHT}projecten/{project.pk}/voortgang/", {"status": "done", "progress": "100"}),
        (f"{UTRECHT}activiteiten/{activity.pk}/bewerken/", {**WORK, "title": "Gekaapt"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    goal.refresh_from_db()
    project.refresh_from_db()
    activity.refresh_from_db()
    assert (goal.title, project.title, project.progress, activity.title) == (
        "Meer leden uit de racketsport",
        "Padeldag",
        40,
        "Flyers",
    )
    assert not OfficeEvent.objects.exists()


def test_pos_staff_may_add_a_goal_to_any_office(world, login):
    client = login(world.users["pos"])
    response = client.post(f"{ZWOLLE}doelen/nieuw/", GOAL)
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert goal.office == world.other_office
    assert goal.created_by == world.users["pos"]


def test_anonymous_visitors_are_sent_to_the_login_page(world, tree):
    from django.test import Client

    goal, _project, _activity = tree
    for url in [UTRECHT, f"{UTRECHT}doelen/{goal.pk}/", f"{UTRECHT}doelen/nieuw/"]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/?next=")


def test_an_unknown_office_is_not_found(world, login):
    client = login(world.users["pos"])
    assert client.get("/netwerk/kantoren/bestaat-niet/kapstok/").status_code == 404


def test_a_lead_cannot_reach_another_offices_goal_through_their_own_office(world, login):
    """Ids of the other office's tree under the lead's own office address are not found."""
    goal = GoalFactory(office=world.other_office, title="Zwols doel")
    project = ProjectFactory(strategy=StrategyFactory(goal=goal), progress=10)
    activity = ActivityFactory(project=project)
    client = login(world.users["lead"])
    gets = [
        f"{UTRECHT}doelen/{goal.pk}/",
        f"{UTRECHT}doelen/{goal.pk}/bewerken/",
        f"{UTRECHT}doelen/{goal.pk}/strategieen/nieuw/",
        f"{UTRECHT}doelen/{goal.pk}/metingen/nieuw/",
        f"{UTRECHT}projecten/{project.pk}/bewerken/",
        f"{UTRECHT}projecten/{project.pk}/activiteiten/nieuw/",
        f"{UTRECHT}activiteiten/{activity.pk}/bewerken/",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    url = f"{UTRECHT}projecten/{project.pk}/voortgang/"
    assert client.post(url, {"status": "done", "progress": "100"}).status_code == 404
    project.refresh_from_db()
    assert project.progress == 10
    assert not OfficeEvent.objects.exists()


def test_a_lead_cannot_edit_another_offices_goal_at_its_own_address(world, login):
    goal = GoalFactory(office=world.other_office, title="Zwols doel")
    client = login(world.users["lead"])
    response = client.post(f"{ZWOLLE}doelen/{goal.pk}/bewerken/", {**GOAL, "title": "Utrechts"})
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.title == "Zwols doel"


def test_the_other_offices_people_cannot_read_this_kapstok(world, tree, login):
    goal, _project, _activity = tree
    for persona in ["other_lead", "other_member"]:
        client = login(world.users[persona])
        assert client.get(UTRECHT).status_code == 403
        assert client.get(f"{UTRECHT}doelen/{goal.pk}/").status_code == 403
        assert client.get(f"{UTRECHT}tijdlijn/").status_code == 403


def test_the_quick_progress_update_only_accepts_post(world, tree, login):
    _goal, project, _activity = tree
    client = login(world.users["lead"])
    assert client.get(f"{UTRECHT}projecten/{project.pk}/voortgang/").status_code == 405
