"""The kapstok half of the generator and the kapstok scenario group, at a tiny scale.

The national plan is checked without a database (it is pure); the rows and the pages at four
offices, so the suite stays fast. No wall-clock thresholds: only structure and query counts.
"""

import datetime

import pytest

from benchmarks import report, scale
from benchmarks.measure import Measurement
from benchmarks.scale_kapstok import ACTOR_EMAIL, kapstok_plan
from benchmarks.scenarios import GROUPS, HEALTHZ, LOGIN, group_run, world_find
from kapstok.accounts.models import User
from kapstok.goals import models as goals
from kapstok.network.models import OfficeEvent
from kapstok.strategy.models import SessionPhase, StrategySession

from .test_scale import TINY, TODAY


@pytest.fixture
def tiny_world(db, time_machine):
    time_machine.move_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
    scale.generate(TINY, today=TODAY)
    return world_find(User.objects.get(email=scale.POS_EMAIL))


def test_national_plan_has_the_issue_totals_and_one_office_with_most_goals():
    plan = kapstok_plan(scale.NATIONAL, scale.office_sizes(scale.NATIONAL))
    counts = plan.counts()

    assert (counts["goals"], counts["strategies"]) == (5_000, 7_500)
    assert counts["projects"] + counts["activities"] == 20_000
    assert plan.goals[0] == scale.NATIONAL.most_goals > max(plan.goals[1:])
    assert 0 in plan.strategies and 0 in plan.activities  # abstract goals, bare projects
    unheld = [count for count, held in zip(plan.goals, plan.sessions_held, strict=True) if not held]
    assert not any(unheld)  # goals only where a session was held
    assert sum(1 for sessions in plan.sessions if sessions) >= 0.6 * scale.NATIONAL.offices


def test_generate_hangs_the_planned_kapstok_on_the_offices(tiny_world):
    counts = scale.actual_counts()

    assert counts == scale.expected_counts(TINY)
    assert counts["goals"] > 0 and counts["events"] == TINY.events
    assert not goals.Measurement.objects.filter(goal__indicator="").exists()
    actors = {ACTOR_EMAIL.format(n) for n in range(1, TINY.actors + 1)}
    event_actors = set(OfficeEvent.objects.filter(actor__isnull=False).values_list("actor__email"))
    assert {email for (email,) in event_actors} <= actors
    assert StrategySession.objects.filter(phase=SessionPhase.CLOSED).exists()


def test_a_data_set_of_an_older_generator_is_not_reused(tiny_world):
    User.objects.filter(email=scale.POS_EMAIL).update(full_name="Bench POS")
    assert not scale.is_generated(TINY)


def test_world_has_the_office_with_most_goals_and_one_with_few(tiny_world):
    most = goals.Goal.objects.filter(office__slug=tiny_world.goals_office).count()

    assert tiny_world.goals_count == most == TINY.most_goals
    assert tiny_world.few_goals_count <= most
    assert tiny_world.province and tiny_world.province_offices >= 1


def test_kapstok_group_measures_pages_and_signals_with_flat_queries(tiny_world):
    group = GROUPS["kapstok"]

    result = group_run(group, tiny_world, repeat=1, warmup=0)

    assert all(result.measurements[s.key].available for s in group.scenarios)
    assert result.measurements["signals_all"].queries > 0
    labels = {target.name: target.label for target in result.targets}
    assert labels["Office dashboard queries independent of goals"] == "PASS"
    assert labels["Kapstok overview queries independent of goals"] == "PASS"
    assert labels["National dashboard queries independent of offices"] == "PASS"
    assert labels["signals_compute for all offices ≤ 10 s"] == "PASS"
    assert "National dashboard, all offices p95 ≤ 30× login page p95" in labels
    assert "Office dashboard, most goals p95 ≤ 15× login page p95" in labels
    assert "Kapstok overview (tree), most goals p95 ≤ 15× login page p95" in labels


def test_section_shows_both_ratios_the_limit_and_the_timed_functions(tiny_world):
    group = GROUPS["kapstok"]
    page = Measurement("/p", 200, samples_ms=(40.0, 40.0), queries=9, size_bytes=2048)
    measurements = {HEALTHZ.key: Measurement("/healthz", 200, (2.0, 2.0), 4, 1)}
    measurements |= {s.key: page for s in group.scenarios}
    measurements[LOGIN.key] = Measurement("/login", 200, (4.0, 4.0), 0, 1024)
    measurements |= {t.key: Measurement(t.title, 200, (1500.0, 2500.0), 12) for t in group.timings}
    result = report.GroupResult(group, measurements, group.targets(measurements, tiny_world))

    table = "\n".join(report.render_table(result) + report.render_timings(result))

    assert "| p95 / login | p95 / healthz (logged in) | Limit |" in table
    assert "| National dashboard, all offices | `/p` | POS staff | " in table
    assert "| 40.00 | 40.00 | 10.0× | 20.0× | ≤ 30× | 9 | 2.0 |" in table
    assert "| 40.00 | 40.00 | 10.0× | 20.0× | ≤ 15× | 9 | 2.0 |" in table
    assert "| 40.00 | 40.00 | 10.0× | 20.0× |  | 9 | 2.0 |" in table  # no limit: few goals
    assert "| signals_compute() as cron runs it | 2 | 1.500 | 2.000 | 2.500 | 12 |" in table
