"""Whose stall signals a viewer acts on.

Signals are read on the office dashboard (`access.can_view_office`); the next steps they ask
for are the leads' to take. The rule as a queryset for the start page is here, beside the
signals (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.db.models import QuerySet

from kapstok.accounts.access import Viewer


def signals_to_act_on(viewer: Viewer) -> QuerySet:
    """Open stall signals of the offices the viewer leads."""
    from .models import Signal

    return Signal.objects.open().filter(office_id__in=viewer.lead_office_ids)
