"""Loading an office's strategy session for a viewer, and which sessions wait for them.

Who may view or facilitate is an office-level rule (`access.can_view_sessions`,
`access.can_facilitate_sessions`): sessions are the office's own. The rules for an app's
own objects live beside them (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kapstok.accounts.access import Viewer, can_facilitate_sessions, can_view_sessions

SESSION_ACTIONS = {"view": can_view_sessions, "facilitate": can_facilitate_sessions}


def get_session_for(viewer: Viewer, slug: str, pk: int, action: str = "view"):
    """Load an office's strategy session, or raise 404 (unknown) / 403 (not allowed)."""
    from kapstok.strategy.models import StrategySession

    try:
        session = StrategySession.objects.select_related("office", "facilitator").get(
            pk=pk, office__slug=slug
        )
    except StrategySession.DoesNotExist as missing:
        raise Http404 from missing
    if not SESSION_ACTIONS[action](viewer, session.office):
        raise PermissionDenied
    return session


def sessions_open_to_members(viewer: Viewer) -> QuerySet:
    """Sessions of the offices the viewer is a member of (to add cards or dots to)."""
    from kapstok.strategy.models import StrategySession

    return StrategySession.objects.filter(office_id__in=viewer.member_office_ids)


def sessions_run_by_office(viewer: Viewer) -> QuerySet:
    """Sessions of the offices the viewer leads or works for as a partner (theirs to run)."""
    from kapstok.strategy.models import StrategySession

    offices = viewer.lead_office_ids | viewer.partner_office_ids
    return StrategySession.objects.filter(office_id__in=offices)


def joins_without_form(viewer: Viewer, session) -> bool:
    """Members and leads of the office need no join form: their account says who they are."""
    return session.office_id in viewer.member_office_ids | viewer.lead_office_ids
