"""Roles have dates: a grant gives access only while it is current, ending keeps it as history,
and a lead who leaves hands their open work in the office to a successor."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from kapstok.accounts.access import can_manage_grant, office_roles_grantable_by, viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role, RoleGrant
from kapstok.accounts.personal_data import roles_export, roles_revoke_all
from kapstok.accounts.services import (
    grant_change_dates,
    grant_role,
    hand_over_summary,
    revoke_role,
    role_end,
)
from kapstok.accounts.tests.rule_viewers import viewer
from kapstok.goals.factories import ActivityFactory, GoalFactory, ProjectFactory, StrategyFactory
from kapstok.strategy.factories import StrategySessionFactory
from kapstok.trust.models import AuditEntry

TODAY = datetime.date(2026, 3, 10)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def today(monkeypatch):
    """A fixed today for the date boundaries (the queryset and services read `localdate`)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def _lead_grant(office, **dates):
    return grant_role(user=UserFactory(), role=Role.LEAD, scope=office, **dates)


# --- current, ended, future ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "current"),
    [
        (TODAY, None, True),  # starts today
        (TODAY - 30 * DAY, TODAY, True),  # today is its last day
        (TODAY - 30 * DAY, TODAY - DAY, False),  # ended yesterday
        (TODAY + DAY, None, False),  # starts tomorrow
        (TODAY, TODAY, True),  # a role of one day
    ],
)
def test_a_grant_is_current_from_its_first_to_its_last_day(
    today, world, starts_on, ends_on, current
):
    grant = _lead_grant(world.office, starts_on=starts_on, ends_on=ends_on)

    assert grant.is_current() is current
    assert RoleGrant.objects.current().filter(pk=grant.pk).exists() is current
    assert RoleGrant.objects.current(on=starts_on).filter(pk=grant.pk).exists()


def test_ended_and_future_grants_are_told_apart_from_the_current(today, world):
    ended = _lead_grant(world.office, starts_on=TODAY - 9 * DAY, ends_on=TODAY - DAY)
    future = _lead_grant(world.office, starts_on=TODAY + DAY)
    current = _lead_grant(world.office, starts_on=TODAY - DAY)

    grants = RoleGrant.objects.filter(pk__in=[ended.pk, future.pk, current.pk])
    assert set(grants.ended()) == {ended}
    assert set(grants.future()) == {future}
    assert set(grants.current()) == {current}
    assert set(grants.open()) == {future, current}


def test_only_a_current_grant_gives_access(today, world):
    lead = world.users["lead"]
    RoleGrant.objects.filter(user=lead).update(starts_on=TODAY - 9 * DAY, ends_on=TODAY - DAY)
    assert viewer(world, "lead").lead_office_ids == frozenset()

    RoleGrant.objects.filter(user=lead).update(starts_on=TODAY + DAY, ends_on=None)
    assert viewer(world, "lead").lead_office_ids == frozenset()

    RoleGrant.objects.filter(user=lead).update(starts_on=TODAY, ends_on=TODAY)
    assert viewer(world, "lead").lead_office_ids == {world.office.pk}


# --- bad input ----------------------------------------------------------------------------


def test_a_role_that_ends_before_it_starts_is_refused_in_dutch_and_not_saved(today, world):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        grant_role(
            user=user, role=Role.LEAD, scope=world.office, starts_on=TODAY, ends_on=TODAY - DAY
        )

    assert error.value.message_dict == {
        "ends_on": ["De einddatum van een rol ligt vóór de begindatum."]
    }
    assert not RoleGrant.objects.filter(user=user).exists()


def test_changing_dates_to_end_before_the_start_changes_nothing(today, world):
    grant = _lead_grant(world.office, starts_on=TODAY)

    with pytest.raises(ValidationError):
        grant_change_dates(grant=grant, starts_on=TODAY, ends_on=TODAY - DAY)

    grant.refresh_from_db()
    assert grant.ends_on is None


def test_the_database_refuses_an_end_before_the_start_too(today, world):
    from django.db import IntegrityError, transaction

    grant = _lead_grant(world.office)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).update(ends_on=TODAY - DAY)


# --- granting and ending --------------------------------------------------------------------


