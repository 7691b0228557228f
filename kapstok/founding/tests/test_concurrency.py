"""A registration form sent twice at the same moment makes one office and one Dutch refusal.

PostgreSQL only, as in `network/tests/test_membership_concurrency.py`: each thread has its own
connection and they start together, so the name check of `founding_register` really races and
the database's unique web address has to decide.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from kapstok.founding.models import FoundingChecklist
from kapstok.founding.services import founding_register
from kapstok.network.factories import MunicipalityFactory
from kapstok.network.models import Office

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writes, so nothing races",
    ),
]


def test_two_simultaneous_registrations_make_one_office_and_one_dutch_refusal(run_at_once):
    ede = MunicipalityFactory(name="Ede")

    def register():
        founding_register(
            name="POS-kantoor Ede",
            municipalities=[ede],
            initiative="entrepreneurs",
            started_on=datetime.date(2026, 1, 5),
        )

    errors = [outcome.error for outcome in run_at_once([register] * 2)]

    assert Office.objects.filter(name="POS-kantoor Ede").count() == 1
    assert FoundingChecklist.objects.count() == 1
    refusals = [error for error in errors if error is not None]
    assert len(refusals) == 1
    assert isinstance(refusals[0], ValidationError)
    assert refusals[0].message_dict == {"name": ["Er is al een POS-kantoor met deze naam."]}
