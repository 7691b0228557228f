"""Read side of the kapstok: the tree of an office with rolled-up progress, in fixed queries."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.analysis.progress import Node, rolled_up
from kapstok.network import rules as network_rules
from kapstok.network.models import EventKind, OfficeEvent

from .models import Activity, Goal, GoalStatus, Measurement, Project, Strategy, WorkStatus


@dataclass
class GoalView:
    """A goal with its strategies, projects and activities, and the progress of each level."""

    goal: Goal
    progress: float
    strategies: list = field(default_factory=list)  # [(strategy, progress, [(project, progress)])]
    measurements: list = field(default_factory=list)

    @property
    def has_running_project(self) -> bool:
        return any(
            project.status == WorkStatus.RUNNING
            for _strategy, _progress, projects in self.strategies
            for project, _p in projects
        )


def _project_node(project: Project) -> Node:
    children = tuple(
        Node(float(a.progress), _weight(a.weight), a.status) for a in project.activities.all()
    )
    return Node(float(project.progress), _weight(project.weight), project.status, children)


def _weight(value):
    return None if value is None else float(value)


def goal_tree(goals) -> list[GoalView]:
    """Goals (a queryset) as `GoalView`s; five queries whatever the size of the tree.

    Strategies, projects and measurements are prefetched into plain lists (`to_attr`): a
    prefetch into the related manager builds a queryset per parent, which for an office with a
    hundred goals cost about a fifth of this function. Activities stay in `activities.all()`,
    which the goal page's template reads.
    """
    # The office too: every goal's link (`get_absolute_url`) needs its slug.
    goals = goals.select_related("office", "owner", "source_theme").prefetch_related(
        Prefetch(
            "strategies",
            queryset=Strategy.objects.prefetch_related(
                Prefetch(
                    "projects",
                    queryset=Project.objects.select_related("owner").prefetch_related(
                        Prefetch("activities", queryset=Activity.objects.select_related("owner"))
                    ),
                    to_attr="project_list",
                )
            ),
            to_attr="strategy_list",
        ),
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("measured_on"),
            to_attr="measurement_list",
        ),
    )
    return [_goal_view(goal) for goal in goals]


def _goal_view(goal: Goal) -> GoalView:
    strategies = []
    strategy_nodes = []
    for strategy in goal.strategy_list:
        project_nodes = [(p, _project_node(p)) for p in strategy.project_list]
        node = Node(0.0, _weight(strategy.weight), "", tuple(n for _p, n in project_nodes))
        strategy_nodes.append(node)
        projects = [(p, rolled_up(project_node)) for p, project_node in project_nodes]
        strategies.append((strategy, rolled_up(node), projects))
    progress = rolled_up(Node(0.0, None, "", tuple(strategy_nodes)))
    return GoalView(goal, progress, strategies, goal.measurement_list)


@dataclass(frozen=True)
class GoalProgress:
    """A goal and its rolled-up progress, for lists that show no tree (the office dashboard)."""

    goal: Goal
    progress: float


def goal_progress(goals) -> list[GoalProgress]:
    """Goals (a queryset) with the progress `goal_tree` gives them, in four queries.

    The tree is read as plain rows (ids, weights, progress, status), not as model instances
    with their owners: a list of goals needs only the roll-up, and building the instances was
    most of the time of `goal_tree`.
    """
    goals = list(goals.select_related("office"))
    ids = [goal.pk for goal in goals]
    activities = defaultdict(list)
    for project_id, progress, weight, status in Activity.objects.filter(
        project__strategy__goal_id__in=ids
    ).values_list("project_id", "progress", "weight", "status"):
        activities[project_id].append(Node(float(progress), _weight(weight), status))
    projects = defaultdict(list)
    for pk, strategy_id, progress, weight, status in Project.objects.filter(
        strategy__goal_id__in=ids
    ).values_list("pk", "strategy_id", "progress", "weight", "status"):
        node = Node(float(progress), _weight(weight), status, tuple(activities[pk]))
        projects[strategy_id].append(node)
    strategies = defaultdict(list)
    for pk, goal_id, weight in Strategy.objects.filter(goal_id__in=ids).values_list(
        "pk", "goal_id", "weight"
    ):
        strategies[goal_id].append(Node(0.0, _weight(weight), "", tuple(projects[pk])))
    return [
        GoalProgress(goal, rolled_up(Node(0.0, None, "", tuple(strategies[goal.pk]))))
        for goal in goals
    ]


@dataclass
class GoalSource:
    """Where a goal came from: the session, the theme the members voted for and its cards."""

    session: object
    theme: object
    cards: list


def goal_source(goal: Goal) -> GoalSource | None:
    """The session, theme and cards a goal was made from, or None for a goal typed in directly.

    The cards are the ones picked when the goal was made; if none were, all of the theme's.
    Two queries.
    """
    if goal.source_theme_id is None:
        return None
    goal = Goal.objects.select_related("source_theme__session__office").get(pk=goal.pk)
    theme = goal.source_theme
    cards = list(goal.source_cards.order_by("created_at", "pk")) or list(
        theme.cards.order_by("created_at", "pk")
    )
    return GoalSource(session=theme.session, theme=theme, cards=cards)


# Open goals first, then the achieved, then the dropped ones (not the stored values' order).
STATUS_ORDER = Case(
    *(When(status=status, then=Value(rank)) for rank, status in enumerate(GoalStatus.values)),
    default=Value(len(GoalStatus.values)),
    output_field=IntegerField(),
)


def ordered_goals(office, include_closed: bool = True, pks=None):
    """An office's goals in the kapstok's order (open first, then as the office ranked them),
    optionally only those of `pks` (a page of goals in the API)."""
    goals = Goal.objects.filter(office=office)
    if not include_closed:
        goals = goals.filter(status=GoalStatus.OPEN)
    if pks is not None:
        goals = goals.filter(pk__in=pks)
    # The pk last, so pages never overlap or skip a goal when positions and times are equal.
    return goals.order_by(STATUS_ORDER, "position", "created_at", "pk")


def office_goals(office, include_closed: bool = True):
    """An office's goals as `GoalView`s: open first, then achieved, then dropped, each in the
    order the office gave them."""
    return goal_tree(ordered_goals(office, include_closed))


# An office with a national programme can hold 150 goals; their whole trees in one page were
# 400 kB of HTML and most of the page's time. Pages show this many, with a link to the next.
GOALS_PER_PAGE = 20


@dataclass
class GoalPage:
    """One page of an office's goals: the page itself (its number, whether there is a next
    one, how many goals in all) and the `GoalView`s of that page, built when first read: the
    overview shows a page's trees from a short cache of their HTML and then reads none."""

    page: Page
    build: Callable

    @cached_property
    def views(self) -> list:  # of GoalView or GoalProgress
        return self.build(self.page.object_list)


