"""The figures at their edges: schedules that begin in the middle of a period, years that end
on 31 December, a project removed after money was spent on it, a year in the future, members
who joined late, and the export's Dutch number format."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from kapstok.finances import export, selectors
from kapstok.finances.factories import (
    ExpenseFactory,
    FeePaymentFactory,
    FeeScheduleFactory,
    IncomeFactory,
)
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def starts(office, year):
    return [(row.start.month, row.schedule.period) for row in selectors.fee_periods(office, year)]


# --- fee periods ------------------------------------------------------------------------------


def test_a_yearly_fee_begun_in_june_is_first_due_the_next_year(world):
    FeeScheduleFactory(office=world.office, period="year", valid_from=datetime.date(2025, 6, 1))

    assert starts(world.office, 2025) == []
    assert starts(world.office, 2026) == [(1, "year")]


def test_a_quarterly_fee_begun_mid_quarter_starts_with_the_next_quarter(world):
    FeeScheduleFactory(office=world.office, period="quarter", valid_from=datetime.date(2025, 5, 15))

    assert starts(world.office, 2025) == [(7, "quarter"), (10, "quarter")]


def test_a_switch_from_monthly_to_quarterly_leaves_no_gap_and_no_overlap(world):
    FeeScheduleFactory(office=world.office, period="month", valid_from=datetime.date(2025, 1, 1))
    FeeScheduleFactory(office=world.office, period="quarter", valid_from=datetime.date(2025, 7, 1))

    assert starts(world.office, 2025) == [(m, "month") for m in range(1, 7)] + [
        (7, "quarter"),
        (10, "quarter"),
    ]


def test_each_period_is_offered_at_the_amount_of_its_own_schedule(world):
    FeeScheduleFactory(office=world.office, period="half_year", amount=30)
    FeeScheduleFactory(
        office=world.office, period="half_year", amount=35, valid_from=datetime.date(2025, 7, 1)
    )

    amounts = [row.schedule.amount for row in selectors.fee_periods(world.office, 2025)]

    assert amounts == [Decimal("30"), Decimal("35")]


def test_another_offices_schedule_gives_this_office_no_periods(world):
    FeeScheduleFactory(office=world.other_office)

    assert starts(world.office, 2025) == []
    assert selectors.schedule_on(world.office, datetime.date(2025, 6, 1)) is None


def test_a_schedule_that_begins_tomorrow_is_not_yet_in_force(world):
    FeeScheduleFactory(office=world.office, valid_from=datetime.date(2026, 1, 1))

    assert selectors.schedule_on(world.office, datetime.date(2025, 12, 31)) is None
    assert selectors.schedule_on(world.office, datetime.date(2026, 1, 1)) is not None


# --- who paid ---------------------------------------------------------------------------------


def test_the_period_counts_and_received_money_add_up(world):
    """Two current members (one paid € 60), and € 40 from someone who left: 1 paid, 1 not,
    € 100 received."""
    FeeScheduleFactory(office=world.office)
    newcomer = EntrepreneurFactory(business_name="Atletiek Anna")
    MembershipFactory(
        office=world.office, entrepreneur=newcomer, joined_on=datetime.date(2025, 9, 1)
    )
    leaver = EntrepreneurFactory(business_name="Zumba Zoë")
    MembershipFactory(
        office=world.office,
        entrepreneur=leaver,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2025, 3, 1),
    )
    FeePaymentFactory(office=world.office, entrepreneur=world.member_entrepreneur)
    FeePaymentFactory(office=world.office, entrepreneur=leaver, amount=40)
    (period,) = selectors.fee_periods(world.office, 2025)

    status = selectors.period_status(world.office, period)

    assert [row.entrepreneur.business_name for row in status.rows] == [
        "Atletiek Anna",
        "Yoga Marieke",
    ]
    assert (status.paid, status.unpaid, status.received) == (1, 1, Decimal("100"))
    assert [payment.entrepreneur for payment in status.former] == [leaver]


def test_an_office_without_members_has_nobody_to_chase(world):
    FeeScheduleFactory(office=world.other_office)
    world.other_office.memberships.all().delete()
    (period,) = selectors.fee_periods(world.other_office, 2025)

    status = selectors.period_status(world.other_office, period)

    assert (status.rows, status.paid, status.unpaid, status.received) == ([], 0, 0, Decimal(0))


def test_each_period_has_its_own_payments(world):
    FeeScheduleFactory(office=world.office, period="quarter", amount=15)
    FeePaymentFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period="quarter",
        period_start=datetime.date(2025, 4, 1),
        amount=15,
    )

    statuses = selectors.period_statuses(world.office, selectors.fee_periods(world.office, 2025))

    assert [status.paid for status in statuses] == [0, 1, 0, 0]


# --- the ledger -------------------------------------------------------------------------------


def test_money_counts_in_the_year_of_its_date_to_the_day(world):
    IncomeFactory(office=world.office, amount=10, received_on=datetime.date(2024, 12, 31))
    IncomeFactory(office=world.office, amount=20, received_on=datetime.date(2025, 1, 1))
    ExpenseFactory(office=world.office, amount=3, spent_on=datetime.date(2024, 12, 31))
    ExpenseFactory(office=world.office, amount=4, spent_on=datetime.date(2025, 12, 31))

    ledger = selectors.ledger_year(world.office, 2025)

    assert ledger.opening_balance == Decimal("7")
    assert (ledger.other_income, ledger.spent) == (Decimal("20"), Decimal("4"))
    assert ledger.closing_balance == Decimal("23")


def test_a_year_still_to_come_opens_with_everything_before_it(world):
    IncomeFactory(office=world.office, amount=500)
    ExpenseFactory(office=world.office, amount=120)

    ledger = selectors.ledger_year(world.office, 2030)

    assert (ledger.income, ledger.spent) == (Decimal(0), Decimal(0))
    assert ledger.opening_balance == ledger.closing_balance == Decimal("380")
    assert not ledger.is_empty
    assert selectors.ledger_entries(world.office, 2030) == []


def test_spending_on_a_removed_project_counts_as_general(world):
    project = ProjectFactory(
        strategy=StrategyFactory(goal=GoalFactory(office=world.office)), title="Sportdag"
    )
    ExpenseFactory(office=world.office, amount=70, project=project)
    ExpenseFactory(office=world.office, amount=30)
    project.delete()

    ledger = selectors.ledger_year(world.office, 2025)

    assert [(row.project_id, row.title, row.amount) for row in ledger.spending] == [
        (None, "Algemeen (geen project)", Decimal("100"))
    ]


def test_a_year_that_spent_more_than_it_received_has_a_negative_result(world):
    IncomeFactory(office=world.office, amount=50)
    ExpenseFactory(office=world.office, amount=80)

    ledger = selectors.ledger_year(world.office, 2025)

    assert ledger.result == Decimal("-30")
    assert ledger.closing_balance == Decimal("-30")


def test_the_entries_name_the_member_and_period_of_each_fee(world):
    FeePaymentFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period="quarter",
        period_start=datetime.date(2025, 4, 1),
        amount=15,
        paid_on=datetime.date(2025, 4, 3),
    )

    (entry,) = selectors.ledger_entries(world.office, 2025)

    assert (entry.kind, entry.description, entry.amount) == (
        "Contributie",
        "Yoga Marieke, kwartaal 2 2025",
        Decimal("15"),
    )


def test_the_years_to_pick_are_this_one_and_the_four_before():
    assert selectors.ledger_years(datetime.date(2026, 3, 1)) == [2026, 2025, 2024, 2023, 2022]


# --- the export -------------------------------------------------------------------------------


def test_the_csv_writes_decimal_commas_and_in_and_out_apart(world):
    IncomeFactory(office=world.office, amount=Decimal("1250.5"), description="Sponsor")
    ExpenseFactory(office=world.office, amount=Decimal("0.99"), description="Porto")
    ledger = selectors.ledger_year(world.office, 2025)

    body = export.ledger_csv(ledger, selectors.ledger_entries(world.office, 2025))

    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum", "Soort", "Omschrijving", "Project", "In (€)", "Uit (€)"]
    assert ["2025-05-01", "Overige inkomst", "Sponsor", "", "1250,50", ""] in rows
    assert ["2025-06-01", "Uitgave", "Porto", "", "", "0,99"] in rows
    assert ["", "", "Eindsaldo", "", "1249,51", ""] in rows


def test_an_empty_year_exports_only_the_header_and_zero_totals(world):
    ledger = selectors.ledger_year(world.office, 2025)

    book = openpyxl.load_workbook(io.BytesIO(export.ledger_xlsx(ledger, [])))

    assert book.sheetnames == ["Kasboek 2025", "Totalen"]
    assert book["Kasboek 2025"].max_row == 1
    totals = {row[0]: row[1:] for row in book["Totalen"].iter_rows(min_row=2, values_only=True)}
    assert totals["Totaal 2025"] == (0, 0)
    assert totals["Eindsaldo"] == (0, None)
