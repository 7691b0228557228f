"""Who reaches which municipality's portal and for which municipality one records money.

The portal of one municipality (`access.can_view_municipality_portal`) and the contributions
rules stay in `kapstok.accounts.access`, beside the other office-level rules; what needs the
municipality app's pages and choices is here (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from django.db.models import QuerySet

from kapstok.accounts.access import Viewer


def can_open_portal_list(viewer: Viewer) -> bool:
    """The list of portals: POS, and whoever works for a municipality."""
    return viewer.is_national or bool(viewer.municipality_ids)


def own_portal_only(viewer: Viewer) -> bool:
    """A civil servant of one municipality goes straight to its portal, not to a list of one."""
    return not viewer.is_national and len(viewer.municipality_ids) == 1


def portal_municipalities(viewer: Viewer) -> QuerySet:
    """The municipalities whose portal the viewer may open: POS every one with an office, a
    civil servant or alderman their own (with an office or not yet)."""
    from kapstok.network.models import Municipality

    if viewer.is_national:
        return Municipality.objects.filter(offices__isnull=False).distinct()
    return Municipality.objects.filter(pk__in=viewer.municipality_ids)


def contribution_municipalities(viewer: Viewer, office) -> QuerySet:
    """The office's municipalities the viewer may record a contribution for: any of them for
    POS and the office's leads, their own for a municipality's contacts."""
    municipalities = office.municipalities.all()
    if viewer.is_national or office.pk in viewer.lead_office_ids:
        return municipalities
    return municipalities.filter(pk__in=viewer.municipality_ids)


def call_office_ids(viewer: Viewer, offices) -> list[int]:
    """Of the portal's offices, the ones whose members the viewer may call on
    (`municall.rules.can_write_call`): the one thing on the offices' cards that depends on who
    looks, so the cards are cached per municipality and this list (`municipality/portal.html`)."""
    from kapstok.municall.rules import can_write_call

    return [office.pk for office in offices if can_write_call(viewer, office)]
