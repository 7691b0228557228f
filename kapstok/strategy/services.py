"""Changes to strategy sessions: phases, participants, cards, themes, votes and goals.

Every rule about who may do what in which phase lives here, so the phone, the projector and
the facilitator's pages cannot disagree. User errors raise `ValidationError` with a Dutch
message (keyed by form field where there is one); acting on someone else's card raises
`PermissionDenied` with a Dutch message. Nothing is saved half: each service is atomic.

Phases: collect → cluster → prioritise → goals → closed. The facilitator moves one step
forward, or one step back to correct something; entering a phase may need something done
first (cards before clustering, a confirmed grouping before voting). A closed session is
reopened only by the office's leads or POS, and goals are made by who may edit the kapstok:
the services check those rules themselves, so no page can reach them another way.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts import access
from kapstok.accounts.services import HandedOver
from kapstok.analysis import clustering
from kapstok.analysis.masking import Masker
from kapstok.analysis.theme_catalogue import CatalogueTheme as CatalogueEntry
from kapstok.core import throttle
from kapstok.core.links import absolute_url
from kapstok.goals import services as goal_services
from kapstok.goals.models import Goal
from kapstok.network.models import EventKind
from kapstok.network.services import office_event_record

from . import embeddings, invitations
from .models import (
    CARD_MAX_LENGTH,
    PHASE_ORDER,
    Card,
    CatalogueTheme,
    Participant,
    SessionPhase,
    StrategySession,
    Theme,
    Vote,
)

JOIN_FAILURE_LIMIT = 10  # wrong codes per IP address ...
JOIN_FAILURE_WINDOW = 10 * 60  # ... within this many seconds
# New guests per IP address per hour. A room on one Wi-Fi network shares one address, so the
# limit leaves room for a large session; against one person joining again and again from fresh
# browsers, the facilitator sees every guest on the session page and removes them.
GUEST_JOINS_PER_IP = throttle.Limit("session-guests-ip", 30, throttle.HOUR)
TRAINING_EXAMPLE_LIMIT = 3000  # the most recent confirmed cards; keeps clustering under 2 s
THEME_LABEL_MAX = 100


def _phase_name(phase: str) -> str:
    return str(SessionPhase(phase).label)


def _require_phase(session: StrategySession, phase: str, message: str) -> None:
    if session.phase != phase:
        raise ValidationError(message, code="wrong_phase")


# --- sessions and phases -------------------------------------------------------------------


@transaction.atomic
def session_save(*, session: StrategySession, actor=None) -> StrategySession:
    """Create or update a session; the office's timeline records that it was planned."""
    is_new = session.pk is None
    if session.max_votes_per_theme > session.votes_per_participant:
        raise ValidationError(
            {"max_votes_per_theme": _("Op één thema kunnen niet meer stippen dan er zijn.")}
        )
    if is_new:
        session.created_by = actor
    session.full_clean()
    session.save()
    template = _("Sessie gepland: %(title)s") if is_new else _("Sessie bijgewerkt: %(title)s")
    office_event_record(
        office=session.office,
        kind=EventKind.SESSION_PLANNED if is_new else EventKind.SESSION_UPDATED,
        summary=template % {"title": session.title},
        actor=actor,
        url=session.get_absolute_url(),
    )
    return session


def _check_ready_for(session: StrategySession, phase: str) -> None:
    """What must be done before the session may move forward into `phase`."""
    if phase == SessionPhase.CLUSTER and not session.cards.exists():
        raise ValidationError(_("Er zijn nog geen kaartjes om te clusteren."))
    if phase == SessionPhase.PRIORITISE:
        if session.cards.filter(theme__isnull=True).exists():
            raise ValidationError(_("Nog niet alle kaartjes hebben een thema."))
        if session.cards.filter(placement_confirmed=False).exists():
            raise ValidationError(_("Bevestig eerst de indeling in thema's."))


def _check_transition(session: StrategySession, to_phase: str) -> None:
    if to_phase not in PHASE_ORDER:
        raise ValidationError(_("Deze fase bestaat niet."))
    if to_phase == session.phase:
        raise ValidationError(
            _("De sessie is al in de fase %(phase)s.") % {"phase": _phase_name(to_phase)}
        )
    if to_phase not in (session.next_phase, session.previous_phase):
        raise ValidationError(
            _("Van %(current)s gaat de sessie alleen een stap vooruit of een stap terug.")
            % {"current": _phase_name(session.phase)}
        )
    if to_phase == session.next_phase:
        _check_ready_for(session, to_phase)


