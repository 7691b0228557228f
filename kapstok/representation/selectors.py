"""Read side of representativeness: coverage, the index, the pipeline, the national view.

One definition of "this business is a member", used everywhere (SQL and Python alike): a
landscape row is *covered* when a current member of the office is the linked entrepreneur, has
the same KvK + establishment number, or has the same KvK number without an establishment
number (and the row is not one of a chain's many establishments). So a member added by hand,
without any link, still counts.

The figures come from `kapstok.analysis.representativeness`; this module only loads the counts
in a fixed number of grouped queries per page.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts import access
from kapstok.analysis import representativeness as rep
from kapstok.analysis.membership import month_starts
from kapstok.core.todo import SHOWN, ToDo
from kapstok.network.models import Membership, Office, SportBranch

from .importer import ParsedRow
from .models import (
    OPEN_STAGES,
    BranchCoverageFigure,
    ImportJob,
    ImportStatus,
    LandscapeBusiness,
    OfficeCoverage,
    ProspectStage,
)

UNKNOWN = "onbekend"
NEXT_PROSPECTS = 10


# --- who is a member -------------------------------------------------------------------------


@dataclass
class MemberProfile:
    """The current members of an office, as the coverage checks and the index need them."""

    ids: set[int] = field(default_factory=set)
    keys: set[tuple[str, str]] = field(default_factory=set)
    loose_kvks: set[str] = field(default_factory=set)
    weights: dict[str, float] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return len(self.ids)

    def covers(self, row: ParsedRow) -> bool:
        return (
            row.entrepreneur_id in self.ids
            or row.key in self.keys
            or (row.kvk_number in self.loose_kvks and not row.is_chain)
        )


def member_profiles(office_ids, on: datetime.date | None = None) -> dict[int, MemberProfile]:
    """`MemberProfile` per office, from one query over the current memberships."""
    on = on or timezone.localdate()
    rows = (
        Membership.objects.active_on(on)
        .filter(office_id__in=office_ids)
        .values_list(
            "office_id",
            "entrepreneur_id",
            "entrepreneur__kvk_number",
            "entrepreneur__establishment_number",
            "entrepreneur__branches__slug",
        )
    )
    branches: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    profiles = {office_id: MemberProfile() for office_id in office_ids}
    for office_id, entrepreneur_id, kvk, establishment, slug in rows:
        profile = profiles[office_id]
        profile.ids.add(entrepreneur_id)
        profile.keys.add((kvk, establishment))
        if not establishment:
            profile.loose_kvks.add(kvk)
        if slug:
            branches[office_id][entrepreneur_id].add(slug)
    for office_id, per_member in branches.items():
        profiles[office_id].weights = rep.member_weights(per_member.values())
        profiles[office_id].counts = Counter(s for slugs in per_member.values() for s in slugs)
    return profiles


def member_profile(office: Office, on: datetime.date | None = None) -> MemberProfile:
    return member_profiles([office.pk], on)[office.pk]


def with_coverage(queryset, on: datetime.date | None = None):
    """Annotate landscape rows with `member_exact` and `member_loose` (see the docstring)."""
    members = Membership.objects.active_on(on or timezone.localdate()).filter(
        office=OuterRef("office")
    )
    linked = members.filter(entrepreneur=OuterRef("entrepreneur"))
    same_establishment = members.filter(
        entrepreneur__kvk_number=OuterRef("kvk_number"),
        entrepreneur__establishment_number=OuterRef("establishment_number"),
    )
    loose = members.filter(
        entrepreneur__kvk_number=OuterRef("kvk_number"), entrepreneur__establishment_number=""
    )
    # Two EXISTS joined by OR rather than one EXISTS over an OR: each can use its index, where
    # PostgreSQL planned the OR inside one subquery as a scan per row (seconds per office).
    exact = ExpressionWrapper(Exists(linked) | Exists(same_establishment), BooleanField())
    return queryset.annotate(member_exact=exact, member_loose=Exists(loose))


COVERED = Q(member_exact=True) | Q(member_loose=True, is_chain=False)


# --- coverage of one office ------------------------------------------------------------------


@dataclass
class Coverage:
    """Everything the coverage page and the command show for one office."""

    has_landscape: bool
    index: float | None
    members: int
    landscape: int
    unknown: int
    rows: list[dict]
    gains: dict[str, float]
    shortfalls: dict[str, float] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    landscape_counts: dict[str | None, int] = field(default_factory=dict)
    chains: list[dict] = field(default_factory=list)
    series: list[dict] = field(default_factory=list)
    computed_at: datetime.datetime | None = None  # when stored figures were computed
    # Ids of the landscape rows a member covers, when the details were loaded (`MemberRows`).
    covered_ids: set[int] | None = None

    @property
    def index_percent(self) -> int | None:
        return None if self.index is None else round(100 * self.index)

    @property
    def missing_chains(self) -> list[dict]:
        return [chain for chain in self.chains if chain["covered"] < chain["establishments"]]

    def as_json(self, rejected=()) -> dict:
        """The command's output shape (see the issue): fractions, not percentages."""
        return {
            "index": None if self.index is None else round(self.index, 4),
            "members": self.members,
            "landscape": self.landscape,
            "rejected": [dict(r) for r in rejected],
            "branches": [
                {
                    "branch": row["branch"],
                    "members": row["members"],
                    "landscape": row["landscape"],
                    "coverage": round(row["coverage"] or 0.0, 4),
                }
                for row in self.rows
            ],
        }


