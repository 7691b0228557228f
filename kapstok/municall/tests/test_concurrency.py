"""Two sends of "ik doe mee" at the same moment make one answer and one Dutch refusal.

PostgreSQL only, as in `network/tests/test_membership_concurrency.py`: each thread has its own
connection and they start together, so the check-then-insert of `answer_create` really races
and the constraint `one_answer_per_business_and_call` has to decide.
"""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from kapstok.accounts.access import Viewer
from kapstok.municall import services
from kapstok.municall.factories import CallFactory
from kapstok.municall.models import CallAnswer
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writes, so nothing races",
    ),
]


def test_six_simultaneous_answers_of_one_business_make_one_and_five_refusals(run_at_once):
    call = CallFactory()
    business = EntrepreneurFactory()
    MembershipFactory(
        office=call.office, entrepreneur=business, joined_on=datetime.date(2024, 1, 1)
    )
    member = Viewer(
        member_office_ids=frozenset({call.office.pk}), entrepreneur_ids=frozenset({business.pk})
    )

    def answer():
        services.answer_create(
            call=call, viewer=member, person=None, reply="Ik doe mee", shares_contact=True
        )

    errors = [outcome.error for outcome in run_at_once([answer] * 6)]

    assert CallAnswer.objects.filter(call=call, entrepreneur=business).count() == 1
    refusals = [error for error in errors if error is not None]
    assert len(refusals) == 5
    assert all(isinstance(error, ValidationError) for error in refusals)
    assert all("U heeft al op deze oproep gereageerd" in str(error) for error in refusals)
