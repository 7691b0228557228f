"""What the benchmark measures: groups of page scenarios, each with the targets it reports on.

A group becomes one section of BENCHMARKS.md. The foundation group is registered at the bottom
of this module; later issues register theirs in a module of their own (`scenarios_kapstok`),
imported by `BenchConfig.ready`:

    register(Group(
        key="public",
        title="Public site",
        scenarios=(Scenario("map", "Kaart van alle kantoren", lambda w: "/kaart/"),),
    ))

and, when the issue states a target, a `targets` function that takes the measurements by
scenario key (plus the `/healthz` floor under `FLOOR.key`) and the `BenchWorld`, and returns
`TargetResult`s. A group can also time plain functions in the worker (`Timing`, e.g. the daily
signal computation): their measurements sit in the same dictionary under their own keys.
`Group.reference` names a scenario of the group whose p95 the table uses as a second floor,
next to `/healthz`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as cache_function
from functools import partial

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kapstok.accounts.models import User
from kapstok.core.planner import planner_statistics_refresh
from kapstok.goals.models import GoalStatus, Project
from kapstok.network.models import Municipality, Office, OfficeStatus

from .measure import Measurement, measure, measure_call, ratio

# The office page's p95 may be at most this many times the /healthz p95 (foundation issue); the
# public office page's at most 3 times (public site issue).
OFFICE_PAGE_MAX_RATIO = 4.0
PUBLIC_PAGE_MAX_RATIO = 3.0
# Anonymous requests look like a browser's, so the public office page counts the visit (a write)
# as it does for a person; the test client sends no User-Agent, which counts as a crawler.
BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@dataclass(frozen=True)
class BenchWorld:
    """The objects scenarios request: the largest and a small office, and who asks.

    For the kapstok pages: the office with the most goals and one with few (which still has an
    open goal with a project, so its pages run the same prefetches), and the province with the
    fewest offices, for the national dashboard on a smaller network. Without goals they fall
    back to the largest and the small office.
    """

    largest_office: str
    largest_members: int
    small_office: str
    small_members: int
    pos_user: User
    goals_office: str = ""
    goals_count: int = 0
    few_goals_office: str = ""
    few_goals_count: int = 0
    province: str = ""
    province_offices: int = 0


@dataclass(frozen=True)
class Scenario:
    """One page: its path in the world, and the persona that requests it."""

    key: str
    title: str
    path: Callable[[BenchWorld], str]
    persona: str = "anonymous"  # or "pos": a POS staff member, who may see every office
    short: str = ""  # a name for column headers, when the scenario is a group's reference


@dataclass(frozen=True)
class TargetResult:
    """A target's outcome; `passed` is None when it could not be evaluated."""

    name: str
    passed: bool | None
    detail: str

    @property
    def label(self) -> str:
        return {True: "PASS", False: "FAIL", None: "SKIP"}[self.passed]


def no_targets(measurements: dict[str, Measurement], world: BenchWorld) -> list[TargetResult]:
    return []


@dataclass(frozen=True)
class Timing:
    """A function timed directly in the worker, not through a request: `call(world)` is run
    `warmup` times untimed, then `repeat` times timed, then once more to count its queries."""

    key: str
    title: str
    call: Callable[[BenchWorld], object]
    repeat: int = 5
    warmup: int = 1


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    scenarios: tuple[Scenario, ...]
    targets: Callable[[dict[str, Measurement], BenchWorld], list[TargetResult]] = no_targets
    timings: tuple[Timing, ...] = ()
    reference: str | None = None  # key of a scenario whose p95 is a second floor in the table
    # Builds (or finds) data only this group measures, e.g. 20,000 support requests, before its
    # scenarios run; returns a line describing that data for the section.
    prepare: Callable[[], str] | None = None


@dataclass(frozen=True)
class GroupResult:
    group: Group
    measurements: dict[str, Measurement]
    targets: list[TargetResult]
    data_note: str = ""


GROUPS: dict[str, Group] = {}

# Every group's figures are relative to this: the cheapest page that still touches the database.
FLOOR = Scenario("healthz", "/healthz (framework floor)", lambda w: reverse("home:healthz"))


def register(group: Group) -> Group:
    GROUPS[group.key] = group
    return group


