"""The kapstok overview a page at a time: an office with 150 goals gets the first ones with
their trees, a plain link to the next page, and htmx adding that page below the ones shown."""

import re

import pytest

from kapstok.core.generation import generation_bump
from kapstok.goals.factories import ActivityFactory, GoalFactory, ProjectFactory, StrategyFactory
from kapstok.goals.selectors import GOALS_PER_PAGE, office_goal_page

pytestmark = pytest.mark.django_db

BASE = "/netwerk/kantoren/kantoor-utrecht/kapstok/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def html(response):
    return response.content.decode()


def goals(office, count, **fields):
    """`count` goals in this order (position 1, 2, …), titled "Doel 01", "Doel 02", …"""
    return [
        GoalFactory(office=office, title=f"Doel {n:02}", position=n, **fields)
        for n in range(1, count + 1)
    ]


def titles_on(page: str) -> list[str]:
    return re.findall(r">(Doel \d\d)</a></h2>", page)


def test_a_page_holds_the_first_goals_in_the_offices_order(world):
    goals(world.office, GOALS_PER_PAGE + 5)
    first = office_goal_page(world.office)
    assert [view.goal.title for view in first.views] == [
        f"Doel {n:02}" for n in range(1, GOALS_PER_PAGE + 1)
    ]
    assert first.page.has_next()
    second = office_goal_page(world.office, 2)
    assert [view.goal.title for view in second.views] == [
        f"Doel {n:02}" for n in range(GOALS_PER_PAGE + 1, GOALS_PER_PAGE + 6)
    ]
    assert not second.page.has_next()


def test_open_goals_come_before_closed_ones_across_pages(world):
    goals(world.office, 3, status="achieved")
    open_goal = GoalFactory(office=world.office, title="Lopend", position=99)
    page = office_goal_page(world.office, per_page=2)
    assert page.views[0].goal == open_goal
    assert (
        office_goal_page(world.office, include_closed=False, per_page=2).page.paginator.count == 1
    )


def test_a_page_number_that_is_no_page_gives_the_nearest_real_page(world):
    goals(world.office, GOALS_PER_PAGE + 1)
    assert office_goal_page(world.office, "abc").page.number == 1
    assert office_goal_page(world.office, "999").page.number == 2


def test_an_office_without_goals_has_one_empty_page(world):
    page = office_goal_page(world.office)
    assert page.views == []
    assert not page.page.has_next()


def test_the_overview_shows_the_first_page_and_a_link_to_the_next(world, login):
    goals(world.office, GOALS_PER_PAGE + 3)
    page = html(login(world.users["member"]).get(BASE))
    assert titles_on(page) == [f"Doel {n:02}" for n in range(1, GOALS_PER_PAGE + 1)]
    assert f"Doelen 1–{GOALS_PER_PAGE} van {GOALS_PER_PAGE + 3}." in page
    # A plain link that works without JavaScript, which htmx turns into "add below".
    assert f'href="{BASE}?pagina=2"' in page
    assert f'hx-get="{BASE}?pagina=2&amp;eerste=1"' in page
    assert 'hx-target="#goal-list"' in page
    assert 'hx-swap="beforeend"' in page
    assert "Meer doelen tonen" in page
    # The count is a live region, so a screen reader hears how many goals are shown.
    assert re.search(r'<p id="goals-status"[^>]*role="status"', page)


def test_without_javascript_the_next_page_is_a_page_of_its_own(world, login):
    goals(world.office, GOALS_PER_PAGE + 3)
    page = html(login(world.users["member"]).get(f"{BASE}?pagina=2"))
    assert "<html" in page
    assert titles_on(page) == [
        f"Doel {n:02}" for n in range(GOALS_PER_PAGE + 1, GOALS_PER_PAGE + 4)
    ]
    assert f"Doelen {GOALS_PER_PAGE + 1}–{GOALS_PER_PAGE + 3} van {GOALS_PER_PAGE + 3}." in page
    assert f'href="{BASE}?pagina=1"' in page
    assert "Vorige doelen" in page
    assert "Meer doelen tonen" not in page


def test_with_htmx_the_next_goals_come_without_the_page_around_them(world, login):
    goals(world.office, GOALS_PER_PAGE + 3)
    response = login(world.users["member"]).get(f"{BASE}?pagina=2&eerste=1", **HTMX)
    page = html(response)
    assert "<html" not in page
    assert "Kruimelpad" not in page
    assert titles_on(page) == [
        f"Doel {n:02}" for n in range(GOALS_PER_PAGE + 1, GOALS_PER_PAGE + 4)
    ]
    # The first new goal takes the focus (htmx focuses `autofocus`), the others do not.
    assert page.count("autofocus") == 1
    assert re.search(r"autofocus>Doel 21</a>", page)
    # The count and the link below the list are swapped out of band: all goals are shown now.
    assert re.search(r'id="goals-status"[^>]*hx-swap-oob="innerHTML"', page)
    assert f"Doelen 1–{GOALS_PER_PAGE + 3} van {GOALS_PER_PAGE + 3}." in page
    assert re.search(r'<div id="goals-next" hx-swap-oob="true">\s*</div>', page)


