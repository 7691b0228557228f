"""The audit log: services record changes to personal data and roles; nobody can alter it."""

import datetime
import doctest

import pytest

from django.urls import reverse

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role, revoke_role
from kapstok.network import services as network
from kapstok.network.factories import SportBranchFactory
from kapstok.network.models import Entrepreneur
from kapstok.trust import audit
from kapstok.trust.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_docstring_examples_hold():
    assert doctest.testmod(audit).failed == 0


def test_editing_an_entrepreneur_records_only_the_changed_personal_fields(world):
    lead = world.users["lead"]
    entrepreneur = Entrepreneur.objects.get(pk=world.member_entrepreneur.pk)
    entrepreneur.email = "nieuw@example.invalid"
    network.entrepreneur_save(
        entrepreneur=entrepreneur, branches=entrepreneur.branches.all(), actor=lead
    )
    entry = AuditEntry.objects.get(model="network.entrepreneur", action="update")
    assert entry.actor == lead and entry.actor_label == "kees@example.invalid"
    assert entry.object_id == str(entrepreneur.pk)
    assert entry.after == {"email": "nieuw@example.invalid"}
    assert list(entry.before) == ["email"]


def test_a_new_entrepreneur_and_membership_are_recorded(world):
    entrepreneur = network.entrepreneur_save(
        entrepreneur=Entrepreneur(
            business_name="Padel Piet", kvk_number="12345678", municipality=world.utrecht
        ),
        branches=[SportBranchFactory()],
    )
    network.membership_add(
        office=world.office, entrepreneur=entrepreneur, joined_on=datetime.date(2025, 1, 6)
    )
    created = AuditEntry.objects.filter(action="create")
    assert {e.model for e in created} >= {"network.entrepreneur", "network.membership"}
    membership_entry = created.get(model="network.membership")
    assert membership_entry.after["joined_on"] == "2025-01-06"
    assert membership_entry.actor_label == "systeem"


def test_ending_a_membership_is_recorded(world):
    membership = world.member_entrepreneur.memberships.get()
    network.membership_end(
        membership=membership, left_on=datetime.date(2025, 3, 1), actor=world.users["lead"]
    )
    entry = AuditEntry.objects.get(model="network.membership", action="update")
    assert entry.before == {"left_on": None} and entry.after == {"left_on": "2025-03-01"}


def test_granting_and_ending_a_role_are_recorded(world):
    pos, outsider = world.users["pos"], world.users["outsider"]
    before = AuditEntry.objects.count()
    grant_role(user=outsider, role=Role.LEAD, scope=world.office, actor=pos)
    grant_role(user=outsider, role=Role.LEAD, scope=world.office, actor=pos)  # no-op, no entry
    assert revoke_role(user=outsider, role=Role.LEAD, scope=world.office, actor=pos) == 1
    entries = AuditEntry.objects.order_by("id")[before:]
    assert [(e.action, e.model) for e in entries] == [
        ("create", "accounts.rolegrant"),
        ("update", "accounts.rolegrant"),  # ended, kept as history
    ]
    assert entries[1].before == {"ends_on": None} and entries[1].actor == pos
    assert entries[1].object_id == entries[0].object_id


def test_entries_cannot_be_changed_or_deleted(world):
    entry = AuditEntry.objects.first()
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_site_admin_sees_the_log_read_only_and_exports_csv(client, world):
    client.force_login(world.users["admin"])
    url = reverse("admin:trust_auditentry_changelist")
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:trust_auditentry_add")).status_code == 403
    entry = AuditEntry.objects.first()
    change = client.get(reverse("admin:trust_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
    response = client.post(
        url, {"action": "export_csv", "_selected_action": [entry.pk], "index": 0}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("tijdstip,door,handeling")


def test_other_roles_do_not_see_the_log(client, world):
    client.force_login(world.users["pos"])
    response = client.get(reverse("admin:trust_auditentry_changelist"))
    assert response.status_code in (302, 403)


def test_csv_cells_cannot_run_as_formulas(world):
    entry = AuditEntry.objects.first()
    text = audit.audit_csv([AuditEntry(**{**_fields(entry), "summary": "=HYPERLINK(1)"})])
    assert "'=HYPERLINK(1)" in text


def _fields(entry):
    return {
        f.name: getattr(entry, f.name)
        for f in AuditEntry._meta.concrete_fields
        if f.name not in ("id", "actor")
    }
