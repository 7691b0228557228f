"""The national dashboard reuses its figures for a minute at most, and never past a write.

Its figures (every office's phase, SMART goals, members and signals) are the same for everyone
who may see them and the costliest of any page, so `selectors.national_dashboard_recent` keeps
them for the next view: keyed on the content generation (up after every successful write
request), the day, the language and the filters; at most a minute, so no age is shown on the
page (issue #19). What the viewer may see and do is still decided for each request.
"""

import datetime

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kapstok.core.generation import generation_bump
from kapstok.goals.factories import GoalFactory, MeasurementFactory, ProjectFactory, StrategyFactory
from kapstok.goals.models import Goal
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.network.models import Membership
from kapstok.progress import selectors
from kapstok.progress.models import Signal
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

NATIONAL = "/netwerk/dashboard/"
AMS = datetime.timezone(datetime.timedelta(hours=1))
NOON = datetime.datetime(2026, 3, 16, 12, tzinfo=AMS)


def shown(data: dict) -> dict:
    """What the dashboard shows of its figures, comparable between two computations."""
    return {
        "figures": data["figures"],
        "phases": [(p["phase"], p["count"], p["percent"]) for p in data["phases"]],
        "growth": [(g["date"], g["count"]) for g in data["growth"]],
        "rows": [
            (
                row["office"].pk,
                row["office"].member_count,
                row["phase"],
                row["smart_goals"],
                row["signals"],
                row["severity"],
                [place.code for place in row["municipalities"]],
            )
            for row in data["rows"]
        ],
        "signal_rows": [row["office"].pk for row in data["signal_rows"]],
        "map": {
            code: (info["office"].pk, info["phase"], info["severity"])
            for code, info in data["map_colours"].items()
        },
    }


def page_figures(client, **filters) -> dict:
    return shown(client.get(NATIONAL, filters).context)


def from_scratch(**filters) -> dict:
    return shown(selectors.national_dashboard(filters))


def smart_goal(office, owner):
    goal = GoalFactory(office=office, owner=owner)
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    return goal


# --- reused while nothing changes ------------------------------------------------------------


def test_a_second_view_reuses_the_figures_in_a_few_queries(world, login):
    client = login(world.users["pos"])
    with CaptureQueriesContext(connection) as first:
        computed = page_figures(client)
    with CaptureQueriesContext(connection) as second:
        reused = page_figures(client)
    assert reused == computed == from_scratch()
    assert len(second.captured_queries) < len(first.captured_queries)
    assert not any("goals_goal" in q["sql"] for q in second.captured_queries)


def test_reused_figures_cost_the_same_queries_for_any_number_of_offices(world, login):
    client = login(world.users["pos"])
    client.get(NATIONAL)
    with CaptureQueriesContext(connection) as few:
        client.get(NATIONAL)
    for office in [OfficeFactory(name=f"Net {index:02d}") for index in range(30)]:
        MembershipFactory(office=office)
        smart_goal(office, world.users["lead"])
    generation_bump()
    client.get(NATIONAL)
    with CaptureQueriesContext(connection) as many:
        client.get(NATIONAL, {"pagina": 2})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_each_filter_has_its_own_figures(world, login):
    client = login(world.users["pos"])
    everything = client.get(NATIONAL).context
    overijssel = client.get(NATIONAL, {"province": "Overijssel"}).context
    again = client.get(NATIONAL).context
    assert [row["office"].name for row in overijssel["rows"]] == ["Kantoor Zwolle"]
    assert overijssel["figures"]["offices"] == 1
    assert everything["figures"]["offices"] == again["figures"]["offices"] == 2


def test_the_colouring_of_the_map_uses_the_same_figures(world, login):
    client = login(world.users["pos"])
    client.get(NATIONAL)
    with CaptureQueriesContext(connection) as recoloured:
        page = client.get(NATIONAL, {"colour": "severity"}).content.decode()
    assert not any("goals_goal" in q["sql"] for q in recoloured.captured_queries)
    assert 'class="m severity-none"' in page and 'class="m phase-' not in page


# --- never past a write ----------------------------------------------------------------------


