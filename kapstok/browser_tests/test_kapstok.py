"""The kapstok in a real browser: a lead makes a goal concrete and sees the office move on."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from kapstok.goals.models import Goal, Project
from kapstok.strategy.models import StrategySession

pytestmark = pytest.mark.browser

DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"


@pytest.fixture
def after_a_session(live_world):
    """Kantoor Utrecht held its first strategy session last week."""
    StrategySession.objects.create(
        office=live_world.office,
        title="Het net ophalen",
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    return live_world


def test_lead_turns_a_goal_smart_adds_a_project_and_the_phase_moves(
    page, after_a_session, log_in, axe_violations
):
    world = after_a_session
    log_in(page, world.users["lead"])
    page.get_by_role("link", name="Dashboard Kantoor Utrecht").click()
    expect(page).to_have_url(f"{page.url.split('/netwerk')[0]}{DASHBOARD}")
    expect(page.get_by_role("heading", name="Fase: strategie bepalen")).to_be_visible()

    page.get_by_role("main").get_by_role("link", name="Kapstok", exact=True).click()
    page.get_by_role("link", name="Nieuw doel").click()
    page.get_by_label(re.compile("^Doel")).fill("Meer racketsport in het netwerk")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Nog geen meetbare indicator")).to_be_visible()

    page.get_by_role("link", name="Doel bewerken").click()
    page.get_by_label("Omschrijving").fill("Tien padel- en tennisaanbieders sluiten zich aan")
    page.get_by_label("Indicator").fill("aangesloten racketsportaanbieders")
    page.get_by_label("Streefwaarde").fill("10")
    page.get_by_label("Eenheid").fill("ondernemers")
    page.get_by_label("Deadline").fill("2027-06-30")
    page.get_by_label("Eigenaar").select_option(label="Kees Kartrekker")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit doel is SMART")).to_be_visible()
    assert not axe_violations(page)

    page.get_by_role("link", name="Strategie toevoegen").click()
    page.get_by_label(re.compile("^Strategie")).fill("Persoonlijk benaderen via de leden")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Project toevoegen").click()
    page.get_by_label(re.compile("^Titel")).fill("Wervingsavond bij de padelclub")
    page.get_by_label(re.compile("^Status")).select_option(label="gepland")
    page.get_by_role("button", name="Opslaan").click()

    project = Project.objects.get()
    row = page.locator(f"#project-{project.pk}-progress")
    row.get_by_label("Status").select_option(label="loopt")
    row.get_by_label("Voortgang (%)").fill("40")
    row.get_by_role("button", name="Bijwerken").click()
    expect(row.get_by_role("img", name="Voortgang 40 procent")).to_be_visible()

    page.goto(DASHBOARD)
    expect(page.get_by_role("heading", name="Fase: uitvoeren")).to_be_visible()
    assert Goal.objects.get().is_smart
    assert not axe_violations(page)


def test_national_dashboard_for_pos_and_forbidden_for_members(page, live_world, sign_in):
    sign_in(page, live_world.users["pos"])
    page.goto("/netwerk/dashboard/")
    expect(page.get_by_role("heading", name="Landelijk dashboard")).to_be_visible()
    expect(
        page.get_by_role("group", name="Kaart van Nederland met de POS-kantoren")
    ).to_be_visible()
    page.context.clear_cookies()
    sign_in(page, live_world.users["member"])
    response = page.goto("/netwerk/dashboard/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()


def test_more_goals_are_added_below_with_the_focus_on_the_first_new_one(
    page, live_world, log_in, axe_violations
):
    from kapstok.goals.factories import GoalFactory
    from kapstok.goals.selectors import GOALS_PER_PAGE

    total = GOALS_PER_PAGE + 3
    for n in range(1, total + 1):
        GoalFactory(office=live_world.office, title=f"Doel {n:02}", position=n)
    log_in(page, live_world.users["member"])
    page.goto("/netwerk/kantoren/kantoor-utrecht/kapstok/")
    goals = page.locator("#goal-list > li")
    expect(goals).to_have_count(GOALS_PER_PAGE)
    expect(page.get_by_role("status")).to_have_text(f"Doelen 1–{GOALS_PER_PAGE} van {total}.")

    page.get_by_role("link", name="Meer doelen tonen").click()
    expect(goals).to_have_count(total)
    expect(page.get_by_role("link", name=f"Doel {GOALS_PER_PAGE + 1:02}")).to_be_focused()
    expect(page.get_by_role("status")).to_have_text(f"Doelen 1–{total} van {total}.")
    expect(page.get_by_role("link", name="Meer doelen tonen")).to_have_count(0)
    assert page.url.endswith("/kapstok/")
    assert not axe_violations(page)
