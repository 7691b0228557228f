"""Template helpers for representativeness, also used on pages of other apps.

The office page (`network`) and the office dashboard (`progress`) show a link and a small
summary of the index; they ask here, so their views need not know about landscapes.
"""

from functools import partial
from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.core.part_cache import cached_part

from .. import selectors

register = template.Library()
SUMMARY_GAPS = 3


@register.filter
def may_view_coverage(viewer, office) -> bool:
    return access.can_view_coverage(viewer, office)


@register.filter
def index_display(index) -> str:
    """The index as a whole percentage ("62%"), as everywhere it is shown, or a dash."""
    return "–" if index is None else f"{round(100 * index)}%"


@register.filter
def index_band(index) -> str:
    return selectors.index_band(index)


@register.simple_tag
def index_map_paths(drawn: dict, colours: dict) -> str:
    """The national map's paths: one link per municipality with an office, coloured by its band.

    Built here rather than in a template loop: 342 municipalities with a lookup, a condition
    and a link each cost the national page more than all its figures.
    """
    label = escape(_("index"))
    rows = []
    for code, (name, path) in drawn["paths"].items():
        info = colours.get(code)
        if info is None:
            rows.append(f'<path d="{escape(path)}" class="m empty"/>')
            continue
        office = info["office"]
        title = f"{escape(name)} – {escape(office['name'])}"
        if info["percent"] is not None:
            title += f" ({label} {info['percent']}%)"
        rows.append(
            f'<a href="{escape(office["url"])}"><title>{title}</title>'
            f'<path d="{escape(path)}" class="m band-{escape(info["band"])}"/></a>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped


@register.filter
def index_gap_percent(index) -> int:
    """D in percent: the share of members that would have to change branch."""
    return round(100 * (1 - index))


@register.filter
def gain_points(gain) -> str:
    """A change of the index in points of a hundred, signed: "+3,5"."""
    if gain is None:
        return "–"
    text = floatformat(100 * gain, 1)
    return text if text.startswith("-") else f"+{text}"


@register.inclusion_tag("representation/_office_summary.html", takes_context=True)
def representation_summary(context, office):
    """The index and the biggest gaps, if the office has a landscape and the viewer may see it."""
    viewer = context.get("viewer") or access.viewer_for(context["request"].user)
    if not access.can_view_coverage(viewer, office):
        return {"coverage": None}
    return {
        "office": office,
        **cached_part("coverage-summary", (office.pk,), partial(_summary, office)),
    }


def _summary(office) -> dict:
    """The index and the biggest gaps of an office with a landscape; the same for every viewer
    who may see coverage, so kept a minute at most and computed afresh after any write on the
    site (`core.part_cache`): comparing 2,000 businesses with the members was a third of the
    office dashboard's time (issue #19)."""
    coverage = selectors.office_coverage(office, details=False)
    if not coverage.has_landscape:
        return {"coverage": None}
    gaps = [row for row in coverage.rows if row["branch"] != selectors.UNKNOWN and row["missing"]]
    return {"coverage": coverage, "top_gaps": gaps[:SUMMARY_GAPS]}
