"""Session pages of an office, for the facilitator and the office's members.

Every view loads the office or the session through the access layer (`get_office_for`,
`get_session_for`), calls one service or selector, and renders. The clustering actions
answer an htmx request with the cluster board alone, and a plain form post with a redirect,
so the page works without JavaScript too. The participants' side is in `join_views`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors
from kapstok.core.links import absolute_url
from kapstok.core.part_cache import cached_part
from kapstok.goals.forms import GoalForm
from kapstok.goals.models import Goal
from kapstok.network import rules as network_rules
from kapstok.network import selectors as network_selectors

from . import certainty, invitations, reports, rules, selectors, services
from .forms import (
    CardMoveForm,
    DenominatorFilterForm,
    SessionForm,
    ThemeMergeForm,
    ThemeRenameForm,
    ThemeSplitForm,
)
from .models import PHASE_ORDER, Card, Participant, SessionPhase, StrategySession, Theme

LIVE_PHASES = {SessionPhase.COLLECT, SessionPhase.PRIORITISE}  # where others change the board


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _session(request, slug, pk, action="view"):
    viewer = access.viewer_for(request.user)
    return viewer, rules.get_session_for(viewer, slug, pk, action)


def phase_steps(session: StrategySession) -> list[dict]:
    """The phase bar: each phase with whether it is done, current or still to come."""
    current = session.phase_index
    return [
        {"label": SessionPhase(phase).label, "done": i < current, "current": i == current}
        for i, phase in enumerate(PHASE_ORDER)
    ]


def absolute_join_url(request, session: StrategySession) -> str:
    """The join link on the public address (SITE_URL), as in the invitation mail: a phone
    scanning the QR code must reach the site, whatever host the facilitator's laptop used."""
    return services.join_url(session)


# --- list, form, detail --------------------------------------------------------------------


