"""`{% support_late_count as late %}`: the national dashboard's count of late support requests.

A tag rather than a change to the dashboard's view keeps the support desk's figures in its own
app; it costs two queries (open requests with category, their pauses).
"""

from django import template

from kapstok.support import selectors
from kapstok.support.models import OPEN_STATUSES, SupportRequest

register = template.Library()


@register.simple_tag
def support_late_count() -> dict:
    """Open requests, and how many of them are past (`late`) or near (`warning`) a target."""
    open_requests = SupportRequest.objects.filter(status__in=OPEN_STATUSES).select_related(
        "category"
    )
    rows = selectors.clocks(open_requests)
    return {
        "open": len(rows),
        "late": sum(row.state == "breached" for row in rows),
        "warning": sum(row.state == "warning" for row in rows),
    }
