"""Stall signals ("doorpak-signalen"): rules that flag an office that is losing momentum.

The report (ch. 5.1) warns that offices lose relevance when they wait too long after a flying
start. Each rule looks at plain facts about one office on one day and returns a `Finding` when
it trips; the app stores findings as open signals and closes them when the rule no longer trips.
Thresholds come from `Thresholds` (POS staff can change them); severities escalate when a
condition lasts twice as long as its threshold.

Rules (codes are stable, texts live in the app):

- ``no_session``: no strategy session planned or held, ``months_to_first_session`` after founding;
- ``no_smart_goal``: no SMART goal, ``months_session_to_goal`` after the last session held;
- ``no_activity``: no project update, meeting or new member for ``inactive_days``;
- ``shrinking``: fewer members now than ``shrink_months`` ago;
- ``single_lead``: for ``single_lead_days`` every recorded action was by one person;
- ``support_overdue``: a support request is open past its service-level target;
- ``member_value``: in the last closed member check the members rate what the office brings
  them below ``member_value_min`` (1–5), or ``member_value_drop`` lower than the round before
  (only rounds with at least five answers count: fewer say little and are not shown);
- ``member_response``: fewer than ``member_response_min_percent`` of the members answered the
  last closed member check (offices of five members or more).

>>> import datetime as dt
>>> facts = OfficeStallFacts(today=dt.date(2025, 1, 1), founded_on=dt.date(2024, 1, 1),
...     sessions=0, last_session_held_on=None, smart_goals=0,
...     last_activity_on=dt.date(2024, 12, 1), members_now=10, members_before=12,
...     recent_actors=2, recent_actions=5, overdue_support_requests=0)
>>> [(f.rule, f.severity) for f in evaluate(facts)]
[('no_session', 'critical'), ('shrinking', 'warning')]
"""

import datetime
from dataclasses import dataclass, field

WARNING = "warning"
CRITICAL = "critical"
RULES = (
    "no_session",
    "no_smart_goal",
    "no_activity",
    "shrinking",
    "single_lead",
    "support_overdue",
    "member_value",
    "member_response",
)


@dataclass(frozen=True)
class Thresholds:
    months_to_first_session: int = 6
    months_session_to_goal: int = 3
    inactive_days: int = 90
    shrink_months: int = 6
    single_lead_days: int = 90
    single_lead_min_actions: int = 3
    member_value_min: float = 3.0
    member_value_drop: float = 0.5
    member_response_min_percent: int = 25
    enabled: frozenset[str] = field(default_factory=lambda: frozenset(RULES))


@dataclass(frozen=True)
class MemberCheckFacts:
    """The office's last closed member check; a value is None below five answers."""

    round_name: str
    members: int  # on the round's first day
    responses: int
    value: float | None
    previous_value: float | None = None


@dataclass(frozen=True)
class OfficeStallFacts:
    today: datetime.date
    founded_on: datetime.date
    sessions: int  # planned or held
    last_session_held_on: datetime.date | None
    smart_goals: int
    last_activity_on: datetime.date | None
    members_now: int
    members_before: int  # `shrink_months` ago
    recent_actors: int  # distinct people acting within `single_lead_days`
    recent_actions: int
    overdue_support_requests: int
    member_check: MemberCheckFacts | None = None


