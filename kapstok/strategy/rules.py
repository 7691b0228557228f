"""Loading an office's strategy session for a viewer, or 404/403.

Who may view or facilitate is an office-level rule (`access.can_view_sessions`,
`access.can_facilitate_sessions`): sessions are the office's own. The rules for an app's
own objects live beside them (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
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
