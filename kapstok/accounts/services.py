"""Creating accounts and granting roles; the only writers of `RoleGrant`."""

from django.db import transaction

from .models import ROLE_SCOPE, RoleGrant, User


@transaction.atomic
def user_ensure(*, email: str, full_name: str = "", password: str | None = None) -> User:
    """Return the account for this email, creating it (with the password) if it is new."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    return user


def grant_role(*, user: User, role: str, scope=None) -> RoleGrant:
    """Grant a role on a scope (idempotent); the scope's kind must match the role."""
    field = ROLE_SCOPE[role]
    kwargs = {"user": user, "role": role}
    if field:
        kwargs[field] = scope
    RoleGrant(**kwargs).full_clean(validate_unique=False)
    grant, _created = RoleGrant.objects.get_or_create(**kwargs)
    return grant


def revoke_role(*, user: User, role: str, scope=None) -> int:
    field = ROLE_SCOPE[role]
    kwargs = {"user": user, "role": role}
    if field:
        kwargs[field] = scope
    deleted, _ = RoleGrant.objects.filter(**kwargs).delete()
    return deleted
