"""Who may see or change what of offices and entrepreneurs, and loading them for a viewer.

`get_office_for` is the entry point every office page loads its office through: it returns the
office or raises 404 (unknown) / 403 (the `OFFICE_ACTIONS` rule says no). The rules themselves
(`can_view_office`, `member_detail`, …) are in `kapstok.accounts.access`, which knows the viewer
but none of the domain apps' models; what needs network's models (querysets, loaders, the
timeline's rule per kind of line) is here, beside them (docs/architecture.md, "Floors").
"""

from __future__ import annotations

import enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kapstok.accounts.access import (
    MemberDetail,
    Viewer,
    can_edit_kapstok,
    can_edit_office,
    can_edit_public_page,
    can_facilitate_sessions,
    can_handle_join_requests,
    can_manage_landscape,
    can_manage_members,
    can_view_coverage,
    can_view_message_archive,
    can_view_office,
    can_view_sessions,
    member_detail,
)


class EventShown(enum.IntEnum):
    """How much of one line of an office's timeline a viewer sees."""

    HIDDEN = 0
    ANONYMOUS = 1  # that it happened, not who (a member joined or left)
    FULL = 2


def office_event_shown(viewer: Viewer, office, kind: str) -> EventShown:
    """A timeline line shows only what the page it speaks of would show this viewer.

    The timeline is read by everyone with an internal view of the office (`can_view_office`);
    per kind of line:
    - a member joined or left names a business: viewers who see every member's name
      (`member_detail` NETWORK or more) get the line; those who see only the members listed
      publicly (municipality, partners) learn that a member joined or left, not who;
    - sessions: only who may open the office's sessions (`can_view_sessions`);
    - brokered messages: who may read the archive (`can_view_message_archive`); positions:
      the office's viewers; for both the line is shown only when the viewer may open that very
      message or position, which the caller checks on the line's link;
    - municipal contributions: who sees all of them (POS, the office's leads and members): a
      municipality's contacts see only their own, on the contributions page;
    - goals, strategies, projects, measurements, meetings and office updates: every viewer of
      the office, as the pages they point to.
    Any other kind is hidden: a new kind needs a rule here first.
    """
    from kapstok.network.models import EventKind

    if not can_view_office(viewer, office):
        return EventShown.HIDDEN
    if kind in (EventKind.MEMBER_JOINED, EventKind.MEMBER_LEFT):
        detail = member_detail(viewer, office)
        if detail >= MemberDetail.NETWORK:
            return EventShown.FULL
        return EventShown.ANONYMOUS if detail == MemberDetail.PUBLIC else EventShown.HIDDEN
    if kind in (EventKind.SESSION_PLANNED, EventKind.SESSION_UPDATED):
        allowed = can_view_sessions(viewer, office)
    elif kind == EventKind.MESSAGE:
        allowed = can_view_message_archive(viewer, office)
    elif kind == EventKind.CONTRIBUTION:
        allowed = viewer.is_national or office.pk in (
            viewer.lead_office_ids | viewer.member_office_ids
        )
    else:
        allowed = kind in {
            EventKind.OFFICE_UPDATED,
            EventKind.GOAL_CREATED,
            EventKind.GOAL_UPDATED,
            EventKind.STRATEGY_CREATED,
            EventKind.PROJECT_CREATED,
            EventKind.PROJECT_UPDATED,
            EventKind.MEASUREMENT_ADDED,
            EventKind.MEETING_HELD,
            EventKind.POSITION,
        }
    return EventShown.FULL if allowed else EventShown.HIDDEN


def offices_visible_to(viewer: Viewer) -> QuerySet:
    from kapstok.network.models import Office

    if viewer.is_national:
        return Office.objects.all()
    return Office.objects.filter(pk__in=viewer.office_ids)


def offices_findable_by(viewer: Viewer) -> QuerySet:
    """Offices a person may find in lists and the API: all but dissolved ones, which only
    their own viewers still see (the public site hides them, the registry keeps them)."""
    from kapstok.network.models import Office, OfficeStatus

    visible = offices_visible_to(viewer).values("pk")
    return Office.objects.filter(~Q(status=OfficeStatus.DISSOLVED) | Q(pk__in=visible))


