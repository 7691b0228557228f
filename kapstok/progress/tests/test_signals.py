"""Stall signals in the database: opened when a rule trips, kept, resolved by themselves."""

import datetime

import pytest
import time_machine

from django.core import mail
from django.core.management import call_command

from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.progress import services
from kapstok.progress.models import Signal, StallSettings
from kapstok.strategy.models import StrategySession

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)


def aware(day):
    return datetime.datetime.combine(day, datetime.time(19, 0), tzinfo=datetime.UTC)


@pytest.fixture
def stalled_office():
    """Founded a year ago, members joined early, nothing since: the report's office D."""
    office = OfficeFactory(name="Kantoor D", founded_on=datetime.date(2024, 5, 1))
    for _ in range(4):
        MembershipFactory(office=office, joined_on=datetime.date(2024, 6, 1))
    return office


def open_rules(office):
    return set(Signal.objects.open().filter(office=office).values_list("rule", flat=True))


def test_a_stalled_office_gets_signals(stalled_office):
    result = services.signals_compute(today=TODAY)
    assert result.opened >= 2
    assert {"no_session", "no_activity"} <= open_rules(stalled_office)


def test_computing_twice_keeps_one_open_signal_per_rule(stalled_office):
    services.signals_compute(today=TODAY)
    result = services.signals_compute(today=TODAY + datetime.timedelta(days=1))
    assert result.opened == 0
    assert Signal.objects.filter(office=stalled_office, rule="no_session").count() == 1
    signal = Signal.objects.get(office=stalled_office, rule="no_session")
    # Opened on the day the office passed six months without a session, not on the run's day.
    assert signal.opened_on == datetime.date(2024, 11, 1)
    assert signal.last_seen_on == TODAY + datetime.timedelta(days=1)


def test_a_signal_resolves_itself_when_the_next_step_is_taken(stalled_office):
    services.signals_compute(today=TODAY)
    with time_machine.travel(aware(TODAY), tick=False):
        StrategySession.objects.create(
            office=stalled_office, title="Het net ophalen", starts_at=aware(TODAY)
        )
    result = services.signals_compute(today=TODAY + datetime.timedelta(days=1))
    assert result.resolved >= 1
    signal = Signal.objects.get(office=stalled_office, rule="no_session")
    assert signal.resolved_on == TODAY + datetime.timedelta(days=1)
    assert "no_session" not in open_rules(stalled_office)


def test_after_a_session_without_smart_goal_the_next_signal_appears(stalled_office):
    StrategySession.objects.create(
        office=stalled_office, title="Sessie", starts_at=aware(datetime.date(2025, 1, 10))
    )
    services.signals_compute(today=TODAY)
    assert "no_smart_goal" in open_rules(stalled_office)
    goal = GoalFactory(office=stalled_office, owner=None)
    assert "no_smart_goal" in open_rules(stalled_office)  # not SMART yet: no owner
    goal.owner = goal.created_by or _a_user()
    goal.save()
    services.signals_compute(today=TODAY)
    assert "no_smart_goal" not in open_rules(stalled_office)


def _a_user():
    from kapstok.accounts.factories import UserFactory

    return UserFactory()


def test_thresholds_from_the_settings_are_used(stalled_office):
    StallSettings.objects.create(months_to_first_session=24, inactive_days=400)
    services.signals_compute(today=TODAY)
    assert not {"no_session", "no_activity"} & open_rules(stalled_office)


def test_switched_off_rules_do_not_fire(stalled_office):
    StallSettings.objects.create(disabled_rules=["no_session", "no_activity"])
    services.signals_compute(today=TODAY)
    assert not {"no_session", "no_activity"} & open_rules(stalled_office)


def test_dormant_and_dissolved_offices_are_not_checked(stalled_office):
    stalled_office.status = "dormant"
    stalled_office.save()
    services.signals_compute(today=TODAY)
    assert open_rules(stalled_office) == set()


def test_running_project_on_smart_goal_puts_office_in_executing_phase(stalled_office):
    from kapstok.progress.selectors import office_state

    StrategySession.objects.create(office=stalled_office, title="S", starts_at=aware(TODAY))
    assert office_state(stalled_office, TODAY).phase.phase == "strategy"
    goal = GoalFactory(office=stalled_office, owner=_a_user())
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    assert office_state(stalled_office, TODAY).phase.phase == "executing"


def test_command_computes_and_mails_the_digest(stalled_office, settings):
    from kapstok.accounts.factories import UserFactory
    from kapstok.accounts.services import grant_role

    grant_role(user=UserFactory(email="kees@example.invalid"), role="lead", scope=stalled_office)
    grant_role(user=UserFactory(email="petra@example.invalid"), role="pos_staff")
    call_command("compute_signals", "--today", TODAY.isoformat(), "--mail")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["kees@example.invalid", "petra@example.invalid"]
    office_mail = next(m for m in mail.outbox if m.to == ["kees@example.invalid"])
    assert "Kantoor D" in office_mail.subject
    assert "Geen strategische sessie" in office_mail.body


def test_compute_signals_uses_a_fixed_number_of_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    with CaptureQueriesContext(connection) as few:
        services.signals_compute(today=TODAY)
    for _ in range(20):
        MembershipFactory(office=OfficeFactory(founded_on=datetime.date(2024, 1, 1)))
    Signal.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        services.signals_compute(today=TODAY)
    assert len(many.captured_queries) == len(few.captured_queries)
