"""Properties of the office rules a lead and POS staff rely on, for any facts (Hypothesis).

The example tests (test_kapstok_rules.py, test_rule_edges.py) pin single cases; these state what
must hold for every input: a phase is the longest run of met evidence and never falls back when
facts only grow, the SMART check lists what is missing in one fixed order, a roll-up is a mean of
what counts, each stall rule trips exactly at its threshold, member counts agree with a plain
count, and the comparison of role-agreement views splits every cell into agreed or disputed.
"""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.analysis import membership
from kapstok.analysis.phases import PHASES, OfficeFacts, derive_phase
from kapstok.analysis.progress import Node, rolled_up
from kapstok.analysis.role_matrix import DECIDES, consensus, decision_warnings, differences
from kapstok.analysis.smart import GoalFacts, is_smart, missing_for_smart
from kapstok.analysis.stall_rules import (
    CRITICAL,
    RULES,
    WARNING,
    OfficeStallFacts,
    Thresholds,
    add_months,
    evaluate,
)

SETTINGS = settings(max_examples=100, deadline=None)
DAYS = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2035, 12, 31))
COUNTS = st.integers(min_value=0, max_value=200)

# --- phases --------------------------------------------------------------------------------

office_facts = st.builds(
    OfficeFacts,
    member_count=COUNTS,
    sessions_planned_or_held=COUNTS,
    smart_goals_with_running_project=COUNTS,
    measured_periods=st.integers(min_value=0, max_value=12),
)


@SETTINGS
@given(office_facts)
def test_the_phase_is_the_last_of_the_unbroken_run_of_met_evidence(facts):
    result = derive_phase(facts)
    run = 0
    for evidence in result.evidence:
        if not evidence.met:
            break
        run += 1
    assert result.phase == PHASES[run - 1]
    assert result.index == run - 1


@SETTINGS
@given(office_facts)
def test_every_phase_is_checked_in_order_and_founding_always_holds(facts):
    evidence = derive_phase(facts).evidence
    assert [e.phase for e in evidence] == list(PHASES)
    assert evidence[0].met
    values = [facts.member_count, facts.sessions_planned_or_held]
    values += [facts.smart_goals_with_running_project, facts.measured_periods]
    assert [e.value for e in evidence[1:]] == values


@SETTINGS
@given(office_facts, COUNTS, COUNTS, COUNTS, st.integers(min_value=0, max_value=4))
def test_a_phase_never_falls_back_when_the_facts_only_grow(facts, more_members, more, goals, q):
    grown = OfficeFacts(
        member_count=facts.member_count + more_members,
        sessions_planned_or_held=facts.sessions_planned_or_held + more,
        smart_goals_with_running_project=facts.smart_goals_with_running_project + goals,
        measured_periods=facts.measured_periods + q,
    )
    assert derive_phase(grown).index >= derive_phase(facts).index


@SETTINGS
@given(office_facts)
def test_an_office_without_members_stays_founded_whatever_else_it_does(facts):
    empty = OfficeFacts(
        0,
        facts.sessions_planned_or_held,
        facts.smart_goals_with_running_project,
        facts.measured_periods,
    )
    assert derive_phase(empty).phase == "founded"


# --- SMART ---------------------------------------------------------------------------------

ORDER = ["specific", "indicator", "target", "unit", "owner", "deadline"]
goal_facts = st.builds(
    GoalFacts,
    description=st.text(alphabet=st.sampled_from("ab éü \t\n"), max_size=30),
    indicator=st.text(alphabet=st.sampled_from("xy \t"), max_size=5),
    target_value=st.none() | st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    unit=st.text(alphabet=st.sampled_from("u \t"), max_size=4),
    has_owner=st.booleans(),
    deadline_set=st.booleans(),
)


@SETTINGS
@given(goal_facts)
def test_what_is_missing_comes_in_the_order_a_lead_fixes_it_and_only_once(goal):
    missing = missing_for_smart(goal)
    assert missing == [code for code in ORDER if code in missing]
    assert len(set(missing)) == len(missing)


@SETTINGS
@given(goal_facts)
def test_a_unit_is_only_asked_for_once_there_is_a_target(goal):
    missing = missing_for_smart(goal)
    assert not ("target" in missing and "unit" in missing)
    if goal.target_value is None:
        assert "target" in missing