def _branch_names() -> dict[str, str]:
    return dict(SportBranch.objects.order_by("sort_order").values_list("slug", "name"))


def build_coverage(
    profile: MemberProfile,
    landscape: Counter,
    covered: Counter,
    names: dict[str, str],
    *,
    ranking: bool = True,
) -> Coverage:
    """Coverage from counts per branch (None = unknown branch) and the members' profile.

    `ranking=False` leaves out the gains and shortfalls that rank one office's prospects: an
    index per branch and office, most of the time of the national pages that never show them.
    """
    known = {slug: n for slug, n in landscape.items() if slug is not None}
    rows = rep.coverage_rows(dict(profile.counts), known, dict(covered))
    table = [
        {
            "branch": row.branch,
            "name": names.get(row.branch, row.branch),
            "members": row.members,
            "landscape": row.landscape,
            "covered": row.covered,
            "missing": row.landscape - row.covered,
            "coverage": row.coverage,
            "percent": None if row.coverage is None else round(100 * row.coverage),
        }
        for row in rows
    ]
    unknown = landscape.get(None, 0)
    if unknown:
        table.append(
            {
                "branch": UNKNOWN,
                "name": UNKNOWN,
                "members": 0,
                "landscape": unknown,
                "covered": covered.get(None, 0),
                "missing": unknown - covered.get(None, 0),
                "coverage": covered.get(None, 0) / unknown,
                "percent": round(100 * covered.get(None, 0) / unknown),
            }
        )
    return Coverage(
        has_landscape=sum(landscape.values()) > 0,
        index=rep.representativeness_index(profile.weights, known),
        members=profile.total,
        landscape=sum(landscape.values()),
        unknown=unknown,
        rows=table,
        gains=rep.index_gains(profile.weights, known) if ranking else {},
        shortfalls=rep.shortfalls(profile.weights, known) if ranking else {},
        weights=profile.weights,
        landscape_counts=dict(landscape),
    )


def office_coverage(office: Office, *, details: bool = True) -> Coverage:
    """The office's coverage from its stored landscape; `details` adds chains and history."""
    profile = member_profile(office)
    grouped = (
        with_coverage(LandscapeBusiness.objects.filter(office=office))
        .values("branch__slug")
        .annotate(total=Count("pk"), covered=Count("pk", filter=COVERED))
        .order_by()
    )
    landscape, covered = Counter(), Counter()
    for row in grouped:
        landscape[row["branch__slug"]] += row["total"]
        covered[row["branch__slug"]] += row["covered"]
    coverage = build_coverage(profile, landscape, covered, _branch_names())
    if details and coverage.has_landscape:
        coverage.chains = chains_of(office)
        coverage.series = index_history(office, {k: v for k, v in landscape.items() if k})
    return coverage


