from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Stands for an office's slug in the dashboard link reversed once per map (slugs are letters,
# digits, hyphens and underscores, so the placeholder cannot clash with one).
SLUG_PLACEHOLDER = "__slug__"


@register.filter
def get_item(mapping, key):
    """Look up a key in a dict from a template (`{{ colours|get_item:code }}`)."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def office_map_paths(drawn: dict, colours: dict, colour_by: str) -> SafeString:
    """The national map's municipalities: each one with an office linked to that office's
    dashboard and named for screen readers, coloured by its phase or worst signal.

    Built in Python rather than in a template loop: a loop over 342 municipalities with a
    lookup, a URL and a few conditions for each was a third of the dashboard's time, where
    joining escaped strings costs a few milliseconds. (The standard library's `escape`, which
    Django's wraps for lazy strings: these are plain ones.)
    """
    link = escape(reverse("progress:office_dashboard", args=[SLUG_PLACEHOLDER]))
    parts = []
    for code, (name, path) in drawn["paths"].items():
        info = colours.get(code) if colours else None
        if not info:
            parts.append(f'<path d="{escape(path)}" class="m empty"/>')
            continue
        office = info["office"]
        colour = info["severity"] if colour_by == "severity" else info["phase"]
        href = link.replace(SLUG_PLACEHOLDER, escape(office.slug))
        parts.append(
            f'<a href="{href}"><title>{escape(name)} – {escape(office.name)}</title>'
            f'<path d="{escape(path)}" class="m {escape(colour_by)}-{escape(colour)}"/></a>'
        )
    return mark_safe("\n".join(parts))  # noqa: S308 -- every value above is escaped
