"""The national dashboard's figures of the support desk, kept in the support app.

`{% support_open_count as open %}` is one count on the dashboard itself. `{% support_late_count
as late %}` runs the clock of every open request of the network (two queries, no model
instances, but a working-day clock each), so the dashboard fetches it after the page, with
htmx, from `support:late_counts`.
"""

import html

from django import template
from django.utils.safestring import mark_safe

from kapstok.analysis.sla import BREACHED, WARNING
from kapstok.support import selectors
from kapstok.support.models import OPEN_STATUSES, SupportRequest

register = template.Library()


@register.simple_tag
def support_open_count() -> int:
    """Open requests of the whole network."""
    return SupportRequest.objects.filter(status__in=OPEN_STATUSES).count()


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


@register.simple_tag
def filter_options(choices, chosen: str):
    """The `<option>`s of a filter from (value, name) pairs, `chosen` selected: the queue's
    office filter has 400, and a template loop with a comparison per option cost more than
    the rows of the page. The standard library's escape, which Django's `escape` calls,
    without its lazy-text wrapper (as the cluster board does for its cards)."""
    options = (
        f'<option value="{html.escape(value)}"{" selected" if value == chosen else ""}>'
        f"{html.escape(name)}</option>"
        for value, name in choices
    )
    return mark_safe("".join(options))  # noqa: S308 (every value above is escaped)