@dataclass(frozen=True)
class CountedMembers:
    """The parts of a `MemberProfile` that `build_coverage` reads, as the stored figures keep
    them: how many members, how many per branch and their weights per branch."""

    total: int
    counts: dict[str, int]
    weights: dict[str, float]


def stored_coverage(office: Office, on: datetime.date, *, details: bool = True):
    """`office_coverage` from the office's stored figures of day `on` (two queries), or None
    when there are none of that day (`services.office_coverage_current` then computes them)."""
    summary = OfficeCoverage.objects.filter(office=office, computed_on=on).first()
    if summary is None:
        return None
    figures = BranchCoverageFigure.objects.filter(office=office).values_list(
        "branch__slug", "branch__name", "members", "weight", "landscape", "covered"
    )
    counts, weights, names = {}, {}, {}
    landscape, covered = Counter(), Counter()
    for slug, name, members, weight, in_landscape, hit in figures:
        names[slug] = name
        if members:
            counts[slug] = members
        if weight:
            weights[slug] = weight
        if in_landscape:
            landscape[slug] = in_landscape
            covered[slug] = hit
    members = CountedMembers(summary.members, counts, weights)
    coverage = build_coverage(members, landscape, covered, names)
    coverage.computed_at = summary.computed_at
    if details and coverage.has_landscape:
        known = {k: v for k, v in landscape.items() if k}
        coverage.covered_ids, coverage.chains, coverage.series = _stored_details(
            office, on, known, summary.computed_at
        )
    return coverage


# How long the details of stored figures are kept (`_stored_details`), as `part_cache` keeps
# its parts: a write past the services shows within a minute, as in the figures themselves.
DETAILS_TIMEOUT = 60


def _stored_details(office: Office, on: datetime.date, known: dict, computed_at) -> tuple:
    """The covered rows, the chains and the index history that go with the stored figures.

    They follow from the same memberships and landscape as the figures, which the services
    compute again after every write to either (`computed_at` changes). So they are kept under
    the figures' moment rather than the content generation: a write anywhere else on the site
    (a goal, a meeting) makes the coverage page render again, not count its details again."""
    key = f"coverage-details:{office.pk}:{on.isoformat()}:{computed_at.isoformat()}"
    found = cache.get(key)
    if found is None:
        rows = member_rows(office, on)
        found = (rows.covered, chains_of(office, on, rows), index_history(office, known))
        cache.set(key, found, DETAILS_TIMEOUT)
    return found


def coverage_of_rows(office: Office, rows: list[ParsedRow]) -> Coverage:
    """The coverage the office would have with these (checked, unsaved) rows as landscape."""
    profile = member_profile(office)
    landscape = Counter(row.branch for row in rows)
    covered = Counter(row.branch for row in rows if profile.covers(row))
    return build_coverage(profile, landscape, covered, _branch_names())


def coverage_preview(office: Office, rows: list[ParsedRow]) -> dict:
    """What the check report shows: the index now and with this file, and the biggest gaps."""
    current = office_coverage(office, details=False)
    future = coverage_of_rows(office, rows)
    return {
        "index_now": current.index,
        "index_with_file": future.index,
        "branches": [
            {k: row[k] for k in ("name", "members", "landscape", "missing", "percent")}
            for row in future.rows[:8]
        ],
    }


def chains_of(office: Office, on: datetime.date | None = None, rows=None) -> list[dict]:
    """Chains in the landscape, by KvK number: establishments and how many are members (by
    link or establishment number: a chain's KvK number alone covers none of them). `rows`:
    the office's `member_rows`, when the caller has them already."""
    rows = rows or member_rows(office, on)
    chains = (
        LandscapeBusiness.objects.filter(office=office, is_chain=True)
        .values("kvk_number")
        .annotate(
            name=Min("trade_name"),
            establishments=Count("pk"),
            covered=Count("pk", filter=Q(pk__in=rows.exact)),
        )
        .order_by("-establishments", "name")
    )
    return list(chains)


