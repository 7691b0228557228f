"""The rules of every write: a fee, a payment, income and spending. Bad input gets a Dutch
error and nothing is saved; the database refuses the same nonsense from any other path."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kapstok.finances import services
from kapstok.finances.factories import FeePaymentFactory, FeeScheduleFactory
from kapstok.finances.models import Expense, FeePayment, FeeSchedule, Income
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

Y2025 = datetime.date(2025, 1, 1)


def messages_of(error: ValidationError) -> list[str]:
    return [m for messages in error.value.message_dict.values() for m in messages]


@pytest.fixture
def yearly_fee(world):
    return services.fee_schedule_set(
        office=world.office, amount=Decimal("60"), period="year", valid_from=Y2025
    )


def pay(world, entrepreneur=None, period_start=Y2025, amount=Decimal("60")):
    return services.fee_payment_record(
        office=world.office,
        entrepreneur=entrepreneur or world.member_entrepreneur,
        period_start=period_start,
        amount=amount,
        paid_on=datetime.date(2025, 2, 3),
        actor=world.users["lead"],
    )


# --- legal form -------------------------------------------------------------------------


def test_the_lead_sets_the_legal_form(world):
    services.legal_form_set(office=world.office, legal_form="association")

    world.office.refresh_from_db()
    assert world.office.legal_form == "association"


def test_an_unknown_legal_form_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError) as error:
        services.legal_form_set(office=world.office, legal_form="bv")

    assert messages_of(error) == ["Kies een van de rechtsvormen uit de lijst."]
    world.office.refresh_from_db()
    assert world.office.legal_form == "none"


# --- fee schedule ----------------------------------------------------------------------------


def test_a_fee_schedule_is_stored_with_its_period_and_date(world, yearly_fee):
    assert FeeSchedule.objects.get() == yearly_fee
    assert (yearly_fee.amount, yearly_fee.period) == (Decimal("60"), "year")


def test_a_negative_fee_is_refused_in_dutch_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        services.fee_schedule_set(
            office=world.office, amount=Decimal("-5"), period="year", valid_from=Y2025
        )

    assert messages_of(error) == ["Kies een bedrag van € 0 tot en met € 10.000.000."]
    assert not FeeSchedule.objects.exists()


def test_a_free_membership_is_a_fee_of_zero(world):
    services.fee_schedule_set(
        office=world.office, amount=Decimal("0"), period="year", valid_from=Y2025
    )
    assert FeeSchedule.objects.get().amount == 0


def test_two_schedules_cannot_start_on_the_same_day(world, yearly_fee):
    with pytest.raises(ValidationError) as error:
        services.fee_schedule_set(
            office=world.office, amount=Decimal("10"), period="month", valid_from=Y2025
        )

    assert "Op deze datum begint al een contributieregeling" in messages_of(error)[0]
    assert FeeSchedule.objects.count() == 1


def test_the_database_refuses_a_negative_fee(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeScheduleFactory(office=world.office, amount=Decimal("-1"))


# --- payments ------------------------------------------------------------------------------


def test_a_member_pays_a_period(world, yearly_fee):
    payment = pay(world)

    assert FeePayment.objects.get() == payment
    assert payment.period == "year"
    assert payment.recorded_by == world.users["lead"]


def test_a_period_paid_twice_is_refused_and_stored_once(world, yearly_fee):
    pay(world)

    with pytest.raises(ValidationError) as error:
        pay(world)

    assert messages_of(error) == ["Yoga Marieke heeft deze periode al betaald."]
    assert FeePayment.objects.count() == 1


def test_the_database_refuses_a_second_payment_for_one_period(world):
    FeePaymentFactory(office=world.office, entrepreneur=world.member_entrepreneur)

    with pytest.raises(IntegrityError), transaction.atomic():
        FeePaymentFactory(office=world.office, entrepreneur=world.member_entrepreneur)


def test_the_database_refuses_a_negative_payment(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        FeePaymentFactory(office=world.office, amount=Decimal("-0.01"))


def test_another_offices_member_cannot_pay_this_offices_fee(world, yearly_fee):
    with pytest.raises(ValidationError) as error:
        pay(world, entrepreneur=world.other_entrepreneur)

    assert messages_of(error) == ["Boks Zwolle is geen lid van dit kantoor."]
    assert not FeePayment.objects.exists()


def test_a_former_member_cannot_pay_any_more(world, yearly_fee):
    left = EntrepreneurFactory(business_name="Gestopt Fit")
    MembershipFactory(
        office=world.office,
        entrepreneur=left,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2024, 1, 1),
    )

    with pytest.raises(ValidationError):
        pay(world, entrepreneur=left)
    assert not FeePayment.objects.exists()


def test_a_negative_payment_is_refused_in_dutch(world, yearly_fee):
    with pytest.raises(ValidationError) as error:
        pay(world, amount=Decimal("-60"))

    assert messages_of(error) == ["Kies een bedrag van € 0 tot en met € 10.000.000."]
    assert not FeePayment.objects.exists()


def test_a_payment_needs_a_schedule_in_force(world):
    with pytest.raises(ValidationError) as error:
        pay(world)

    assert messages_of(error) == ["Voor deze periode geldt geen contributieregeling."]


def test_a_payment_names_a_period_of_the_schedule(world, yearly_fee):
    """A yearly fee has one period, starting on 1 January: 1 April is no period of it."""
    with pytest.raises(ValidationError):
        pay(world, period_start=datetime.date(2025, 4, 1))
    assert not FeePayment.objects.exists()


def test_quarterly_fees_are_paid_per_quarter(world):
    services.fee_schedule_set(
        office=world.office, amount=Decimal("15"), period="quarter", valid_from=Y2025
    )

    pay(world, period_start=datetime.date(2025, 4, 1), amount=Decimal("15"))
    pay(world, period_start=datetime.date(2025, 7, 1), amount=Decimal("15"))

    assert FeePayment.objects.filter(period="quarter").count() == 2


def test_a_payment_recorded_by_mistake_can_be_removed(world, yearly_fee):
    services.fee_payment_delete(payment=pay(world))
    assert not FeePayment.objects.exists()


# --- income and spending --------------------------------------------------------------------


def test_other_income_is_recorded(world):
    income = services.income_record(
        office=world.office,
        amount=Decimal("250.50"),
        received_on=datetime.date(2025, 3, 1),
        description="Sponsor sportdag",
    )
    assert Income.objects.get() == income


def test_income_of_nothing_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.income_record(
            office=world.office, amount=Decimal("0"), received_on=Y2025, description="Niets"
        )
    assert messages_of(error) == ["Kies een bedrag van € 0,01 tot en met € 10.000.000."]
    assert not Income.objects.exists()


def test_spending_on_one_of_the_offices_projects(world):
    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))

    expense = services.expense_record(
        office=world.office,
        amount=Decimal("80"),
        spent_on=Y2025,
        description="Flyers",
        project=project,
    )

    assert Expense.objects.get().project == project
    assert expense.amount == Decimal("80")


def test_spending_on_another_offices_project_is_refused(world):
    theirs = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.other_office)))

    with pytest.raises(ValidationError) as error:
        services.expense_record(
            office=world.office,
            amount=Decimal("80"),
            spent_on=Y2025,
            description="Flyers",
            project=theirs,
        )

    assert messages_of(error) == ["Dit project hoort niet bij dit kantoor."]
    assert not Expense.objects.exists()


def test_negative_spending_is_refused(world):
    with pytest.raises(ValidationError):
        services.expense_record(
            office=world.office, amount=Decimal("-80"), spent_on=Y2025, description="Terug"
        )
    assert not Expense.objects.exists()