def test_htmx_pages_keep_counting_from_where_the_reader_started(world, login):
    goals(world.office, 2 * GOALS_PER_PAGE + 1)
    client = login(world.users["member"])
    started_on_two = html(client.get(f"{BASE}?pagina=3&eerste=21", **HTMX))
    assert f"Doelen 21–{2 * GOALS_PER_PAGE + 1} van {2 * GOALS_PER_PAGE + 1}." in started_on_two
    nonsense = html(client.get(f"{BASE}?pagina=2&eerste=x", **HTMX))
    assert f"Doelen 1–{2 * GOALS_PER_PAGE} van" in nonsense
    assert f'hx-get="{BASE}?pagina=3&amp;eerste=1"' in nonsense
    # `eerste` can never claim more than the pages before this one.
    too_far = html(client.get(f"{BASE}?pagina=2&eerste=500", **HTMX))
    assert f"Doelen {GOALS_PER_PAGE + 1}–{2 * GOALS_PER_PAGE} van" in too_far


def test_every_goal_is_reachable_by_following_the_links(world, login):
    created = goals(world.office, 2 * GOALS_PER_PAGE + 1)
    client = login(world.users["member"])
    seen, url = [], BASE
    while url:
        page = html(client.get(url))
        seen += titles_on(page)
        found = re.search(r'class="button secondary" href="([^"]+)"', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert seen == [goal.title for goal in created]


def test_only_the_shown_goals_trees_are_on_the_page(world, login):
    first, *_rest, last = goals(world.office, GOALS_PER_PAGE + 1)
    ProjectFactory(strategy=StrategyFactory(goal=first, title="Eerste strategie"))
    ProjectFactory(strategy=StrategyFactory(goal=last, title="Laatste strategie"))
    page = html(login(world.users["member"]).get(BASE))
    assert "Eerste strategie" in page
    assert "Laatste strategie" not in page


def test_a_page_of_the_overview_costs_the_same_queries_for_many_more_goals(
    world, login, django_assert_max_num_queries
):
    client = login(world.users["lead"])

    def grow(count):
        for _ in range(count):
            goal = GoalFactory(office=world.office, owner=world.users["lead"])
            ActivityFactory(project=ProjectFactory(strategy=StrategyFactory(goal=goal)))

    grow(2)
    with django_assert_max_num_queries(40) as few:
        assert client.get(BASE).status_code == 200
    grow(3 * GOALS_PER_PAGE)
    generation_bump()  # as making them on the site would: the page is computed afresh
    with django_assert_max_num_queries(40) as many:
        assert client.get(BASE).status_code == 200
    with django_assert_max_num_queries(40) as next_part:
        assert client.get(f"{BASE}?pagina=2", **HTMX).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(next_part.captured_queries) <= len(many.captured_queries)


# --- progress without the tree (the dashboard's list) ---------------------------------------


def test_goal_progress_rolls_up_as_the_tree_does(world):
    from kapstok.goals.models import Goal
    from kapstok.goals.selectors import goal_progress, goal_tree

    weighted, stopped, bare, empty = goals(world.office, 4)
    heavy = StrategyFactory(goal=weighted, weight=3)
    light = StrategyFactory(goal=weighted, weight=None)
    project = ProjectFactory(strategy=heavy, progress=0, weight=2)
    ActivityFactory(project=project, progress=100, weight=1)
    ActivityFactory(project=project, progress=0, weight=3)
    ActivityFactory(project=project, progress=90, status="stopped")
    ProjectFactory(strategy=heavy, progress=70, weight=0)
    ProjectFactory(strategy=light, progress=35)
    ProjectFactory(strategy=StrategyFactory(goal=stopped), progress=80, status="stopped")
    ProjectFactory(strategy=StrategyFactory(goal=stopped), progress=20)
    StrategyFactory(goal=bare)
    GoalFactory(office=world.other_office)

    ordered = Goal.objects.filter(office=world.office).order_by("position")
    expected = [(view.goal, view.progress) for view in goal_tree(ordered)]
    assert [(row.goal, row.progress) for row in goal_progress(ordered)] == expected
    # Heavy strategy: its project (100×1 + 0×3) / 4 = 25, the weight-0 one left out; light: 35;
    # so (25×3 + 35×1) / 4. A strategy with only a stopped project falls back to its own 0.
    assert [progress for _goal, progress in expected] == [27.5, 10.0, 0.0, 0.0]


def test_goal_progress_reads_four_queries_for_any_number_of_goals(world, django_assert_num_queries):
    from kapstok.goals.models import Goal
    from kapstok.goals.selectors import goal_progress

    for goal in goals(world.office, 6):
        ActivityFactory(project=ProjectFactory(strategy=StrategyFactory(goal=goal)))
    with django_assert_num_queries(4):
        rows = goal_progress(Goal.objects.filter(office=world.office))
    # The goals' links need the office, which came with them.
    with django_assert_num_queries(0):
        assert all(row.goal.get_absolute_url() for row in rows)