def index_history(office: Office, landscape: dict[str, int]) -> list[dict]:
    """The index on the first of each month since the office was founded, and today."""
    today = timezone.localdate()
    memberships = office.memberships.values_list(
        "pk", "joined_on", "left_on", "entrepreneur__branches__slug"
    )
    periods: dict[int, list] = {}
    for pk, joined, left, slug in memberships:
        periods.setdefault(pk, [joined, left, []])[2].append(slug)
    member_periods = [
        rep.MemberPeriod(joined, left, rep.member_weights([[s for s in slugs if s]]))
        for joined, left, slugs in periods.values()
    ]
    days = month_starts(min(office.founded_on or today, today), today)
    if days[-1] != today:
        days.append(today)
    series = rep.index_series(member_periods, landscape, days)
    return [
        {"date": day, "index": index, "percent": 0 if index is None else round(100 * index)}
        for day, index in series
    ]


# --- the pipeline ----------------------------------------------------------------------------

STAGE_FILTERS = ("open", *ProspectStage.values)


def pipeline(
    office: Office,
    coverage: Coverage,
    stage: str = "open",
    branch: str = "",
    limit: int | None = None,
) -> list[int]:
    """Ids of the landscape businesses in the pipeline, "wie nu benaderen" first.

    The branches follow `representativeness.approach_order` (each next prospect raises the
    index most, given the ones before joined); within a branch, those further along come
    first (interested, approached, not yet approached), then by the date of the next step and
    by name. Businesses without a branch come last. `stage` is "open" (still in play) or one
    stage; "joined" includes every business that is a member now. With `limit`, only the first
    so many (the order of the first ones does not depend on the rest): then only the counts
    per branch and the first few rows of each branch needed leave the database.
    """
    rows = LandscapeBusiness.objects.filter(office=office)
    if limit is None:  # every row is read anyway: ask per row whether a member covers it
        rows = _in_stage(with_coverage(rows), stage)
    else:  # a few rows are read: leave out the covered ones, found from the members' side
        covered = coverage.covered_ids
        rows = _in_stage(rows, stage, covered_ids(office) if covered is None else covered)
    if branch == UNKNOWN:
        rows = rows.filter(branch__isnull=True)
    elif branch:
        rows = rows.filter(branch__slug=branch)
    known = {slug: n for slug, n in coverage.landscape_counts.items() if slug}
    if limit is not None:
        return _pipeline_top(rows, coverage, known, limit)
    per_branch: dict[str | None, list[int]] = defaultdict(list)
    for pk, slug in rows.order_by(*_PIPELINE_ORDER).values_list("pk", "branch__slug"):
        per_branch[slug].append(pk)
    available = {slug: len(ids) for slug, ids in per_branch.items() if slug}
    queues = {slug: iter(ids) for slug, ids in per_branch.items()}
    branches = rep.approach_order(coverage.weights, known, available, limit)
    return [next(queues[slug]) for slug in branches] + per_branch.get(None, [])


# Within a branch: interested, then approached, then the rest; then the next step's date.
_STAGE_RANK = Case(
    When(prospect__stage=ProspectStage.INTERESTED, then=Value(0)),
    When(prospect__stage=ProspectStage.APPROACHED, then=Value(1)),
    default=Value(2),
)
_PIPELINE_ORDER = (
    _STAGE_RANK,
    F("prospect__next_step_on").asc(nulls_last=True),
    "trade_name",
    "pk",
)


def _pipeline_top(rows, coverage: Coverage, known: dict, limit: int) -> list[int]:
    """The first `limit` ids of `pipeline`: two queries, the counts per branch and the first
    rows of each branch the order needs (numbered per branch in the database)."""
    counts = dict(rows.values_list("branch__slug").annotate(n=Count("pk")).order_by())
    available = {slug: n for slug, n in counts.items() if slug}
    branches = rep.approach_order(coverage.weights, known, available, limit)
    wanted = Counter(branches)
    unknown = limit - len(branches) if counts.get(None) else 0
    if not wanted and not unknown:
        return []
    in_branch = Window(RowNumber(), partition_by=[F("branch_id")], order_by=list(_PIPELINE_ORDER))
    chosen = Q(branch__slug__in=list(wanted))
    if unknown:
        chosen |= Q(branch__isnull=True)
    firsts = (
        rows.filter(chosen)
        .annotate(number_in_branch=in_branch)
        .filter(number_in_branch__lte=max([*wanted.values(), unknown]))
        .order_by("number_in_branch")
        .values_list("pk", "branch__slug")
    )
    per_branch: dict[str | None, list[int]] = defaultdict(list)
    for pk, slug in firsts:
        per_branch[slug].append(pk)
    queues = {slug: iter(ids) for slug, ids in per_branch.items()}
    order = [next(queues[slug]) for slug in branches] + per_branch.get(None, [])[:unknown]
    return order[:limit]


