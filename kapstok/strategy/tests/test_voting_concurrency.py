"""Voting under load on PostgreSQL: many phones at once lose no dot and exceed no budget.

Each thread has its own database connection (Django opens one per thread) and closes it at
the end; the threads wait at a barrier so their transactions really overlap. SQLite takes
one writer at a time and has no SELECT ... FOR UPDATE, so the test means nothing there.
"""

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from kapstok.strategy import services
from kapstok.strategy.factories import ParticipantFactory, StrategySessionFactory, ThemeFactory
from kapstok.strategy.models import SessionPhase, Vote

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks and serialises all writes anyway",
    ),
]


@pytest.fixture
def voting_session(transactional_db):
    session = StrategySessionFactory(phase=SessionPhase.PRIORITISE)
    return session, [ThemeFactory(session=session) for _ in range(4)]


def test_fifty_participants_voting_at_once_lose_no_vote(voting_session, run_at_once):
    session, themes = voting_session
    participants = [ParticipantFactory(session=session) for _ in range(50)]
    jobs = [
        lambda p=p, i=i: services.vote_cast(participant=p, theme=themes[i % 4])
        for i, p in enumerate(participants)
    ]

    errors = [outcome.error for outcome in run_at_once(jobs)]

    assert errors == [None] * 50
    assert Vote.objects.filter(session=session).count() == 50


def test_one_participant_clicking_many_times_at_once_stays_within_budget(
    voting_session, run_at_once
):
    session, themes = voting_session
    participants = [ParticipantFactory(session=session) for _ in range(10)]
    # Each participant fires 5 votes at once (budget 3, at most 2 per theme): 50 threads.
    jobs = [
        lambda p=p, k=k: services.vote_cast(participant=p, theme=themes[k % 2])
        for p in participants
        for k in range(5)
    ]

    errors = [outcome.error for outcome in run_at_once(jobs)]

    refused = [error for error in errors if error is not None]
    assert all(isinstance(o, ValidationError) for o in refused)
    assert len(refused) == 20
    for participant in participants:
        votes = Vote.objects.filter(participant=participant)
        assert votes.count() == session.votes_per_participant
        assert max(votes.filter(theme=t).count() for t in themes) <= session.max_votes_per_theme