@dataclass(frozen=True)
class Finding:
    """A tripped rule; `since` is the day the condition started to count as stalling."""

    rule: str
    severity: str
    params: dict
    since: datetime.date | None = None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day `months` later, clipped to the month's end.

    >>> add_months(datetime.date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def _severity(overdue_since: datetime.date, today: datetime.date, threshold_days: int) -> str:
    """Critical once the condition has lasted twice its threshold."""
    return CRITICAL if (today - overdue_since).days >= threshold_days else WARNING


def rule_no_session(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    due = add_months(f.founded_on, t.months_to_first_session)
    if f.sessions or f.today < due:
        return None
    days = (due - f.founded_on).days
    months = t.months_to_first_session
    severity = _severity(due, f.today, days)
    return Finding("no_session", severity, {"months": months, "since": due}, since=due)


def rule_no_smart_goal(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    if f.last_session_held_on is None or f.smart_goals:
        return None
    due = add_months(f.last_session_held_on, t.months_session_to_goal)
    if f.today < due:
        return None
    days = (due - f.last_session_held_on).days
    params = {"months": t.months_session_to_goal, "session_on": f.last_session_held_on}
    return Finding("no_smart_goal", _severity(due, f.today, days), params, since=due)


def rule_no_activity(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    last = f.last_activity_on or f.founded_on
    quiet_days = (f.today - last).days
    if quiet_days < t.inactive_days:
        return None
    severity = CRITICAL if quiet_days >= 2 * t.inactive_days else WARNING
    since = last + datetime.timedelta(days=t.inactive_days)
    return Finding("no_activity", severity, {"days": quiet_days, "last": last}, since=since)


def rule_shrinking(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    if f.members_now >= f.members_before:
        return None
    lost = f.members_before - f.members_now
    severity = CRITICAL if lost * 5 >= f.members_before else WARNING  # lost a fifth or more
    params = {"months": t.shrink_months, "before": f.members_before, "now": f.members_now}
    return Finding("shrinking", severity, params)


def rule_single_lead(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    if f.recent_actors != 1 or f.recent_actions < t.single_lead_min_actions:
        return None
    params = {"days": t.single_lead_days, "actions": f.recent_actions}
    return Finding("single_lead", WARNING, params)


def rule_support_overdue(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    if not f.overdue_support_requests:
        return None
    return Finding("support_overdue", WARNING, {"count": f.overdue_support_requests})


def rule_member_value(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    """
    >>> import datetime as dt
    >>> facts = lambda value, previous: OfficeStallFacts(dt.date(2026, 1, 1), dt.date(2024, 1, 1),
    ...     1, None, 1, None, 20, 20, 2, 5, 0, MemberCheckFacts("najaar", 20, 12, value, previous))
    >>> [rule_member_value(facts(v, p), Thresholds()) for v, p in ((3.8, 4.0), (None, 1.0))]
    [None, None]
    >>> [rule_member_value(facts(v, p), Thresholds()).severity
    ...  for v, p in ((3.4, 4.1), (2.4, None))]
    ['warning', 'critical']
    """
    check = f.member_check
    if check is None or check.value is None:
        return None
    low = check.value < t.member_value_min
    dropped = check.previous_value is not None and (
        check.previous_value - check.value >= t.member_value_drop - 1e-9
    )
    if not (low or dropped):
        return None
    fall = check.previous_value - check.value if check.previous_value is not None else 0
    severity = CRITICAL if check.value < t.member_value_min - 0.5 or fall >= 1 else WARNING
    params = {
        "round": check.round_name,
        "score": f"{check.value:.1f}".replace(".", ","),
        "previous": "–"
        if check.previous_value is None
        else f"{check.previous_value:.1f}".replace(".", ","),
        "responses": check.responses,
    }
    return Finding("member_value", severity, params)


def rule_member_response(f: OfficeStallFacts, t: Thresholds) -> Finding | None:
    check = f.member_check
    if check is None or check.members < 5:
        return None
    if check.responses * 100 >= t.member_response_min_percent * check.members:
        return None
    params = {"round": check.round_name, "responses": check.responses, "members": check.members}
    return Finding("member_response", WARNING, params)


RULE_FUNCTIONS = {
    "no_session": rule_no_session,
    "no_smart_goal": rule_no_smart_goal,
    "no_activity": rule_no_activity,
    "shrinking": rule_shrinking,
    "single_lead": rule_single_lead,
    "support_overdue": rule_support_overdue,
    "member_value": rule_member_value,
    "member_response": rule_member_response,
}


def evaluate(facts: OfficeStallFacts, thresholds: Thresholds | None = None) -> list[Finding]:
    """Every enabled rule that trips for this office today, in the order of `RULES`."""
    thresholds = thresholds or Thresholds()
    findings = []
    for rule in RULES:
        if rule not in thresholds.enabled:
            continue
        finding = RULE_FUNCTIONS[rule](facts, thresholds)
        if finding:
            findings.append(finding)
    return findings
