"""Template filters that ask the access layer about the public page, for other apps' pages.

The internal office page belongs to `network`; it links to the public-page editor and the join
requests only for those who may open them, without the network view knowing about them.
"""

from django import template

from kapstok.accounts import access
from kapstok.public.models import JoinRequest

register = template.Library()


@register.filter
def may_edit_public_page(viewer, office) -> bool:
    return access.can_edit_public_page(viewer, office)


@register.filter
def join_requests_waiting(office) -> int:
    return JoinRequest.objects.filter(office=office).awaiting_decision().count()
