"""The phase on the office page and the office dashboard: read alone (`office_phase`), without
the stall facts, and the same phase, step and evidence the full office state gives."""

import datetime

import pytest

from kapstok.goals.factories import GoalFactory, MeasurementFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import OfficeFactory
from kapstok.progress import selectors
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

OFFICE_PAGE = "/netwerk/kantoren/kantoor-utrecht/"
DASHBOARD = "/netwerk/kantoren/kantoor-utrecht/dashboard/"


def executing(office):
    """An office with a session and a SMART goal with a running project, measured twice."""
    StrategySessionFactory(office=office)
    goal = GoalFactory(office=office, owner=None)
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 1, 15))
    MeasurementFactory(goal=goal, measured_on=datetime.date(2025, 5, 15))
    return office


@pytest.mark.parametrize("setup", [lambda world: world.office, lambda world: OfficeFactory()])
def test_the_phase_alone_gives_the_context_of_the_full_state(world, setup):
    office = setup(world)
    assert selectors.phase_context_of(selectors.office_phase(office)) == selectors.phase_context(
        selectors.office_state(office)
    )


def test_a_further_phase_alone_has_the_same_evidence_as_the_full_state(world):
    office = executing(world.office)
    alone = selectors.phase_context_of(selectors.office_phase(office))
    assert alone == selectors.phase_context(selectors.office_state(office))
    assert alone["phase_index"] >= 2


def test_the_phase_alone_reads_four_queries(world, django_assert_num_queries):
    executing(world.office)
    with django_assert_num_queries(4):
        selectors.office_phase(world.office)


@pytest.mark.parametrize("url", [OFFICE_PAGE, DASHBOARD])
def test_the_office_page_and_dashboard_show_the_offices_phase(world, login, url):
    office = executing(world.office)
    label = selectors.phase_context_of(selectors.office_phase(office))["phase_label"]
    response = login(world.users["lead"]).get(url)
    assert response.context["phase_label"] == label
    assert str(label) in response.content.decode()