def test_granting_again_returns_the_open_grant(today, world):
    user = UserFactory()
    first = grant_role(user=user, role=Role.LEAD, scope=world.office)
    again = grant_role(user=user, role=Role.LEAD, scope=world.office)

    assert again == first
    assert RoleGrant.objects.filter(user=user).count() == 1


def test_a_role_granted_again_after_it_ended_is_a_new_grant_beside_the_history(today, world):
    user = UserFactory()
    old = grant_role(user=user, role=Role.LEAD, scope=world.office, starts_on=TODAY - 9 * DAY)
    role_end(grant=old, ends_on=TODAY - DAY)

    new = grant_role(user=user, role=Role.LEAD, scope=world.office)

    assert new != old
    assert list(RoleGrant.objects.filter(user=user).current()) == [new]


def test_ending_a_role_keeps_it_as_history_and_is_audited(today, world):
    grant = _lead_grant(world.office, starts_on=TODAY - 9 * DAY)

    role_end(grant=grant, ends_on=TODAY - DAY, actor=world.users["pos"])

    grant.refresh_from_db()
    assert grant.ends_on == TODAY - DAY
    entries = AuditEntry.objects.filter(model="accounts.rolegrant", object_id=str(grant.pk))
    assert list(entries.values_list("action", flat=True).order_by("pk")) == ["create", "update"]
    entry = entries.get(action="update")
    assert entry.actor == world.users["pos"]
    assert entry.after == {"ends_on": str(TODAY - DAY)}


def test_ending_twice_is_harmless(today, world):
    grant = _lead_grant(world.office, starts_on=TODAY - 9 * DAY)
    role_end(grant=grant, ends_on=TODAY - DAY)
    entries = AuditEntry.objects.count()

    role_end(grant=grant, ends_on=TODAY)

    grant.refresh_from_db()
    assert grant.ends_on == TODAY - DAY  # an earlier end is not pushed later
    assert AuditEntry.objects.count() == entries


def test_revoking_ends_the_open_grants_today_without_deleting_them(today, world):
    lead = world.users["lead"]

    assert revoke_role(user=lead, role=Role.LEAD, scope=world.office) == 1

    grant = RoleGrant.objects.get(user=lead)
    assert grant.ends_on == TODAY
    assert revoke_role(user=lead, role=Role.LEAD, scope=world.office) == 0


def test_the_personal_data_export_shows_ended_roles_and_erasure_removes_them(today, world):
    lead = world.users["lead"]
    role_end(grant=lead.grants.get(), ends_on=TODAY)
    grant_role(user=lead, role=Role.LEAD, scope=world.other_office, starts_on=TODAY + DAY)

    exported = roles_export(lead)
    assert [(g.office, g.ends_on) for g in exported] == [
        (world.other_office, None),
        (world.office, TODAY),
    ]

    assert roles_revoke_all(user=lead, actor=None) == 2
    assert not RoleGrant.objects.filter(user=lead).exists()


# --- who may manage roles ----------------------------------------------------------------


def test_a_lead_manages_the_roles_of_their_own_office_only(world):
    own = world.users["lead"].grants.get()
    other = world.users["other_lead"].grants.get()
    national = world.users["pos"].grants.get()
    lead = viewer(world, "lead")

    assert can_manage_grant(lead, own)
    assert not can_manage_grant(lead, other)
    assert not can_manage_grant(lead, national)
    assert office_roles_grantable_by(lead, world.office) == [Role.LEAD]
    assert office_roles_grantable_by(lead, world.other_office) == []
    assert can_manage_grant(viewer(world, "pos"), national)
    assert not can_manage_grant(viewer(world, "member"), own)


# --- hand-over ------------------------------------------------------------------------------


def _open_and_finished_work(office, owner):
    goal = GoalFactory(office=office, owner=owner)
    strategy = StrategyFactory(goal=goal)
    return {
        "goal": goal,
        "achieved_goal": GoalFactory(office=office, owner=owner, status="achieved"),
        "projects": [
            ProjectFactory(strategy=strategy, owner=owner, status=status)
            for status in ("idea", "planned", "running")
        ],
        "done_project": ProjectFactory(strategy=strategy, owner=owner, status="done", progress=100),
        "activities": [
            ActivityFactory(project__strategy=strategy, owner=owner, status="running")
            for _ in range(2)
        ],
        "stopped_activity": ActivityFactory(
            project__strategy=strategy, owner=owner, status="stopped"
        ),
        "session": StrategySessionFactory(office=office, facilitator=owner),
        "closed_session": StrategySessionFactory(office=office, facilitator=owner, phase="closed"),
    }


