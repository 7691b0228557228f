"""Who may do what with an office's founding, built on `kapstok.accounts.access`.

POS registers offices in founding and sees them all; the office's kartrekkers and POS keep its
checklist and mark it founded. Nobody else sees the checklist: it is the founders' working list.
"""

from kapstok.accounts import access
from kapstok.accounts.access import Viewer


def can_register_founding(viewer: Viewer) -> bool:
    return access.can_create_office(viewer)


def can_view_founding_overview(viewer: Viewer) -> bool:
    return access.can_view_national_overview(viewer)


def can_view_checklist(viewer: Viewer, office) -> bool:
    """The checklist page: POS and the office's leads, while it is founding and afterwards (as
    the record of how it started)."""
    return access.can_edit_office(viewer, office)


def can_keep_checklist(viewer: Viewer, office) -> bool:
    """Tick items and mark the office founded: only while the office is still in founding."""
    return office.is_founding and access.can_edit_office(viewer, office)


def founding_offices_led_by(viewer: Viewer):
    """The offices in founding this person is a kartrekker of (their checklist is their to-do)."""
    from kapstok.network.models import Office, OfficeStatus

    return Office.objects.filter(pk__in=viewer.lead_office_ids, status=OfficeStatus.FOUNDING)


def shows_founding_link(viewer: Viewer, office) -> bool:
    """The office's navigation links to the checklist while the office is in founding."""
    return office.is_founding and can_view_checklist(viewer, office)
