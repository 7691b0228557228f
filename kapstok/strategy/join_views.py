"""The participants' side of a session, made for a phone: join with a code, add cards, vote.

No account is needed. A guest's participation is remembered in their Django session (a
cookie), per strategy session; a signed-in person is found by their account, and members
and leads of the office join straight away, without a form. Every change goes through
`services`, which refuses what the phase does not allow; the board on the phone is polled
by htmx every two seconds and reloads itself when the facilitator moves to another phase.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kapstok.accounts import access
from kapstok.core.forms import apply_errors

from . import rules, selectors, services
from .forms import CardForm, JoinForm
from .models import Card, Participant, SessionPhase, StrategySession, Theme
from .views import error_text

REMEMBERED = "strategy_participants"  # Django-session key: {strategy session pk: participant pk}


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def remember(request, participant: Participant) -> None:
    known = dict(request.session.get(REMEMBERED, {}))
    known[str(participant.session_id)] = participant.pk
    request.session[REMEMBERED] = known


def participant_for(request, session: StrategySession) -> Participant | None:
    """This browser's participant in the session: remembered, or found by account."""
    participants = Participant.objects.filter(session=session)
    pk = request.session.get(REMEMBERED, {}).get(str(session.pk))
    if pk and (found := participants.filter(pk=pk).first()):
        return found
    if request.user.is_authenticated:
        return participants.filter(user=request.user).first()
    return None


def _joins_directly(request, session: StrategySession) -> bool:
    """Members and leads of the office need no form: their account says who they are."""
    return rules.joins_without_form(access.viewer_for(request.user), session)


def _refuse(request, message: str, status: int = 403):
    return render(request, "strategy/refused.html", {"message": message}, status=status)


def _refuse_removed(request):
    return _refuse(request, _("De begeleider heeft u uit deze sessie gehaald."))


# --- joining -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def join(request):
    """Enter the code (or arrive with it from the QR code) and a name, or none."""
    initial = {"code": request.GET.get("code", "")}
    if request.user.is_authenticated:
        initial["display_name"] = request.user.get_full_name()
    if request.method == "GET" and initial["code"] and (shortcut := _direct(request, initial)):
        return shortcut
    form = JoinForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_by_code(
                code=form.cleaned_data["code"], client_ip=client_ip(request)
            )
            participant = services.participant_join(
                session=session,
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                client_ip=client_ip(request),
                previous=participant_for(request, session),
            )
        except ValidationError as error:
            apply_errors(form, ValidationError({"code": error.messages}))
            status = 429 if error.code == "throttled" else 200
        else:
            remember(request, participant)
            return redirect("participate:board", code=session.join_code)
    return render(request, "strategy/join.html", {"form": form}, status=status)


def _direct(request, initial: dict):
    """From the invitation link, members of the office go straight to the board."""
    code = services.normalise_code(initial["code"])
    session = StrategySession.objects.filter(join_code=code).first() if code else None
    if session and _joins_directly(request, session) and not session.is_closed:
        return redirect("participate:board", code=session.join_code)
    return None


def _session_or_join_page(request, code: str):
    """The session of a code in the URL, or the join page with the Dutch reason (404/429)."""
    try:
        return services.session_by_code(code=code, client_ip=client_ip(request)), None
    except ValidationError as error:
        form = JoinForm(initial={"code": code})
        status = 429 if error.code == "throttled" else 404
        context = {"form": form, "code_error": error_text(error)}
        return None, render(request, "strategy/join.html", context, status=status)


def _participant_or_join(request, session: StrategySession):
    """The participant, joining members of the office on the way; None means: go join."""
    participant = participant_for(request, session)
    if participant is None and _joins_directly(request, session) and not session.is_closed:
        participant = services.participant_join(
            session=session, user=request.user, display_name=request.user.get_full_name()
        )
        remember(request, participant)
    return participant


def _join_page(session: StrategySession):
    return redirect(f"{reverse('participate:join')}?code={session.join_code}")


# --- the board -----------------------------------------------------------------------------


def board_context(session: StrategySession, participant: Participant) -> dict:
    context = {"session": session, "participant": participant}
    if session.phase == SessionPhase.COLLECT:
        context["cards"] = list(selectors.cards_of(session))
    elif session.phase == SessionPhase.CLUSTER:
        context["themes"] = selectors.theme_rows(session)
    else:
        context["ranking"] = selectors.ranking(session, participant)
        context["top"] = selectors.TOP_THEMES
    if session.phase == SessionPhase.PRIORITISE:
        context["budget"] = selectors.budget_of(participant, session)
        # Voting follows the themes' own order: a list that reshuffles under a thumb misleads.
        context["vote_rows"] = sorted(context["ranking"], key=lambda row: row.theme.position)
    return context