@transaction.atomic
def session_advance_phase(
    *, session: StrategySession, to_phase: str, actor=None
) -> StrategySession:
    """Move the session one phase forward or one back; refuse any other jump.

    Only the session's facilitators move it (`access.can_facilitate_sessions`), and a closed
    session, whose join code has expired, is reopened only by the office's leads or POS
    (`access.can_reopen_session`). The row is locked, so two clicks from two screens cannot
    skip a phase. Returns the session as saved; the object passed in is updated too.
    """
    original = session
    session = (
        StrategySession.objects.select_for_update().select_related("office").get(pk=session.pk)
    )
    viewer = access.viewer_for(actor)
    if not access.can_facilitate_sessions(viewer, session.office):
        raise PermissionDenied(_("Alleen de begeleiders van deze sessie wijzigen de fase."))
    if session.is_closed and not access.can_reopen_session(viewer, session.office):
        raise PermissionDenied(
            _("Een afgeronde sessie wordt alleen door de kartrekker of het POS heropend.")
        )
    _check_transition(session, to_phase)
    session.phase = to_phase
    session.closed_at = timezone.now() if to_phase == SessionPhase.CLOSED else None
    session.save(update_fields=["phase", "closed_at"])
    original.phase, original.closed_at = session.phase, session.closed_at
    office_event_record(
        office=session.office,
        kind=EventKind.SESSION_UPDATED,
        summary=_("Sessie %(title)s: fase %(phase)s")
        % {"title": session.title, "phase": _phase_name(to_phase)},
        actor=actor,
        url=session.get_absolute_url(),
    )
    return session


def session_invite(*, session: StrategySession, actor=None) -> int:
    """Email every member of the office a link and QR code to join; returns how many."""
    if session.is_closed:
        raise ValidationError(_("Deze sessie is afgerond; er valt niets meer uit te nodigen."))
    recipients = invitations.recipients(session.office)
    if not recipients:
        raise ValidationError(_("Dit kantoor heeft nog geen leden met een e-mailadres."))
    sent = invitations.send(session, recipients, join_url=join_url(session))
    office_event_record(
        office=session.office,
        kind=EventKind.SESSION_UPDATED,
        summary=_("Uitnodiging voor %(title)s verstuurd aan %(count)s adressen")
        % {"title": session.title, "count": sent},
        actor=actor,
        url=session.get_absolute_url(),
    )
    return sent


def join_url(session: StrategySession) -> str:
    """The absolute link to the join page with the code filled in (for mail and QR codes)."""
    from django.urls import reverse

    return absolute_url(f"{reverse('participate:join')}?code={session.join_code}")


# --- joining -------------------------------------------------------------------------------


def _failure_key(client_ip: str) -> str:
    return f"strategy:join-failures:{client_ip}"


def _count_failure(client_ip: str) -> None:
    key = _failure_key(client_ip)
    cache.add(key, 0, JOIN_FAILURE_WINDOW)  # the window starts at the first wrong code
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, JOIN_FAILURE_WINDOW)


def normalise_code(code: str) -> str:
    """Codes are read off a projector: accept lower case, spaces and dashes."""
    return "".join(code.split()).replace("-", "").upper()


def session_by_code(*, code: str, client_ip: str) -> StrategySession:
    """The session with this join code; wrong codes are counted per IP and throttled.

    Guessing codes is the only way into a session without an invitation, so after
    `JOIN_FAILURE_LIMIT` wrong codes an address is refused for the rest of the window,
    even with a right code.
    """
    if cache.get(_failure_key(client_ip), 0) >= JOIN_FAILURE_LIMIT:
        raise ValidationError(
            _("Te vaak een onjuiste code geprobeerd. Probeer het over tien minuten opnieuw."),
            code="throttled",
        )
    normalised = normalise_code(code)
    session = StrategySession.objects.select_related("office").filter(join_code=normalised)
    found = session.first() if normalised else None
    if found is None:
        _count_failure(client_ip)
        raise ValidationError(
            _("Deze sessiecode kennen we niet. Controleer de code op het scherm."),
            code="unknown",
        )
    return found


