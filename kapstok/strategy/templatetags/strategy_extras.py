"""Small display helpers for the session templates."""

from django import template
from django.utils.html import format_html

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


CLUSTER_CARD = (
    '<li class="session-card kind-{kind}" id="card-{pk}" draggable="true" data-card="{pk}">'
    '<p class="card-text">{text}</p>\n'
    '<p class="card-meta"><span class="tag">{kind_label}</span> {certainty}</p>\n'
    '<a class="button secondary small move-card" href="?kaart={pk}#verplaatsen">{move}'
    '<span class="visually-hidden">: {short}</span></a></li>'
)


@register.simple_tag(takes_context=True)
def cluster_card(context, card):
    """One card of the cluster board, with its `face` from `certainty.card_faces`.

    Rendered here rather than by an included template because a board holds hundreds of
    cards: an include per card was most of the time a 300-card board took (issue #19). It
    holds only what is the card's own, no form and no list of themes: its "Verplaatsen" link
    opens the board's one shared move form for it (strategy-cluster.js does that in place;
    without JavaScript the link reloads the board with that form filled in).
    """
    face = card.face
    if face.key:
        title = format_html(' title="{}"', face.title) if face.title else ""
        shown = format_html(
            '<span class="certainty certainty-{}"{}>{}</span>', face.key, title, face.text
        )
    else:
        shown = context["hand_placed"] if card.theme_id else ""
    return format_html(
        CLUSTER_CARD,
        kind=card.kind,
        pk=card.pk,
        text=card.text,
        kind_label=face.kind_label,
        certainty=shown,
        move=context["move_label"],
        short=card.text if len(card.text) <= 40 else card.text[:39] + "…",
    )
