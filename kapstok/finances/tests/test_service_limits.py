"""The edges of every write: the largest and smallest amounts, overlong and NUL-byte text, a
period that is no period, a schedule replaced by another, and a payment undone and paid again.
Each refusal is Dutch and saves nothing."""

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from kapstok.finances import services
from kapstok.finances.models import Expense, FeePayment, FeeSchedule, Income

pytestmark = pytest.mark.django_db

Y2025 = datetime.date(2025, 1, 1)
DAY = datetime.date(2025, 3, 4)


def messages_of(error) -> dict[str, list[str]]:
    return error.value.message_dict


def income(world, amount=Decimal("10"), description="Sponsor"):
    return services.income_record(
        office=world.office, amount=amount, received_on=DAY, description=description
    )


def expense(world, amount=Decimal("10"), description="Zaalhuur"):
    return services.expense_record(
        office=world.office, amount=amount, spent_on=DAY, description=description
    )


def schedule(world, period="year", valid_from=Y2025, amount=Decimal("60")):
    return services.fee_schedule_set(
        office=world.office, amount=amount, period=period, valid_from=valid_from
    )


def pay(world, period_start=Y2025, amount=Decimal("60")):
    return services.fee_payment_record(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period_start=period_start,
        amount=amount,
        paid_on=DAY,
    )


# --- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize("record", [income, expense])
def test_one_cent_and_ten_million_are_the_bounds_of_an_entry(world, record):
    record(world, amount=Decimal("0.01"))
    record(world, amount=Decimal("10000000"))

    stored = Income if record is income else Expense
    assert sorted(stored.objects.values_list("amount", flat=True)) == [
        Decimal("0.01"),
        Decimal("10000000.00"),
    ]


@pytest.mark.parametrize("record", [income, expense])
@pytest.mark.parametrize("amount", ["0", "10000000.01"])
def test_an_entry_outside_the_bounds_says_the_range_in_dutch(world, record, amount):
    with pytest.raises(ValidationError) as error:
        record(world, amount=Decimal(amount))

    assert messages_of(error)["amount"] == ["Kies een bedrag van € 0,01 tot en met € 10.000.000."]
    assert not Income.objects.exists() and not Expense.objects.exists()


def test_a_fee_above_ten_million_is_refused(world):
    with pytest.raises(ValidationError) as error:
        schedule(world, amount=Decimal("10000000.01"))

    assert messages_of(error)["amount"] == ["Kies een bedrag van € 0 tot en met € 10.000.000."]
    assert not FeeSchedule.objects.exists()


def test_a_payment_above_ten_million_is_refused(world):
    schedule(world)

    with pytest.raises(ValidationError) as error:
        pay(world, amount=Decimal("10000000.01"))

    assert "amount" in messages_of(error)
    assert not FeePayment.objects.exists()


def test_a_member_may_pay_another_amount_than_the_fee(world):
    """A discount or a partial payment is the treasurer's call: the amount paid is stored."""
    schedule(world, amount=Decimal("60"))

    payment = pay(world, amount=Decimal("45.50"))

    assert payment.amount == Decimal("45.50")


# --- text --------------------------------------------------------------------------------


@pytest.mark.parametrize("record", [income, expense])
def test_a_description_of_two_hundred_characters_is_kept_whole(world, record):
    entry = record(world, description="x" * 200)

    entry.refresh_from_db()
    assert entry.description == "x" * 200


@pytest.mark.parametrize("record", [income, expense])
def test_a_description_over_two_hundred_characters_is_refused(world, record):
    with pytest.raises(ValidationError) as error:
        record(world, description="x" * 201)

    assert messages_of(error)["description"] == [
        "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201)."
    ]
    assert not Income.objects.exists() and not Expense.objects.exists()


@pytest.mark.parametrize("record", [income, expense])
def test_an_empty_description_is_refused(world, record):
    with pytest.raises(ValidationError) as error:
        record(world, description="")

    assert messages_of(error)["description"] == ["Dit veld kan niet leeg zijn"]


@pytest.mark.parametrize("record", [income, expense])
def test_a_description_with_a_nul_byte_is_refused_in_dutch(world, record):
    """PostgreSQL cannot store a NUL byte: the service refuses it before the database does."""
    with pytest.raises(ValidationError) as error:
        record(world, description="Zaal\x00huur")

    assert messages_of(error)["description"] == ["Null-tekens zijn niet toegestaan."]
    assert not Income.objects.exists() and not Expense.objects.exists()


