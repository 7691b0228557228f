"""Small display helpers for the session templates."""

from django import template

from kapstok.strategy import certainty as certainty_module

register = template.Library()


@register.filter
def repeat(text: str, times) -> str:
    """`{{ "●"|repeat:3 }}` → "●●●": dots on the ranking, capped so a page stays readable."""
    try:
        count = max(0, min(int(times), 60))
    except (TypeError, ValueError):
        return ""
    return text * count


@register.filter
def percent(value) -> str:
    """A confidence in [0, 1] as a whole percentage: 0.824 → "82"."""
    if value is None:
        return ""
    return str(round(float(value) * 100))


@register.filter
def certainty(value):
    """A stored confidence as its word and measured meaning (`strategy.certainty.shown`)."""
    return certainty_module.shown(value)
