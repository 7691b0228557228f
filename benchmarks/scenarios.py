"""What the benchmark measures: groups of page scenarios, each with the targets it reports on.

A group becomes one section of BENCHMARKS.md. The foundation group is registered at the bottom
of this module; later issues register theirs in a module of their own (`scenarios_kapstok`),
imported by `BenchConfig.ready`:

    register(Group(
        key="public",
        title="Public site",
        scenarios=(Scenario("map", "Kaart van alle kantoren", lambda w: "/kaart/"),),
    ))

Every group measures the two floors (`FLOORS`) in the same run as its pages, so a page is
compared with figures taken under the same load: the login page, a rendered page without
queries (the floor any templated page pays), and `/healthz` as POS staff (the middleware of a
logged-in request: session, user, two-factor device, plus `SELECT 1`). Issue #19's targets
are declared on the scenario (`max_ratio`: a page's p95 at most that many times the login
page's p95; `EVERYDAY_MAX_RATIO` or `NETWORK_WIDE_MAX_RATIO`), and every HTML page measured
must stay within `PAGE_MAX_KB`; `group_run` evaluates both for every group. A group adds its
own targets (query counts that must not grow, the daily signal computation) with a `targets`
function that takes the measurements by key and the `BenchWorld` and returns
`TargetResult`s. A group can also time plain functions in the worker (`Timing`): their
measurements sit in the same dictionary under their own keys.
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
from kapstok.core.generation import generation_bump
from kapstok.core.planner import planner_statistics_refresh
from kapstok.goals.models import GoalStatus, Project
from kapstok.network.models import Municipality, Office, OfficeStatus
from kapstok.strategy.models import StrategySession

from .measure import Measurement, measure, measure_call, ratio
from .scale_kapstok import BOARD_TITLE

# Issue #19: at national scale, on both databases, a page's p95 at most this many times the
# login page's p95 in the same run: everyday pages 15×, pages over the whole network 30×.
EVERYDAY_MAX_RATIO = 15.0
NETWORK_WIDE_MAX_RATIO = 30.0
# ... and every page's HTML at most this many kB (of 1,024 bytes, as the tables print them).
PAGE_MAX_KB = 120
# Anonymous requests look like a browser's, so the public office page counts the visit (a write)
# as it does for a person; the test client sends no User-Agent, which counts as a crawler.
BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


@dataclass(frozen=True)
class BenchWorld:
    """The objects scenarios request: the largest and a small office, and who asks.

    For the kapstok pages: the office with the most goals and one with few (which still has an
    open goal with a project, so its pages run the same prefetches), and the province with the
    fewest offices, for the national dashboard on a smaller network. Without goals they fall
    back to the largest and the small office. `municipality` is the code of the most populous
    municipality with an office (its civil servant's portal); `board_session` the session with
    the generated board of `board_cards` cards (0 when the data set has none).
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
    municipality: str = ""
    board_office: str = ""
    board_session: int = 0
    board_cards: int = 0


PERSONA_LABELS = {
    "anonymous": "anonymous",
    "pos": "POS staff",
    "member": "member",
    "lead": "lead",
    "civil_servant": "civil servant",
    "researcher": "researcher",
}


@dataclass(frozen=True)
class Scenario:
    """One page: its path in the world, the persona that requests it (a key of
    `PERSONA_LABELS`, see `benchmarks.personas`) and, when issue #19 lists it, the most its
    p95 may be as a multiple of the login page's p95."""

    key: str
    title: str
    path: Callable[[BenchWorld], str]
    persona: str = "anonymous"
    max_ratio: float | None = None


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

# The two floors every group measures with its pages; the ratios divide by their p95.
LOGIN = Scenario("login", "Login page (rendered-page floor)", lambda w: reverse("accounts:login"))
HEALTHZ = Scenario(
    "healthz_pos",
    "/healthz as POS staff (logged-in floor)",
    lambda w: reverse("home:healthz"),
    "pos",
)
FLOORS = (LOGIN, HEALTHZ)


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
    board = _board()
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
        municipality=_largest_municipality(),
        board_office=board.office.slug if board else "",
        board_session=board.pk if board else 0,
        board_cards=board.card_count if board else 0,
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


def _largest_municipality() -> str:
    """The code of the most populous municipality that an office works in: the portal with
    the most to show."""
    municipality = (
        Municipality.objects.filter(offices__isnull=False)
        .order_by("-population", "code")
        .values_list("code", flat=True)
        .first()
    )
    return municipality or ""


def _board() -> StrategySession | None:
    """The generated session board (the one with the most cards if there were several)."""
    return (
        StrategySession.objects.filter(title=BOARD_TITLE)
        .select_related("office")
        .annotate(card_count=Count("cards"))
        .order_by("-card_count", "pk")
        .first()
    )


def clients_for(world: BenchWorld) -> dict[str, Client]:
    """One client per persona; errors come back as 500 responses rather than exceptions.

    Everyone logged in has passed two-factor authentication, as POS staff's sessions must in
    production, so every request pays what theirs pays: the OTP middleware loading the device.
    """
    from .personas import persona_users  # personas imports this module's BenchWorld

    clients = {"anonymous": anonymous_client()}
    for persona, user in persona_users(world).items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        _second_factor_verify(client, user)
        clients[persona] = client
    return clients


def _second_factor_verify(client: Client, user: User) -> None:
    """Mark the session as having passed two-factor authentication. Skipped when django-otp is
    not installed."""
    if not apps.is_installed("django_otp"):
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def after_write_key(key: str) -> str:
    """Where a target page's second measurement is kept: every timed request the first after a
    write (the content generation moved), so no part cached on the generation is found.

    The repeated request of the table finds the page's short caches filled; a page served
    between writes costs that, the first one after a write costs this. Both are reported; the
    targets are evaluated on the table's figures, as the issue defines them.
    """
    return f"{key}@after_write"


def group_run(group: Group, world: BenchWorld, *, repeat: int, warmup: int) -> GroupResult:
    """Measure the floors and every scenario of a group, and evaluate the targets: issue
    #19's page targets (`page_targets`), the page-size target and the group's own."""
    data_note = ""
    if group.prepare:
        data_note = group.prepare()
        planner_statistics_refresh()  # the group's own rows, as the daily job would have seen

    clients = clients_for(world)
    measurements = {}
    for scenario in (*FLOORS, *group.scenarios):
        client = clients[scenario.persona]
        measurements[scenario.key] = measure(
            client, scenario.path(world), repeat=repeat, warmup=warmup
        )
    for scenario in group.scenarios:
        if scenario.max_ratio is not None:
            measurements[after_write_key(scenario.key)] = measure(
                clients[scenario.persona],
                scenario.path(world),
                repeat=repeat,
                warmup=warmup,
                before_each=generation_bump,
            )
    for timing in group.timings:
        measurements[timing.key] = measure_call(
            timing.title, partial(timing.call, world), repeat=timing.repeat, warmup=timing.warmup
        )
    targets = [
        *page_targets(group.scenarios, measurements),
        page_size_target((*FLOORS, *group.scenarios), measurements),
        *group.targets(measurements, world),
    ]
    return GroupResult(group, measurements, targets, data_note)


# --- targets ---------------------------------------------------------------------------------


def page_targets(
    scenarios: tuple[Scenario, ...], measurements: dict[str, Measurement]
) -> list[TargetResult]:
    """Issue #19's target for every scenario that declares a `max_ratio`."""
    login, healthz = measurements.get(LOGIN.key), measurements.get(HEALTHZ.key)
    return [
        page_target(scenario, measurements.get(scenario.key), login, healthz)
        for scenario in scenarios
        if scenario.max_ratio is not None
    ]


def page_target(
    scenario: Scenario,
    page: Measurement | None,
    login: Measurement | None,
    healthz: Measurement | None,
) -> TargetResult:
    """Pass when the page's p95 is at most `scenario.max_ratio` times the login page's p95.

    The detail gives both ratios: to the login page (what the target is about) and to the
    logged-in `/healthz` (what a request costs before any page is rendered). A page that did
    not answer 200 is a SKIP with its status, never a PASS.
    """
    limit = scenario.max_ratio
    name = f"{scenario.title} p95 ≤ {limit:g}× login page p95"
    if page is None:
        return TargetResult(name, None, "not measured")
    if not page.available:
        return TargetResult(name, None, f"not available (HTTP {page.status})")
    if login is None or not login.available:
        return TargetResult(name, None, "login page not measured")
    to_login = ratio(page.p95_ms, login.p95_ms)
    detail = (
        f"{page.p95_ms:.1f} ms = {to_login:.1f}× login page {login.p95_ms:.2f} ms "
        f"(limit {limit:g}×)"
    )
    to_healthz = ratio(page.p95_ms, healthz.p95_ms) if healthz and healthz.available else None
    if to_healthz is not None:
        detail += f"; {to_healthz:.1f}× logged-in /healthz {healthz.p95_ms:.2f} ms"
    return TargetResult(name, to_login <= limit, detail)


def page_size_target(
    scenarios: tuple[Scenario, ...], measurements: dict[str, Measurement]
) -> TargetResult:
    """Pass when every HTML page measured is at most `PAGE_MAX_KB`; the detail names the
    largest page and every page over the limit. JSON answers and timed functions are not
    pages and are left out."""
    name = f"Every page's HTML ≤ {PAGE_MAX_KB} kB"
    pages = [
        (scenario.title, page.size_bytes / 1024)
        for scenario in scenarios
        if (page := measurements.get(scenario.key)) and page.available and page.is_html
    ]
    if not pages:
        return TargetResult(name, None, "no HTML page measured")
    title, largest = max(pages, key=lambda pair: pair[1])
    detail = f"{len(pages)} pages, largest {title} {largest:.1f} kB"
    over = [f"{title} {size:.1f} kB" for title, size in pages if size > PAGE_MAX_KB]
    if over:
        detail += "; over the limit: " + ", ".join(over)
    return TargetResult(name, not over, detail)


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
    """Queries flat in members: the office page, and the public office page's fresh render.

    The public page's time is what anonymous visitors get: from the page cache while nothing
    was written. Its fresh render (`public_*_fresh`, cache emptied before each request) is
    reported beside it, and is what the query counts compare. The office page's time target
    is issue #19's (declared on its scenario); the old "4× /healthz" and "3× /healthz" targets
    are gone with it.
    """
    members = (world.small_members, world.largest_members)
    return [
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
                EVERYDAY_MAX_RATIO,
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