OFFICE_ACTIONS = {
    "view": can_view_office,
    "view_sessions": can_view_sessions,
    "facilitate_sessions": can_facilitate_sessions,
    "edit": can_edit_office,
    "edit_kapstok": can_edit_kapstok,
    "manage_members": can_manage_members,
    "edit_public_page": can_edit_public_page,
    "handle_join_requests": can_handle_join_requests,
    "view_coverage": can_view_coverage,
    "manage_landscape": can_manage_landscape,
}


def get_office_for(viewer: Viewer, slug: str, action="view"):
    """Load an office for an internal page, or raise 404 (unknown) / 403 (not allowed).

    `action` names a rule of `OFFICE_ACTIONS`, or is a rule itself (`rule(viewer, office)`),
    for the pages of apps above network: `get_office_for(viewer, slug, can_file_support)`.
    """
    from kapstok.network.models import Office

    rule = OFFICE_ACTIONS[action] if isinstance(action, str) else action
    try:
        office = Office.objects.get(slug=slug)
    except Office.DoesNotExist as missing:
        raise Http404 from missing
    if not rule(viewer, office):
        raise PermissionDenied
    return office


def _led_current_members(viewer: Viewer) -> QuerySet:
    """Ids of entrepreneurs who are *current* members of an office this viewer leads.

    Only a current membership (confirmed by the business, see `MembershipClaim`) gives a lead
    the contact details: ending the membership ends that at once, and a business another office
    merely asked about is not reached.
    """
    from kapstok.network.models import Membership

    return (
        Membership.objects.current()
        .filter(office_id__in=viewer.lead_office_ids)
        .values("entrepreneur_id")
    )


def entrepreneurs_visible_to(viewer: Viewer) -> QuerySet:
    """Entrepreneurs whose page (with personal data) the viewer may open."""
    from kapstok.network.models import Entrepreneur

    if viewer.is_national:
        return Entrepreneur.objects.all()
    if not viewer.is_authenticated:
        return Entrepreneur.objects.none()
    scope = Q(pk__in=viewer.entrepreneur_ids)
    if viewer.lead_office_ids:
        scope |= Q(pk__in=_led_current_members(viewer))
    return Entrepreneur.objects.filter(scope)


def can_view_entrepreneur(viewer: Viewer, entrepreneur) -> bool:
    if viewer.is_national or entrepreneur.pk in viewer.entrepreneur_ids:
        return True
    if not viewer.lead_office_ids:
        return False
    return _led_current_members(viewer).filter(entrepreneur_id=entrepreneur.pk).exists()


def can_edit_entrepreneur(viewer: Viewer, entrepreneur) -> bool:
    return can_view_entrepreneur(viewer, entrepreneur)


def can_create_entrepreneur(viewer: Viewer) -> bool:
    return viewer.is_national or bool(viewer.lead_office_ids)


def can_answer_membership_claim(viewer: Viewer, claim) -> bool:
    """Confirm or refuse an office's request to count a business as its member: the business
    itself (an account with a member grant for it), or POS on its behalf (after a phone call,
    say; audit-logged). Never the office that asked."""
    return viewer.is_national or claim.entrepreneur_id in viewer.entrepreneur_ids


def can_leave(viewer: Viewer, membership) -> bool:
    """End a membership oneself: only the business itself (an account with a member grant for
    it). POS and the lead end one through the lead's form, which asks the same question."""
    return membership.entrepreneur_id in viewer.entrepreneur_ids


def own_memberships(viewer: Viewer, office):
    """The viewer's own businesses' current memberships of this office (to leave from its page)."""
    from kapstok.network.models import Membership

    if not viewer.entrepreneur_ids:
        return Membership.objects.none()
    return (
        Membership.objects.current()
        .filter(office=office, entrepreneur_id__in=viewer.entrepreneur_ids)
        .select_related("entrepreneur")
    )


def can_withdraw_membership_claim(viewer: Viewer, claim) -> bool:
    return can_manage_members(viewer, claim.office)


ENTREPRENEUR_ACTIONS = {"view": can_view_entrepreneur, "edit": can_edit_entrepreneur}


