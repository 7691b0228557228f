"""Who decides on which join requests (the personal data of people who are not members yet).

`access.can_handle_join_requests(viewer, office)` decides per office; here is the same rule as
a queryset for the start page (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.db.models import QuerySet

from kapstok.accounts.access import Viewer


def join_requests_to_decide_for(viewer: Viewer) -> QuerySet:
    """Confirmed requests to join an office the viewer leads, waiting for their decision."""
    from .models import JoinRequest

    return JoinRequest.objects.awaiting_decision().filter(office_id__in=viewer.lead_office_ids)
