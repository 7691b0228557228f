"""Collect, in a fixed number of queries, the facts the phase and stall rules need per office.

This is the one bridge between the ORM and the pure rules in `kapstok.analysis.phases` and
`kapstok.analysis.stall_rules`: about ten grouped queries for any number of offices, so the
national dashboard and `compute_signals` stay flat as the network grows.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from kapstok.analysis.phases import MIN_MEASURED_PERIODS, OfficeFacts, PhaseResult, derive_phase
from kapstok.analysis.smart import GoalFacts, is_smart
from kapstok.analysis.stall_rules import (
    MemberCheckFacts,
    OfficeStallFacts,
    Thresholds,
    add_months,
)
from kapstok.goals.models import Goal, GoalStatus, Measurement, Project, WorkStatus
from kapstok.membercheck.selectors import closed_trends
from kapstok.network.models import ACTIVITY_KINDS, Membership, Office, OfficeEvent
from kapstok.strategy.models import StrategySession

# Open support requests past their service-level target, per office id: the `support_overdue`
# stall signal's fact. Support registers it in `ready()` (support builds on progress: its report
# groups requests by phase), so progress does not import support.
OverdueCounts = Callable[[Iterable[int], datetime.date], dict[int, int]]
_overdue_counts: OverdueCounts | None = None


def register_overdue_counts(counts: OverdueCounts) -> None:
    global _overdue_counts
    _overdue_counts = counts


@dataclass(frozen=True)
class OfficeState:
    office_id: int
    phase: PhaseResult
    stall: OfficeStallFacts
    smart_goals: int


def _members_on(office_ids, on: datetime.date) -> dict[int, int]:
    rows = (
        Membership.objects.active_on(on)
        .filter(office_id__in=office_ids)
        .values("office_id")
        .annotate(n=Count("id"))
    )
    return {row["office_id"]: row["n"] for row in rows}


def _sessions(office_ids, now) -> dict[int, dict]:
    rows = (
        StrategySession.objects.filter(office_id__in=office_ids)
        .values("office_id")
        .annotate(count=Count("id"), last_held=Max("starts_at", filter=Q(starts_at__lte=now)))
    )
    return {row["office_id"]: row for row in rows}


def _smart_candidates(office_ids, made_by=None):
    """Open goals that can be SMART, with whether one of their projects is running; with
    `made_by` (a moment), only the goals made by then.

    A goal with an empty indicator or unit, or without a target, owner or deadline, is never
    SMART, so the database leaves those out; `is_smart` still decides for the rest (it also
    checks the description and whitespace-only fields). No ordering: only counts are wanted.
    """
    running = Project.objects.filter(strategy__goal=OuterRef("pk"), status=WorkStatus.RUNNING)
    goals = Goal.objects.all() if made_by is None else Goal.objects.filter(created_at__lte=made_by)
    return (
        goals.filter(
            office_id__in=office_ids,
            status=GoalStatus.OPEN,
            target_value__isnull=False,
            owner__isnull=False,
            deadline__isnull=False,
        )
        .exclude(indicator="")
        .exclude(unit="")
        .annotate(running=Exists(running))
        .order_by()
        .values_list("office_id", "title", "description", "indicator", "unit", "running")
    )


# What `_goal_facts` tells `is_smart` of a candidate's target: that it has one.
TARGET_SET = 1.0


def _goal_facts(office_ids, made_by=None) -> tuple[dict[int, int], dict[int, int]]:
    """SMART open goals per office, and SMART open goals with a running project per office
    (only the goals made by `made_by`, when given)."""
    smart, smart_running = defaultdict(int), defaultdict(int)
    rows = _smart_candidates(office_ids, made_by)
    for office_id, title, description, indicator, unit, running in rows:
        facts = GoalFacts(
            description=f"{title} {description}".strip(),
            indicator=indicator,
            # Set on every candidate (the query leaves out the rest); its value is not needed,
            # and reading it would convert thousands of decimals for nothing.
            target_value=TARGET_SET,
            unit=unit,
            has_owner=True,
            deadline_set=True,
        )
        if is_smart(facts):
            smart[office_id] += 1
            if running:
                smart_running[office_id] += 1
    return smart, smart_running


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def _measured_quarters(office_ids, up_to: datetime.date | None = None) -> dict[int, int]:
    """Distinct calendar quarters with at least one indicator measurement, per office (only
    those measured up to `up_to`, when given)."""
    quarters = defaultdict(set)
    measurements = Measurement.objects.filter(goal__office_id__in=office_ids)
    if up_to is not None:
        measurements = measurements.filter(measured_on__lte=up_to)
    # order_by(): the model's default ordering would add its columns to the DISTINCT.
    rows = measurements.order_by().values_list("goal__office_id", "measured_on").distinct()
    for office_id, day in rows:
        quarters[office_id].add(_quarter(day))
    return {office_id: len(periods) for office_id, periods in quarters.items()}


def _measured_quarters_up_to_the_phase(office_ids) -> dict[int, int]:
    """Per office: 0 or 1 measured quarters, or `MIN_MEASURED_PERIODS` for "at least that many".

    All the phase asks is whether indicators were measured in two quarters, and that holds
    exactly when the first and the last measurement fall in different quarters. So the
    database gives one row per office (its first and last day) instead of every distinct
    measuring day, which `_measured_quarters` carries into Python to count them exactly.
    """
    rows = (
        Measurement.objects.filter(goal__office_id__in=office_ids)
        .order_by()
        .values("goal__office_id")
        .annotate(first=Min("measured_on"), last=Max("measured_on"))
    )
    return {
        row["goal__office_id"]: 1
        if _quarter(row["first"]) == _quarter(row["last"])
        else MIN_MEASURED_PERIODS
        for row in rows
    }


def _last_activity(office_ids) -> dict[int, datetime.date]:
    """The day of the latest activity event or member joining, per office.

    The latest event is a subquery per office, not a Max over all events: it walks the
    (office, occurred_at) index backwards and stops at the first activity, where a grouped Max
    reads every event of two years.
    """
    last = {}
    latest = (
        OfficeEvent.objects.filter(office=OuterRef("pk"), kind__in=ACTIVITY_KINDS)
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    events = (
        Office.objects.filter(pk__in=office_ids)
        .order_by()
        .annotate(last=Subquery(latest))
        .values_list("pk", "last")
    )
    for office_id, occurred_at in events:
        if occurred_at is not None:
            last[office_id] = timezone.localdate(occurred_at)
    joins = (
        Membership.objects.filter(office_id__in=office_ids)
        .values("office_id")
        .annotate(last=Max("joined_on"))
    )
    for row in joins:
        if row["office_id"] not in last or row["last"] > last[row["office_id"]]:
            last[row["office_id"]] = row["last"]
    return last


def _recent_actors(office_ids, since) -> dict[int, tuple[int, int]]:
    """(distinct people, actions) per office since a moment; anonymous system lines excluded."""
    rows = (
        OfficeEvent.objects.filter(
            office_id__in=office_ids, occurred_at__gte=since, actor__isnull=False
        )
        .values("office_id")
        .annotate(actors=Count("actor", distinct=True), actions=Count("id"))
    )
    return {row["office_id"]: (row["actors"], row["actions"]) for row in rows}


def office_states(
    offices, today: datetime.date | None = None, thresholds: Thresholds | None = None
) -> dict[int, OfficeState]:
    """Phase and stall facts for every office in `offices` (a queryset or list of offices)."""
    today = today or timezone.localdate()
    thresholds = thresholds or Thresholds()
    offices = list(offices)
    ids = [office.pk for office in offices]
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    members_now = _members_on(ids, today)
    members_before = _members_on(ids, add_months(today, -thresholds.shrink_months))
    sessions = _sessions(ids, now)
    smart, smart_running = _goal_facts(ids)
    quarters = _measured_quarters(ids)
    last_activity = _last_activity(ids)
    since = now - datetime.timedelta(days=thresholds.single_lead_days)
    actors = _recent_actors(ids, since)
    overdue = _overdue_counts(ids, today) if _overdue_counts else {}
    checks = _member_checks(ids)
    states = {}
    for office in offices:
        session = sessions.get(office.pk, {})
        last_held = session.get("last_held")
        phase = _phase(office.pk, members_now, sessions, smart_running, quarters)
        stall = OfficeStallFacts(
            today=today,
            # An office in founding counts from today: no stall signal runs for it (only active
            # offices are checked), and its phase starts when it is founded.
            founded_on=office.founded_on or today,
            sessions=session.get("count", 0),
            last_session_held_on=timezone.localdate(last_held) if last_held else None,
            smart_goals=smart.get(office.pk, 0),
            last_activity_on=last_activity.get(office.pk),
            members_now=members_now.get(office.pk, 0),
            members_before=members_before.get(office.pk, 0),
            recent_actors=actors.get(office.pk, (0, 0))[0],
            recent_actions=actors.get(office.pk, (0, 0))[1],
            overdue_support_requests=overdue.get(office.pk, 0),
            member_check=checks.get(office.pk),
        )
        states[office.pk] = OfficeState(office.pk, phase, stall, smart.get(office.pk, 0))
    return states


def _member_checks(office_ids) -> dict[int, MemberCheckFacts]:
    """The last closed member check per office, with the round before's score."""
    facts = {}
    for office_id, trend in closed_trends(office_ids).items():
        latest, previous = trend.latest, trend.previous
        facts[office_id] = MemberCheckFacts(
            round_name=latest.name,
            members=latest.members,
            responses=latest.responses,
            value=latest.value,
            previous_value=previous.value if previous else None,
        )
    return facts