def test_after_every_kind_of_write_the_page_equals_the_figures_from_scratch(world, login):
    """Create, update, delete and a person's erasure, each followed by the bump its request
    makes (the erasure through its own request): the page then shows what a computation from
    scratch gives, never what it showed before."""
    pos = login(world.users["pos"])
    lead = world.users["lead"]
    before = page_figures(pos)

    # create: a member, a SMART goal with a running project, a session and a signal
    membership = MembershipFactory(office=world.other_office)
    goal = smart_goal(world.other_office, lead)
    StrategySessionFactory(office=world.other_office)
    signal = Signal.objects.create(
        office=world.office,
        rule="no_session",
        severity="critical",
        opened_on=datetime.date(2025, 1, 1),
        last_seen_on=datetime.date(2025, 1, 1),
    )
    generation_bump()
    created = page_figures(pos)
    assert created == from_scratch() != before
    assert created["figures"]["members"] == before["figures"]["members"] + 1
    assert created["signal_rows"] == [world.office.pk]

    # update: the member leaves, the goal is closed, the office changes its initiative
    Membership.objects.filter(pk=membership.pk).update(left_on=datetime.date(2024, 1, 1))
    Goal.objects.filter(pk=goal.pk).update(status="closed")
    world.other_office.initiative = "municipality"
    world.other_office.save()
    generation_bump()
    updated = page_figures(pos)
    assert updated == from_scratch() != created
    assert updated["figures"]["members"] == before["figures"]["members"]
    municipality_only = page_figures(pos, initiative="municipality")
    assert municipality_only == from_scratch(initiative="municipality")
    assert [row[0] for row in municipality_only["rows"]] == [world.other_office.pk]

    # delete: the signal and the goal
    signal.delete()
    goal.delete()
    generation_bump()
    deleted = page_figures(pos)
    assert deleted == from_scratch() != updated
    assert deleted["signal_rows"] == []

    # erasure: the member asks for their data to be erased, through the request that does it
    member = login(world.users["member"])
    assert member.post(reverse("trust:erase"), {"confirm": "ja"}).status_code == 302
    pos = login(world.users["pos"])
    assert page_figures(pos) == from_scratch()


def test_figures_changed_outside_a_request_show_within_a_minute(world, login):
    """A change no request made (a script, a job that does not bump) waits at most a minute."""
    pos = login(world.users["pos"])
    with time_machine.travel(NOON, tick=False):
        members = pos.get(NATIONAL).context["figures"]["members"]
        MembershipFactory(office=world.office)
        assert pos.get(NATIONAL).context["figures"]["members"] == members
    with time_machine.travel(NOON + datetime.timedelta(seconds=61), tick=False):
        assert pos.get(NATIONAL).context["figures"]["members"] == members + 1


def test_a_new_day_counts_the_memberships_that_start_on_it(world, login):
    tomorrow = NOON + datetime.timedelta(days=1)
    MembershipFactory(office=world.office, joined_on=tomorrow.date())
    pos = login(world.users["pos"])
    with time_machine.travel(NOON.replace(hour=23, minute=59, second=30), tick=False):
        members = pos.get(NATIONAL).context["figures"]["members"]
    with time_machine.travel(tomorrow.replace(hour=0, minute=0, second=10), tick=False):
        assert pos.get(NATIONAL).context["figures"]["members"] == members + 1


# --- right for each viewer ---------------------------------------------------------------------


def test_who_may_not_see_the_dashboard_does_not_get_the_kept_figures(world, login):
    login(world.users["pos"]).get(NATIONAL)
    for persona in ("lead", "member", "civil_servant"):
        assert login(world.users[persona]).get(NATIONAL).status_code == 403


def test_each_language_gets_its_own_labels(world, login):
    client = login(world.users["pos"])
    assert "netwerk bouwen" in client.get(NATIONAL).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(NATIONAL).content.decode()
    assert "building the network" in english and "netwerk bouwen" not in english


def test_the_table_page_is_the_viewers_own(world, login):
    for index in range(30):
        OfficeFactory(name=f"Net {index:02d}")
    generation_bump()
    client = login(world.users["pos"])
    first = client.get(NATIONAL).content.decode()
    second = client.get(NATIONAL, {"pagina": 2}).content.decode()
    assert "Pagina 1 van 2" in first and "Net 00" in first
    assert "Pagina 2 van 2" in second and "Net 29" in second and "Net 00<" not in second


# --- what the phases are counted from ------------------------------------------------------------


def test_measured_quarters_are_counted_as_far_as_the_phase_needs(world):
    """The first and last measurement of an office tell whether it measured in two quarters;
    the national dashboard's phases are the full office states' phases."""
    from kapstok.progress.facts import (
        _measured_quarters,
        _measured_quarters_up_to_the_phase,
        office_overviews,
        office_states,
    )

    lead = world.users["lead"]
    three = OfficeFactory(name="Drie kwartalen")
    one = OfficeFactory(name="Een kwartaal")
    for office in (three, one):
        MembershipFactory(office=office)
        StrategySessionFactory(office=office)
    for day in (datetime.date(2025, 1, 5), datetime.date(2025, 5, 5), datetime.date(2025, 8, 5)):
        MeasurementFactory(goal=smart_goal(three, lead), measured_on=day)
    for day in (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)):
        MeasurementFactory(goal=smart_goal(one, lead), measured_on=day)
    ids = [world.office.pk, three.pk, one.pk]
    assert _measured_quarters(ids) == {three.pk: 3, one.pk: 1}
    assert _measured_quarters_up_to_the_phase(ids) == {three.pk: 2, one.pk: 1}
    overviews = office_overviews(ids)
    states = office_states([world.office, three, one])
    assert {pk: overviews[pk].phase.phase for pk in ids} == {
        pk: states[pk].phase.phase for pk in ids
    }
    assert overviews[three.pk].phase.phase == "embedded"
    assert overviews[one.pk].phase.phase == "executing"
