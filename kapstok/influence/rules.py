"""Who may read, endorse or speak in an office's positions, and loading one for a viewer.

The rules for an app's own objects live beside them (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404

from kapstok.accounts.access import Viewer, require
from kapstok.network.rules import get_office_for


def can_speak_for_office(viewer: Viewer, office) -> bool:
    """Draft, open and send the office's positions and keep its influence register: its leads
    and POS. Members endorse; they do not speak for the office on their own."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def positions_visible_to(viewer: Viewer, office) -> QuerySet:
    """An office's positions as far as the viewer may read them.

    Leads and POS: all, concepts included; members: those opened for endorsement and later;
    the municipality's contacts: only the ones addressed to their municipality, once sent —
    never an internal draft; anyone else: none.
    """
    from kapstok.influence.models import SENT_STATUSES, PositionStatus

    positions = office.positions.all()
    if can_speak_for_office(viewer, office):
        return positions
    if office.pk in viewer.member_office_ids:
        return positions.exclude(status=PositionStatus.CONCEPT)
    if office.pk in viewer.municipality_office_ids:
        return positions.filter(
            status__in=SENT_STATUSES, municipality_id__in=viewer.municipality_ids
        )
    return positions.none()


def can_endorse_position(viewer: Viewer, position) -> bool:
    """Only the office's own members, and only while the position is open."""
    from kapstok.influence.models import PositionStatus

    return position.office_id in viewer.member_office_ids and position.status == PositionStatus.OPEN


def get_position_for(viewer: Viewer, slug: str, pk: int, action: str = "view"):
    """Load a position, or raise 404 (unknown or not visible) / 403 (may not do `action`)."""
    office = get_office_for(viewer, slug, "view")
    try:
        position = (
            positions_visible_to(viewer, office)
            .select_related("office", "municipality", "addressed_body")
            .get(pk=pk)
        )
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action == "edit":
        require(can_speak_for_office(viewer, office))
    elif action == "endorse":
        require(position.office_id in viewer.member_office_ids)
    return position