def _removed_error() -> ValidationError:
    return ValidationError(
        _("De begeleider heeft u uit deze sessie gehaald; meedoen kan niet meer."),
        code="removed",
    )


def _require_admitted(participant: Participant) -> None:
    """A participant the facilitator removed changes nothing any more."""
    if participant.removed_at is not None:
        raise _removed_error()


@transaction.atomic
def participant_join(
    *,
    session: StrategySession,
    user=None,
    display_name: str = "",
    client_ip: str = "",
    previous: Participant | None = None,
) -> Participant:
    """Join a session: a signed-in person once per session, a guest each time anew.

    An empty display name means anonymous. A closed session takes no one new: its code
    has expired. Someone the facilitator removed does not come back: an account by its
    participant, a guest by the participant its browser remembers (`previous`). New guests
    are counted per IP address (`GUEST_JOINS_PER_IP`).
    """
    if session.is_closed:
        raise ValidationError(_("Deze sessie is afgerond; meedoen kan niet meer."), code="closed")
    if previous is not None and previous.session_id == session.pk:
        _require_admitted(previous)
    display_name = display_name.strip()
    if user is not None and user.is_authenticated:
        participant, created = Participant.objects.get_or_create(
            session=session, user=user, defaults={"display_name": display_name}
        )
        _require_admitted(participant)
        if not created and participant.display_name != display_name:
            participant.display_name = display_name
            participant.full_clean()
            participant.save(update_fields=["display_name"])
        return participant
    if not throttle.allow(GUEST_JOINS_PER_IP, client_ip):
        raise ValidationError(
            _("Er zijn vanaf dit adres te veel gasten bijgekomen. Probeer het later opnieuw."),
            code="throttled",
        )
    participant = Participant(session=session, display_name=display_name)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, actor) -> Participant:
    """The facilitator takes a guest out of the session: their dots go, their cards stay.

    Only guests: a signed-in person takes part once anyway. Not once the session is closed,
    since its ranking may already have become goals. The participant's row is locked, as
    `vote_cast` locks it, so a dot cast at the same moment is either removed or refused.
    """
    locked = (
        Participant.objects.select_for_update()
        .select_related("session__office")
        .get(pk=participant.pk)
    )
    session = locked.session
    if not access.can_facilitate_sessions(access.viewer_for(actor), session.office):
        raise PermissionDenied(_("Alleen de begeleiders van deze sessie halen gasten eruit."))
    if session.is_closed:
        raise ValidationError(_("Deze sessie is afgerond; de deelnemers liggen vast."))
    if not locked.is_guest:
        raise ValidationError(_("Alleen gasten kunt u uit de sessie halen."))
    if locked.is_removed:
        return locked
    locked.votes.all().delete()
    locked.removed_at, locked.removed_by = timezone.now(), actor
    locked.save(update_fields=["removed_at", "removed_by"])
    participant.removed_at, participant.removed_by = locked.removed_at, actor
    return locked


# --- cards ---------------------------------------------------------------------------------


def _clean_card_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf eerst iets op het kaartje.")})
    if len(text) > CARD_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _(
                    "Een kaartje heeft ruimte voor %(max)s tekens; deze tekst heeft er "
                    "%(count)s. Maak hem korter."
                )
                % {"max": CARD_MAX_LENGTH, "count": len(text)}
            }
        )
    return text


def _require_collecting(session: StrategySession, action: str) -> None:
    _require_phase(
        session,
        SessionPhase.COLLECT,
        _("%(action)s kan alleen zolang de sessie kaartjes verzamelt.") % {"action": action},
    )


def _require_own(card: Card, participant: Participant) -> None:
    if card.participant_id != participant.pk:
        raise PermissionDenied(_("U kunt alleen uw eigen kaartjes aanpassen."))


@transaction.atomic
def card_add(*, participant: Participant, kind: str, text: str, branch=None) -> Card:
    """A participant adds a card (kans, uitdaging of behoefte) while the session collects."""
    session = participant.session
    _require_admitted(participant)
    _require_collecting(session, _("Kaartjes toevoegen"))
    card = Card(
        session=session,
        participant=participant,
        kind=kind,
        text=_clean_card_text(text),
        branch=branch,
    )
    card.full_clean()
    card.save()
    embeddings.store_card_text(card.text)  # so clustering finds its vector stored
    return card


