"""Phases for lists and the monitor, and the stall signals on the lead's and POS's start pages.

Specifications of `progress.selectors`: one phase per office whichever page asks; the lead
sees at most three next steps per office, worst first, each linking where the step is taken;
POS sees the stalling offices worst first with the reason inline.
"""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.core.todo import Urgency
from kapstok.network.factories import OfficeFactory
from kapstok.progress import selectors
from kapstok.progress.models import Signal
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

OPENED = datetime.date(2025, 1, 1)


def signal(office, rule, severity="warning", opened_on=OPENED, **params):
    return Signal.objects.create(
        office=office,
        rule=rule,
        severity=severity,
        params=params,
        opened_on=opened_on,
        last_seen_on=opened_on,
    )


# --- phases ---------------------------------------------------------------------------------


def test_an_office_with_members_builds_its_network_and_one_without_was_just_founded(world):
    empty = OfficeFactory(name="Kantoor Leeg")
    phases = selectors.phases_of([world.office, empty])
    assert phases == {world.office.pk: "netwerk bouwen", empty.pk: "opgericht"}


def test_a_planned_session_moves_the_office_to_the_strategy_phase(world):
    StrategySessionFactory(office=world.office)
    figures = selectors.phase_figures([world.office.pk], today=timezone.localdate())
    assert figures == {world.office.pk: {"phase": "strategy", "phase_label": "strategie bepalen"}}


def test_the_monitor_and_the_national_dashboard_agree_on_every_phase(world):
    StrategySessionFactory(office=world.other_office)
    OfficeFactory(name="Kantoor Nieuw")
    today = timezone.localdate()
    rows = selectors.national_dashboard({}, today=today)["rows"]
    figures = selectors.phase_figures([row["office"].pk for row in rows], today=today)
    assert {pk: f["phase"] for pk, f in figures.items()} == {
        row["office"].pk: row["phase"] for row in rows
    }


def test_the_phase_context_lists_all_five_steps_with_evidence(world):
    context = selectors.phase_context(selectors.office_state(world.office))
    assert context["phase"] == "building" and context["phase_index"] == 1
    assert len(context["phase_steps"]) == len(context["evidence"]) == 5
    assert [line["met"] for line in context["evidence"]] == [True, True, False, False, False]


# --- the lead's next steps ---------------------------------------------------------------


def lead_items(world):
    return selectors.next_steps(viewer_for(world.users["lead"]))


def test_the_lead_sees_the_worst_signal_first_as_an_urgent_next_step(world):
    signal(world.office, "no_activity")
    signal(world.office, "no_session", severity="critical", months=6, since="2024-11-01")
    items = lead_items(world)
    assert [item.urgency for item in items] == [Urgency.URGENT, Urgency.SOON]
    assert items[0].url == reverse("strategy:session_create", args=[world.office.slug])
    assert items[0].detail.startswith("Geen strategische sessie bij Kantoor Utrecht: ")


def test_at_most_three_next_steps_per_office(world):
    for rule in ("no_session", "no_smart_goal", "no_activity", "single_lead"):
        signal(world.office, rule)
    assert len(lead_items(world)) == 3


def test_each_office_the_lead_leads_gets_its_own_steps(world):
    grant_role(user=world.users["lead"], role=Role.LEAD, scope=world.other_office)
    signal(world.office, "shrinking")
    signal(world.other_office, "no_session")
    offices = {item.detail.split(" bij ")[1].split(":")[0] for item in lead_items(world)}
    assert offices == {"Kantoor Utrecht", "Kantoor Zwolle"}


def test_a_resolved_signal_asks_nothing(world):
    resolved = signal(world.office, "no_session")
    resolved.resolved_on = OPENED
    resolved.save()
    assert lead_items(world) == []


@pytest.mark.parametrize("rule", list(selectors.SIGNAL_PAGES))
def test_every_rule_links_to_a_page_of_the_office(world, rule):
    signal(world.office, rule)
    (item,) = lead_items(world)
    assert world.office.slug in item.url
    assert item.title


def test_only_the_offices_own_leads_see_its_next_steps(world):
    signal(world.office, "no_session")
    for persona in ("other_lead", "member", "pos"):
        assert selectors.next_steps(viewer_for(world.users[persona])) == []


# --- POS: the stalling offices ---------------------------------------------------------------


def pos_items(world):
    return selectors.stalling_offices(viewer_for(world.users["pos"]))


def test_pos_sees_the_offices_with_a_critical_signal_first(world):
    signal(world.office, "no_activity")
    signal(world.other_office, "shrinking", severity="critical")
    items = pos_items(world)
    assert [item.title for item in items] == ["Kantoor Zwolle", "Kantoor Utrecht"]
    assert items[0].url.endswith(f"/{world.other_office.slug}/dashboard/")


def test_the_other_signals_of_an_office_are_named_after_the_worst(world):
    signal(world.office, "no_session", severity="critical")
    signal(world.office, "no_activity")
    (item,) = pos_items(world)
    assert item.detail.startswith("Geen strategische sessie: ")
    assert "Ook: " in item.detail and item.detail.endswith(".")


def test_beyond_ten_stalling_offices_one_line_counts_the_rest(world):
    for n in range(12):
        signal(OfficeFactory(name=f"Kantoor {n:02d}"), "no_session")
    items = pos_items(world)
    assert len(items) == 11
    assert items[-1].title == "Nog 2 kantoren met doorpak-signalen" and items[-1].count == 2


def test_stalling_offices_are_for_pos_only(world):
    signal(world.office, "no_session")
    for persona in ("lead", "researcher", "civil_servant"):
        assert selectors.stalling_offices(viewer_for(world.users[persona])) == []