# --- schedules and periods ---------------------------------------------------------------


def test_a_period_that_is_not_on_the_list_is_refused(world):
    with pytest.raises(ValidationError) as error:
        schedule(world, period="week")

    assert "period" in messages_of(error)
    assert not FeeSchedule.objects.exists()


@pytest.mark.parametrize("period", ["year", "half_year", "quarter", "month"])
def test_every_period_on_the_list_can_be_chosen(world, period):
    assert schedule(world, period=period).period == period


def test_a_monthly_fee_is_paid_from_the_first_of_a_month_only(world):
    schedule(world, period="month", amount=Decimal("5"))

    pay(world, period_start=datetime.date(2025, 3, 1), amount=Decimal("5"))
    with pytest.raises(ValidationError) as error:
        pay(world, period_start=datetime.date(2025, 3, 15), amount=Decimal("5"))

    assert messages_of(error)["period_start"] == [
        "Voor deze periode geldt geen contributieregeling."
    ]
    assert FeePayment.objects.count() == 1


def test_a_payment_takes_the_period_of_the_schedule_then_in_force(world):
    """A yearly fee until 2025, quarterly from then: 2024 is paid as a year, 2025 per quarter."""
    schedule(world, period="year", valid_from=datetime.date(2024, 1, 1))
    schedule(world, period="quarter", valid_from=Y2025, amount=Decimal("15"))

    old = pay(world, period_start=datetime.date(2024, 1, 1))
    new = pay(world, period_start=datetime.date(2025, 4, 1), amount=Decimal("15"))

    assert (old.period, new.period) == ("year", "quarter")


def test_a_period_before_the_first_schedule_cannot_be_paid(world):
    schedule(world, valid_from=Y2025)

    with pytest.raises(ValidationError) as error:
        pay(world, period_start=datetime.date(2024, 1, 1))

    assert "period_start" in messages_of(error)
    assert not FeePayment.objects.exists()


def test_a_payment_undone_can_be_recorded_again(world):
    schedule(world)
    services.fee_payment_delete(payment=pay(world, amount=Decimal("6")))

    again = pay(world, amount=Decimal("60"))

    assert list(FeePayment.objects.values_list("pk", "amount")) == [(again.pk, Decimal("60"))]


def test_the_same_period_is_paid_by_each_member_once(world):
    from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

    schedule(world)
    colleague = EntrepreneurFactory(business_name="Pilates Piet")
    MembershipFactory(office=world.office, entrepreneur=colleague, joined_on=Y2025)

    pay(world)
    services.fee_payment_record(
        office=world.office,
        entrepreneur=colleague,
        period_start=Y2025,
        amount=Decimal("60"),
        paid_on=DAY,
    )

    assert FeePayment.objects.filter(period_start=Y2025).count() == 2


def test_the_same_period_is_paid_at_two_offices_apart(world):
    """A member of two offices pays each office's fee: one office's payment blocks nothing at
    the other."""
    from kapstok.network.factories import MembershipFactory

    MembershipFactory(
        office=world.other_office, entrepreneur=world.member_entrepreneur, joined_on=Y2025
    )
    schedule(world)
    services.fee_schedule_set(
        office=world.other_office, amount=Decimal("80"), period="year", valid_from=Y2025
    )
    pay(world)

    services.fee_payment_record(
        office=world.other_office,
        entrepreneur=world.member_entrepreneur,
        period_start=Y2025,
        amount=Decimal("80"),
        paid_on=DAY,
    )

    assert sorted(FeePayment.objects.values_list("amount", flat=True)) == [
        Decimal("60.00"),
        Decimal("80.00"),
    ]


def test_the_same_start_date_is_free_at_another_office(world):
    schedule(world)

    services.fee_schedule_set(
        office=world.other_office, amount=Decimal("80"), period="year", valid_from=Y2025
    )

    assert FeeSchedule.objects.count() == 2


@pytest.mark.parametrize("legal_form", ["association", "none"])
def test_the_legal_form_can_be_changed_and_undone(world, legal_form):
    services.legal_form_set(office=world.office, legal_form="foundation")
    services.legal_form_set(office=world.office, legal_form=legal_form)

    world.office.refresh_from_db()
    assert world.office.legal_form == legal_form