@SETTINGS
@given(goal_facts)
def test_each_code_names_exactly_its_own_gap(goal):
    missing = set(missing_for_smart(goal))
    assert ("specific" in missing) == (len(goal.description.split()) < 4)
    assert ("indicator" in missing) == (not goal.indicator.strip())
    assert ("owner" in missing) == (not goal.has_owner)
    assert ("deadline" in missing) == (not goal.deadline_set)
    assert ("unit" in missing) == (goal.target_value is not None and not goal.unit.strip())
    assert is_smart(goal) == (not missing)


@SETTINGS
@given(goal_facts)
def test_assigning_an_owner_and_a_deadline_removes_just_those_gaps(goal):
    fixed = GoalFacts(goal.description, goal.indicator, goal.target_value, goal.unit, True, True)
    before = missing_for_smart(goal)
    assert missing_for_smart(fixed) == [c for c in before if c not in ("owner", "deadline")]


# --- progress roll-up ----------------------------------------------------------------------

PERCENT = st.integers(min_value=0, max_value=100)
WEIGHT = st.none() | st.integers(min_value=0, max_value=5)
leaves = st.builds(Node, progress=PERCENT, weight=WEIGHT, status=st.sampled_from(["", "stopped"]))
trees = st.recursive(
    leaves,
    lambda children: st.builds(
        Node,
        progress=PERCENT,
        weight=WEIGHT,
        status=st.sampled_from(["", "", "stopped"]),
        children=st.lists(children, max_size=4).map(tuple),
    ),
    max_leaves=20,
)


def counted(node):
    return [
        child
        for child in node.children
        if child.status != "stopped" and (child.weight is None or child.weight > 0)
    ]


@SETTINGS
@given(trees)
def test_progress_stays_a_percentage(tree):
    assert 0 <= rolled_up(tree) <= 100


@SETTINGS
@given(trees)
def test_progress_lies_between_the_children_that_count(tree):
    children = counted(tree)
    value = rolled_up(tree)
    if not children:
        assert value == tree.progress
    else:
        rolled = [rolled_up(child) for child in children]
        assert min(rolled) - 0.05 <= value <= max(rolled) + 0.05


@SETTINGS
@given(trees, PERCENT)
def test_a_stopped_child_changes_nothing_whatever_it_reports(tree, stopped_progress):
    stopped = Node(progress=stopped_progress, weight=5, status="stopped")
    with_stopped = Node(tree.progress, tree.weight, tree.status, tree.children + (stopped,))
    assert rolled_up(with_stopped) == rolled_up(tree)


@SETTINGS
@given(st.lists(st.tuples(PERCENT, st.integers(min_value=1, max_value=9)), min_size=1), PERCENT)
def test_the_order_of_children_and_the_scale_of_their_weights_do_not_matter(pairs, own):
    children = tuple(Node(progress=p, weight=w) for p, w in pairs)
    tripled = tuple(Node(progress=p, weight=3 * w) for p, w in reversed(pairs))
    assert rolled_up(Node(own, children=children)) == rolled_up(Node(own, children=tripled))


@SETTINGS
@given(PERCENT, st.lists(WEIGHT, min_size=1, max_size=6), PERCENT)
def test_children_that_all_report_the_same_roll_up_to_exactly_that(value, weights, own):
    children = tuple(Node(progress=value, weight=w) for w in weights)
    expected = own if all(w == 0 for w in weights) else value
    assert rolled_up(Node(own, children=children)) == expected


# --- stall rules ---------------------------------------------------------------------------


@st.composite
def stall_facts(draw):
    founded = draw(DAYS)
    today = founded + datetime.timedelta(days=draw(st.integers(min_value=0, max_value=1500)))
    held = draw(st.none() | st.dates(min_value=founded, max_value=today))
    last_activity = draw(st.none() | st.dates(min_value=founded, max_value=today))
    return OfficeStallFacts(
        today=today,
        founded_on=founded,
        sessions=draw(st.integers(min_value=0, max_value=3)) + (1 if held else 0),
        last_session_held_on=held,
        smart_goals=draw(st.integers(min_value=0, max_value=2)),
        last_activity_on=last_activity,
        members_now=draw(COUNTS),
        members_before=draw(COUNTS),
        recent_actors=draw(st.integers(min_value=0, max_value=4)),
        recent_actions=draw(st.integers(min_value=0, max_value=10)),
        overdue_support_requests=draw(st.integers(min_value=0, max_value=3)),
    )


