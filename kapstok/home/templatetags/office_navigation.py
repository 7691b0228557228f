"""`{% office_navigation %}`: the office's one navigation bar (see `kapstok.home.navigation`)."""

from django import template

from kapstok.accounts.access import viewer_for
from kapstok.home.navigation import office_navigation as links_for
from kapstok.home.navigation import shows_office_navigation

register = template.Library()


@register.inclusion_tag("home/_office_navigation.html", takes_context=True)
def office_navigation(context):
    request = context.get("request")
    office = context.get("office")
    if request is None or not shows_office_navigation(request, office):
        return {"links": []}
    viewer = context.get("viewer") or viewer_for(request.user)
    return {"office": office, "links": links_for(viewer, office, request.path)}