@transaction.atomic
def card_edit(*, card: Card, participant: Participant, kind: str, text: str, branch=None) -> Card:
    """Change one's own card while collecting; once grouped, cards stay as they were."""
    _require_own(card, participant)
    _require_admitted(participant)
    _require_collecting(card.session, _("Kaartjes aanpassen"))
    card.kind, card.text, card.branch = kind, _clean_card_text(text), branch
    card.full_clean()
    card.save()
    embeddings.store_card_text(card.text)
    return card


@transaction.atomic
def card_delete(*, card: Card, participant: Participant) -> None:
    _require_own(card, participant)
    _require_admitted(participant)
    _require_collecting(card.session, _("Kaartjes verwijderen"))
    card.delete()


# --- clustering ----------------------------------------------------------------------------


def _require_clustering(session: StrategySession) -> None:
    _require_phase(
        session,
        SessionPhase.CLUSTER,
        _("De indeling in thema's kan alleen in de fase clusteren worden aangepast."),
    )


def _catalogue_entries(rows: list[CatalogueTheme]) -> list[CatalogueEntry]:
    """The library's catalogue, built from the database so POS edits to themes count."""
    return [
        CatalogueEntry(
            slug=row.slug,
            name=row.name,
            description=row.description,
            examples=tuple(row.example_list()),
        )
        for row in rows
    ]


def training_examples(
    active_slugs: set[str], *, office_id: int | None = None
) -> list[clustering.Example]:
    """Confirmed placements in catalogue themes, from every session: what facilitators taught.

    Only the most recent `TRAINING_EXAMPLE_LIMIT` count, so the proposal stays fast as the
    network grows; themes no longer active in the catalogue are left out. A card of another
    office than `office_id` (every card, when None) is masked first (`_example_masker`): an
    office's cards teach the others what its words mean, never who wrote them or where.
    """
    rows = list(
        Card.objects.filter(
            placement_confirmed=True,
            theme__catalogue_theme__slug__in=active_slugs,
        )
        .order_by("-pk")
        .values_list("text", "theme__catalogue_theme__slug", "session_id", "session__office_id")[
            :TRAINING_EXAMPLE_LIMIT
        ]
    )
    elsewhere = {session_id for _t, _s, session_id, office in rows if office != office_id}
    masker = _example_masker(elsewhere) if elsewhere else None
    return [
        clustering.Example(text if office == office_id else masker.mask(text), slug)
        for text, slug, _session, office in rows
    ]


def _example_masker(session_ids: set[int]) -> Masker:
    """What identifies people and places in those sessions' cards: the offices' and
    municipalities' names, the participants' names, and (always) email addresses and phone
    numbers; `analysis.masking` keeps each text's length."""
    places = StrategySession.objects.filter(pk__in=session_ids).values_list(
        "office__name", "office__municipalities__name"
    )
    people = Participant.objects.filter(session_id__in=session_ids).values_list(
        "display_name", "user__full_name"
    )
    return Masker(
        phrases={name for pair in places for name in pair if name},
        people={name for pair in people for name in pair if name},
    )


def _theme_label(result: clustering.Theme) -> str:
    label = result.label if not result.is_new else result.label[:1].upper() + result.label[1:]
    return label[:THEME_LABEL_MAX]


@transaction.atomic
def themes_propose(*, session: StrategySession, actor=None) -> list[Theme]:
    """Replace the session's themes by a proposal of `kapstok.analysis.clustering`.

    Cards that fit a catalogue theme go there, with the classifier's confidence; the rest
    form new themes named after their characteristic words. Refused once votes or goals
    hang on the current themes, since replacing them would throw those away. Sentence
    embeddings are mixed in when the model is available, read from `TextEmbedding` (a card's
    vector is stored when it is written; see `embeddings`); else lexical features alone.
    """
    _require_clustering(session)
    if session.votes.exists() or Goal.objects.filter(source_theme__session=session).exists():
        raise ValidationError(
            _("Er hangen al stippen of doelen aan deze thema's; een nieuw voorstel zou ze wissen.")
        )
    cards = list(session.cards.order_by("pk"))
    catalogue = {row.slug: row for row in CatalogueTheme.objects.filter(is_active=True)}
    if not catalogue:
        raise ValidationError(
            _("De landelijke themacatalogus is leeg; vraag het POS om thema's te activeren.")
        )
    results = clustering.cluster_cards(
        [clustering.Card(card.text, card.kind) for card in cards],
        examples=training_examples(set(catalogue), office_id=session.office_id),
        catalogue=_catalogue_entries(list(catalogue.values())),
        embedder=embeddings.stored_embedder(),
    )
    return _store_proposal(session, cards, results, catalogue)


