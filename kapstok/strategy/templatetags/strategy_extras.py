"""Small display helpers for the session templates."""

import html

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

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


@register.filter
def with_pk(pattern: str, pk) -> str:
    """`{{ rename_url_pattern|with_pk:theme.pk }}`: an address made by `views.url_pattern`
    (ending in the pk 0 and a fixed part) for this pk."""
    head, _zero, tail = str(pattern).rpartition("/0/")
    return f"{head}/{pk}/{tail}"


# The last item of a column cut short: its link shows the rest of the column in place (htmx),
# or, without JavaScript, reloads the board with that column in full.
COLUMN_MORE = (
    '<li class="column-more"><a href="?thema={key}#theme-{key}-label" hx-get="{url}?thema={key}"'
    ' hx-target="closest ul" hx-swap="outerHTML">{label}</a></li>'
)


@register.simple_tag(takes_context=True)
def cluster_cards(context, cards, column) -> str:
    """The cards of one column of the cluster board (`column`: its theme's id, or
    `unplaced_column`), each with its `face` from `certainty.card_faces`.

    A column shows its first `column_cards` cards and a link to the rest, unless it is the
    `open_column`. Rendered here in one pass rather than by a template per card: a board holds
    hundreds of cards, and an include or a tag per card was most of the time a 300-card board
    took (issue #19). Cards share a few faces, so each face's HTML is built once per column.
    """
    key = str(column)
    shown = cards if key == context["open_column"] else cards[: context["column_cards"]]
    metas: dict[tuple, str] = {}
    parts = []
    for card in shown:
        look = (card.face, card.theme_id is None)
        meta = metas.get(look)
        if meta is None:
            meta = metas[look] = _card_meta(
                card.face, card.theme_id is None, context["hand_placed"]
            )
        # The standard library's escape, which Django's `escape` calls, without its lazy-text
        # wrapper: hundreds of cards, two values each.
        parts.append(
            CLUSTER_CARD.format(
                kind=html.escape(card.kind), pk=card.pk, text=html.escape(card.text), meta=meta
            )
        )
    if len(shown) < len(cards):
        label = ngettext("Toon alle %(count)s kaartjes", "Toon alle %(count)s kaartjes", len(cards))
        parts.append(
            format_html(
                COLUMN_MORE,
                key=key,
                url=context["column_url"],
                label=label % {"count": len(cards)},
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


@register.simple_tag(takes_context=True)
def merge_options(context, choices, theme) -> str:
    """The `<option>`s of a theme's "Samenvoegen met" list: every other theme of the board.

    Each theme's list holds all the others, so the board's options grow with the square of
    its themes; they are escaped once per board (kept in the render context) and joined per
    theme, rather than rendered node by node.
    """
    options = context.render_context.get("merge_options")
    if options is None:
        options = context.render_context["merge_options"] = [
            (choice.pk, format_html('<option value="{}">{}</option>', choice.pk, choice.label))
            for choice in choices
        ]
    return mark_safe("".join(option for pk, option in options if pk != theme.pk))  # noqa: S308


# One row of the facilitator's table of who takes part; the table is one form, so a guest's
# button posts to that guest's own address (`formaction`).
PARTICIPANT_ROW = (
    '<tr><th scope="row">{name}</th><td>{kind}</td><td>{since}</td><td class="num">{cards}</td>'
    '<td class="num">{votes}</td><td>{action}</td></tr>'
)
REMOVE_BUTTON = (
    '<button type="submit" class="button secondary small" formaction="{url}">{label}'
    '<span class="visually-hidden">: {name}</span></button>'
)


@register.simple_tag
def participant_rows(participants, session, remove_url_pattern) -> str:
    """The rows of the table of who takes part (`selectors.participants_of`).

    Rendered in one pass with its words translated once, as the board's cards are: a session
    of forty guests drew forty rows of template nodes, a third of the board's time (issue #19).
    """
    guest, with_account = gettext("gast"), gettext("met een account")
    removed, remove = gettext("uit de sessie gehaald"), gettext("Uit de sessie halen")
    dates: dict = {}
    rows = []
    for participant in participants:
        minute = timezone.localtime(participant.created_at).replace(second=0, microsecond=0)
        if minute not in dates:
            dates[minute] = date_format(minute, "j M H:i")
        if participant.is_removed:
            action = format_html('<span class="muted">{}</span>', removed)
        elif participant.is_guest and not session.is_closed:
            action = format_html(
                REMOVE_BUTTON,
                url=with_pk(remove_url_pattern, participant.pk),
                label=remove,
                name=str(participant),
            )
        else:
            action = ""
        rows.append(
            format_html(
                PARTICIPANT_ROW,
                name=str(participant),
                kind=guest if participant.is_guest else with_account,
                since=dates[minute],
                cards=participant.card_count,
                votes=participant.vote_count,
                action=action,
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (format_html escaped every value)
