"""What accounts keeps about a person, for the AVG functions of `kapstok.trust`.

Registered with `kapstok.trust.registry` in `AccountsConfig.ready()`: the person's roles in the
overview, their removal when the account is closed, and which businesses the person represents.
"""

from .models import Role, RoleGrant
from .services import grants_erase


def roles_export(user) -> list[RoleGrant]:
    """The overview's "rollen": each role, where it holds and from when to when, the ended
    ones included (the history is kept, so the person sees it too)."""
    grants = user.grants.select_related("office", "municipality", "partner", "entrepreneur")
    return list(grants.order_by("-starts_on", "-pk"))


def roles_revoke_all(*, user, actor) -> int:
    """Closing an erased person's account: every role goes, history included, each in the
    audit log."""
    return grants_erase(user=user, actor=actor)


def represented_entrepreneur_ids(user) -> list[int]:
    """The entrepreneurs this person represents (a member role)."""
    grants = RoleGrant.objects.filter(user=user, role=Role.MEMBER, entrepreneur__isnull=False)
    return list(grants.values_list("entrepreneur_id", flat=True))