def _store_proposal(session, cards: list[Card], results, catalogue: dict) -> list[Theme]:
    """Replace the session's themes by the library's, and place each card with confidence."""
    session.themes.all().delete()
    for card in cards:  # the old themes are gone; only the proposal places a card now
        card.theme, card.placement_confidence, card.placement_confirmed = None, None, False
    themes = []
    for position, result in enumerate(results):
        theme = Theme.objects.create(
            session=session,
            label=_theme_label(result),
            catalogue_theme=None if result.is_new else catalogue.get(result.key),
            position=position,
        )
        themes.append(theme)
        for placement in result.placements:
            card = cards[placement.card_index]
            card.theme, card.placement_confidence = theme, placement.confidence
    Card.objects.bulk_update(cards, ["theme", "placement_confidence", "placement_confirmed"])
    return themes


def _same_session(session_id: int, *themes: Theme | None) -> None:
    if any(theme is not None and theme.session_id != session_id for theme in themes):
        raise ValidationError(_("Dit thema hoort niet bij deze sessie."))


def _unconfirm(*themes: Theme | None) -> None:
    Theme.objects.filter(pk__in=[t.pk for t in themes if t is not None]).update(confirmed=False)


@transaction.atomic
def card_move(*, card: Card, theme: Theme | None, actor=None) -> Card:
    """The facilitator puts a card in another theme (None: back to 'not yet grouped')."""
    _require_clustering(card.session)
    _same_session(card.session_id, theme)
    previous = card.theme
    card.theme = theme
    card.placement_confidence = None  # placed by hand: no machine confidence
    card.placement_confirmed = False
    card.save(update_fields=["theme", "placement_confidence", "placement_confirmed"])
    _unconfirm(previous, theme)
    return card


@transaction.atomic
def theme_merge(*, source: Theme, target: Theme, actor=None) -> Theme:
    """Put all of `source` (cards, and any dots and goals) into `target`; `source` goes."""
    _require_clustering(source.session)
    _same_session(source.session_id, target)
    if source.pk == target.pk:
        raise ValidationError(_("Kies een ander thema om mee samen te voegen."))
    source.cards.update(theme=target, placement_confirmed=False)
    source.votes.update(theme=target)
    source.goals.update(source_theme=target)
    source.delete()
    _unconfirm(target)
    return target


def _next_position(session: StrategySession) -> int:
    highest = session.themes.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


def _clean_label(label: str) -> str:
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Geef het thema een naam.")})
    if len(label) > THEME_LABEL_MAX:
        raise ValidationError(
            {"label": _("Een themanaam heeft maximaal %(max)s tekens.") % {"max": THEME_LABEL_MAX}}
        )
    return label


@transaction.atomic
def theme_split(*, theme: Theme, cards, label: str, actor=None) -> Theme:
    """Move some of a theme's cards into a new theme called `label`."""
    _require_clustering(theme.session)
    label = _clean_label(label)
    chosen = [card.pk for card in cards]
    if not chosen:
        raise ValidationError({"cards": _("Kies de kaartjes die naar het nieuwe thema gaan.")})
    if theme.cards.filter(pk__in=chosen).count() != len(set(chosen)):
        raise ValidationError({"cards": _("Kies alleen kaartjes uit dit thema.")})
    new = Theme.objects.create(
        session=theme.session, label=label, position=_next_position(theme.session)
    )
    Card.objects.filter(pk__in=chosen).update(
        theme=new, placement_confidence=None, placement_confirmed=False
    )
    _unconfirm(theme)
    return new


@transaction.atomic
def theme_rename(*, theme: Theme, label: str, actor=None) -> Theme:
    """Rename a theme; a catalogue theme keeps its link, so it still counts nationally."""
    _require_clustering(theme.session)
    theme.label = _clean_label(label)
    theme.save(update_fields=["label"])
    return theme


