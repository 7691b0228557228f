"""The goals overview lists open goals first, then achieved, then dropped ones."""

from kapstok.goals import selectors
from kapstok.goals.factories import GoalFactory
from kapstok.goals.models import GoalStatus


def test_open_goals_come_first_then_achieved_then_dropped(world):
    office = world.office
    GoalFactory(office=office, title="Losgelaten", status=GoalStatus.DROPPED, position=1)
    GoalFactory(office=office, title="Behaald", status=GoalStatus.ACHIEVED, position=1)
    GoalFactory(office=office, title="Lopend twee", status=GoalStatus.OPEN, position=2)
    GoalFactory(office=office, title="Lopend een", status=GoalStatus.OPEN, position=1)
    titles = [view.goal.title for view in selectors.office_goals(office)]
    assert titles == ["Lopend een", "Lopend twee", "Behaald", "Losgelaten"]


def test_the_overview_page_shows_open_goals_above_closed_ones(world, login):
    office = world.office
    GoalFactory(office=office, title="Al behaald doel", status=GoalStatus.ACHIEVED)
    GoalFactory(office=office, title="Nog lopend doel", status=GoalStatus.OPEN, position=5)
    page = login(world.users["lead"]).get(f"/netwerk/kantoren/{office.slug}/kapstok/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Nog lopend doel") < text.index("Al behaald doel")


def test_without_closed_goals_only_open_ones_are_listed(world):
    GoalFactory(office=world.office, title="Behaald", status=GoalStatus.ACHIEVED)
    GoalFactory(office=world.office, title="Lopend", status=GoalStatus.OPEN)
    views = selectors.office_goals(world.office, include_closed=False)
    assert [view.goal.title for view in views] == ["Lopend"]
