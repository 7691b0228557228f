"""Voting under load on PostgreSQL: many phones at once lose no dot and exceed no budget.

Each thread has its own database connection (Django opens one per thread) and closes it at
the end; the threads wait at a barrier so their transactions really overlap. SQLite takes
one writer at a time and has no SELECT ... FOR UPDATE, so the test means nothing there.
"""

import threading

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


def run_at_once(jobs) -> list:
    """Run callables in threads started together; return what each raised (or None)."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # collected and asserted on below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def voting_session(transactional_db):
    session = StrategySessionFactory(phase=SessionPhase.PRIORITISE)
    return session, [ThemeFactory(session=session) for _ in range(4)]


def test_fifty_participants_voting_at_once_lose_no_vote(voting_session):
    session, themes = voting_session
    participants = [ParticipantFactory(session=session) for _ in range(50)]
    jobs = [
        lambda p=p, i=i: services.vote_cast(participant=p, theme=themes[i % 4])
        for i, p in enumerate(participants)
    ]

    outcomes = run_at_once(jobs)

    assert outcomes == [None] * 50
    assert Vote.objects.filter(session=session).count() == 50


def test_one_participant_clicking_many_times_at_once_stays_within_budget(voting_session):
    session, themes = voting_session
    participants = [ParticipantFactory(session=session) for _ in range(10)]
    # Each participant fires 5 votes at once (budget 3, at most 2 per theme): 50 threads.
    jobs = [
        lambda p=p, k=k: services.vote_cast(participant=p, theme=themes[k % 2])
        for p in participants
        for k in range(5)
    ]

    outcomes = run_at_once(jobs)

    refused = [o for o in outcomes if o is not None]
    assert all(isinstance(o, ValidationError) for o in refused)
    assert len(refused) == 20
    for participant in participants:
        votes = Vote.objects.filter(participant=participant)
        assert votes.count() == session.votes_per_participant
        assert max(votes.filter(theme=t).count() for t in themes) <= session.max_votes_per_theme