def test_a_hand_over_moves_only_the_open_work_in_that_office(today, world):
    lead, successor = world.users["lead"], UserFactory(full_name="Sanne Opvolger")
    grant_role(user=successor, role=Role.LEAD, scope=world.office)
    work = _open_and_finished_work(world.office, lead)
    elsewhere = GoalFactory(office=world.other_office, owner=lead)

    moved = role_end(grant=lead.grants.get(), successor=successor, actor=world.users["pos"])

    assert [(item.count, item.text) for item in moved] == [
        (1, "1 doel"),
        (3, "3 projecten"),
        (2, "2 acties"),
        (1, "1 sessie"),
    ]
    assert hand_over_summary(moved, successor) == (
        "1 doel, 3 projecten, 2 acties en 1 sessie overgedragen aan Sanne Opvolger."
    )
    for item in [work["goal"], *work["projects"], *work["activities"]]:
        item.refresh_from_db()
        assert item.owner == successor
    work["session"].refresh_from_db()
    assert work["session"].facilitator == successor
    for key in ("achieved_goal", "done_project", "stopped_activity"):
        work[key].refresh_from_db()
        assert work[key].owner == lead
    work["closed_session"].refresh_from_db()
    assert work["closed_session"].facilitator == lead
    elsewhere.refresh_from_db()
    assert elsewhere.owner == lead
    assert AuditEntry.objects.filter(summary__contains="overgedragen aan Sanne").count() == 1


def test_a_hand_over_sent_twice_moves_nothing_the_second_time(today, world):
    lead, successor = world.users["lead"], UserFactory()
    _open_and_finished_work(world.office, lead)
    grant = lead.grants.get()
    role_end(grant=grant, successor=successor)

    assert role_end(grant=grant, successor=successor) == []
    assert "geen open werk" in hand_over_summary([], successor)


def test_a_failing_hand_over_leaves_the_role_and_the_work_as_they_were(today, world):
    lead = world.users["lead"]
    goal = GoalFactory(office=world.office, owner=lead)
    grant = lead.grants.get()

    with pytest.raises(ValidationError) as error:
        role_end(grant=grant, successor=lead)

    assert "niet dezelfde persoon" in str(error.value)
    grant.refresh_from_db()
    goal.refresh_from_db()
    assert grant.ends_on is None
    assert goal.owner == lead


def test_only_a_role_on_an_office_has_work_to_hand_over(today, world):
    with pytest.raises(ValidationError):
        role_end(grant=world.users["pos"].grants.get(), successor=UserFactory())


def test_a_lead_whose_role_ended_loses_the_office_at_once_on_the_next_request(today, world):
    lead = world.users["lead"]
    RoleGrant.objects.filter(user=lead).update(starts_on=TODAY - 9 * DAY)
    role_end(grant=lead.grants.get(), ends_on=TODAY - DAY)

    lead.refresh_from_db()
    assert world.office.pk not in viewer_for(lead).lead_office_ids


def test_a_former_lead_is_no_longer_offered_as_owner_facilitator_or_mail_address(today, world):
    """Every reader of grants goes through `current`: choices and mail follow the dates."""
    from kapstok.goals.forms import office_people
    from kapstok.public.services import office_lead_emails
    from kapstok.strategy.forms import facilitators_for

    lead = world.users["lead"]
    successor = UserFactory(email="sanne@example.invalid")
    grant_role(user=successor, role=Role.LEAD, scope=world.office)
    RoleGrant.objects.filter(user=lead).update(starts_on=TODAY - 9 * DAY)
    role_end(grant=lead.grants.get(), ends_on=TODAY - DAY)
    grant_role(user=UserFactory(), role=Role.LEAD, scope=world.office, starts_on=TODAY + DAY)

    assert office_lead_emails(world.office) == ["sanne@example.invalid"]
    assert lead not in office_people(world.office)
    assert successor in office_people(world.office)
    assert lead not in facilitators_for(world.office)
    assert successor in facilitators_for(world.office)