@login_required
def session_list(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "view_sessions")
    context = {
        "office": office,
        "sessions": selectors.sessions_of(office),
        "can_facilitate": access.can_facilitate_sessions(viewer, office),
    }
    return render(request, "strategy/session_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, slug):
    viewer = access.viewer_for(request.user)
    office = network_rules.get_office_for(viewer, slug, "facilitate_sessions")
    session = StrategySession(office=office, facilitator=request.user)
    return _session_form(request, session, _("Nieuwe strategische sessie"))


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, slug, pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    return _session_form(request, session, _("Sessie bewerken"))


def _session_form(request, session: StrategySession, title: str):
    initial = {} if session.pk else {"starts_at": timezone.localtime().replace(second=0)}
    form = SessionForm(
        request.POST or None, instance=session, office=session.office, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(session=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De sessie is opgeslagen."))
            return redirect(session)
    context = {"form": form, "office": session.office, "session": session, "title": title}
    return render(request, "strategy/session_form.html", context)


@login_required
def session_detail(request, slug, pk):
    viewer, session = _session(request, slug, pk)
    can_facilitate = access.can_facilitate_sessions(viewer, session.office)
    # Who joined, for the facilitator to spot and remove a guest who should not vote.
    participants = selectors.participants_of(session) if can_facilitate else []
    context = {
        "office": session.office,
        "session": session,
        "can_facilitate": can_facilitate,
        "steps": phase_steps(session),
        "join_url": absolute_join_url(request, session),
        **_session_figures(session, participants if can_facilitate else None),
        "participants": participants,
        "remove_url_pattern": url_pattern("strategy:participant_remove", session),
        # Facilitators drive the phases themselves; others need the poll to follow them.
        "poll": not session.is_closed and (session.phase in LIVE_PHASES or not can_facilitate),
        "can_step_back": bool(session.previous_phase)
        and (not session.is_closed or access.can_reopen_session(viewer, session.office)),
        "can_make_goals": access.can_edit_kapstok(viewer, session.office),
    }
    # The facilitator's cluster board replaces the live board: load only one of the two.
    if session.phase == SessionPhase.CLUSTER and can_facilitate:
        moving_pk, open_column = request.GET.get("kaart"), request.GET.get("thema")
        if moving_pk or open_column:
            context.update(cluster_context(session, moving_pk, open_column))
        else:
            context["cluster_board_html"] = cluster_board_html(request, session)
    else:
        context.update(live_context(session))
    return render(request, "strategy/session_detail.html", context)


def _session_figures(session: StrategySession, participants: list | None) -> dict:
    """How many take part and how many cards there are: counted from the facilitator's table
    of participants (every card is a participant's) when it is read anyway, else queried."""
    if participants is None:
        return {
            "participant_count": session.participants.filter(removed_at__isnull=True).count(),
            "card_count": session.cards.count(),
        }
    return {
        "participant_count": sum(1 for participant in participants if not participant.is_removed),
        "card_count": sum(participant.card_count for participant in participants),
    }


def live_context(session: StrategySession) -> dict:
    """What the live board shows in the session's phase (facilitator page and projector)."""
    if session.phase == SessionPhase.COLLECT:
        return {"cards": list(selectors.cards_of(session))}
    if session.phase == SessionPhase.CLUSTER:
        return {"themes": selectors.theme_rows(session)}
    return {"ranking": selectors.ranking(session), "top": selectors.TOP_THEMES}


@login_required
def session_live(request, slug, pk):
    """The polled part of the board. When the phase has moved on, htmx reloads the page."""
    _viewer, session = _session(request, slug, pk)
    if request.GET.get("fase") and request.GET["fase"] != session.phase:
        response = render(request, "strategy/_empty.html")
        response["HX-Refresh"] = "true"
        return response
    context = {"session": session, "office": session.office, **live_context(session)}
    return render(request, "strategy/_live.html", context)


@login_required
def session_projector(request, slug, pk):
    """Full-screen board for a projector: large type, the code and a QR code to scan."""
    _viewer, session = _session(request, slug, pk, "facilitate")
    join_url = absolute_join_url(request, session)
    context = {
        "office": session.office,
        "session": session,
        "join_url": join_url,
        "join_path": absolute_url(reverse("participate:join")),
        "qr": invitations.qr_svg_data_uri(join_url),
        **live_context(session),
    }
    return render(request, "strategy/projector.html", context)


@login_required
@require_POST
def session_phase(request, slug, pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    try:
        session = services.session_advance_phase(
            session=session, to_phase=request.POST.get("to", ""), actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("De sessie is nu in de fase %(phase)s.") % {"phase": session.get_phase_display()},
        )
    return redirect(session)


@login_required
@require_POST
def participant_remove(request, slug, pk, participant_pk):
    """The facilitator takes a guest out: their dots go, their cards stay."""
    _viewer, session = _session(request, slug, pk, "facilitate")
    participant = get_object_or_404(Participant, pk=participant_pk, session=session)
    try:
        services.participant_remove(participant=participant, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s doet niet meer mee; de stippen van deze gast zijn weggehaald.")
            % {"name": participant},
        )
    return redirect(session.get_absolute_url() + "#deelnemers")


@login_required
@require_http_methods(["GET", "POST"])
def session_invite(request, slug, pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    if request.method == "POST":
        try:
            count = services.session_invite(session=session, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request, _("De uitnodiging is verstuurd aan %(count)s adressen.") % {"count": count}
            )
            return redirect(session)
    context = {
        "office": session.office,
        "session": session,
        "recipient_count": len(invitations.recipients(session.office)),
        "join_url": services.join_url(session),
    }
    return render(request, "strategy/invite.html", context)


# --- clustering ----------------------------------------------------------------------------


# A column of the cluster board shows this many cards (the least sure first), then "Toon alle
# N kaartjes": so the board of a large session stays a page a phone can load (issue #19).
COLUMN_CARDS = 10
UNPLACED_COLUMN = "geen"  # the `?thema=` of the pile of cards not yet in a theme
DOUBTFUL_TEXT = 80  # characters of a card's text in the list of doubtful cards


def cluster_context(
    session: StrategySession, moving_pk: str | None = None, open_column: str | None = None
) -> dict:
    """The cluster board. `moving_pk` (the `?kaart=` of a card's link) fills in the board's one
    shared move form for that card, and `open_column` (the `?thema=` of a column's "Toon alle"
    link) shows that column's every card, both for browsers without JavaScript."""
    board = selectors.cluster_board(session)
    themes, unplaced = board.themes, board.unplaced
    moving = selectors.card_among(moving_pk, [themes, unplaced])
    certainty.card_faces([card for row in themes for card in row.cards] + unplaced)
    return {
        **_column_context(session, open_column),
        "hand_placed": _("met de hand geplaatst"),
        "moving": moving,
        "moving_theme_id": moving.theme_id if moving else None,
        "move_url": _card_move_url(session, moving.pk if moving else 0),
        "move_url_pattern": _card_move_url(session, 0),
        "rename_url_pattern": url_pattern("strategy:theme_rename", session),
        "merge_url_pattern": url_pattern("strategy:theme_merge", session),
        "split_url_pattern": url_pattern("strategy:theme_split", session),
        "themes": themes,
        "doubtful": _doubtful_links(themes, open_column),
        "certainty_legend": certainty.legend(),
        "theme_choices": [row.theme for row in themes],
        "unplaced": unplaced,
        "catalogue_share": sum(1 for row in themes if row.theme.catalogue_theme_id),
    }


def csrf_mark() -> str:
    """What the cached board holds where each form's CSRF token goes; the viewer's own token
    replaces it on every request. Derived from the secret key, so it is the same in every
    worker process that shares the cache, and no card's text can contain it on purpose."""
    return salted_hmac("kapstok.strategy.cluster-board", "csrf-mark").hexdigest()


def cluster_board_html(request, session: StrategySession) -> str:
    """The cluster board as every facilitator of the session sees it, from a short cache.

    A board of hundreds of cards costs more to render than the rest of the page, and it is the
    same for each facilitator until someone writes (a card, a move, a proposal: each a request
    that moves the content generation). The board is rendered without the request, so nothing
    of one viewer is kept, and with a mark where the forms' CSRF token goes, which is filled in
    with this viewer's token. A board with a card chosen to move (`?kaart=`) or a column shown
    in full (`?thema=`) is one visitor's own view and is not cached.
    """

    mark = csrf_mark()

    def render_board() -> str:
        context = {
            "office": session.office,
            "session": session,
            "csrf_token": mark,
            **cluster_context(session),
        }
        return render_to_string("strategy/_cluster_board.html", context)

    board = cached_part("cluster-board", (session.pk,), render_board)
    return mark_safe(board.replace(mark, get_token(request)))  # noqa: S308 (rendered escaped)


def _column_context(session: StrategySession, open_column: str | None) -> dict:
    """What the `cluster_cards` tag needs to cut a column short and link to the rest."""
    return {
        "column_cards": COLUMN_CARDS,
        "open_column": open_column or "",
        "column_url": reverse("strategy:cluster_column", args=[session.office.slug, session.pk]),
        "unplaced_column": UNPLACED_COLUMN,
    }


def _doubtful_links(themes, open_column: str | None) -> list[tuple[str, str, str]]:
    """The doubtful cards (`selectors.doubtful_cards`): the link to each on the board, its
    text (shortened) and the theme it is in. A card beyond its column's first `COLUMN_CARDS`
    is reached through the link that shows its column in full."""
    hidden = set()
    for row in themes:
        if str(row.theme.pk) != open_column:
            hidden.update(card.pk for card in row.cards[COLUMN_CARDS:])
    where = {row.theme.pk: _("in “%(label)s”") % {"label": row.theme.label} for row in themes}
    return [
        (
            f"?thema={theme.pk}#card-{card.pk}" if card.pk in hidden else f"#card-{card.pk}",
            card.text if len(card.text) <= DOUBTFUL_TEXT else card.text[: DOUBTFUL_TEXT - 1] + "…",
            where[theme.pk],
        )
        for card, theme in selectors.doubtful_cards(themes)
    ]


@login_required
def cluster_column(request, slug, pk):
    """Every card of one column of the cluster board (`?thema=` a theme's id, or "geen" for
    the unplaced pile), for its "Toon alle N kaartjes" link: htmx swaps the column's list."""
    _viewer, session = _session(request, slug, pk, "facilitate")
    key = request.GET.get("thema", "")
    if key == UNPLACED_COLUMN:
        theme = None
    elif key.isdigit():
        theme = get_object_or_404(Theme, pk=key, session=session)
    else:
        raise Http404
    cards = selectors.column_cards(session, theme)
    certainty.card_faces(cards)
    context = {
        **_column_context(session, key),
        "cards": cards,
        "hand_placed": _("met de hand geplaatst"),
        "first_new": COLUMN_CARDS,
    }
    return render(request, "strategy/_cluster_column.html", context)


def url_pattern(name: str, session: StrategySession) -> str:
    """A session's address for an object of it, with pk 0: the `with_pk` filter puts in each
    row's pk. The board lists dozens of themes and guests; a `{% url %}` per row cost more
    than the rest of the row (issue #19)."""
    return reverse(name, args=[session.office.slug, session.pk, 0])


def _card_move_url(session: StrategySession, card_pk: int) -> str:
    """Where the shared move form posts; with pk 0 the pattern the board's script fills in."""
    return reverse("strategy:card_move", args=[session.office.slug, session.pk, card_pk])


def _cluster_answer(request, session: StrategySession, error: ValidationError | None = None):
    """htmx: the refreshed cluster board (with the error, if any); otherwise a redirect."""
    if request.htmx:
        context = {
            "session": session,
            "office": session.office,
            "cluster_error": error_text(error) if error else "",
            **cluster_context(session),
        }
        return render(request, "strategy/_cluster_board.html", context)
    if error:
        messages.error(request, error_text(error))
    return redirect(session.get_absolute_url() + "#indeling")


def _run(request, session, action, success: str = ""):
    """Call a clustering service; show its Dutch error instead of failing."""
    try:
        action()
    except ValidationError as error:
        return _cluster_answer(request, session, error)
    if success and not request.htmx:
        messages.success(request, success)
    return _cluster_answer(request, session)


@login_required
@require_POST
def themes_propose(request, slug, pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    return _run(
        request,
        session,
        lambda: services.themes_propose(session=session, actor=request.user),
        _("Hier is een voorstel voor de indeling. Pas het aan waar nodig en bevestig het."),
    )


@login_required
@require_POST
def themes_confirm(request, slug, pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    return _run(
        request,
        session,
        lambda: services.themes_confirm(session=session, actor=request.user),
        _("De indeling is bevestigd."),
    )


@login_required
@require_POST
def card_move(request, slug, pk, card_pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    card = get_object_or_404(Card, pk=card_pk, session=session)
    form = CardMoveForm(request.POST, session=session)
    if not form.is_valid():
        return _cluster_answer(request, session, ValidationError(_("Kies een thema uit de lijst.")))
    return _run(
        request,
        session,
        lambda: services.card_move(card=card, theme=form.cleaned_data["theme"], actor=request.user),
    )


def _theme(request, slug, pk, theme_pk):
    _viewer, session = _session(request, slug, pk, "facilitate")
    return session, get_object_or_404(Theme, pk=theme_pk, session=session)


@login_required
@require_POST
def theme_merge(request, slug, pk, theme_pk):
    session, theme = _theme(request, slug, pk, theme_pk)
    form = ThemeMergeForm(request.POST, theme=theme)
    if not form.is_valid():
        return _cluster_answer(request, session, ValidationError(form.errors["target"]))
    return _run(
        request,
        session,
        lambda: services.theme_merge(
            source=theme, target=form.cleaned_data["target"], actor=request.user
        ),
        _("De thema's zijn samengevoegd."),
    )


@login_required
@require_POST
def theme_rename(request, slug, pk, theme_pk):
    session, theme = _theme(request, slug, pk, theme_pk)
    form = ThemeRenameForm(request.POST)
    form.is_valid()
    return _run(
        request,
        session,
        lambda: services.theme_rename(
            theme=theme, label=form.cleaned_data.get("label", ""), actor=request.user
        ),
        _("Het thema heeft een nieuwe naam."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_split(request, slug, pk, theme_pk):
    session, theme = _theme(request, slug, pk, theme_pk)
    form = ThemeSplitForm(request.POST or None, theme=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_split(
                theme=theme,
                cards=form.cleaned_data["cards"],
                label=form.cleaned_data["label"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het nieuwe thema is gemaakt."))
            return redirect(session.get_absolute_url() + "#indeling")
    context = {"form": form, "office": session.office, "session": session, "theme": theme}
    return render(request, "strategy/theme_split.html", context)


# --- goals and reports ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goal_from_theme(request, slug, pk, theme_pk):
    viewer, session = _session(request, slug, pk)
    access.require(access.can_edit_kapstok(viewer, session.office))
    theme = get_object_or_404(Theme, pk=theme_pk, session=session)
    form = GoalForm(
        request.POST or None,
        office=session.office,
        instance=Goal(office=session.office),
        initial={"title": theme.label},
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_from_theme(
                theme=theme, goal=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het doel is toegevoegd aan de kapstok."))
            return redirect(goal)
    context = {
        "form": form,
        "office": session.office,
        "session": session,
        "theme": theme,
        "cards": list(theme.cards.order_by("pk")),
    }
    return render(request, "strategy/goal_form.html", context)


@login_required
def report_pdf(request, slug, pk):
    _viewer, session = _session(request, slug, pk)
    return reports.pdf_response(selectors.session_report(session))


@login_required
def report_docx(request, slug, pk):
    _viewer, session = _session(request, slug, pk)
    return reports.docx_response(selectors.session_report(session))


# --- across offices ------------------------------------------------------------------------


@login_required
def national_themes(request):
    """The common denominators of the whole network, for POS staff."""
    viewer = access.viewer_for(request.user)
    access.require(access.can_view_national_overview(viewer))
    form = DenominatorFilterForm(request.GET or None, provinces=network_selectors.provinces())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.DenominatorFilters(**data)
    rows, office_count = selectors.national_denominators(filters)
    context = {"form": form, "rows": rows, "office_count": office_count}
    return render(request, "strategy/national_themes.html", context)