@dataclass(frozen=True)
class MemberRows:
    """The office's landscape rows that current members cover (`covered`, the module's one
    definition) and those a member covers by link or establishment number (`exact`)."""

    covered: set[int]
    exact: set[int]


def member_rows(office: Office, on: datetime.date | None = None) -> MemberRows:
    """`MemberRows` found from the members' side in two queries: the rows linked to a member
    or sharing a member's KvK number are few, where asking for every row whether a member
    covers it (`with_coverage`) costs three subqueries a row."""
    profile = _member_keys(office, on)
    candidates = LandscapeBusiness.objects.filter(office=office).filter(
        Q(entrepreneur_id__in=profile.ids) | Q(kvk_number__in={kvk for kvk, _e in profile.keys})
    )
    covered, exact = set(), set()
    for pk, entrepreneur_id, kvk, establishment, is_chain in candidates.values_list(
        "pk", "entrepreneur_id", "kvk_number", "establishment_number", "is_chain"
    ):
        if entrepreneur_id in profile.ids or (kvk, establishment) in profile.keys:
            exact.add(pk)
            covered.add(pk)
        elif kvk in profile.loose_kvks and not is_chain:
            covered.add(pk)
    return MemberRows(covered, exact)


def _member_keys(office: Office, on: datetime.date | None) -> MemberProfile:
    """A `MemberProfile` with only what decides coverage (ids and KvK keys, no branches): one
    query over the office's current members, without the branches' join."""
    profile = MemberProfile()
    rows = (
        Membership.objects.active_on(on or timezone.localdate())
        .filter(office=office)
        .values_list(
            "entrepreneur_id", "entrepreneur__kvk_number", "entrepreneur__establishment_number"
        )
        .order_by()
    )
    for entrepreneur_id, kvk, establishment in rows:
        profile.ids.add(entrepreneur_id)
        profile.keys.add((kvk, establishment))
        if not establishment:
            profile.loose_kvks.add(kvk)
    return profile


def covered_ids(office: Office, on: datetime.date | None = None) -> set[int]:
    """Ids of the office's landscape rows that a current member covers (`member_rows`)."""
    return member_rows(office, on).covered


def _in_stage(rows, stage: str, covered: set[int] | None = None):
    """The rows in `stage`; members are covered by `COVERED` (rows from `with_coverage`), or,
    given `covered`, are the rows with those ids."""
    is_covered = COVERED if covered is None else Q(pk__in=covered)
    if stage == ProspectStage.JOINED:
        return rows.filter(is_covered | Q(prospect__stage=ProspectStage.JOINED))
    rows = rows.exclude(is_covered)
    if stage == "open":
        return rows.filter(Q(prospect__isnull=True) | Q(prospect__stage__in=OPEN_STAGES))
    if stage == ProspectStage.TO_APPROACH:
        return rows.filter(Q(prospect__isnull=True) | Q(prospect__stage=stage))
    if stage in ProspectStage.values:
        return rows.filter(prospect__stage=stage)
    return rows


# What the coverage page's "wie nu benaderen" list shows of a business (`next_prospects`).
_LISTED = ("trade_name", "place", "branch__slug", "branch__name", "prospect__stage")


def businesses(ids: list[int], coverage: Coverage, *, listed: bool = False) -> list:
    """The businesses with these ids, in this order, with `.gain` (if it alone joined now)
    and `.pipeline` (its `Prospect` or None) set for the templates and exports. `listed`:
    only the fields of the coverage page's short list, one join less and no municipality."""
    if listed:
        query = LandscapeBusiness.objects.select_related("branch", "prospect").only(*_LISTED)
    else:
        query = LandscapeBusiness.objects.select_related(
            "branch", "prospect", "prospect__owner", "municipality"
        )
    found = query.in_bulk(ids)
    rows = [found[pk] for pk in ids if pk in found]
    for business in rows:
        business.gain = coverage.gains.get(business.branch.slug) if business.branch else None
        business.pipeline = getattr(business, "prospect", None)
    return rows


