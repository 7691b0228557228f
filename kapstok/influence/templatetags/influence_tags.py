"""Small includes other apps' pages use: the register on the office page and the public page."""

from functools import partial

from django import template

from kapstok.accounts import access
from kapstok.core.part_cache import cached_part

from .. import rules, selectors

register = template.Library()


@register.inclusion_tag("influence/_office_summary.html")
def influence_summary(viewer, office):
    """Seats and outcomes won, with links to the register and the role agreement."""
    from django.urls import reverse

    from ..models import PositionStatus

    open_positions = 0
    if rules.sees_open_positions(viewer, office):  # members: what waits for their endorsement
        open_positions = office.positions.filter(status=PositionStatus.OPEN).count()
    return {
        "office": office,
        "open_positions": open_positions,
        "register": cached_part("influence-register", (office.pk,), partial(_register, office)),
        "agreements_url": reverse("agreements:office", args=[office.slug])
        if access.can_view_office(viewer, office)
        else "",
    }


def _register(office) -> dict:
    """Seats and the last outcomes: the same for everyone who sees the office page, so kept a
    minute at most and read afresh after any write on the site (`core.part_cache`)."""
    return {
        "seats": list(office.seats.select_related("body")),
        "achievements": list(office.achievements.all()[:3]),
    }


@register.inclusion_tag("influence/_public_register.html")
def public_influence(office):
    return {"office": office, "register": selectors.public_register(office)}
