"""What the session pages and the start page read about a strategy session.

Specifications of `strategy.selectors`: sessions held, who took part, themes in the
facilitator's order and by dots, the dot budget, and the start-page items that ask a member to
take part or a lead to run a session.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.core.todo import Urgency
from kapstok.strategy import selectors, services
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
    VoteFactory,
)
from kapstok.strategy.models import SessionPhase

from .conftest import move_to

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


# --- sessions held ----------------------------------------------------------------------------


def test_a_session_counts_as_held_once_it_has_started(world):
    StrategySessionFactory(office=world.office, starts_at=days(-30))
    StrategySessionFactory(office=world.office, starts_at=days(-1))
    StrategySessionFactory(office=world.office, starts_at=days(5))
    StrategySessionFactory(office=world.other_office, starts_at=days(7))
    held = selectors.sessions_held([world.office.pk, world.other_office.pk])
    assert held == {world.office.pk: 2}


def test_the_monitor_gets_a_zero_for_an_office_without_sessions(world):
    StrategySessionFactory(office=world.office, starts_at=days(-3))
    figures = selectors.sessions_held_figures(
        [world.office.pk, world.other_office.pk], today=timezone.localdate()
    )
    assert figures == {
        world.office.pk: {"sessions_held": 1},
        world.other_office.pk: {"sessions_held": 0},
    }


def test_an_offices_sessions_are_newest_first_with_active_participants_counted(world):
    older = StrategySessionFactory(office=world.office, starts_at=days(-60))
    newer = StrategySessionFactory(office=world.office, starts_at=days(-2))
    ParticipantFactory(session=newer)
    ParticipantFactory(session=newer, removed_at=timezone.now())
    CardFactory(participant=ParticipantFactory(session=newer))
    rows = list(selectors.sessions_of(world.office))
    assert rows == [newer, older]
    assert (rows[0].participant_count, rows[0].card_count) == (2, 1)


# --- participants, themes, budget --------------------------------------------------------------


def test_participants_are_listed_in_order_of_joining_with_their_cards_and_dots(session):
    anna = ParticipantFactory(session=session, display_name="Anna")
    bram = ParticipantFactory(session=session, display_name="Bram")
    CardFactory(participant=bram)
    CardFactory(participant=bram)
    VoteFactory(participant=anna, theme=ThemeFactory(session=session))
    rows = selectors.participants_of(session)
    assert [p.display_name for p in rows] == ["Anna", "Bram"]
    assert [(p.card_count, p.vote_count) for p in rows] == [(0, 1), (2, 0)]


def test_themes_keep_the_facilitators_order_and_unplaced_cards_are_kept_apart(session):
    second = ThemeFactory(session=session, label="Ruimte", position=2)
    first = ThemeFactory(session=session, label="Zichtbaarheid", position=1)
    placed = CardFactory(participant=ParticipantFactory(session=session), theme=first)
    loose = CardFactory(participant=ParticipantFactory(session=session))
    rows = selectors.theme_rows(session)
    assert [row.theme for row in rows] == [first, second]
    assert rows[0].cards == [placed] and rows[1].cards == []
    assert selectors.unplaced_cards(session) == [loose]


def test_the_cluster_board_has_themes_in_order_doubtful_cards_first_and_a_loose_pile(session):
    second = ThemeFactory(session=session, label="Ruimte", position=2)
    first = ThemeFactory(session=session, label="Zichtbaarheid", position=1)
    anna = ParticipantFactory(session=session)
    sure = CardFactory(participant=anna, theme=first, placement_confidence=0.9)
    by_hand = CardFactory(participant=anna, theme=first, placement_confidence=None)
    doubt = CardFactory(participant=anna, theme=first, placement_confidence=0.2)
    loose = [CardFactory(participant=anna), CardFactory(participant=anna)]
    CardFactory(theme=ThemeFactory())  # another session's card stays off this board

    board = selectors.cluster_board(session)

    assert [row.theme for row in board.themes] == [first, second]
    assert [card.pk for card in board.themes[0].cards] == [doubt.pk, sure.pk, by_hand.pk]
    assert board.themes[1].cards == []
    assert [card.pk for card in board.unplaced] == [card.pk for card in loose]
    shown = board.themes[0].cards[0]
    assert (shown.text, shown.kind, shown.placement_confidence) == (doubt.text, doubt.kind, 0.2)


def test_the_cluster_board_reads_two_queries_whatever_the_number_of_cards(
    session, django_assert_num_queries
):
    themes = [ThemeFactory(session=session, position=n) for n in range(5)]
    anna = ParticipantFactory(session=session)
    for n in range(40):
        CardFactory(participant=anna, theme=themes[n % 5] if n % 8 else None)

    with django_assert_num_queries(2):
        board = selectors.cluster_board(session)
        # What the board shows of a card is read with it: no query per card afterwards.
        shown = [(c.text, c.kind, c.placement_confidence) for r in board.themes for c in r.cards]

    assert len(shown) + len(board.unplaced) == 40


def test_equal_dots_share_a_rank_and_the_next_rank_is_skipped(session):
    themes = [ThemeFactory(session=session, position=n) for n in range(4)]
    voters = [ParticipantFactory(session=session) for _ in range(3)]
    for theme, dots in zip(themes, (1, 3, 3, 0), strict=True):
        for voter in voters[:dots]:
            VoteFactory(participant=voter, theme=theme)
    rows = selectors.ranking(session)
    assert [row.theme for row in rows] == [themes[1], themes[2], themes[0], themes[3]]
    assert [row.rank for row in rows] == [1, 1, 3, 4]


def test_the_ranking_shows_a_participant_their_own_dots(session, anna, bram):
    theme = ThemeFactory(session=session)
    VoteFactory(participant=anna, theme=theme)
    VoteFactory(participant=anna, theme=theme)
    VoteFactory(participant=bram, theme=theme)
    (row,) = selectors.ranking(session, participant=anna)
    assert (row.votes, row.my_votes) == (3, 2)
    assert selectors.votes_by_theme(bram) == {theme.pk: 1}


def test_the_dot_budget_never_shows_less_than_nothing_left(session, anna):
    session.votes_per_participant = 2
    theme = ThemeFactory(session=session)
    VoteFactory(participant=anna, theme=theme)
    assert selectors.budget_of(anna, session).left == 1
    VoteFactory(participant=anna, theme=ThemeFactory(session=session))
    VoteFactory(participant=anna, theme=ThemeFactory(session=session))
    budget = selectors.budget_of(anna, session)
    assert (budget.total, budget.used, budget.left) == (2, 3, 0)


def test_the_report_counts_only_participants_still_in_the_session(session, anna, bram):
    bram.removed_at = timezone.now()
    bram.save()
    CardFactory(participant=bram)
    report = selectors.session_report(session)
    assert (report.participant_count, report.card_count) == (1, 1)
    assert report.questions == session.question_list()


# --- joining by code --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"), [("ab-cd 23", "ABCD23"), (" abcd23 ", "ABCD23"), ("A-B-C", "ABC")]
)
def test_a_code_read_off_the_projector_is_normalised(typed, code):
    assert services.normalise_code(typed) == code


def test_an_empty_code_is_unknown_and_counted_as_a_failure(session):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="sessiecode kennen we niet"):
        services.session_by_code(code="  ", client_ip="10.0.0.9")


def test_the_invitation_link_carries_the_sessions_code(session):
    url = services.join_url(session)
    assert url.startswith("http")
    assert url.endswith(f"?code={session.join_code}")


# --- the member's start page --------------------------------------------------------------


def member_items(world):
    return selectors.sessions_to_take_part(viewer_for(world.users["member"]))


def test_a_member_is_asked_for_cards_while_the_session_collects(world, session):
    (item,) = member_items(world)
    assert item.title.startswith("Zet uw kansen en uitdagingen op tafel")
    assert session.join_code in item.url


def test_the_member_is_told_how_many_cards_they_already_put_down(world, session):
    me = ParticipantFactory(session=session, user=world.users["member"])
    CardFactory(participant=me)
    CardFactory(participant=me)
    (item,) = member_items(world)
    assert "U zette er al 2 kaartjes bij." in item.detail


def test_a_member_is_asked_to_vote_until_all_dots_are_spent(world, session):
    move_to(session, SessionPhase.PRIORITISE)
    me = ParticipantFactory(session=session, user=world.users["member"])
    (item,) = member_items(world)
    assert "Nog 3 van uw 3 stippen" in item.detail
    for _ in range(3):
        VoteFactory(participant=me, theme=ThemeFactory(session=session))
    assert member_items(world) == []


@pytest.mark.parametrize("phase", [SessionPhase.CLUSTER, SessionPhase.GOALS, SessionPhase.CLOSED])
def test_a_member_is_not_asked_while_the_facilitator_works(world, session, phase):
    move_to(session, phase)
    assert member_items(world) == []


def test_a_removed_member_is_not_asked_again(world, session):
    ParticipantFactory(session=session, user=world.users["member"], removed_at=timezone.now())
    assert member_items(world) == []


def test_members_of_other_offices_and_non_members_are_not_asked(world, session):
    for persona in ("other_member", "lead", "pos"):
        assert selectors.sessions_to_take_part(viewer_for(world.users[persona])) == []


# --- the lead's start page ------------------------------------------------------------------


def lead_items(world):
    return selectors.sessions_to_run(viewer_for(world.users["lead"]))


def test_the_lead_prepares_a_session_two_weeks_ahead_but_not_sooner(world):
    soon = StrategySessionFactory(
        office=world.office, facilitator=world.users["lead"], starts_at=days(10)
    )
    StrategySessionFactory(office=world.office, facilitator=world.users["lead"], starts_at=days(20))
    (item,) = lead_items(world)
    assert item.title == f"Bereid de sessie voor: {soon.title}"
    assert item.urgency == Urgency.NORMAL


def test_a_held_session_left_open_for_a_month_asks_attention(world):
    StrategySessionFactory(office=world.office, facilitator=world.users["lead"], starts_at=days(-5))
    StrategySessionFactory(
        office=world.office, facilitator=world.users["lead"], starts_at=days(-40)
    )
    items = lead_items(world)
    assert [item.urgency for item in items] == [Urgency.SOON, Urgency.NORMAL]
    assert all(item.title.startswith("Ga verder met de sessie") for item in items)


def test_a_closed_session_or_one_someone_else_facilitates_is_not_the_leads(world):
    closed = StrategySessionFactory(office=world.office, starts_at=days(-5))
    move_to(closed, SessionPhase.CLOSED)
    StrategySessionFactory(office=world.office, facilitator=world.users["pos"], starts_at=days(1))
    assert lead_items(world) == []


def test_a_session_without_facilitator_is_offered_to_the_lead_and_the_partner(world):
    StrategySessionFactory(office=world.office, facilitator=None, starts_at=days(3))
    assert len(lead_items(world)) == 1
    assert len(selectors.sessions_to_run(viewer_for(world.users["partner"]))) == 1
    assert selectors.sessions_to_run(viewer_for(world.users["other_lead"])) == []
