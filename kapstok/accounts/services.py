"""Creating accounts and granting roles; the only writers of `RoleGrant`."""

from django.db import transaction

from kapstok.trust.audit import audit_record, snapshot
from kapstok.trust.models import AuditAction

from .models import ROLE_SCOPE, RoleGrant, User


@transaction.atomic
def user_ensure(*, email: str, full_name: str = "", password: str | None = None) -> User:
    """Return the account for this email, creating it (with the password) if it is new."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    return user


@transaction.atomic
def grant_role(*, user: User, role: str, scope=None, actor=None) -> RoleGrant:
    """Grant a role on a scope (idempotent); the scope's kind must match the role.

    A new grant and every revocation are written to the audit log (`actor` did it).
    """
    field = ROLE_SCOPE[role]
    kwargs = {"user": user, "role": role}
    if field:
        kwargs[field] = scope
    RoleGrant(**kwargs).full_clean(validate_unique=False)
    grant, created = RoleGrant.objects.get_or_create(**kwargs)
    if created:
        audit_record(action=AuditAction.CREATE, instance=grant, after=snapshot(grant), actor=actor)
    return grant


@transaction.atomic
def revoke_role(*, user: User, role: str, scope=None, actor=None) -> int:
    field = ROLE_SCOPE[role]
    kwargs = {"user": user, "role": role}
    if field:
        kwargs[field] = scope
    grants = list(RoleGrant.objects.filter(**kwargs))
    for grant in grants:
        audit_record(action=AuditAction.DELETE, instance=grant, before=snapshot(grant), actor=actor)
    deleted, _ = RoleGrant.objects.filter(pk__in=[grant.pk for grant in grants]).delete()
    return deleted
