"""Roles: granting and revoking them, and what a person's account keeps about them.

Specifications of `accounts.services` (an account per normalised address; a grant must match
its role's kind of scope; granting twice changes nothing; every grant and revocation is
audited) and of `accounts.personal_data` (the roles in the overview, closing an account,
which businesses a person represents).
"""

import pytest

from kapstok.accounts import personal_data
from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.accounts.services import grant_role, revoke_role, user_ensure
from kapstok.trust.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def audited(user, action):
    return AuditEntry.objects.filter(
        model="accounts.rolegrant", action=action, before__user_id=user.pk
    ) | AuditEntry.objects.filter(model="accounts.rolegrant", action=action, after__user_id=user.pk)


# --- accounts ----------------------------------------------------------------------------------


def test_one_account_per_address_whatever_its_case(db):
    first = user_ensure(email="Sanne@Example.INVALID", full_name="Sanne", password="geheim-123")
    again = user_ensure(email="sanne@example.invalid", full_name="Andere naam")
    assert again == first
    assert first.email == "sanne@example.invalid"
    assert again.full_name == "Sanne"  # an existing account is not renamed
    assert User.objects.count() == 1


def test_a_new_account_without_a_password_cannot_log_in(db):
    user = user_ensure(email="nieuw@example.invalid")
    assert not user.has_usable_password()


# --- granting and revoking -----------------------------------------------------------------


def test_granting_twice_keeps_one_grant_and_one_audit_entry(world):
    outsider = world.users["outsider"]
    grant_role(user=outsider, role=Role.LEAD, scope=world.office, actor=world.users["pos"])
    grant_role(user=outsider, role=Role.LEAD, scope=world.office, actor=world.users["pos"])
    assert RoleGrant.objects.filter(user=outsider).count() == 1
    assert audited(outsider, AuditAction.CREATE).count() == 1
    assert audited(outsider, AuditAction.CREATE).get().actor == world.users["pos"]


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.LEAD, "municipality"),
        (Role.CIVIL_SERVANT, "office"),
        (Role.MEMBER, "office"),
        (Role.PARTNER_STAFF, "entrepreneur"),
    ],
)
def test_a_role_on_the_wrong_kind_of_scope_is_refused_and_saves_nothing(world, role, scope):
    scopes = {
        "office": world.office,
        "municipality": world.utrecht,
        "entrepreneur": world.member_entrepreneur,
    }
    outsider = world.users["outsider"]
    with pytest.raises(ValueError):  # a programming error, not user input
        grant_role(user=outsider, role=role, scope=scopes[scope])
    assert not RoleGrant.objects.filter(user=outsider).exists()


def test_revoking_ends_only_that_scope_keeps_it_as_history_and_is_audited(world):
    lead = world.users["lead"]
    grant_role(user=lead, role=Role.LEAD, scope=world.other_office)
    assert revoke_role(user=lead, role=Role.LEAD, scope=world.office) == 1
    [ended] = RoleGrant.objects.filter(user=lead, ends_on__isnull=False)
    assert ended.office == world.office
    assert RoleGrant.objects.filter(user=lead).count() == 2
    updates = AuditEntry.objects.filter(model="accounts.rolegrant", action=AuditAction.UPDATE)
    assert list(updates.values_list("object_id", flat=True)) == [str(ended.pk)]
    assert not audited(lead, AuditAction.DELETE).exists()


def test_revoking_a_role_someone_does_not_have_changes_nothing(world):
    assert revoke_role(user=world.users["member"], role=Role.LEAD, scope=world.office) == 0
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


# --- what the account keeps ------------------------------------------------------------------


def test_the_overview_lists_every_role_with_where_it_holds(world):
    lead = world.users["lead"]
    grant_role(user=lead, role=Role.CIVIL_SERVANT, scope=world.utrecht)
    roles = personal_data.roles_export(lead)
    assert {(g.role, g.scope_object()) for g in roles} == {
        (Role.LEAD, world.office),
        (Role.CIVIL_SERVANT, world.utrecht),
    }


def test_closing_an_account_revokes_every_role_each_in_the_audit_log(world):
    lead = world.users["lead"]
    grant_role(user=lead, role=Role.LEAD, scope=world.other_office)
    removed = personal_data.roles_revoke_all(user=lead, actor=world.users["admin"])
    assert removed == 2
    assert not lead.grants.exists()
    entries = audited(lead, AuditAction.DELETE)
    assert entries.count() == 2
    assert {entry.actor for entry in entries} == {world.users["admin"]}


def test_a_member_represents_their_business_and_others_represent_none(world):
    assert personal_data.represented_entrepreneur_ids(world.users["member"]) == [
        world.member_entrepreneur.pk
    ]
    for persona in ("lead", "pos", "civil_servant"):
        assert personal_data.represented_entrepreneur_ids(world.users[persona]) == []
