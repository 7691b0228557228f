"""Template filters for links to brokered messages on other apps' pages."""

from django import template

from kapstok.accounts import access
from kapstok.messaging import selectors

register = template.Library()


@register.filter
def may_view_message_archive(viewer, office) -> bool:
    return access.can_view_message_archive(viewer, office)


@register.filter
def may_share_with_municipality(viewer, office) -> bool:
    return access.can_open_contact_sharing(viewer, office)


@register.filter
def messages_waiting(office) -> int:
    """Municipality messages waiting for this office's lead."""
    return selectors.pending_count(office)


@register.filter
def unread_messages(viewer) -> int:
    return selectors.unread_count(viewer)
