"""`{% support_late_count as late %}`: the national dashboard's count of late support requests.

A tag rather than a change to the dashboard's view keeps the support desk's figures in its own
app; it costs two queries (open requests with their targets, their pauses) and builds no model
instances, since it counts every open request of the network.
"""

from django import template

from kapstok.analysis.sla import BREACHED, WARNING
from kapstok.support import selectors
from kapstok.support.models import OPEN_STATUSES, SupportRequest

register = template.Library()


@register.simple_tag
def support_late_count() -> dict:
    """Open requests, and how many of them are past (`late`) or near (`warning`) a target."""
    states = [
        state
        for _pk, _office, state in selectors.open_states(
            SupportRequest.objects.filter(status__in=OPEN_STATUSES)
        )
    ]
    return {
        "open": len(states),
        "late": states.count(BREACHED),
        "warning": states.count(WARNING),
    }
