"""Read-side queries for the session pages, the report and the national overview.

Each selector returns plain data for one page in a fixed number of queries, whatever the
number of cards, themes or sessions (no query per row in a loop or a template).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts.access import scope_key, scope_only
from kapstok.analysis import confidence
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import SHOWN, ToDo, Urgency, day
from kapstok.goals.models import Goal
from kapstok.network.models import Initiative, Office, SizeClass

from . import rules
from .models import (
    Card,
    CatalogueTheme,
    Participant,
    SessionPhase,
    StrategySession,
    Theme,
    Vote,
)

TOP_THEMES = 3  # how many themes the goals phase puts forward


def sessions_of(office: Office) -> QuerySet:
    """An office's sessions, newest first, with how many took part and how many cards."""
    return (
        StrategySession.objects.filter(office=office)
        .select_related("facilitator")
        .annotate(
            participant_count=Count(
                "participants", filter=Q(participants__removed_at__isnull=True), distinct=True
            ),
            card_count=Count("cards", distinct=True),
        )
        .order_by("-starts_at")
    )


def sessions_held(office_ids) -> dict[int, int]:
    """Per office, how many strategy sessions have started (the figure "sessies gehouden" on
    the national dashboard and in the monitor's snapshots); offices without any are left out."""
    rows = (
        StrategySession.objects.filter(office_id__in=office_ids, starts_at__lte=timezone.now())
        .values("office_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["office_id"]: row["n"] for row in rows}


def sessions_held_figures(office_ids, today) -> dict[int, dict]:
    """`sessions_held` per office, for the monitor's snapshots (`today` is not needed: a
    session counts once it has started)."""
    held = sessions_held(office_ids)
    return {office_id: {"sessions_held": held.get(office_id, 0)} for office_id in office_ids}


def participants_of(session: StrategySession) -> list[Participant]:
    """Everyone who joined, in order of joining, with their cards and dots counted.

    Without their accounts: the table names people by the name they joined with, and whether
    they have an account is `user_id`.
    """
    return list(
        session.participants.annotate(
            card_count=Count("cards", distinct=True), vote_count=Count("votes", distinct=True)
        ).order_by("created_at", "pk")
    )


def cards_of(session: StrategySession) -> QuerySet:
    return session.cards.select_related("participant", "branch", "theme").order_by(
        "created_at", "pk"
    )


@dataclass
class ThemeRow:
    """A theme with its cards and dots, in ranking order."""

    theme: Theme
    cards: list[Card]
    votes: int
    rank: int = 0
    my_votes: int = 0
    goals: list[Goal] = field(default_factory=list)


def theme_rows(session: StrategySession) -> list[ThemeRow]:
    """The session's themes with their cards, in the facilitator's order."""
    themes = (
        session.themes.select_related("catalogue_theme")
        .annotate(vote_count=Count("votes"))
        .prefetch_related(
            Prefetch("cards", queryset=Card.objects.select_related("participant", "branch"))
        )
        .order_by("position", "pk")
    )
    return [ThemeRow(theme, list(theme.cards.all()), theme.vote_count) for theme in themes]


def doubtful_first(cards: list[Card]) -> list[Card]:
    """Cards by the machine's certainty, least sure first; cards placed by hand last.

    So in every theme the facilitator's eye falls first on the cards most likely misplaced.
    """
    return sorted(
        cards,
        key=lambda card: (
            card.placement_confidence is None,
            card.placement_confidence or 0.0,
            card.pk,
        ),
    )


@dataclass(slots=True)
class BoardCard:
    """A card as the cluster board shows it: only what is drawn or sorted by. A board holds
    hundreds of cards (issue #19); building a model instance for each cost more than the
    query, and the board neither saves cards nor follows their relations."""

    pk: int
    theme_id: int | None
    kind: str
    text: str
    placement_confidence: float | None
    placement_confirmed: bool
    face: object = None  # `certainty.card_faces` fills it in


BOARD_CARD_FIELDS = (
    "pk",
    "theme_id",
    "kind",
    "text",
    "placement_confidence",
    "placement_confirmed",
)


def _board_cards(session: StrategySession, **filters) -> list[BoardCard]:
    rows = session.cards.filter(**filters).order_by("created_at", "pk")
    return [BoardCard(*row) for row in rows.values_list(*BOARD_CARD_FIELDS)]


@dataclass
class ClusterBoard:
    """The cluster board's themes, each with its cards (doubtful first), and the unplaced pile."""

    themes: list[ThemeRow]
    unplaced: list[BoardCard]


def cluster_board(session: StrategySession) -> ClusterBoard:
    """The themes and all cards of the cluster board in two queries, whatever their number.

    Each card is read with only the fields the board shows, without its participant, branch or
    the themes' dots, which this phase does not show.
    """
    themes = list(session.themes.order_by("position", "pk"))
    rows = {theme.pk: ThemeRow(theme, [], 0) for theme in themes}
    unplaced = []
    for card in _board_cards(session):
        if card.theme_id is None:
            unplaced.append(card)
        elif card.theme_id in rows:
            rows[card.theme_id].cards.append(card)
    for row in rows.values():
        row.cards = doubtful_first(row.cards)
    return ClusterBoard(list(rows.values()), unplaced)


def column_cards(session: StrategySession, theme: Theme | None) -> list[BoardCard]:
    """Every card of one column of the cluster board in the board's order: a theme's cards
    doubtful first (as `cluster_board`), the unplaced ones in the order they were written."""
    if theme is None:
        return _board_cards(session, theme__isnull=True)
    return doubtful_first(_board_cards(session, theme=theme))


def doubtful_cards(rows: list[ThemeRow]) -> list[tuple[Card, Theme]]:
    """The proposal's cards the machine doubts (`confidence.LIKELY` and below), least sure
    first, with their theme: where the facilitator's minutes help most."""
    doubtful = [
        (card, row.theme)
        for row in rows
        for card in row.cards
        if card.placement_confidence is not None
        and not card.placement_confirmed
        and card.placement_confidence < confidence.LIKELY
    ]
    return sorted(doubtful, key=lambda pair: (pair[0].placement_confidence, pair[0].pk))


def card_among(pk: str | None, groups) -> Card | None:
    """The card with this pk (as text, from a query string) among the board's already loaded
    cards: theme rows and lists of unplaced cards. None for a missing or foreign pk, so a stale
    link shows the board without a move form rather than an error."""
    for group in groups:
        for item in group:
            for card in item.cards if isinstance(item, ThemeRow) else [item]:
                if str(card.pk) == pk:
                    return card
    return None


def unplaced_cards(session: StrategySession) -> list[Card]:
    return list(cards_of(session).filter(theme__isnull=True))


def ranking(session: StrategySession, participant: Participant | None = None) -> list[ThemeRow]:
    """Themes by dots, most first; equal dots share a rank (1, 2, 2, 4)."""
    rows = sorted(theme_rows(session), key=lambda row: (-row.votes, row.theme.position))
    for index, row in enumerate(rows):
        same_as_previous = index and row.votes == rows[index - 1].votes
        row.rank = rows[index - 1].rank if same_as_previous else index + 1
    if participant is not None:
        mine = votes_by_theme(participant)
        for row in rows:
            row.my_votes = mine.get(row.theme.pk, 0)
    goals = defaultdict(list)
    linked = Goal.objects.filter(source_theme__session=session).select_related(
        "office", "source_theme"
    )
    for goal in linked.order_by("created_at"):
        goals[goal.source_theme_id].append(goal)
    for row in rows:
        row.goals = goals[row.theme.pk]
    return rows


def votes_by_theme(participant: Participant) -> dict[int, int]:
    counts = (
        Vote.objects.filter(participant=participant)
        .values("theme_id")
        .annotate(count=Count("pk"))
        .values_list("theme_id", "count")
    )
    return dict(counts)


@dataclass(frozen=True)
class Budget:
    total: int
    used: int

    @property
    def left(self) -> int:
        return max(0, self.total - self.used)


def budget_of(participant: Participant, session: StrategySession) -> Budget:
    return Budget(session.votes_per_participant, participant.votes.count())


# --- the report ----------------------------------------------------------------------------


@dataclass
class Report:
    session: StrategySession
    participant_count: int
    card_count: int
    vote_count: int
    questions: list[str]
    themes: list[ThemeRow]
    unplaced: list[Card]
    goals: list[Goal]


def session_report(session: StrategySession) -> Report:
    """Everything the PDF and DOCX reports show, read once; cards are shown without names."""
    themes = ranking(session)
    return Report(
        session=session,
        participant_count=session.participants.filter(removed_at__isnull=True).count(),
        card_count=session.cards.count(),
        vote_count=session.votes.count(),
        questions=session.question_list(),
        themes=themes,
        unplaced=unplaced_cards(session),
        goals=[goal for row in themes for goal in row.goals],
    )


# --- across offices ------------------------------------------------------------------------


@dataclass(frozen=True)
class DenominatorFilters:
    province: str = ""
    size: str = ""
    initiative: str = ""


@dataclass(frozen=True)
class ThemeOccurrence:
    """How one catalogue theme fared across the network."""

    theme: CatalogueTheme
    offices: int
    sessions: int
    cards: int
    average_rank: float | None  # over the sessions that voted; 1 is the top theme


def rank_within_sessions(rows: list[tuple[int, int, int]]) -> dict[tuple[int, int], int]:
    """Rank themes within each session by votes: rows are (session, theme, votes).

    Returns {(session, theme): rank}; equal votes share the better rank; sessions where no
    one voted are left out (they have no ranking).

    >>> rank_within_sessions([(1, 10, 5), (1, 11, 2), (1, 12, 5), (2, 10, 0)])
    {(1, 10): 1, (1, 12): 1, (1, 11): 3}
    """
    by_session: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for session, theme, votes in rows:
        by_session[session].append((theme, votes))
    ranks = {}
    for session, themes in by_session.items():
        if not any(votes for _theme, votes in themes):
            continue
        ordered = sorted(themes, key=lambda item: -item[1])
        for index, (theme, votes) in enumerate(ordered):
            tied = index and votes == ordered[index - 1][1]
            ranks[(session, theme)] = ranks[(session, ordered[index - 1][0])] if tied else index + 1
    return ranks


def _filtered_offices(filters: DenominatorFilters) -> QuerySet:
    offices = Office.objects.founded()
    if filters.province:
        offices = offices.filter(municipalities__province=filters.province)
    if filters.initiative in Initiative.values:
        offices = offices.filter(initiative=filters.initiative)
    if filters.size in SizeClass.values:
        offices = offices.with_member_count().of_size(filters.size)
    return offices


def national_denominators(filters: DenominatorFilters) -> tuple[list[ThemeOccurrence], int]:
    """Per catalogue theme: in how many offices and sessions it came up, and its mean rank.

    Only confirmed themes count: a facilitator agreed with the grouping. Returns the rows
    (most offices first) and the number of offices with a grouped session.
    Two queries, whatever the size of the network.
    """
    office_ids = _filtered_offices(filters).values("pk")
    themes = list(
        Theme.objects.filter(session__office_id__in=office_ids, confirmed=True, cards__isnull=False)
        .values("session_id", "session__office_id", "catalogue_theme_id", "pk")
        .annotate(
            card_count=Count("cards", distinct=True),
            vote_count=Count("votes", distinct=True),
        )
    )
    ranks = rank_within_sessions([(t["session_id"], t["pk"], t["vote_count"]) for t in themes])
    catalogue = {theme.pk: theme for theme in CatalogueTheme.objects.all()}
    occurrences = _occurrences(themes, ranks, catalogue)
    office_count = len({t["session__office_id"] for t in themes})
    return occurrences, office_count


def _occurrences(themes: list[dict], ranks: dict, catalogue: dict) -> list[ThemeOccurrence]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in themes:
        if row["catalogue_theme_id"] is not None:
            grouped[row["catalogue_theme_id"]].append(row)
    result = []
    for theme_id, rows in grouped.items():
        keys = [(r["session_id"], r["pk"]) for r in rows]
        ranked = [ranks[key] for key in keys if key in ranks]
        result.append(
            ThemeOccurrence(
                theme=catalogue[theme_id],
                offices=len({r["session__office_id"] for r in rows}),
                sessions=len({r["session_id"] for r in rows}),
                cards=sum(r["card_count"] for r in rows),
                average_rank=sum(ranked) / len(ranked) if ranked else None,
            )
        )
    return sorted(
        result,
        key=lambda o: (-o.offices, o.average_rank or float("inf"), o.theme.position),
    )


# --- the start page's to-do items (one query each) ------------------------------------------

RUN_HORIZON = datetime.timedelta(days=14)  # a session to prepare shows up two weeks ahead
LINGERING = datetime.timedelta(days=30)  # held this long ago and still not closed: attention


def _count_of(model, user_id):
    """How many rows of `model` (cards or dots) the user put into the outer session."""
    rows = (
        model.objects.filter(session=OuterRef("pk"), participant__user_id=user_id)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def sessions_taking_input(viewer) -> bool:
    """Whether a session of the viewer's offices is open for cards or dots. One query."""
    return (
        rules.sessions_open_to_members(viewer)
        .filter(phase__in=[SessionPhase.COLLECT, SessionPhase.PRIORITISE])
        .exists()
    )


def sessions_to_take_part(viewer) -> list[ToDo]:
    """Sessions of the member's offices that are open for cards (collect) or dots (prioritise),
    leaving out a vote the member has fully cast and a session they were removed from. Each
    links to the phone board, which lets members of the office straight in.

    Whether any session of their offices takes input at all is the same for every member and
    kept as a short cached part (`sessions_taking_input`): most of the time none does, and
    then the person's own cards, dots and removal are not asked for."""
    if not cached_part(
        "member-sessions-input",
        (scope_key(viewer),),
        partial(sessions_taking_input, scope_only(viewer)),
    ):
        return []
    removed = Participant.objects.filter(
        session=OuterRef("pk"), user_id=viewer.user_id, removed_at__isnull=False
    )
    sessions = (
        rules.sessions_open_to_members(viewer)
        .filter(phase__in=[SessionPhase.COLLECT, SessionPhase.PRIORITISE])
        .exclude(Exists(removed))
        .select_related("office")
        .annotate(my_cards=_count_of(Card, viewer.user_id), my_dots=_count_of(Vote, viewer.user_id))
        .order_by("starts_at", "pk")[:SHOWN]
    )
    items = []
    for session in sessions:
        url = reverse("participate:board", args=[session.join_code])
        values = {"title": session.title, "office": session.office.name}
        if session.phase == SessionPhase.COLLECT:
            values.update(date=day(session.starts_at), count=session.my_cards)
            title = _("Zet uw kansen en uitdagingen op tafel: %(title)s") % values
            detail = (
                _("%(office)s verzamelt kansen, uitdagingen en behoeften; sessie op %(date)s.")
                % values
            )
            if session.my_cards:
                detail += (
                    " "
                    + ngettext(
                        "U zette er al %(count)s kaartje bij.",
                        "U zette er al %(count)s kaartjes bij.",
                        session.my_cards,
                    )
                    % values
                )
        else:
            left = session.votes_per_participant - session.my_dots
            if left <= 0:
                continue
            values.update(left=left, total=session.votes_per_participant)
            title = _("Stem op de thema's van %(office)s: %(title)s") % values
            detail = _("Nog %(left)s van uw %(total)s stippen te verdelen.") % values
        items.append(ToDo(title=title, detail=detail, url=url))
    return items


def sessions_to_run(viewer) -> list[ToDo]:
    """Sessions the viewer runs and has not closed: in the offices they lead or work for as a
    partner, facilitated by them or by nobody yet, starting within two weeks or already held."""
    now = timezone.now()
    sessions = (
        rules.sessions_run_by_office(viewer)
        .filter(starts_at__lte=now + RUN_HORIZON)
        .exclude(phase=SessionPhase.CLOSED)
        .filter(Q(facilitator_id=viewer.user_id) | Q(facilitator__isnull=True))
        .select_related("office")
        .order_by("starts_at", "pk")[:SHOWN]
    )
    items = []
    for session in sessions:
        values = {
            "title": session.title,
            "office": session.office.name,
            "date": day(session.starts_at),
            "phase": session.get_phase_display(),
        }
        if session.starts_at > now:
            title = _("Bereid de sessie voor: %(title)s")
            detail = _("%(office)s, op %(date)s. Nodig de leden uit en deel de sessiecode.")
            urgency = Urgency.NORMAL
        else:
            title = _("Ga verder met de sessie: %(title)s")
            detail = _("%(office)s, gehouden op %(date)s; nu in de fase ‘%(phase)s’.")
            urgency = Urgency.SOON if session.starts_at < now - LINGERING else Urgency.NORMAL
        items.append(
            ToDo(
                title=title % values,
                detail=detail % values,
                url=session.get_absolute_url(),
                urgency=urgency,
            )
        )
    return items