def next_prospects(office: Office, coverage: Coverage, limit: int = NEXT_PROSPECTS) -> list:
    """The top of "wie nu benaderen": open prospects whose branch the index needs more of."""
    ids = pipeline(office, coverage, limit=limit * 3)
    rows = [b for b in businesses(ids, coverage, listed=True) if b.gain is not None and b.gain > 0]
    return rows[:limit]


def suggestions_to_review(office: Office) -> int:
    return office.landscape.filter(suggested_entrepreneur__isnull=False).count()


def latest_import(office: Office) -> ImportJob | None:
    return office.landscape_imports.filter(status=ImportStatus.DONE).first()


# --- the national view -----------------------------------------------------------------------

INDEX_BANDS = ((0.85, "4"), (0.7, "3"), (0.55, "2"), (0.4, "1"), (0.0, "0"))


def index_band(index: float | None) -> str:
    """A colour class for the map: 0 (far from a mirror) … 4 (close), or "none".

    >>> index_band(0.9), index_band(0.41), index_band(None)
    ('4', '1', 'none')
    """
    if index is None:
        return "none"
    return next(band for floor, band in INDEX_BANDS if index >= floor)


def landscape_counts(office_ids, on: datetime.date | None = None) -> tuple[dict, dict]:
    """Per office: businesses per branch slug (None: not classified) and those covered on `on`,
    in one grouped query over the offices' landscapes."""
    grouped = (
        with_coverage(LandscapeBusiness.objects.filter(office_id__in=office_ids), on)
        .values("office_id", "branch__slug")
        .annotate(total=Count("pk"), covered=Count("pk", filter=COVERED))
        .order_by()
    )
    landscape: dict[int, Counter] = defaultdict(Counter)
    covered: dict[int, Counter] = defaultdict(Counter)
    for row in grouped:
        landscape[row["office_id"]][row["branch__slug"]] += row["total"]
        covered[row["office_id"]][row["branch__slug"]] += row["covered"]
    return landscape, covered


def biggest_gap(coverage: Coverage) -> dict | None:
    """The coverage table's first classified branch with businesses not yet a member."""
    return next((r for r in coverage.rows if r["branch"] != UNKNOWN and r["missing"]), None)


def office_coverages(office_ids, profiles: dict[int, MemberProfile]) -> dict[int, Coverage]:
    """Coverage per office with a stored landscape (the others are left out), from the members'
    `profiles` (`member_profiles`) and two more queries, whatever the number of offices."""
    landscape, covered = landscape_counts(office_ids)
    names = _branch_names()
    return {
        office_id: build_coverage(
            profiles[office_id], landscape[office_id], covered[office_id], names, ranking=False
        )
        for office_id in office_ids
        if landscape.get(office_id)
    }


def coverage_figures(office_ids, today) -> dict[int, dict]:
    """Per office: current `members` and `representativeness`, the index rounded to three
    decimals (None without a landscape, or when the index cannot be computed)."""
    profiles = member_profiles(office_ids, today)
    coverages = office_coverages(office_ids, profiles)
    result = {}
    for office_id in office_ids:
        coverage = coverages.get(office_id)
        index = None
        if coverage is not None and coverage.index is not None:
            index = round(coverage.index, 3)
        result[office_id] = {"members": profiles[office_id].total, "representativeness": index}
    return result


