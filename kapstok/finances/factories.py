import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from kapstok.network.factories import EntrepreneurFactory, OfficeFactory

from .models import Expense, FeePayment, FeePeriod, FeeSchedule, Income


class FeeScheduleFactory(DjangoModelFactory):
    class Meta:
        model = FeeSchedule

    office = factory.SubFactory(OfficeFactory)
    amount = Decimal("60.00")
    period = FeePeriod.YEAR
    valid_from = datetime.date(2024, 1, 1)


class FeePaymentFactory(DjangoModelFactory):
    """A payment stored as is: the service's membership check is for the tests of services."""

    class Meta:
        model = FeePayment

    office = factory.SubFactory(OfficeFactory)
    entrepreneur = factory.SubFactory(EntrepreneurFactory)
    period = FeePeriod.YEAR
    period_start = datetime.date(2025, 1, 1)
    amount = Decimal("60.00")
    paid_on = datetime.date(2025, 2, 1)


class IncomeFactory(DjangoModelFactory):
    class Meta:
        model = Income

    office = factory.SubFactory(OfficeFactory)
    amount = Decimal("250.00")
    received_on = datetime.date(2025, 5, 1)
    description = "Sponsor sportdag"


class ExpenseFactory(DjangoModelFactory):
    class Meta:
        model = Expense

    office = factory.SubFactory(OfficeFactory)
    amount = Decimal("100.00")
    spent_on = datetime.date(2025, 6, 1)
    description = "Zaalhuur"
