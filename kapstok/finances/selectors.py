"""What the money pages, the export and the API read, each in a fixed number of queries
whatever the number of members, payments or entries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from kapstok.goals.models import Project
from kapstok.municipality.models import ContributionKind
from kapstok.network.models import Membership

from .models import Expense, FeePayment, FeeSchedule, Income, period_label, period_starts

ZERO = Decimal("0.00")

# The municipality's contributions that are money in the bank; facilities given in kind have
# no place in a cash ledger even when a value is noted.
CASH_CONTRIBUTIONS = [ContributionKind.MONEY, ContributionKind.COMMISSION]


def schedules(office) -> list[FeeSchedule]:
    """The office's fee schedules, newest first."""
    return list(office.fee_schedules.all())


def schedule_on(office, day: datetime.date) -> FeeSchedule | None:
    """The fee schedule in force on `day`: the latest that began on or before it."""
    return office.fee_schedules.filter(valid_from__lte=day).order_by("-valid_from").first()


def schedule_for_period(office, start: datetime.date) -> FeeSchedule | None:
    """The schedule under which `start` is the first day of a period, else None."""
    schedule = schedule_on(office, start)
    if schedule is None or start not in period_starts(schedule.period, start.year):
        return None
    return schedule


@dataclass(frozen=True)
class FeePeriodRow:
    start: datetime.date
    label: str
    schedule: FeeSchedule


def fee_periods(office, year: int, all_schedules: list[FeeSchedule] | None = None):
    """The fee periods of `year`, each with the schedule in force at its first day.

    A schedule that begins in the middle of a period applies from the next period on.
    """
    ordered = sorted(
        schedules(office) if all_schedules is None else all_schedules,
        key=lambda s: s.valid_from,
    )
    rows = []
    for index, schedule in enumerate(ordered):
        ends = ordered[index + 1].valid_from if index + 1 < len(ordered) else None
        for start in period_starts(schedule.period, year):
            if start >= schedule.valid_from and (ends is None or start < ends):
                rows.append(FeePeriodRow(start, period_label(schedule.period, start), schedule))
    return sorted(rows, key=lambda row: row.start)


@dataclass(frozen=True)
class PayerRow:
    entrepreneur: object
    payment: FeePayment | None


@dataclass
class PeriodStatus:
    """Who of the office's current members paid one period, and who has not yet."""

    period: FeePeriodRow
    rows: list[PayerRow]
    former: list[FeePayment] = field(default_factory=list)

    @property
    def paid(self) -> int:
        return sum(1 for row in self.rows if row.payment)

    @property
    def unpaid(self) -> int:
        return len(self.rows) - self.paid

    @property
    def received(self) -> Decimal:
        total = sum((row.payment.amount for row in self.rows if row.payment), ZERO)
        return total + sum((payment.amount for payment in self.former), ZERO)


def period_status(office, period: FeePeriodRow) -> PeriodStatus:
    """The office's current members with their payment for the period (two queries)."""
    return period_statuses(office, [period])[0]


def period_statuses(office, periods: list[FeePeriodRow]) -> list[PeriodStatus]:
    """For each period, the office's current members with their payment for it: two queries
    however many members, payments or periods. Payments by someone who has since left are kept
    apart: the money came in, but the person is no member to chase."""
    members = [
        membership.entrepreneur
        for membership in Membership.objects.current()
        .filter(office=office)
        .select_related("entrepreneur")
        .order_by("entrepreneur__business_name")
    ]
    by_period: dict[datetime.date, dict[int, FeePayment]] = {p.start: {} for p in periods}
    payments = FeePayment.objects.filter(
        office=office, period_start__in=list(by_period)
    ).select_related("entrepreneur")
    for payment in payments:
        by_period[payment.period_start][payment.entrepreneur_id] = payment
    statuses = []
    for period in periods:
        paid = by_period[period.start]
        rows = [PayerRow(member, paid.pop(member.pk, None)) for member in members]
        former = sorted(paid.values(), key=lambda p: p.entrepreneur.business_name)
        statuses.append(PeriodStatus(period=period, rows=rows, former=former))
    return statuses


def current_members(office):
    """The office's current members, for the payment form's choice."""
    from kapstok.network.models import Entrepreneur

    members = Membership.objects.current().filter(office=office).values("entrepreneur_id")
    return Entrepreneur.objects.filter(pk__in=members).order_by("business_name")


def office_projects(office):
    """The office's projects, for the spending form's choice."""
    return Project.objects.filter(strategy__goal__office=office).order_by("title")


@dataclass(frozen=True)
class ProjectSpending:
    project_id: int | None
    title: str
    amount: Decimal