def office_goal_page(
    office,
    number=None,
    *,
    include_closed: bool = True,
    per_page: int = GOALS_PER_PAGE,
    build: Callable = goal_tree,
) -> GoalPage:
    """Page `number` (1-based; anything invalid gives the nearest real page) of the office's
    goals in the overview's order, built by `build` (`goal_tree`, or `goal_progress` for a
    list without trees) for only those goals: the cost of a page does not grow with the
    number of goals (one count query, and those of `build` when the views are read)."""
    page = Paginator(ordered_goals(office, include_closed), per_page).get_page(number)
    return GoalPage(page, build)


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 600, 220, 30


def measurement_chart(goal_view: GoalView) -> dict | None:
    """Coordinates for a small SVG line chart of a goal's measurements, with the target line.

    Drawn on the server (no chart library, no JavaScript); the page also shows the values as a
    table for screen readers.
    """
    points = [(m.measured_on, float(m.value)) for m in goal_view.measurements]
    if not points:
        return None
    goal = goal_view.goal
    values = [v for _d, v in points]
    for extra in (goal.target_value, goal.baseline_value):
        if extra is not None:
            values.append(float(extra))
    low, high = min(0.0, min(values)), max(values) or 1.0
    first, last = points[0][0], points[-1][0]
    span_days = max((last - first).days, 1)

    def x(day):
        share = (day - first).days / span_days if len(points) > 1 else 0.5
        return round(CHART_PAD + share * (CHART_WIDTH - 2 * CHART_PAD), 1)

    def y(value):
        share = (value - low) / ((high - low) or 1.0)
        return round(CHART_HEIGHT - CHART_PAD - share * (CHART_HEIGHT - 2 * CHART_PAD), 1)

    coords = [(x(day), y(value), day, value) for day, value in points]
    target_y = None if goal.target_value is None else y(float(goal.target_value))
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "points": coords,
        "polyline": " ".join(f"{cx},{cy}" for cx, cy, _d, _v in coords),
        "target_y": target_y,
        "target_label_y": None if target_y is None else target_y - 4,
        "axis_y": CHART_HEIGHT - CHART_PAD,
        "max_label": high,
        "min_label": low,
    }


NO_WORK = {"goals": 0, "goals_total": 0, "projects": 0, "pct_on_track": None}


