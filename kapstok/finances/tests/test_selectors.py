"""What the pages read: the fee periods of a year, who paid, and the year's ledger with the
municipality's contributions read from where they are recorded, in a fixed number of queries."""

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
from kapstok.municipality.models import Contribution
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

Y2025 = datetime.date(2025, 1, 1)


def contribution(
    world, kind="money", amount="600", given_on=datetime.date(2025, 4, 1), office=None
):
    return Contribution.objects.create(
        office=office or world.office,
        municipality=world.utrecht if office is None else world.zwolle,
        kind=kind,
        amount=Decimal(amount) if amount else None,
        given_on=given_on,
        purpose="Sportakkoord",
    )


def project_of(office, title):
    return ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=office)), title=title)


# --- fee periods ------------------------------------------------------------------------------


def test_a_yearly_fee_has_one_period(world):
    FeeScheduleFactory(office=world.office, period="year", valid_from=datetime.date(2024, 1, 1))

    [period] = selectors.fee_periods(world.office, 2025)

    assert (period.start, period.label) == (Y2025, "2025")


def test_a_new_schedule_takes_over_from_the_next_period(world):
    FeeScheduleFactory(office=world.office, period="year", valid_from=datetime.date(2024, 1, 1))
    FeeScheduleFactory(
        office=world.office, period="quarter", amount=20, valid_from=datetime.date(2025, 3, 15)
    )

    periods = selectors.fee_periods(world.office, 2025)

    assert [(p.start.month, p.schedule.period) for p in periods] == [
        (1, "year"),
        (4, "quarter"),
        (7, "quarter"),
        (10, "quarter"),
    ]
    assert periods[1].label == "kwartaal 2 2025"


def test_before_any_schedule_there_are_no_periods(world):
    FeeScheduleFactory(office=world.office, valid_from=datetime.date(2026, 1, 1))
    assert selectors.fee_periods(world.office, 2025) == []


def test_monthly_and_half_yearly_labels(world):
    FeeScheduleFactory(office=world.office, period="month", valid_from=Y2025)
    FeeScheduleFactory(
        office=world.office, period="half_year", valid_from=datetime.date(2026, 1, 1)
    )

    assert selectors.fee_periods(world.office, 2025)[2].label == "maart 2025"
    assert [p.label for p in selectors.fee_periods(world.office, 2026)] == [
        "1e halfjaar 2026",
        "2e halfjaar 2026",
    ]


# --- who paid -------------------------------------------------------------------------------


@pytest.fixture
def year_period(world):
    FeeScheduleFactory(office=world.office, period="year", valid_from=Y2025)
    [period] = selectors.fee_periods(world.office, 2025)
    return period


def test_current_members_show_as_paid_or_not_yet(world, year_period):
    late = EntrepreneurFactory(business_name="Atletiek Laat")
    MembershipFactory(office=world.office, entrepreneur=late)
    FeePaymentFactory(office=world.office, entrepreneur=world.member_entrepreneur, amount=60)

    status = selectors.period_status(world.office, year_period)

    assert [(row.entrepreneur.business_name, bool(row.payment)) for row in status.rows] == [
        ("Atletiek Laat", False),
        ("Yoga Marieke", True),
    ]
    assert (status.paid, status.unpaid, status.received) == (1, 1, Decimal("60"))


def test_other_offices_members_are_not_listed(world, year_period):
    FeePaymentFactory(office=world.other_office, entrepreneur=world.other_entrepreneur)

    status = selectors.period_status(world.office, year_period)

    assert [row.entrepreneur for row in status.rows] == [world.member_entrepreneur]
    assert status.former == []


def test_a_payment_by_someone_who_left_is_kept_apart(world, year_period):
    left = EntrepreneurFactory(business_name="Vertrokken Fit")
    MembershipFactory(
        office=world.office,
        entrepreneur=left,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2025, 6, 1),
    )
    FeePaymentFactory(office=world.office, entrepreneur=left, amount=60)

    status = selectors.period_status(world.office, year_period)

    assert [p.entrepreneur for p in status.former] == [left]
    assert status.received == Decimal("60")
    assert left not in [row.entrepreneur for row in status.rows]


def test_who_paid_takes_two_queries_however_many_members(world, django_assert_num_queries):
    FeeScheduleFactory(office=world.office, period="month", valid_from=Y2025)
    periods = selectors.fee_periods(world.office, 2025)
    for n in range(15):
        member = EntrepreneurFactory()
        MembershipFactory(office=world.office, entrepreneur=member)
        FeePaymentFactory(
            office=world.office,
            entrepreneur=member,
            period="month",
            period_start=periods[n % 12].start,
        )

    with django_assert_num_queries(2):
        statuses = selectors.period_statuses(world.office, periods)

    assert sum(status.paid for status in statuses) == 15
    assert all(len(status.rows) == 16 for status in statuses)


# --- the ledger -----------------------------------------------------------------------------


@pytest.fixture
def books(world):
    """2024: €100 sponsor income; 2025: fees €120, the municipality's €600 (and a commission
    of €400, and facilities that are no cash), €250 other income, €300 on a project and €50
    in general. Another office's money must not show."""
    IncomeFactory(office=world.office, amount=100, received_on=datetime.date(2024, 5, 1))
    FeePaymentFactory(office=world.office, entrepreneur=world.member_entrepreneur, amount=60)
    FeePaymentFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period_start=datetime.date(2024, 1, 1),
        amount=60,
        paid_on=datetime.date(2025, 1, 10),
    )
    contribution(world)
    contribution(world, kind="commission", amount="400")
    contribution(world, kind="facilities", amount="900")
    contribution(world, kind="money", amount=None)
    IncomeFactory(office=world.office, amount=250)
    sportdag = project_of(world.office, "Sportdag")
    ExpenseFactory(office=world.office, amount=300, project=sportdag, description="Medailles")
    ExpenseFactory(office=world.office, amount=50, description="Bankkosten")
    # Not ours:
    contribution(world, office=world.other_office, amount="5000")
    ExpenseFactory(office=world.other_office, amount=999)
    FeePaymentFactory(office=world.other_office, entrepreneur=world.other_entrepreneur)
    return {"sportdag": sportdag}


