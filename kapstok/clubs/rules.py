"""Who may see, register, import and link sports clubs.

- **See the registry**: the network's insiders (POS, leads, members, partners) and the
  municipalities' contacts: a club is an organisation that publishes its own name and sport.
- **Manage** (register, edit, import, link, remove) the clubs of a municipality: POS for every
  municipality, a municipality contact for their own, an office lead for the municipalities
  their office covers.
- **The secretary's address** only for those who manage the club's municipality (data
  minimisation: a volunteer may have given a private address).
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404

from kapstok.accounts.access import Viewer, is_network_insider, require
from kapstok.peers import rules as peers_rules


def can_view_clubs(viewer: Viewer) -> bool:
    return is_network_insider(viewer) or bool(viewer.municipality_ids)


def clubs_visible_to(viewer: Viewer) -> QuerySet:
    from kapstok.clubs.models import SportsClub

    return SportsClub.objects.all() if can_view_clubs(viewer) else SportsClub.objects.none()


def managed_municipality_ids(viewer: Viewer) -> frozenset[int] | None:
    """The municipalities whose clubs the viewer manages; None means every one (POS)."""
    from kapstok.network.models import Office

    if viewer.is_national:
        return None
    through = Office.municipalities.through.objects.filter(office_id__in=viewer.lead_office_ids)
    led = set(through.values_list("municipality_id", flat=True))
    return frozenset(viewer.municipality_ids | led)


def municipalities_managed_by(viewer: Viewer) -> QuerySet:
    """The current municipalities the viewer may register or import clubs for."""
    from kapstok.network.models import Municipality

    municipalities = Municipality.objects.current().order_by("name")
    ids = managed_municipality_ids(viewer)
    return municipalities if ids is None else municipalities.filter(pk__in=ids)


def can_manage_clubs(viewer: Viewer) -> bool:
    """Register or import clubs at all: someone who manages at least one municipality."""
    ids = managed_municipality_ids(viewer)
    return ids is None or bool(ids)


def can_manage_club(viewer: Viewer, club) -> bool:
    ids = managed_municipality_ids(viewer)
    return ids is None or club.municipality_id in ids


def sees_secretary_email(viewer: Viewer, club) -> bool:
    return can_manage_club(viewer, club)


def get_club_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a club, or raise 404 (unknown, or the viewer sees no clubs) / 403 (may not manage)."""
    try:
        club = (
            clubs_visible_to(viewer)
            .select_related("municipality")
            .prefetch_related("sports")
            .get(pk=pk)
        )
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action == "manage":
        require(can_manage_club(viewer, club))
    return club


# --- what a club may be linked to ------------------------------------------------------------


def linkable_practices(viewer: Viewer) -> QuerySet:
    """Practices the viewer may read (a practice's clubs are shown to every reader)."""
    return peers_rules.practices_visible_to(viewer)


def linkable_meetings(viewer: Viewer) -> list:
    return peers_rules.meetings_visible_to(viewer)


def linkable_posts(viewer: Viewer) -> QuerySet:
    """Posts on the boards the viewer uses, and the regional posts of their province."""
    from kapstok.peers.models import ExchangePost

    own = viewer.lead_office_ids | viewer.member_office_ids
    regional = peers_rules.regional_posts_visible_to(viewer)
    return ExchangePost.objects.filter(office_id__in=own) | regional


def visible_linked_ids(viewer: Viewer, kind: str, ids) -> set[int]:
    """Of the linked practices, meetings or posts (`ids`), those the viewer may open: a club
    page never names a practice, meeting or post the viewer could not read elsewhere."""
    from kapstok.peers.models import Meeting

    ids = set(ids)
    if not ids:
        return set()
    if kind == "practice":
        return set(linkable_practices(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    if kind == "meeting":
        meetings = Meeting.objects.filter(pk__in=ids).prefetch_related("invited_offices")
        return {m.pk for m in meetings if peers_rules.can_view_meeting(viewer, m)}
    return set(linkable_posts(viewer).filter(pk__in=ids).values_list("pk", flat=True))