thresholds = st.builds(
    Thresholds,
    months_to_first_session=st.integers(min_value=1, max_value=12),
    months_session_to_goal=st.integers(min_value=1, max_value=12),
    inactive_days=st.integers(min_value=1, max_value=365),
    shrink_months=st.integers(min_value=1, max_value=12),
    single_lead_days=st.integers(min_value=1, max_value=365),
    single_lead_min_actions=st.integers(min_value=1, max_value=8),
)


def tripped(facts, t):
    return {finding.rule: finding for finding in evaluate(facts, t)}


@SETTINGS
@given(stall_facts(), thresholds)
def test_findings_are_distinct_known_rules_in_the_documented_order(facts, t):
    findings = evaluate(facts, t)
    rules = [f.rule for f in findings]
    assert rules == [rule for rule in RULES if rule in rules]
    assert all(f.severity in (WARNING, CRITICAL) for f in findings)


@SETTINGS
@given(stall_facts(), thresholds, st.sets(st.sampled_from(RULES)))
def test_switching_rules_off_only_removes_their_findings(facts, t, enabled):
    everything = evaluate(facts, t)
    some = Thresholds(
        t.months_to_first_session,
        t.months_session_to_goal,
        t.inactive_days,
        t.shrink_months,
        t.single_lead_days,
        t.single_lead_min_actions,
        enabled=frozenset(enabled),
    )
    assert evaluate(facts, some) == [f for f in everything if f.rule in enabled]


@SETTINGS
@given(stall_facts(), thresholds)
def test_no_session_trips_exactly_from_its_due_day_and_escalates_after_twice_the_wait(facts, t):
    due = add_months(facts.founded_on, t.months_to_first_session)
    finding = tripped(facts, t).get("no_session")
    assert (finding is not None) == (facts.sessions == 0 and facts.today >= due)
    if finding:
        assert finding.since == due
        twice = (facts.today - due).days >= (due - facts.founded_on).days
        assert finding.severity == (CRITICAL if twice else WARNING)


@SETTINGS
@given(stall_facts(), thresholds)
def test_no_smart_goal_counts_only_from_a_held_session(facts, t):
    finding = tripped(facts, t).get("no_smart_goal")
    if facts.last_session_held_on is None or facts.smart_goals:
        assert finding is None
        return
    due = add_months(facts.last_session_held_on, t.months_session_to_goal)
    assert (finding is not None) == (facts.today >= due)
    if finding:
        assert finding.since == due
        assert finding.params["session_on"] == facts.last_session_held_on


@SETTINGS
@given(stall_facts(), thresholds)
def test_no_activity_trips_at_the_threshold_and_is_critical_from_twice_it(facts, t):
    last = facts.last_activity_on or facts.founded_on
    quiet = (facts.today - last).days
    finding = tripped(facts, t).get("no_activity")
    assert (finding is not None) == (quiet >= t.inactive_days)
    if finding:
        assert finding.params == {"days": quiet, "last": last}
        assert finding.severity == (CRITICAL if quiet >= 2 * t.inactive_days else WARNING)
        assert finding.since == last + datetime.timedelta(days=t.inactive_days)


@SETTINGS
@given(stall_facts(), thresholds)
def test_shrinking_means_fewer_members_and_a_fifth_lost_is_critical(facts, t):
    finding = tripped(facts, t).get("shrinking")
    assert (finding is not None) == (facts.members_now < facts.members_before)
    if finding:
        lost = facts.members_before - facts.members_now
        assert finding.severity == (CRITICAL if 5 * lost >= facts.members_before else WARNING)


@SETTINGS
@given(stall_facts(), thresholds)
def test_a_single_lead_needs_one_actor_and_enough_actions(facts, t):
    finding = tripped(facts, t).get("single_lead")
    expected = facts.recent_actors == 1 and facts.recent_actions >= t.single_lead_min_actions
    assert (finding is not None) == expected
    overdue = tripped(facts, t).get("support_overdue")
    assert (overdue is not None) == (facts.overdue_support_requests > 0)