def work_figures(office_ids, today) -> dict[int, dict]:
    """Per office: open goals, all goals, projects not stopped, and `pct_on_track`, the share
    of those projects that are done or not past their due date (None without projects)."""
    goals = (
        Goal.objects.filter(office_id__in=office_ids)
        .values("office_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=Q(status=GoalStatus.OPEN)))
        .order_by()
    )
    late = Q(due_on__lt=today) & ~Q(status=WorkStatus.DONE)
    projects = (
        Project.objects.filter(strategy__goal__office_id__in=office_ids)
        .exclude(status=WorkStatus.STOPPED)
        .values("strategy__goal__office_id")
        .annotate(total=Count("pk"), late=Count("pk", filter=late))
        .order_by()
    )
    result = {pk: dict(NO_WORK) for pk in office_ids}
    for row in goals:
        result[row["office_id"]].update(goals=row["open"], goals_total=row["total"])
    for row in projects:
        total = row["total"]
        result[row["strategy__goal__office_id"]].update(
            projects=total,
            pct_on_track=round(100 * (total - row["late"]) / total) if total else None,
        )
    return result


# --- the office's timeline --------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineLine:
    """One line of the timeline as this viewer may see it (anonymised lines have no actor)."""

    occurred_at: datetime.datetime
    summary: str
    url: str = ""
    actor: object = None


def _anonymous_summary(kind: str) -> str:
    if kind == EventKind.MEMBER_LEFT:
        return _("Een lid heeft het kantoor verlaten.")
    return _("Er is een nieuw lid bijgekomen.")


def _target(url: str, office) -> tuple[str, int | None] | None:
    """(view name, pk) of a line's link inside this office, or None when it points elsewhere."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    if match.kwargs.get("slug") != office.slug:
        return None
    return match.view_name, match.kwargs.get("pk")


# Pages of higher apps that timeline lines link to: view name → rule(viewer, office, pks) giving
# the pks of those objects the viewer may open. Filled by the owning apps in `ready()` (messaging,
# influence), so that goals, which they build on, does not import them.
TimelineLinkRule = Callable[[object, object, set], set]
TIMELINE_LINK_RULES: dict[str, TimelineLinkRule] = {}


def register_timeline_link_rule(view_name: str, rule: TimelineLinkRule) -> None:
    TIMELINE_LINK_RULES[view_name] = rule


def _openable(viewer, office, targets: dict[int, tuple[str, int | None]]) -> set[int]:
    """The events whose link the viewer may follow, in one query per kind of target."""
    pks_of = defaultdict(set)
    for view_name, pk in targets.values():
        pks_of[view_name].add(pk)
    allowed = {
        "goals:goal_detail": access.can_view_office(viewer, office),
        "strategy:session_detail": access.can_view_sessions(viewer, office),
        "public:office": True,
    }
    open_pks = {
        view_name: rule(viewer, office, pks_of[view_name])
        for view_name, rule in TIMELINE_LINK_RULES.items()
        if pks_of[view_name]
    }
    return {
        event_pk
        for event_pk, (view_name, pk) in targets.items()
        if allowed.get(view_name) or pk in open_pks.get(view_name, ())
    }


def timeline(viewer, office, limit: int = 200) -> list[TimelineLine]:
    """The office's latest events as this viewer may see them (`network_rules.office_event_shown`).

    A line that links to a page the viewer may not open (a message of another sender, a
    position not addressed to their municipality, a session) is left out altogether, since its
    summary tells what that page holds; so is a link that no longer leads inside the office.
    """
    shown = {
        kind: network_rules.office_event_shown(viewer, office, kind) for kind in EventKind.values
    }
    kinds = [kind for kind, how in shown.items() if how != network_rules.EventShown.HIDDEN]
    events = list(
        OfficeEvent.objects.filter(office=office, kind__in=kinds).select_related("actor")[:limit]
    )
    targets = {event.pk: _target(event.url, office) for event in events if event.url}
    openable = _openable(
        viewer, office, {pk: target for pk, target in targets.items() if target is not None}
    )
    lines = []
    for event in events:
        if event.url and event.pk not in openable:
            continue
        if shown[event.kind] == network_rules.EventShown.ANONYMOUS:
            lines.append(TimelineLine(event.occurred_at, _anonymous_summary(event.kind)))
        else:
            lines.append(TimelineLine(event.occurred_at, event.summary, event.url, event.actor))
    return lines


def goal_sources(goal_ids) -> dict[int, GoalSource]:
    """`goal_source` for many goals at once, by goal id: three queries however many goals.

    Goals typed in directly have no entry. As there, the cards are the ones picked when the goal
    was made, or else all of its theme's.
    """
    card_model = Goal._meta.get_field("source_cards").related_model
    in_order = card_model.objects.order_by("created_at", "pk")
    goals = (
        Goal.objects.filter(pk__in=goal_ids, source_theme__isnull=False)
        .select_related("source_theme__session", "source_theme__catalogue_theme")
        .prefetch_related(
            Prefetch("source_cards", queryset=in_order, to_attr="picked_cards"),
            Prefetch("source_theme__cards", queryset=in_order, to_attr="theme_cards"),
        )
    )
    return {
        goal.pk: GoalSource(
            session=goal.source_theme.session,
            theme=goal.source_theme,
            cards=goal.picked_cards or goal.source_theme.theme_cards,
        )
        for goal in goals
    }