def national_overview_from_scratch() -> dict:
    """Index per office, the branches missing most in the country, offices without landscape,
    all counted now from the landscapes and memberships (what `OfficeCoverage` stores)."""
    offices = list(Office.objects.working().prefetch_related("municipalities").order_by("name"))
    ids = [office.pk for office in offices]
    landscape, covered = landscape_counts(ids)
    profiles = member_profiles(ids)
    names = _branch_names()
    rows, mixes = [], []
    for office in offices:
        if not landscape.get(office.pk):
            continue
        coverage = build_coverage(
            profiles[office.pk], landscape[office.pk], covered[office.pk], names, ranking=False
        )
        rows.append({"office": office, "coverage": coverage, "biggest_gap": biggest_gap(coverage)})
        known = {k: v for k, v in landscape[office.pk].items() if k}
        mixes.append(rep.OfficeMix(profiles[office.pk].weights, known, covered[office.pk]))
    rows.sort(key=lambda r: (_sortable(r["coverage"].index), r["office"].name))
    with_landscape = {row["office"].pk for row in rows}
    return {
        "rows": rows,
        "gaps": [_gap_row(gap, names) for gap in rep.national_gaps(mixes)],
        "without": [office for office in offices if office.pk not in with_landscape],
    }


def _gap_row(gap: rep.BranchGap, names: dict[str, str]) -> dict:
    return {
        "gap": gap,
        "name": names.get(gap.branch, gap.branch),
        "percent": None if not gap.landscape else round(100 * gap.covered / gap.landscape),
        "shortfall_points": round(100 * gap.shortfall, 1),
    }


def _sortable(index: float | None) -> float:
    return -1.0 if index is None else index


def national_figures() -> list[dict]:
    """Every working office (`pk`, `name`, `slug`) with its stored figures, by name, in one
    query: `index`, `members`, `landscape`, `gap` (the branch's name) with `gap_covered` and
    `gap_landscape`, `computed_on` and `computed_at`; all None where none are stored yet."""
    stored = "coverage_figures__"
    fields = ("index", "members", "landscape", "gap_covered", "gap_landscape")
    fields += ("computed_on", "computed_at")
    rows = (
        Office.objects.working()
        .order_by("name")
        .values("pk", "name", "slug", stored + "gap_branch__name", *(stored + f for f in fields))
    )
    names = {stored + "gap_branch__name": "gap", **{stored + f: f for f in fields}}
    return [{names.get(key, key): value for key, value in row.items()} for row in rows]


def national_rows(figures: list[dict]) -> list[dict]:
    """The offices with a landscape, weakest index first (no index before all others), then
    by name: what the page shows 25 at a time."""
    rows = [row for row in figures if row["landscape"]]
    rows.sort(key=lambda row: (_sortable(row["index"]), row["name"]))
    return rows


def national_overview(figures: list[dict]) -> dict:
    """The national page from the precomputed figures (`national_figures`, kept current by
    `services.coverage_refresh` and `services.coverage_ensure_current`): the offices in
    order, those without landscape, the gaps of the country, the map's colours, and when the
    oldest figures shown were computed, which the page states. Two queries."""
    rows = national_rows(figures)
    moments = [row["computed_at"] for row in figures if row["computed_at"] is not None]
    return {
        "rows": rows,
        "gaps": national_gaps_stored(sum(1 for row in rows if row["index"] is not None)),
        "without": [row for row in figures if not row["landscape"]],
        "map_colours": _map_colours(figures),
        "computed_at": min(moments, default=None),
    }


def national_gaps_stored(counted: int) -> list[dict]:
    """`representativeness.national_gaps` over the stored figures of the working offices:
    sums per branch in one query, the shortfall averaged over the `counted` offices with a
    classified landscape (those with an index)."""
    if not counted:
        return []
    offices = Office.objects.working()
    grouped = (
        BranchCoverageFigure.objects.filter(
            office__in=offices, branch__isnull=False, landscape__gt=0
        )
        .values("branch__slug", "branch__name")
        .annotate(landscape=Sum("landscape"), covered=Sum("covered"), shortfall=Sum("shortfall"))
        .order_by()
    )
    names, gaps = {}, []
    for row in grouped:
        names[row["branch__slug"]] = row["branch__name"]
        shortfall = row["shortfall"] / counted
        gaps.append(rep.BranchGap(row["branch__slug"], row["landscape"], row["covered"], shortfall))
    gaps.sort(key=lambda g: (-round(g.shortfall, 9), -g.missing, g.branch))
    return [_gap_row(gap, names) for gap in gaps]


