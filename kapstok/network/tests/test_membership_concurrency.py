"""Two leads adding the same entrepreneur at the same moment make one membership, not two.

PostgreSQL only, as in `strategy/tests/test_voting_concurrency.py`: each thread has its own
connection and they start together, so the check-then-insert of `membership_add` really races
and the database constraint `one_open_membership_per_office` has to decide.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from kapstok.network.factories import EntrepreneurFactory, OfficeFactory
from kapstok.network.models import Membership
from kapstok.network.services import membership_add

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writes, so nothing races",
    ),
]


def test_eight_simultaneous_adds_make_one_membership_and_seven_dutch_refusals(run_at_once):
    office, entrepreneur = OfficeFactory(), EntrepreneurFactory()

    def add():
        membership_add(
            office=office, entrepreneur=entrepreneur, joined_on=datetime.date(2026, 1, 5)
        )

    errors = [outcome.error for outcome in run_at_once([add] * 8)]

    assert Membership.objects.filter(office=office, entrepreneur=entrepreneur).count() == 1
    refusals = [error for error in errors if error is not None]
    assert len(refusals) == 7
    assert all(isinstance(o, ValidationError) for o in refusals)
    assert all("is al lid van dit kantoor" in str(o) for o in refusals)
