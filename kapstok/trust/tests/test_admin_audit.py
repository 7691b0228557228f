"""Edits made through the Django admin to personal data and role grants are in the audit log."""

import pytest

from django.contrib import admin
from django.urls import reverse

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.network.models import Membership
from kapstok.trust.admin_audit import AuditedAdminMixin
from kapstok.trust.audit import PERSONAL_FIELDS
from kapstok.trust.models import AuditEntry

pytestmark = pytest.mark.django_db


def entries(model: str, action: str):
    return AuditEntry.objects.filter(model=model, action=action, summary__contains="beheer")


def test_changing_an_entrepreneur_in_the_admin_is_audited(client, world):
    admin_user = world.users["admin"]
    client.force_login(admin_user)
    entrepreneur = world.member_entrepreneur
    old_email = entrepreneur.email
    url = reverse("admin:network_entrepreneur_change", args=[entrepreneur.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not hasattr(value, "all")
    }
    data["branches"] = [b.pk for b in entrepreneur.branches.all()]
    data["branch_organisations"] = []
    data["email"] = "nieuw@example.invalid"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    [entry] = entries("network.entrepreneur", "update")
    assert entry.actor == admin_user
    assert entry.before == {"email": old_email}
    assert entry.after == {"email": "nieuw@example.invalid"}


def test_granting_and_deleting_a_role_in_the_admin_is_audited(client, world):
    client.force_login(world.users["admin"])
    outsider = world.users["outsider"]
    response = client.post(
        reverse("admin:accounts_rolegrant_add"),
        {
            "user": outsider.pk,
            "role": Role.RESEARCHER,
            "granted_at_0": "2026-11-29",
            "granted_at_1": "10:00:00",
            "starts_on": "2026-11-29",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant = RoleGrant.objects.get(user=outsider)
    [created] = entries("accounts.rolegrant", "create")
    assert created.after["role"] == Role.RESEARCHER and created.after["user_id"] == outsider.pk

    response = client.post(
        reverse("admin:accounts_rolegrant_delete", args=[grant.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    [deleted] = entries("accounts.rolegrant", "delete")
    assert deleted.object_id == str(grant.pk) and deleted.before["role"] == Role.RESEARCHER


def test_bulk_delete_of_role_grants_is_audited(client, world):
    client.force_login(world.users["admin"])
    grants = list(RoleGrant.objects.filter(role=Role.LEAD))
    assert grants
    response = client.post(
        reverse("admin:accounts_rolegrant_changelist"),
        {"action": "delete_selected", "_selected_action": [g.pk for g in grants], "post": "yes"},
    )
    assert response.status_code == 302
    assert entries("accounts.rolegrant", "delete").count() == len(grants)


def test_role_grants_edited_inline_on_the_user_are_audited(client, world):
    client.force_login(world.users["admin"])
    lead = world.users["lead"]
    grant = RoleGrant.objects.get(user=lead, role=Role.LEAD)
    url = reverse("admin:accounts_user_change", args=[lead.pk])
    data = {
        "email": lead.email,
        "full_name": "Kees Anders",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": lead.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": lead.date_joined.strftime("%H:%M:%S"),
        "grants-TOTAL_FORMS": "1",
        "grants-INITIAL_FORMS": "1",
        "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000",
        "grants-0-id": grant.pk,
        "grants-0-user": lead.pk,
        "grants-0-role": grant.role,
        "grants-0-office": grant.office_id,
        "grants-0-starts_on": grant.starts_on.isoformat(),
        "grants-0-DELETE": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    [deleted] = entries("accounts.rolegrant", "delete")
    assert deleted.object_id == str(grant.pk) and deleted.before["office_id"] == grant.office_id
    [renamed] = entries("accounts.user", "update")
    assert renamed.after == {"full_name": "Kees Anders"}


def test_ending_a_membership_inline_on_the_office_is_audited(client, world):
    client.force_login(world.users["admin"])
    office = world.office
    membership = Membership.objects.get(office=office, entrepreneur=world.member_entrepreneur)
    url = reverse("admin:network_office_change", args=[office.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not hasattr(value, "all")
    }
    data["municipalities"] = [m.pk for m in office.municipalities.all()]
    formset = page.context["inline_admin_formsets"][0].formset
    prefix = formset.prefix
    data |= {
        f"{prefix}-TOTAL_FORMS": str(len(formset.forms)),
        f"{prefix}-INITIAL_FORMS": str(len(formset.initial_forms)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, inline in enumerate(formset.forms):
        for name, value in inline.initial.items():
            if value is not None:
                data[f"{prefix}-{index}-{name}"] = value
        data[f"{prefix}-{index}-id"] = inline.instance.pk
        data[f"{prefix}-{index}-office"] = office.pk
        if inline.instance.pk == membership.pk:
            data[f"{prefix}-{index}-left_on"] = "2026-12-31"
    response = client.post(url, data)
    assert response.status_code == 302, page.context and response.context["errors"]
    [ended] = entries("network.membership", "update")
    assert ended.after == {"left_on": "2026-12-31"} and ended.before == {"left_on": None}


def test_every_admin_that_edits_audited_models_uses_the_mixin():
    """A new ModelAdmin for personal data (or with such an inline) must record its changes."""
    missing = []
    for model, model_admin in admin.site._registry.items():
        inline_models = [inline.model for inline in model_admin.inlines]
        edited = [m for m in [model, *inline_models] if m._meta.label_lower in PERSONAL_FIELDS]
        read_only = not model_admin.has_change_permission(_Request(), None)
        if edited and not read_only and not isinstance(model_admin, AuditedAdminMixin):
            missing.append(model._meta.label)
    assert missing == []


class _Request:
    """Just enough of a request for `has_change_permission` on a superuser."""

    user = User(is_superuser=True, is_active=True, is_staff=True)
