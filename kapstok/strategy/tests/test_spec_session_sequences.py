"""Whatever order people click in, a session keeps its rules (Hypothesis over sequences).

The example tests (test_voting.py, test_phases.py) check one click each. Here Hypothesis plays
whole sequences against the services and keeps its own plain model of what should happen:

- **Dots**: guests put dots on and take them off in any order, and the facilitator may take a
  guest out. A dot is accepted exactly when the budget and the per-theme limit allow it and the
  guest is still in; the stored dots always equal the model, and the ranking counts them with
  shared ranks (1, 2, 2, 4).
- **Phases**: the facilitator asks for any phase in any order. The session moves exactly when
  the asked phase is one step forward or back, and it is closed (with a moment) exactly when it
  is in the closed phase.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.core.exceptions import ValidationError

from kapstok.core.tests.hypothesis_db import db_settings, in_savepoint
from kapstok.strategy import selectors, services
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
)
from kapstok.strategy.models import PHASE_ORDER, SessionPhase, Vote

DB_SETTINGS = db_settings(12)
GUESTS, THEMES = 3, 3


# --- dots ----------------------------------------------------------------------------------

steps = st.lists(
    st.tuples(
        st.sampled_from(["cast", "cast", "cast", "remove", "take_out"]),
        st.integers(0, GUESTS - 1),
        st.integers(0, THEMES - 1),
    ),
    max_size=18,
)


@pytest.mark.django_db
@DB_SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), steps)
def test_dots_follow_the_budget_the_theme_limit_and_who_is_still_in(world, budget, per_theme, ops):
    per_theme = min(per_theme, budget)

    def example():
        session = StrategySessionFactory(
            office=world.office,
            facilitator=world.users["lead"],
            phase=SessionPhase.PRIORITISE,
            votes_per_participant=budget,
            max_votes_per_theme=per_theme,
        )
        guests = [ParticipantFactory(session=session) for _ in range(GUESTS)]
        themes = [ThemeFactory(session=session, position=i) for i in range(THEMES)]
        dots = {(g, t): 0 for g in range(GUESTS) for t in range(THEMES)}
        out = set()
        for op, g, t in ops:
            spent = sum(dots[(g, other)] for other in range(THEMES))
            if op == "take_out":
                services.participant_remove(participant=guests[g], actor=world.users["lead"])
                out.add(g)
                for other in range(THEMES):
                    dots[(g, other)] = 0
                continue
            allowed = g not in out and (
                (op == "cast" and spent < budget and dots[(g, t)] < per_theme)
                or (op == "remove" and dots[(g, t)] > 0)
            )
            action = services.vote_cast if op == "cast" else services.vote_remove
            if allowed:
                action(participant=guests[g], theme=themes[t])
                dots[(g, t)] += 1 if op == "cast" else -1
            else:
                with pytest.raises(ValidationError):
                    action(participant=guests[g], theme=themes[t])
        for (g, t), expected in dots.items():
            stored = Vote.objects.filter(participant=guests[g], theme=themes[t]).count()
            assert stored == expected
        rows = selectors.ranking(session)
        for row in rows:
            position = themes.index(row.theme)
            assert row.votes == sum(dots[(g, position)] for g in range(GUESTS))
            assert row.rank == 1 + sum(other.votes > row.votes for other in rows)
        assert [row.votes for row in rows] == sorted((row.votes for row in rows), reverse=True)

    in_savepoint(example)


@pytest.mark.django_db
@DB_SETTINGS
@given(st.integers(1, 5), st.integers(1, 5), st.lists(st.integers(0, THEMES - 1), max_size=12))
def test_a_guests_budget_as_shown_matches_the_dots_they_placed(world, budget, per_theme, clicks):
    per_theme = min(per_theme, budget)

    def example():
        session = StrategySessionFactory(
            office=world.office,
            phase=SessionPhase.PRIORITISE,
            votes_per_participant=budget,
            max_votes_per_theme=per_theme,
        )
        guest = ParticipantFactory(session=session)
        themes = [ThemeFactory(session=session, position=i) for i in range(THEMES)]
        for t in clicks:
            with contextlib.suppress(ValidationError):  # a refused dot just does not land
                services.vote_cast(participant=guest, theme=themes[t])
        shown = selectors.budget_of(guest, session)
        placed = selectors.votes_by_theme(guest)
        assert shown.used == sum(placed.values()) <= budget
        assert shown.left == budget - shown.used
        assert all(count <= per_theme for count in placed.values())
        wanted = {t: clicks.count(t) for t in set(clicks)}
        # nothing refused while there was room: either every click landed, or a limit was hit
        if sum(placed.values()) < budget:
            for t, count in wanted.items():
                assert placed.get(themes[t].pk, 0) == min(count, per_theme)

    in_savepoint(example)


# --- phases --------------------------------------------------------------------------------


@pytest.mark.django_db
@DB_SETTINGS
@given(st.lists(st.sampled_from(PHASE_ORDER), max_size=12))
def test_a_session_moves_exactly_one_step_at_a_time_whatever_is_asked(world, asked):
    def example():
        session = StrategySessionFactory(office=world.office, facilitator=world.users["lead"])
        theme = ThemeFactory(session=session, confirmed=True)
        CardFactory(
            participant=ParticipantFactory(session=session),
            theme=theme,
            placement_confirmed=True,
        )
        where = 0
        for phase in asked:
            target = PHASE_ORDER.index(phase)
            if abs(target - where) == 1:
                services.session_advance_phase(
                    session=session, to_phase=phase, actor=world.users["lead"]
                )
                where = target
            else:
                with pytest.raises(ValidationError):
                    services.session_advance_phase(
                        session=session, to_phase=phase, actor=world.users["lead"]
                    )
            session.refresh_from_db()
            assert session.phase == PHASE_ORDER[where]
            assert (session.closed_at is not None) == (session.phase == SessionPhase.CLOSED)

    in_savepoint(example)


@pytest.mark.django_db
@DB_SETTINGS
@given(st.lists(st.sampled_from(["add", "edit", "delete"]), min_size=1, max_size=8))
def test_cards_change_only_while_collecting_and_the_count_follows_the_clicks(world, clicks):
    def example():
        session = StrategySessionFactory(office=world.office)
        guest = ParticipantFactory(session=session)
        mine = []
        for click in clicks:
            if click == "add":
                mine.append(
                    services.card_add(participant=guest, kind="need", text="Meer zaalruimte")
                )
            elif mine and click == "edit":
                services.card_edit(
                    card=mine[-1], participant=guest, kind="opportunity", text="Samen inkopen"
                )
            elif mine:
                services.card_delete(card=mine.pop(), participant=guest)
        assert session.cards.count() == len(mine)
        assert all(card.participant_id == guest.pk for card in session.cards.all())
        session.phase = SessionPhase.CLUSTER
        session.save(update_fields=["phase"])
        with pytest.raises(ValidationError, match="zolang de sessie kaartjes verzamelt"):
            services.card_add(participant=guest, kind="need", text="Te laat")
        assert session.cards.count() == len(mine)

    in_savepoint(example)