@SETTINGS
@given(DAYS, st.integers(min_value=0, max_value=60))
def test_adding_months_lands_in_the_right_month_on_the_same_or_last_day(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    next_day = later + datetime.timedelta(days=1)
    assert later.day == day.day or (later.day < day.day and next_day.day == 1)


@SETTINGS
@given(DAYS.filter(lambda day: day.day <= 28), st.integers(0, 30), st.integers(0, 30))
def test_adding_months_in_two_steps_is_adding_them_at_once_before_the_29th(day, a, b):
    assert add_months(add_months(day, a), b) == add_months(day, a + b)


# --- member counts -------------------------------------------------------------------------


@st.composite
def memberships(draw):
    periods = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        joined = draw(DAYS)
        stay = draw(st.none() | st.integers(min_value=0, max_value=900))
        periods.append((joined, None if stay is None else joined + datetime.timedelta(stay)))
    return periods


@SETTINGS
@given(memberships(), DAYS)
def test_a_count_on_a_day_is_the_memberships_running_that_day(periods, day):
    running = [p for p in periods if p[0] <= day and (p[1] is None or day < p[1])]
    assert membership.count_on(periods, day) == len(running)


@SETTINGS
@given(memberships(), DAYS)
def test_a_monthly_series_runs_from_month_starts_to_the_given_day(periods, until):
    series = membership.monthly_counts(periods, until)
    if not periods:
        assert series == []
        return
    days = [day for day, _count in series]
    assert days[-1] == until
    assert days == sorted(set(days))
    assert all(day.day == 1 for day in days[:-1])
    assert all(0 <= count <= len(periods) for _day, count in series)
    assert series == [(day, membership.count_on(periods, day)) for day in days]


@SETTINGS
@given(memberships(), DAYS, DAYS)
def test_a_series_since_a_day_starts_in_that_days_month(periods, since, until):
    series = membership.monthly_counts(periods, until, since=since)
    assert series[-1][0] == until
    if since <= until:
        assert series[0][0] == since.replace(day=1)


# --- role agreements -----------------------------------------------------------------------

TASKS = ["strategie", "budget", "communicatie"]
PARTIES = ["office", "municipality", "pos"]
ROLES = st.sampled_from(["", DECIDES, "executes", "supports", "informed"])
matrices = st.fixed_dictionaries(
    {task: st.dictionaries(st.sampled_from(PARTIES), ROLES, max_size=3) for task in TASKS}
)
views = st.dictionaries(st.sampled_from(PARTIES), matrices, max_size=3)


def said(view, task, party):
    return (view.get(task) or {}).get(party) or ""


@SETTINGS
@given(views)
def test_every_cell_is_either_agreed_or_listed_as_a_difference(all_views):
    found = differences(all_views, TASKS, PARTIES)
    agreed = consensus(all_views, TASKS, PARTIES)
    for task in TASKS:
        for party in PARTIES:
            answers = {said(view, task, party) for view in all_views.values()}
            if len(answers) > 1:
                assert set(found[(task, party)].values()) == answers
                assert agreed[task][party] == ""
            else:
                assert (task, party) not in found
                assert agreed[task][party] == (answers.pop() if answers else "")


@SETTINGS
@given(matrices)
def test_a_single_view_agrees_with_itself_everywhere(matrix):
    assert differences({"office": matrix}, TASKS, PARTIES) == {}
    agreed = consensus({"office": matrix}, TASKS, PARTIES)
    assert all(agreed[t][p] == said(matrix, t, p) for t in TASKS for p in PARTIES)


@SETTINGS
@given(views)
def test_who_submitted_which_view_does_not_change_the_disputed_cells(all_views):
    renamed = {f"auteur-{i}": view for i, view in enumerate(reversed(list(all_views.values())))}
    assert set(differences(all_views, TASKS, PARTIES)) == set(differences(renamed, TASKS, PARTIES))
    assert consensus(all_views, TASKS, PARTIES) == consensus(renamed, TASKS, PARTIES)


@SETTINGS
@given(matrices)
def test_a_task_warns_unless_exactly_one_party_decides(matrix):
    warnings = decision_warnings(matrix, TASKS, PARTIES)
    for task in TASKS:
        deciders = sum(said(matrix, task, party) == DECIDES for party in PARTIES)
        expected = {0: "none", 1: None}.get(deciders, "many")
        assert warnings.get(task) == expected
