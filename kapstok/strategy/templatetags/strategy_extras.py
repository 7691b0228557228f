"""Small display helpers for the session templates."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

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


# One card of the cluster board. Its text is the link that opens the board's one shared move
# form for it (strategy-cluster.js does that in place; without JavaScript the link reloads the
# board with that form filled in), so the card needs no form, no list of themes and no second
# copy of its text for screen readers (issue #19: a board holds hundreds of cards).
CLUSTER_CARD = (
    '<li class="session-card kind-{kind}" id="card-{pk}" data-card="{pk}" draggable="true">'
    '<a class="card-text move-card" href="?kaart={pk}#verplaatsen">{text}</a> {meta}</li>'
)


@register.simple_tag(takes_context=True)
def cluster_cards(context, cards) -> str:
    """The cards of one column of the cluster board, each with its `face` from
    `certainty.card_faces`.

    Rendered here in one pass rather than by a template per card: a board holds hundreds of
    cards, and an include or a tag per card was most of the time a 300-card board took (issue
    #19). Cards share a few faces, so each face's HTML is built once per column.
    """
    metas: dict[tuple, str] = {}
    parts = []
    for card in cards:
        key = (card.face, card.theme_id is None)
        meta = metas.get(key)
        if meta is None:
            meta = metas[key] = _card_meta(card.face, card.theme_id is None, context["hand_placed"])
        parts.append(
            CLUSTER_CARD.format(
                kind=escape(card.kind), pk=card.pk, text=escape(card.text), meta=meta
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def _card_meta(face, unplaced: bool, hand_placed: str) -> str:
    """The card's kind, and how sure the machine was of its place (or that a person placed it)."""
    kind = format_html('<span class="tag">{}</span>', face.kind_label)
    if face.key:
        return format_html(
            '{} <span class="certainty certainty-{}">{}</span>', kind, face.key, face.text
        )
    if unplaced:
        return kind
    return format_html("{} {}", kind, hand_placed)