def world_find(pos_user: User) -> BenchWorld:
    """The largest office, and the smallest one with a publicly listed member (so its pages
    run the same prefetches as the large one's and the query counts are comparable)."""
    today = timezone.localdate()
    active = Q(memberships__joined_on__lte=today) & (
        Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=today)
    )
    offices = (
        Office.objects.exclude(status=OfficeStatus.DISSOLVED)
        .with_member_count()
        .annotate(listed=Count("memberships", filter=active & Q(memberships__listed_publicly=True)))
        .filter(listed__gt=0)
    )
    largest = offices.order_by("-member_count", "pk").first()
    small = offices.order_by("member_count", "pk").first()
    if largest is None:
        raise LookupError("No office with publicly listed members to measure.")
    most, few = _goal_offices() or ((largest.slug, 0), (small.slug, 0))
    province, province_offices = _smallest_province()
    return BenchWorld(
        largest_office=largest.slug,
        largest_members=largest.member_count,
        small_office=small.slug,
        small_members=small.member_count,
        pos_user=pos_user,
        goals_office=most[0],
        goals_count=most[1],
        few_goals_office=few[0],
        few_goals_count=few[1],
        province=province,
        province_offices=province_offices,
    )


def _goal_offices() -> tuple[tuple[str, int], tuple[str, int]] | None:
    """(slug, goals) of the office with the most goals, and of the one with the fewest goals
    that still has an open goal with a project; None when no office qualifies."""
    running_tree = Project.objects.filter(
        strategy__goal__office=OuterRef("pk"), strategy__goal__status=GoalStatus.OPEN
    )
    offices = (
        Office.objects.exclude(status=OfficeStatus.DISSOLVED)
        .annotate(goal_count=Count("goals", distinct=True))
        .filter(Exists(running_tree))
    )
    most = offices.order_by("-goal_count", "pk").first()
    few = offices.with_member_count().order_by("goal_count", "member_count", "pk").first()
    if most is None:
        return None
    return (most.slug, most.goal_count), (few.slug, few.goal_count)


def _smallest_province() -> tuple[str, int]:
    """The province with the fewest offices (at least one), and that number."""
    row = (
        Municipality.objects.filter(offices__isnull=False)
        .values("province")
        .annotate(offices_in=Count("offices", distinct=True))
        .order_by("offices_in", "province")
        .first()
    )
    return (row["province"], row["offices_in"]) if row else ("", 0)


def clients_for(world: BenchWorld) -> dict[str, Client]:
    """One client per persona; errors come back as 500 responses rather than exceptions."""
    pos = Client(raise_request_exception=False)
    pos.force_login(world.pos_user)
    _second_factor_verify(pos, world.pos_user)
    return {"anonymous": anonymous_client(), "pos": pos}


def _second_factor_verify(client: Client, user: User) -> None:
    """Mark the session as having passed two-factor authentication, as POS staff's sessions
    are in production (they must), so every request pays what theirs pays: the OTP middleware
    loading the device. Skipped when django-otp is not installed."""
    if not apps.is_installed("django_otp"):
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def group_run(
    group: Group, world: BenchWorld, floor: Measurement, *, repeat: int, warmup: int
) -> GroupResult:
    """Measure every scenario of a group and evaluate its targets against the floor."""
    data_note = ""
    if group.prepare:
        data_note = group.prepare()
        planner_statistics_refresh()  # the group's own rows, as the daily job would have seen

    clients = clients_for(world)
    measurements = {FLOOR.key: floor}
    for scenario in group.scenarios:
        client = clients[scenario.persona]
        measurements[scenario.key] = measure(
            client, scenario.path(world), repeat=repeat, warmup=warmup
        )
    for timing in group.timings:
        measurements[timing.key] = measure_call(
            timing.title, partial(timing.call, world), repeat=timing.repeat, warmup=timing.warmup
        )
    return GroupResult(group, measurements, group.targets(measurements, world), data_note)


def floor_run(world: BenchWorld, *, repeat: int, warmup: int) -> Measurement:
    return measure(clients_for(world)["anonymous"], FLOOR.path(world), repeat=repeat, warmup=warmup)


# --- targets ---------------------------------------------------------------------------------