def test_the_year_adds_fees_contributions_and_other_income(world, books):
    ledger = selectors.ledger_year(world.office, 2025)

    assert ledger.fees == Decimal("120")
    assert ledger.contributions == Decimal("1000")
    assert ledger.other_income == Decimal("250")
    assert ledger.income == Decimal("1370")


def test_spending_is_totalled_per_project_and_general_last(world, books):
    ledger = selectors.ledger_year(world.office, 2025)

    assert [(row.project_id, str(row.title), row.amount) for row in ledger.spending] == [
        (books["sportdag"].pk, "Sportdag", Decimal("300")),
        (None, "Algemeen (geen project)", Decimal("50")),
    ]
    assert ledger.spent == Decimal("350")


def test_the_balance_carries_over_from_the_years_before(world, books):
    ledger = selectors.ledger_year(world.office, 2025)

    assert ledger.opening_balance == Decimal("100")
    assert ledger.result == Decimal("1020")
    assert ledger.closing_balance == Decimal("1120")
    assert selectors.ledger_year(world.office, 2026).opening_balance == Decimal("1120")


def test_the_ledger_takes_five_queries_however_many_entries(
    world, books, django_assert_num_queries
):
    for _n in range(10):
        IncomeFactory(office=world.office)
        ExpenseFactory(office=world.office, project=project_of(world.office, "Meer"))

    with django_assert_num_queries(5):
        selectors.ledger_year(world.office, 2025)
    with django_assert_num_queries(4):
        selectors.ledger_entries(world.office, 2025)


def test_the_entries_list_every_line_by_date_spending_negative(world, books):
    entries = selectors.ledger_entries(world.office, 2025)

    assert len(entries) == 7
    assert entries == sorted(entries, key=lambda e: e.day)
    fee = next(e for e in entries if e.kind == "Contributie" and e.day.month == 2)
    assert fee.description == "Yoga Marieke, 2025"
    medals = next(e for e in entries if e.description == "Medailles")
    assert (medals.project, medals.amount) == ("Sportdag", Decimal("-300"))
    assert "Utrecht: Sportakkoord" in [e.description for e in entries]


# --- export -----------------------------------------------------------------------------------


def test_the_csv_export_has_every_line_and_the_totals(world, books):
    ledger = selectors.ledger_year(world.office, 2025)
    body = export.ledger_csv(ledger, selectors.ledger_entries(world.office, 2025))

    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum", "Soort", "Omschrijving", "Project", "In (€)", "Uit (€)"]
    assert ["2025-06-01", "Uitgave", "Medailles", "Sportdag", "", "300,00"] in rows
    assert ["", "", "Eindsaldo", "", "1120,00", ""] in rows
    assert ["", "", "Totaal 2025", "", "1370,00", "350,00"] in rows


def test_the_xlsx_export_has_the_lines_and_a_totals_sheet(world, books):
    ledger = selectors.ledger_year(world.office, 2025)
    body = export.ledger_xlsx(ledger, selectors.ledger_entries(world.office, 2025))

    book = openpyxl.load_workbook(io.BytesIO(body))
    lines, totals = book.worksheets
    assert lines.title == "Kasboek 2025"
    assert lines.max_row == 8  # header and seven lines
    assert ["Beginsaldo", 100, None] in [list(r) for r in totals.iter_rows(values_only=True)]


def test_a_negative_balance_goes_to_the_out_column(world):
    ExpenseFactory(office=world.office, amount=75)
    rows = export.total_rows(selectors.ledger_year(world.office, 2025))
    assert rows[-1] == ["Eindsaldo", None, Decimal("75.00")]


def test_a_description_that_looks_like_a_formula_stays_text_in_both_exports(world):
    ExpenseFactory(office=world.office, description='=HYPERLINK("https://evil.example")')
    ledger = selectors.ledger_year(world.office, 2025)
    entries = selectors.ledger_entries(world.office, 2025)

    csv_text = export.ledger_csv(ledger, entries).decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(export.ledger_xlsx(ledger, entries)))

    assert "'=HYPERLINK" in csv_text
    assert book.worksheets[0]["C2"].value.startswith("'=")


def test_a_year_without_anything_is_empty(world):
    ledger = selectors.ledger_year(world.office, 2025)

    assert ledger.is_empty
    assert (ledger.income, ledger.spent, ledger.closing_balance) == (0, 0, 0)
    assert selectors.ledger_entries(world.office, 2025) == []


def test_the_schedule_in_force_is_the_latest_begun(world):
    FeeScheduleFactory(office=world.office, amount=50, valid_from=datetime.date(2024, 1, 1))
    FeeScheduleFactory(office=world.office, amount=60, valid_from=datetime.date(2025, 1, 1))

    assert selectors.schedule_on(world.office, datetime.date(2024, 12, 31)).amount == 50
    assert selectors.schedule_on(world.office, datetime.date(2025, 1, 1)).amount == 60
    assert selectors.schedule_on(world.office, datetime.date(2023, 6, 1)) is None


def test_the_payment_form_offers_only_current_members_of_the_office(world):
    left = EntrepreneurFactory(business_name="Weg Fit")
    MembershipFactory(
        office=world.office,
        entrepreneur=left,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2021, 1, 1),
    )

    assert list(selectors.current_members(world.office)) == [world.member_entrepreneur]