def office_phases(offices, today: datetime.date | None = None, *, as_of: bool = False) -> dict:
    """The phase (`derive_phase`'s result) of every office in `offices`, without the stall
    facts: four grouped queries instead of nine and no support clocks, for lists and reports
    that show only the phase.

    With `as_of`, for a snapshot of an earlier day: goals made and measurements taken after
    `today` do not count (a project's status has no history, so its current one is used).
    """
    today = today or timezone.localdate()
    ids = [office.pk for office in offices]
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    members_now = _members_on(ids, today)
    sessions = _sessions(ids, now)
    _smart, smart_running = _goal_facts(ids, now if as_of else None)
    quarters = _measured_quarters(ids, today if as_of else None)
    return {pk: _phase(pk, members_now, sessions, smart_running, quarters) for pk in ids}


def phases_and_smart_goals(offices, today: datetime.date | None = None) -> dict:
    """{office id: (phase, number of SMART open goals)}: what the municipality portal shows of
    each office's progress, from the four grouped queries of `office_phases` (the stall facts
    of `office_states` cost nine more and appear on no page outside the office)."""
    today = today or timezone.localdate()
    ids = [office.pk for office in offices]
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    members_now = _members_on(ids, today)
    sessions = _sessions(ids, now)
    smart, smart_running = _goal_facts(ids)
    quarters = _measured_quarters(ids)
    return {
        pk: (_phase(pk, members_now, sessions, smart_running, quarters), smart.get(pk, 0))
        for pk in ids
    }


