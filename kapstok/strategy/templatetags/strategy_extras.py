"""Small display helpers for the session templates."""

from django import template

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