def get_entrepreneur_for(viewer: Viewer, pk: int, action: str = "view"):
    from kapstok.network.models import Entrepreneur

    try:
        entrepreneur = Entrepreneur.objects.select_related("municipality").get(pk=pk)
    except Entrepreneur.DoesNotExist as missing:
        raise Http404 from missing
    if not ENTREPRENEUR_ACTIONS[action](viewer, entrepreneur):
        raise PermissionDenied
    return entrepreneur


def office_scope(
    entrepreneur_ids: frozenset[int], municipality_ids: frozenset[int], partner_ids: frozenset[int]
) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The offices a person's grants reach: as a member (current memberships of the businesses
    they represent), as a civil servant (offices working in their municipalities) and as a
    partner's staff (offices the partner is assigned to). Registered with `accounts.access`."""
    from kapstok.network.models import Membership, Office

    def ids(queryset) -> frozenset[int]:
        return frozenset(queryset.values_list("id", flat=True))

    member = frozenset()
    if entrepreneur_ids:
        member = frozenset(
            Membership.objects.current()
            .filter(entrepreneur_id__in=entrepreneur_ids)
            .values_list("office_id", flat=True)
        )
    municipality = frozenset()
    if municipality_ids:
        municipality = ids(Office.objects.filter(municipalities__in=municipality_ids))
    partner = frozenset()
    if partner_ids:
        partner = ids(Office.objects.filter(partners__in=partner_ids))
    return member, municipality, partner


def current_memberships_of(viewer: Viewer) -> QuerySet:
    """Current memberships of the businesses the viewer represents (their own, to manage)."""
    from kapstok.network.models import Membership

    return Membership.objects.current().filter(entrepreneur_id__in=viewer.entrepreneur_ids)


def offices_worked_for(viewer: Viewer) -> QuerySet:
    """The offices the viewer leads, is a member of, or works for as a partner's staff: the
    dashboards they work from (not the municipality's view, which is its portal)."""
    from kapstok.network.models import Office

    ids = viewer.lead_office_ids | viewer.member_office_ids | viewer.partner_office_ids
    return Office.objects.filter(pk__in=ids)


def municipalities_served_by(viewer: Viewer) -> QuerySet:
    """The municipalities the viewer works for (civil servant or alderman)."""
    from kapstok.network.models import Municipality

    return Municipality.objects.filter(pk__in=viewer.municipality_ids)


def represented_businesses(viewer: Viewer) -> QuerySet:
    """The businesses the viewer speaks for (member grants): theirs to choose for."""
    from kapstok.network.models import Entrepreneur

    return Entrepreneur.objects.filter(pk__in=viewer.entrepreneur_ids)


def can_list_entrepreneurs(viewer: Viewer) -> bool:
    """The list of entrepreneurs (scoped by `entrepreneurs_visible_to`): POS and leads."""
    return viewer.is_national or bool(viewer.lead_office_ids)


def memberships_visible_to(viewer: Viewer, entrepreneur) -> QuerySet:
    """An entrepreneur's memberships as the viewer may see them: all for POS and the business
    itself; a lead only those with the offices they lead (not where else it is a member)."""
    memberships = entrepreneur.memberships.all()
    if viewer.is_national or entrepreneur.pk in viewer.entrepreneur_ids:
        return memberships
    return memberships.filter(office_id__in=viewer.lead_office_ids)


def claims_to_answer_by(viewer: Viewer) -> QuerySet:
    """Pending requests of offices to count one of the viewer's businesses as a member: only
    the business answers them (`can_answer_membership_claim`; POS on its behalf elsewhere)."""
    from kapstok.network.models import ClaimStatus, MembershipClaim

    return MembershipClaim.objects.filter(
        entrepreneur_id__in=viewer.entrepreneur_ids, status=ClaimStatus.PENDING
    )


def claims_of_led_offices(viewer: Viewer) -> QuerySet:
    """Pending membership requests the offices the viewer leads have made."""
    from kapstok.network.models import ClaimStatus, MembershipClaim

    return MembershipClaim.objects.filter(
        office_id__in=viewer.lead_office_ids, status=ClaimStatus.PENDING
    )


def sees_office_list(viewer: Viewer) -> bool:
    """The list of offices is worth a menu entry for whoever has an office (or all, POS)."""
    return viewer.is_national or bool(viewer.office_ids)