@require_http_methods(["GET"])
def board(request, code):
    session, refusal = _session_or_join_page(request, code)
    if refusal:
        return refusal
    participant = _participant_or_join(request, session)
    if participant is None:
        return _join_page(session)
    if participant.is_removed:
        return _refuse_removed(request)
    context = board_context(session, participant)
    context["card_form"] = CardForm()
    return render(request, "strategy/board.html", context)


@require_http_methods(["GET"])
def board_live(request, code):
    """The polled part of the phone board; asks htmx to reload when the phase moved on."""
    session, refusal = _session_or_join_page(request, code)
    if refusal:
        return refusal
    participant = participant_for(request, session)
    if participant is None:
        return _refuse(request, _("U doet (nog) niet mee aan deze sessie."))
    if participant.is_removed:
        return _refuse_removed(request)
    if request.GET.get("fase", session.phase) != session.phase:
        response = render(request, "strategy/_empty.html")
        response["HX-Refresh"] = "true"
        return response
    return render(request, "strategy/_board_live.html", board_context(session, participant))


def _acting(request, code):
    """(session, participant, refusal) for a POST: only participants may change anything."""
    session, refusal = _session_or_join_page(request, code)
    if refusal:
        return None, None, refusal
    participant = participant_for(request, session)
    if participant is None:
        return session, None, _refuse(request, _("U doet (nog) niet mee aan deze sessie."))
    if participant.is_removed:
        return session, None, _refuse_removed(request)
    return session, participant, None


# --- cards ---------------------------------------------------------------------------------


def _card_values(form: CardForm) -> dict:
    data = form.cleaned_data
    return {"kind": data["kind"], "text": data["text"], "branch": data["branch"]}


@require_POST
def card_add(request, code):
    session, participant, refusal = _acting(request, code)
    if refusal:
        return refusal
    form = CardForm(request.POST)
    if form.is_valid():
        try:
            services.card_add(participant=participant, **_card_values(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _card_added(request, session)
    if request.htmx:
        return render(request, "strategy/_card_form.html", {"session": session, "card_form": form})
    context = board_context(session, participant)
    context["card_form"] = form
    return render(request, "strategy/board.html", context)


def _card_added(request, session: StrategySession):
    if not request.htmx:
        messages.success(request, _("Uw kaartje staat op het bord."))
        return redirect("participate:board", code=session.join_code)
    context = {"session": session, "card_form": CardForm(), "added": True}
    response = render(request, "strategy/_card_form.html", context)
    response["HX-Trigger"] = "cardsChanged"
    return response


def _own_card(session: StrategySession, participant: Participant, card_pk: int) -> Card:
    card = get_object_or_404(Card.objects.select_related("session"), pk=card_pk, session=session)
    if card.participant_id != participant.pk:
        raise PermissionDenied(_("U kunt alleen uw eigen kaartjes aanpassen."))
    return card


@require_http_methods(["GET", "POST"])
def card_edit(request, code, card_pk):
    session, participant, refusal = _acting(request, code)
    if refusal:
        return refusal
    try:
        card = _own_card(session, participant, card_pk)
    except PermissionDenied as denied:
        return _refuse(request, str(denied))
    initial = {"kind": card.kind, "text": card.text, "branch": card.branch}
    form = CardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_edit(card=card, participant=participant, **_card_values(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw kaartje is aangepast."))
            return redirect("participate:board", code=session.join_code)
    return render(request, "strategy/card_edit.html", {"session": session, "form": form})


@require_POST
def card_delete(request, code, card_pk):
    session, participant, refusal = _acting(request, code)
    if refusal:
        return refusal
    try:
        card = _own_card(session, participant, card_pk)
        services.card_delete(card=card, participant=participant)
    except PermissionDenied as denied:
        return _refuse(request, str(denied))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Uw kaartje is verwijderd."))
    return redirect("participate:board", code=session.join_code)


# --- votes ---------------------------------------------------------------------------------


def _vote(request, code, theme_pk, service):
    session, participant, refusal = _acting(request, code)
    if refusal:
        return refusal
    theme = get_object_or_404(Theme, pk=theme_pk, session=session)
    error = ""
    try:
        service(participant=participant, theme=theme)
    except ValidationError as problem:
        error = error_text(problem)
    if request.htmx:
        context = board_context(session, participant)
        context["vote_error"] = error
        return render(request, "strategy/_my_votes.html", context)
    if error:
        messages.error(request, error)
    return redirect("participate:board", code=session.join_code)


@require_POST
def vote_cast(request, code, theme_pk):
    return _vote(request, code, theme_pk, services.vote_cast)


@require_POST
def vote_remove(request, code, theme_pk):
    return _vote(request, code, theme_pk, services.vote_remove)
