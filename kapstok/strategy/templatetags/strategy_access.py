"""Template filters that ask the access layer about sessions, for pages of other apps.

The office page belongs to `network`; it shows the link to the office's sessions only to
those who may open them, without the network view having to know about sessions.
"""

from django import template

from kapstok.accounts import access

register = template.Library()


@register.filter
def may_view_sessions(viewer, office) -> bool:
    return access.can_view_sessions(viewer, office)