@transaction.atomic
def themes_confirm(*, session: StrategySession, actor=None) -> int:
    """Fix the grouping: every placement becomes training data for the next sessions.

    Empty themes are dropped. Returns the number of themes kept.
    """
    _require_clustering(session)
    if session.cards.filter(theme__isnull=True).exists():
        raise ValidationError(_("Deel eerst alle kaartjes in bij een thema."))
    session.themes.filter(cards__isnull=True, votes__isnull=True, goals__isnull=True).delete()
    session.cards.update(placement_confirmed=True)
    return session.themes.update(confirmed=True)


# --- voting --------------------------------------------------------------------------------


@transaction.atomic
def vote_cast(*, participant: Participant, theme: Theme) -> Vote:
    """Put one dot on a theme, within the participant's budget.

    The participant's row is locked first, so a participant's concurrent clicks are counted
    one after the other and cannot together exceed the budget; different participants do
    not wait for each other.
    """
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    _require_admitted(locked)
    session = StrategySession.objects.get(pk=locked.session_id)
    _require_phase(
        session, SessionPhase.PRIORITISE, _("Stemmen kan alleen in de fase prioriteren.")
    )
    _same_session(session.pk, theme)
    mine = Vote.objects.filter(participant=locked)
    if mine.count() >= session.votes_per_participant:
        raise ValidationError(
            _(
                "U heeft al uw %(budget)s stippen verdeeld. Haal eerst een stip weg om hem "
                "ergens anders te zetten."
            )
            % {"budget": session.votes_per_participant}
        )
    if mine.filter(theme=theme).count() >= session.max_votes_per_theme:
        raise ValidationError(
            _("Op één thema kunt u maximaal %(max)s stippen zetten.")
            % {"max": session.max_votes_per_theme}
        )
    return Vote.objects.create(session=session, participant=locked, theme=theme)


@transaction.atomic
def vote_remove(*, participant: Participant, theme: Theme) -> None:
    """Take one of one's dots off a theme, while voting is open."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    _require_admitted(locked)
    session = StrategySession.objects.get(pk=locked.session_id)
    _require_phase(
        session, SessionPhase.PRIORITISE, _("Stemmen kan alleen in de fase prioriteren.")
    )
    vote = Vote.objects.filter(participant=locked, theme=theme).order_by("-pk").first()
    if vote is None:
        raise ValidationError(_("U heeft geen stip op dit thema."))
    vote.delete()


# --- goals ---------------------------------------------------------------------------------


@transaction.atomic
def goal_from_theme(*, theme: Theme, goal: Goal, actor=None) -> Goal:
    """Save a goal drafted from a theme; it keeps the theme and the theme's cards as origin.

    A goal in the kapstok is the office's: only who may add goals there
    (`access.can_edit_kapstok`, leads and POS) makes one from a theme, also when a partner
    facilitates the session.
    """
    session = theme.session
    if not access.can_edit_kapstok(access.viewer_for(actor), session.office):
        raise PermissionDenied(_("Doelen in de kapstok zet de kartrekker of het POS."))
    _require_phase(
        session, SessionPhase.GOALS, _("Doelen maken kan in de fase doelen van de sessie.")
    )
    goal.office = session.office
    goal.source_theme = theme
    if goal.pk is None:
        # goal_save validates the whole goal before it fills in created_by itself.
        goal.created_by = actor
    goal = goal_services.goal_save(goal=goal, actor=actor)
    goal.source_cards.set(theme.cards.all())
    return goal


def catalogue_ensure() -> int:
    """Add the themes of the national catalogue that are missing (the data migration does the
    same on a new database); returns how many were added. POS's own edits are kept."""
    from kapstok.analysis.theme_catalogue import CATALOGUE

    added = 0
    for position, theme in enumerate(CATALOGUE):
        _theme, created = CatalogueTheme.objects.get_or_create(
            slug=theme.slug,
            defaults={
                "name": theme.name,
                "description": theme.description,
                "examples": "\n".join(theme.examples),
                "position": position,
            },
        )
        added += created
    return added


@transaction.atomic
def sessions_hand_over(office_id: int, predecessor, successor) -> list[HandedOver]:
    """Give a leaving lead's sessions in the office that are not closed to the successor.

    Registered with `accounts.services.register_hand_over`; a closed session keeps the name of
    who facilitated it.
    """
    count = (
        StrategySession.objects.filter(office_id=office_id, facilitator=predecessor)
        .exclude(phase=SessionPhase.CLOSED)
        .update(facilitator=successor)
    )
    return [HandedOver(count, ngettext("%(n)d sessie", "%(n)d sessies", count) % {"n": count})]