def _map_colours(figures: list[dict]) -> dict[str, dict]:
    """Per municipality code: its office (name, slug, link), the colour band and the index in
    percent, in one query. Where two offices share a municipality, as the map always did: an
    office without landscape wins, then the higher index, then the later name."""
    by_office = {row["pk"]: row for row in figures}
    links = Office.municipalities.through.objects.filter(
        office__in=Office.objects.working()
    ).values_list("municipality__code", "office_id")
    url = reverse("representation:office", args=["__slug__"])

    def drawn_order(link):
        office = by_office[link[1]]
        if not office["landscape"]:
            return (1, 0.0, office["name"])
        return (0, _sortable(office["index"]), office["name"])

    colours = {}
    for code, office_id in sorted(links, key=drawn_order):
        office = by_office[office_id]
        index = office["index"] if office["landscape"] else None
        colours[code] = {
            "office": {
                "slug": office["slug"],
                "name": office["name"],
                "url": url.replace("__slug__", office["slug"]),
            },
            "band": index_band(index) if office["landscape"] else "none",
            "percent": None if index is None else round(100 * index),
        }
    return colours


# --- the landscapes of all offices ------------------------------------------------------------

# A KvK export older than this misses new businesses and keeps closed ones: time for a new one.
STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class LandscapeStatus:
    office: Office
    businesses: int
    read_at: datetime.datetime | None  # when the landscape was last read (any of its rows)
    age_days: int | None

    @property
    def state(self) -> str:
        """ "none", "stale" (over a year old) or "current"."""
        if self.read_at is None:
            return "none"
        return "stale" if self.age_days > STALE_AFTER_DAYS else "current"

    @property
    def age_months(self) -> int | None:
        """The age in whole months (30.4 days), as the notice to refresh it says it."""
        return None if self.age_days is None else int(self.age_days // 30.4)


def landscape_status_of(office: Office, now: datetime.datetime | None = None) -> LandscapeStatus:
    """How old one office's landscape is (one query): the lead's notice to refresh a stale one."""
    now = now or timezone.now()
    found = LandscapeBusiness.objects.filter(office=office).aggregate(
        read_at=Max("last_imported_at"), businesses=Count("id")
    )
    read_at = found["read_at"]
    return LandscapeStatus(
        office=office,
        businesses=found["businesses"],
        read_at=read_at,
        age_days=None if read_at is None else (now - read_at).days,
    )


def landscape_statuses(now: datetime.datetime | None = None) -> list[LandscapeStatus]:
    """Every office (not dissolved) with the age of its landscape, in one query: those without
    one first, then the oldest, so POS sees at the top whom to ask for a (new) KvK export."""
    now = now or timezone.now()
    offices = (
        Office.objects.working()
        .annotate(read_at=Max("landscape__last_imported_at"), businesses=Count("landscape"))
        .order_by("name")
    )
    statuses = [
        LandscapeStatus(
            office=office,
            businesses=office.businesses,
            read_at=office.read_at,
            age_days=None if office.read_at is None else (now - office.read_at).days,
        )
        for office in offices
    ]
    statuses.sort(key=lambda s: (s.read_at is not None, s.read_at or now))
    return statuses


# --- the start page's to-do items (one query) -----------------------------------------------


def offices_without_landscape(viewer) -> list[ToDo]:
    """For POS: one line for the offices (not dissolved) that have no landscape yet, so their
    representativeness cannot be measured; it names the first few."""
    if not access.can_view_national_overview(viewer):
        return []
    names = list(
        Office.objects.working()
        .filter(~Exists(LandscapeBusiness.objects.filter(office=OuterRef("pk"))))
        .order_by("name")
        .values_list("name", flat=True)
    )
    if not names:
        return []
    listed = ", ".join(names[:SHOWN])
    if len(names) > SHOWN:
        rest = len(names) - SHOWN
        listed = ngettext("%(names)s en %(count)s ander", "%(names)s en %(count)s andere", rest) % {
            "names": listed,
            "count": rest,
        }
    return [
        ToDo(
            title=ngettext(
                "%(count)s kantoor heeft nog geen landschap",
                "%(count)s kantoren hebben nog geen landschap",
                len(names),
            )
            % {"count": len(names)},
            detail=_("Zonder landschap is de afspiegeling niet te meten: %(offices)s.")
            % {"offices": listed},
            url=reverse("representation:landscapes"),
            count=len(names),
        )
    ]
