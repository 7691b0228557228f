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


def positions_open_to(viewer: Viewer) -> QuerySet:
    """Positions open for endorsement in the offices the viewer is a member of, that none of
    their businesses has endorsed yet (what waits for them)."""
    from kapstok.influence.models import Position, PositionStatus

    return Position.objects.filter(
        office_id__in=viewer.member_office_ids, status=PositionStatus.OPEN
    ).exclude(endorsements__entrepreneur_id__in=viewer.entrepreneur_ids)


def positions_addressed_to(viewer: Viewer) -> QuerySet:
    """Positions sent to the viewer's municipalities by offices working there, awaiting answer."""
    from kapstok.influence.models import Position, PositionStatus

    return Position.objects.filter(
        status=PositionStatus.SENT,
        municipality_id__in=viewer.municipality_ids,
        office_id__in=viewer.municipality_office_ids,
    )


def endorsing_entrepreneur(viewer: Viewer, position) -> int | None:
    """The business (of the viewer's) that endorses for them: a current member of the office."""
    from .services import endorsing_entrepreneur

    return endorsing_entrepreneur(position=position, entrepreneur_ids=viewer.entrepreneur_ids)


def sees_open_positions(viewer: Viewer, office) -> bool:
    """Members see how many positions wait for their endorsement on the office page."""
    return office.pk in viewer.member_office_ids


# --- POS-wide positions ---------------------------------------------------------------------


def can_write_national_positions(viewer: Viewer) -> bool:
    """POS writes, opens, closes and sends the positions of the whole network."""
    return viewer.is_national


def can_view_national_positions(viewer: Viewer) -> bool:
    """POS; the current members of any office (who endorse), the leads (who rally their
    members) and the municipalities' contacts (to whom it is addressed)."""
    return viewer.is_national or bool(
        viewer.member_office_ids or viewer.lead_office_ids or viewer.municipality_ids
    )


def national_positions_visible_to(viewer: Viewer) -> QuerySet:
    """POS sees its concepts too; the others what was opened for endorsement and later."""
    from kapstok.influence.models import NationalPosition, NationalStatus

    if viewer.is_national:
        return NationalPosition.objects.all()
    if can_view_national_positions(viewer):
        return NationalPosition.objects.exclude(status=NationalStatus.CONCEPT)
    return NationalPosition.objects.none()


def sees_exact_national_counts(viewer: Viewer) -> bool:
    """Exact counts per office and municipality are POS's; every other role sees small counts
    as a band (`analysis.disclosure.small_count`), so a count cannot point at one business."""
    return viewer.is_national


def national_municipalities_of(viewer: Viewer) -> frozenset[int]:
    """The municipalities whose count and PDF a civil servant sees: their own."""
    return viewer.municipality_ids


def can_download_municipality_pdf(viewer: Viewer, municipality) -> bool:
    """POS for every municipality; a municipality's contacts for their own."""
    return viewer.is_national or municipality.pk in viewer.municipality_ids


def sees_office_totals(viewer: Viewer) -> bool:
    """The count per office: POS, and the members and leads (whose offices compete a little)."""
    return viewer.is_national or bool(viewer.member_office_ids or viewer.lead_office_ids)


def national_endorser(viewer: Viewer):
    """(business, office) that endorses for the viewer: their first business that is a current
    member of an office; None for anyone without a current membership."""
    if not viewer.member_office_ids:
        return None
    from .services import national_endorser_of

    return national_endorser_of(entrepreneur_ids=viewer.entrepreneur_ids)


def get_national_position_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a POS-wide position, or raise 404 (unknown or not visible) / 403 (may not do
    `action`: "edit" is POS's, "endorse" needs a current membership)."""
    require(can_view_national_positions(viewer))
    try:
        position = national_positions_visible_to(viewer).get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action == "edit":
        require(can_write_national_positions(viewer))
    elif action == "endorse":
        require(bool(viewer.member_office_ids))
    return position


def national_positions_open_to(viewer: Viewer) -> QuerySet:
    """POS-wide positions open for endorsement that none of the member's businesses has
    endorsed yet: what waits for them on the start page and the office's page."""
    from django.db.models import Q
    from django.utils import timezone

    from kapstok.influence.models import NationalPosition, NationalStatus

    if not viewer.member_office_ids:
        return NationalPosition.objects.none()
    today = timezone.localdate()
    return (
        NationalPosition.objects.filter(status=NationalStatus.OPEN)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .exclude(endorsements__entrepreneur_id__in=viewer.entrepreneur_ids)
    )


def my_national_endorsement(viewer: Viewer, position):
    """The endorsement of one of the viewer's businesses, if any (one query)."""
    if not viewer.entrepreneur_ids:
        return None
    return position.endorsements.filter(entrepreneur_id__in=viewer.entrepreneur_ids).first()