def _phase(office_id: int, members_now, sessions, smart_running, quarters):
    return derive_phase(
        OfficeFacts(
            member_count=members_now.get(office_id, 0),
            sessions_planned_or_held=sessions.get(office_id, {}).get("count", 0),
            smart_goals_with_running_project=smart_running.get(office_id, 0),
            measured_periods=quarters.get(office_id, 0),
        )
    )


@dataclass(frozen=True)
class OfficeOverview:
    phase: PhaseResult
    smart_goals: int
    members: int


def office_overviews(
    office_ids, today: datetime.date | None = None, *, among=None
) -> dict[int, OfficeOverview]:
    """Phase, SMART open goals and current members of every office, for the national dashboard.

    What `office_states` gives that page, without the stall facts it never shows: four grouped
    queries instead of nine, and no support clocks for every open request of the network. The
    page shows each office's phase, not its evidence, so the measured quarters are counted only
    as far as the phase needs (`_measured_quarters_up_to_the_phase`): the phases are those of
    `office_states`, an evidence value of 2 measured quarters means "2 or more".

    `among`, when given, is a subquery of office ids that holds `office_ids` (the queryset they
    were selected with): the grouped queries filter on it rather than on hundreds of
    parameters, which both databases plan and compare faster.
    """
    today = today or timezone.localdate()
    ids = list(office_ids)
    scope = ids if among is None else among
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    members_now = _members_on(scope, today)
    sessions = _sessions(scope, now)
    smart, smart_running = _goal_facts(scope)
    quarters = _measured_quarters_up_to_the_phase(scope)
    return {
        pk: OfficeOverview(
            _phase(pk, members_now, sessions, smart_running, quarters),
            smart.get(pk, 0),
            members_now.get(pk, 0),
        )
        for pk in ids
    }