@dataclass(frozen=True)
class YearLedger:
    """One year of the office's money: income by kind, spending per project, the balance."""

    year: int
    opening_balance: Decimal
    fees: Decimal
    contributions: Decimal
    other_income: Decimal
    spending: list[ProjectSpending]

    @property
    def income(self) -> Decimal:
        return self.fees + self.contributions + self.other_income

    @property
    def spent(self) -> Decimal:
        return sum((row.amount for row in self.spending), ZERO)

    @property
    def result(self) -> Decimal:
        """Income minus spending in this year."""
        return self.income - self.spent

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.result

    @property
    def is_empty(self) -> bool:
        return not (self.income or self.spent or self.opening_balance)


def _money(total) -> Decimal:
    """A database sum in euro and cents (SQLite drops the trailing zeros)."""
    return (total or ZERO).quantize(ZERO)


def _sum(queryset, **filters) -> Decimal:
    return _money(queryset.filter(**filters).aggregate(total=Sum("amount"))["total"])


def _cash_contributions(office):
    return office.contributions.filter(kind__in=CASH_CONTRIBUTIONS, amount__isnull=False)


def _year_and_before(queryset, day: str, year: int) -> tuple[Decimal, Decimal]:
    """The sum of one year and of everything before it, in one query."""
    totals = queryset.aggregate(
        year=Sum("amount", filter=Q(**{f"{day}__year": year})),
        before=Sum("amount", filter=Q(**{f"{day}__lt": datetime.date(year, 1, 1)})),
    )
    return _money(totals["year"]), _money(totals["before"])


def ledger_year(office, year: int) -> YearLedger:
    """The year's totals in five queries, however many entries there are.

    A cash ledger, as a treasurer of a small office keeps one: money counts in the year it came
    in or went out (a fee for last year paid in January is this year's income), and the
    opening balance is everything before the year.
    """
    sources = [
        (FeePayment.objects.filter(office=office), "paid_on"),
        (_cash_contributions(office), "given_on"),
        (Income.objects.filter(office=office), "received_on"),
    ]
    sums = [_year_and_before(qs, day, year) for qs, day in sources]
    totals = [this_year for this_year, _before in sums]
    before_in = sum((before for _this_year, before in sums), ZERO)
    expenses = Expense.objects.filter(office=office)
    before_out = _sum(expenses, spent_on__lt=datetime.date(year, 1, 1))
    per_project = (
        expenses.filter(spent_on__year=year)
        .values("project_id", "project__title")
        .annotate(total=Sum("amount"))
        .order_by("project__title")
    )
    spending = [
        ProjectSpending(
            row["project_id"],
            row["project__title"] or _("Algemeen (geen project)"),
            _money(row["total"]),
        )
        for row in per_project
    ]
    spending.sort(key=lambda row: (row.project_id is None, row.title))
    return YearLedger(
        year=year,
        opening_balance=before_in - before_out,
        fees=totals[0],
        contributions=totals[1],
        other_income=totals[2],
        spending=spending,
    )


@dataclass(frozen=True)
class Entry:
    """One line of the ledger: a positive amount in, a negative amount out."""

    day: datetime.date
    kind: str
    description: str
    project: str
    amount: Decimal


def ledger_entries(office, year: int) -> list[Entry]:
    """Every line of the year, by date (four queries): for the treasurer's page and export."""
    entries = [
        Entry(
            p.paid_on,
            _("Contributie"),
            _("%(name)s, %(period)s")
            % {"name": p.entrepreneur, "period": period_label(p.period, p.period_start)},
            "",
            p.amount,
        )
        for p in FeePayment.objects.filter(office=office, paid_on__year=year).select_related(
            "entrepreneur"
        )
    ]
    entries += [
        Entry(
            c.given_on, _("Bijdrage gemeente"), f"{c.municipality.name}: {c.purpose}", "", c.amount
        )
        for c in _cash_contributions(office)
        .filter(given_on__year=year)
        .select_related("municipality")
    ]
    entries += [
        Entry(i.received_on, _("Overige inkomst"), i.description, "", i.amount)
        for i in Income.objects.filter(office=office, received_on__year=year)
    ]
    entries += [
        Entry(
            e.spent_on,
            _("Uitgave"),
            e.description,
            e.project.title if e.project else "",
            -e.amount,
        )
        for e in Expense.objects.filter(office=office, spent_on__year=year).select_related(
            "project"
        )
    ]
    return sorted(entries, key=lambda entry: (entry.day, entry.kind, entry.description))


def ledger_years(today: datetime.date) -> list[int]:
    """The years a treasurer can pick: this one and the four before."""
    return list(range(today.year, today.year - 5, -1))