def ratio_target(
    name: str, page: Measurement | None, floor: Measurement, limit: float
) -> TargetResult:
    """Pass when the page's p95 is at most `limit` times the floor's p95."""
    if page is None or not page.available or not floor.available:
        return TargetResult(name, None, "not measured")
    value = ratio(page.p95_ms, floor.p95_ms)
    detail = f"{page.p95_ms:.1f} ms = {value:.1f}× healthz {floor.p95_ms:.2f} ms (limit {limit:g}×)"
    return TargetResult(name, value <= limit, detail)


def flat_queries_target(
    name: str,
    small: Measurement | None,
    large: Measurement | None,
    members: tuple[int, int],
    what: str = "members",
) -> TargetResult:
    """Pass when the small and the large office's page make the same number of queries;
    `members` are the two sizes, counted in `what` ("members", "goals", "offices")."""
    if not (small and large and small.available and large.available):
        return TargetResult(name, None, "not measured")
    detail = (
        f"{small.queries} queries with {members[0]} {what}, "
        f"{large.queries} with {members[1]} {what}"
    )
    return TargetResult(name, small.queries == large.queries, detail)


# --- Foundation: registry pages --------------------------------------------------------------


def _office(slug: str) -> str:
    return reverse("network:office_detail", args=[slug])


def _public(slug: str) -> str:
    return reverse("public:office", args=[slug])


def foundation_targets(m: dict[str, Measurement], world: BenchWorld) -> list[TargetResult]:
    """The office pages within 4x healthz (the public one within 3x), queries flat in members.

    The public page's time is what anonymous visitors get: from the page cache while nothing
    was written. Its fresh render (`public_*_fresh`, cache emptied before each request) is
    reported beside it, and is what the query counts compare.
    """
    floor = m[FLOOR.key]
    members = (world.small_members, world.largest_members)
    return [
        ratio_target(
            "Office page p95 ≤ 4× healthz p95", m.get("office_large"), floor, OFFICE_PAGE_MAX_RATIO
        ),
        ratio_target(
            "Public office page p95 ≤ 3× healthz p95",
            m.get("public_large"),
            floor,
            PUBLIC_PAGE_MAX_RATIO,
        ),
        flat_queries_target(
            "Office page queries independent of members",
            m.get("office_small"),
            m.get("office_large"),
            members,
        ),
        flat_queries_target(
            "Public office page queries independent of members (fresh render)",
            m.get("public_small_fresh"),
            m.get("public_large_fresh"),
            members,
        ),
    ]


def public_page_fresh(which: str) -> Callable[[BenchWorld], object]:
    """Request the public office page of the world's "largest" or "small" office with the page
    cache emptied first: the full render a visitor gets after something changed."""

    def call(world: BenchWorld) -> object:
        slug = world.largest_office if which == "largest" else world.small_office
        cache.clear()
        response = anonymous_client().get(_public(slug), secure=True)  # as measure() does
        if response.status_code != 200:
            raise RuntimeError(f"{_public(slug)} answered {response.status_code}")
        return response

    return call


@cache_function
def anonymous_client() -> Client:
    return Client(raise_request_exception=False, HTTP_USER_AGENT=BROWSER_AGENT)


register(
    Group(
        key="foundation",
        title="Foundation: registry pages",
        scenarios=(
            Scenario(
                "healthz_pos",
                "/healthz as POS staff (floor of a logged-in request)",
                lambda w: reverse("home:healthz"),
                "pos",
            ),
            Scenario(
                "office_list",
                "Office list /netwerk/",
                lambda w: reverse("network:office_list"),
                "pos",
            ),
            Scenario(
                "office_large",
                "Office page, largest office",
                lambda w: _office(w.largest_office),
                "pos",
            ),
            Scenario(
                "office_small",
                "Office page, small office",
                lambda w: _office(w.small_office),
                "pos",
            ),
            Scenario(
                "public_large", "Public office page, largest", lambda w: _public(w.largest_office)
            ),
            Scenario(
                "public_small", "Public office page, small", lambda w: _public(w.small_office)
            ),
            Scenario("api_offices", "API office list", lambda w: "/api/v1/offices"),
        ),
        timings=(
            Timing(
                "public_large_fresh",
                "Public office page, largest, fresh render (cache emptied)",
                public_page_fresh("largest"),
                repeat=50,
                warmup=5,
            ),
            Timing(
                "public_small_fresh",
                "Public office page, small, fresh render (cache emptied)",
                public_page_fresh("small"),
                repeat=50,
                warmup=5,
            ),
        ),
        targets=foundation_targets,
    )
)
