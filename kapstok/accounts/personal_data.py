"""What accounts keeps about a person, for the AVG functions of `kapstok.trust`.

Registered with `kapstok.trust.registry` in `AccountsConfig.ready()`: the person's roles in the
overview, their removal when the account is closed, and which businesses the person represents.
"""

from .models import Role, RoleGrant
from .services import revoke_role


def roles_export(user) -> list[RoleGrant]:
    """The overview's "rollen": each role and where it holds (described by trust)."""
    return list(user.grants.select_related("office", "municipality", "partner", "entrepreneur"))


def roles_revoke_all(*, user, actor) -> int:
    """Closing an erased person's account: every role goes, each in the audit log."""
    return sum(
        revoke_role(user=user, role=grant.role, scope=grant.scope_object(), actor=actor)
        for grant in list(user.grants.all())
    )


def represented_entrepreneur_ids(user) -> list[int]:
    """The entrepreneurs this person represents (a member role)."""
    grants = RoleGrant.objects.filter(user=user, role=Role.MEMBER, entrepreneur__isnull=False)
    return list(grants.values_list("entrepreneur_id", flat=True))
