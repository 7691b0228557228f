"""The member check on the office page: for the leads and POS, what it brings the members over
the rounds (the "wat levert het op" part); for a member, the open check to answer."""

from functools import partial

from django import template

from kapstok.core.part_cache import cached_part

from .. import rules, selectors

register = template.Library()


@register.inclusion_tag("membercheck/_office_part.html")
def member_voice(viewer, office):
    """Nothing (and no query) for whoever may neither answer nor read the results."""
    context = {"office": office, "rounds": [], "show_results": False, "open_round": None}
    if rules.can_view_results(viewer, office):
        context["rounds"] = cached_part("member-rounds", (office.pk,), partial(_rounds, office))
        context["show_results"] = True
    elif rules.can_answer(viewer, office):
        context["open_round"] = selectors.open_round_for(office)
    return context


def _rounds(office) -> list:
    """The office's last four rounds: the same for everyone who may read the results, so kept
    a minute at most and computed afresh after any write on the site (`core.part_cache`)."""
    return selectors.office_rounds(office, with_texts=False)[:4]
