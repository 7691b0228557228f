"""Two treasurers recording the same thing at the same moment store it once; the other gets the
same Dutch error as when the first was already there, not a server error.

PostgreSQL only, as in `network/tests/test_membership_concurrency.py`: each thread has its own
connection and they start together, so the check-then-insert of the services really races and
the unique constraints have to decide.
"""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from kapstok.finances import services
from kapstok.finances.models import FeePayment, FeeSchedule
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writes, so nothing races",
    ),
]

Y2025 = datetime.date(2025, 1, 1)


def refusals(outcomes) -> list[str]:
    errors = [outcome.error for outcome in outcomes if outcome.error is not None]
    assert all(isinstance(error, ValidationError) for error in errors), errors
    return [message for error in errors for message in error.messages]


def test_six_simultaneous_payments_of_one_period_store_one(run_at_once):
    office, member = OfficeFactory(), EntrepreneurFactory(business_name="Yoga Marieke")
    MembershipFactory(office=office, entrepreneur=member, joined_on=datetime.date(2024, 1, 1))
    services.fee_schedule_set(office=office, amount=Decimal("60"), period="year", valid_from=Y2025)

    def pay():
        return services.fee_payment_record(
            office=office,
            entrepreneur=member,
            period_start=Y2025,
            amount=Decimal("60"),
            paid_on=datetime.date(2025, 2, 1),
        )

    messages = refusals(run_at_once([pay] * 6))

    assert FeePayment.objects.filter(office=office).count() == 1
    assert messages == ["Yoga Marieke heeft deze periode al betaald."] * 5


def test_six_simultaneous_schedules_on_one_day_store_one(run_at_once):
    office = OfficeFactory()

    def set_fee():
        return services.fee_schedule_set(
            office=office, amount=Decimal("60"), period="year", valid_from=Y2025
        )

    messages = refusals(run_at_once([set_fee] * 6))

    assert FeeSchedule.objects.filter(office=office).count() == 1
    assert (
        messages == ["Op deze datum begint al een contributieregeling. Kies een andere datum."] * 5
    )
