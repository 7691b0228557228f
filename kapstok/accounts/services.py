"""Creating accounts and granting roles; the only writers of `RoleGrant`.

Roles have dates (`starts_on`, `ends_on`, the last day). Ending a role sets its end date and
keeps the grant as history; only closing an erased person's account deletes grants. When a role
on an office ends with a successor named, the open work the person holds in that office moves
to the successor (`hand_over`): the apps that own such work register how (`register_hand_over`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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


def _scope_kwargs(*, user: User, role: str, scope) -> dict:
    field = ROLE_SCOPE[role]
    kwargs = {"user": user, "role": role}
    if field:
        kwargs[field] = scope
    return kwargs


@transaction.atomic
def grant_role(
    *,
    user: User,
    role: str,
    scope=None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    actor=None,
) -> RoleGrant:
    """Grant a role on a scope from `starts_on` (today) to `ends_on` (open), idempotent.

    The scope's kind must match the role and the end may not lie before the start (a Dutch
    `ValidationError`, nothing saved). A person holds at most one open (current or future)
    grant per role and scope: granting again returns that grant unchanged, so a form sent
    twice makes one. A new grant is written to the audit log (`actor` did it).
    """
    kwargs = _scope_kwargs(user=user, role=role, scope=scope)
    dates = {"starts_on": starts_on or timezone.localdate(), "ends_on": ends_on}
    RoleGrant(**kwargs, **dates).full_clean(validate_unique=False, validate_constraints=False)
    existing = RoleGrant.objects.filter(**kwargs).open().order_by("starts_on", "pk").first()
    if existing is not None:
        return existing
    grant = RoleGrant.objects.create(**kwargs, **dates)
    audit_record(action=AuditAction.CREATE, instance=grant, after=snapshot(grant), actor=actor)
    return grant


@transaction.atomic
def grant_change_dates(
    *, grant: RoleGrant, starts_on: datetime.date, ends_on: datetime.date | None, actor=None
) -> RoleGrant:
    """Move a grant's start or end (a portfolio that moves later, an end agreed in advance)."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    before = snapshot(grant)
    grant.starts_on, grant.ends_on = starts_on, ends_on
    grant.full_clean(validate_unique=False, validate_constraints=False)
    grant.save(update_fields=["starts_on", "ends_on"])
    audit_record(
        action=AuditAction.UPDATE, instance=grant, before=before, after=snapshot(grant), actor=actor
    )
    return grant


@transaction.atomic
def grant_end(*, grant: RoleGrant, ends_on: datetime.date | None = None, actor=None) -> RoleGrant:
    """End a role on `ends_on` (today: its last day), keeping the grant as history.

    A grant that already ends on or before that day is left as it is, so ending twice is
    harmless. A grant that has not started by then would end before its start: it is refused.
    """
    ends_on = ends_on or timezone.localdate()
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.ends_on is not None and grant.ends_on <= ends_on:
        return grant
    if ends_on < grant.starts_on:
        raise ValidationError({"ends_on": _("De einddatum van een rol ligt vóór de begindatum.")})
    return grant_change_dates(grant=grant, starts_on=grant.starts_on, ends_on=ends_on, actor=actor)


@transaction.atomic
def revoke_role(*, user: User, role: str, scope=None, actor=None) -> int:
    """End this person's open grants of the role on the scope today; how many ended.

    A grant that was still to start is ended on its first day (it never gave access beyond it).
    """
    today = timezone.localdate()
    grants = RoleGrant.objects.filter(**_scope_kwargs(user=user, role=role, scope=scope))
    ended = 0
    for grant in grants.open(on=today):
        last_day = max(today, grant.starts_on)
        if grant.ends_on is None or grant.ends_on > last_day:
            grant_end(grant=grant, ends_on=last_day, actor=actor)
            ended += 1
    return ended


@transaction.atomic
def grants_erase(*, user: User, actor=None) -> int:
    """Delete every grant of a person whose account is closed (erasure), each in the audit log."""
    grants = list(RoleGrant.objects.filter(user=user))
    for grant in grants:
        audit_record(action=AuditAction.DELETE, instance=grant, before=snapshot(grant), actor=actor)
    deleted, _counts = RoleGrant.objects.filter(pk__in=[grant.pk for grant in grants]).delete()
    return deleted


@transaction.atomic
def role_end(
    *, grant: RoleGrant, ends_on: datetime.date | None = None, successor=None, actor=None
) -> list["HandedOver"]:
    """End a role and, with a successor named, move the person's open work in the office.

    One transaction: the end date and the moved work are saved together or not at all. The
    audit log records the end and what moved. Sent twice, the second changes nothing.
    """
    if successor is not None and grant.office_id is None:
        raise ValidationError(
            {"successor": _("Alleen bij een rol op een kantoor neemt een opvolger werk over.")}
        )
    grant = grant_end(grant=grant, ends_on=ends_on, actor=actor)
    if successor is None:
        return []
    moved = hand_over(office_id=grant.office_id, predecessor=grant.user, successor=successor)
    if moved:
        audit_record(
            action=AuditAction.UPDATE,
            instance=grant,
            after={"successor_id": successor.pk, "handed_over": {m.text: m.count for m in moved}},
            actor=actor,
            summary=hand_over_summary(moved, successor),
        )
    return moved


# --- hand-over ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandedOver:
    """One kind of work that moved: how many, and the words for them ("3 projecten")."""

    count: int
    text: str


# (office id, predecessor, successor) → what moved; registered by the apps that own open work
# (goals: goals, projects and activities; strategy: sessions still to run).
HandOver = Callable[[int, User, User], list[HandedOver]]
_hand_overs: dict[str, HandOver] = {}


def register_hand_over(name: str, hand_over_fn: HandOver) -> None:
    """Let an app that assigns work to people move a leaving person's open work in an office."""
    _hand_overs[name] = hand_over_fn


@transaction.atomic
def hand_over(*, office_id: int, predecessor: User, successor: User) -> list[HandedOver]:
    """Move the predecessor's open work in the office to the successor, all or nothing.

    Finished work stays with whoever did it. What has moved is no longer the predecessor's, so
    a second hand-over moves nothing and reports nothing.
    """
    if successor.pk == predecessor.pk:
        raise ValidationError({"successor": _("Kies een opvolger die niet dezelfde persoon is.")})
    moved = []
    for name in sorted(_hand_overs):
        moved.extend(item for item in _hand_overs[name](office_id, predecessor, successor))
    return [item for item in moved if item.count]


def hand_over_summary(moved: list[HandedOver], successor: User) -> str:
    """ "3 projecten en 2 acties overgedragen aan Anna", or that there was nothing to move."""
    if not moved:
        return _("Er stond geen open werk op naam om over te dragen aan %(name)s.") % {
            "name": successor
        }
    texts = [item.text for item in moved]
    listed = (
        texts[0]
        if len(texts) == 1
        else _("%(list)s en %(last)s")
        % {
            "list": ", ".join(texts[:-1]),
            "last": texts[-1],
        }
    )
    return _("%(work)s overgedragen aan %(name)s.") % {"work": listed, "name": successor}
