"""An office's structure and money (report 4.2: "structuur en financiële stromen, zoals
lidmaatschappen"): the membership fee it asks, who paid which period, its other income and
what it spent, per project where it belongs to one.

The municipality's contributions are not stored here: they live in `kapstok.municipality`
(`Contribution`) and the ledger reads them (`selectors.ledger_year`), so one gift is typed once.
The legal form is the office's own field (`network.Office.legal_form`).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range

MAX_AMOUNT = Decimal(10_000_000)
CENT = Decimal("0.01")

AMOUNT_MESSAGE = _("Kies een bedrag van € %(low)s tot en met € %(high)s.")


def amount_field(low=Decimal(0)):
    """Euro with two decimals, between `low` and € 10,000,000 (architecture: "Ranges")."""
    return models.DecimalField(
        _("bedrag (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[InRange(low, MAX_AMOUNT, message=AMOUNT_MESSAGE)],
    )


class FeePeriod(models.TextChoices):
    """How often a member pays; the number says how many periods a year has."""

    YEAR = "year", _("per jaar")
    HALF_YEAR = "half_year", _("per half jaar")
    QUARTER = "quarter", _("per kwartaal")
    MONTH = "month", _("per maand")


PERIODS_PER_YEAR = {
    FeePeriod.YEAR: 1,
    FeePeriod.HALF_YEAR: 2,
    FeePeriod.QUARTER: 4,
    FeePeriod.MONTH: 12,
}


class FeeSchedule(models.Model):
    """What a member of the office pays, from a date on: a later schedule replaces it."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="fee_schedules"
    )
    amount = amount_field()
    period = models.CharField(_("periode"), max_length=10, choices=FeePeriod.choices)
    valid_from = models.DateField(_("geldig vanaf"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contributieregeling")
        verbose_name_plural = _("contributieregelingen")
        ordering = ["-valid_from"]
        constraints = [
            in_range("amount", 0, MAX_AMOUNT, "fee_schedule_amount_range"),
            models.UniqueConstraint(
                fields=["office", "valid_from"], name="one_fee_schedule_per_office_and_date"
            ),
        ]

    def __str__(self):
        return f"{self.office}: € {self.amount} {self.get_period_display()}"


class FeePayment(models.Model):
    """One member's fee for one period (the period is named by its first day)."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="fee_payments"
    )
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur",
        on_delete=models.CASCADE,
        related_name="fee_payments",
        verbose_name=_("lid"),
    )
    period_start = models.DateField(_("periode"))
    period = models.CharField(_("soort periode"), max_length=10, choices=FeePeriod.choices)
    amount = amount_field()
    paid_on = models.DateField(_("betaald op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contributiebetaling")
        verbose_name_plural = _("contributiebetalingen")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            in_range("amount", 0, MAX_AMOUNT, "fee_payment_amount_range"),
            models.UniqueConstraint(
                fields=["office", "entrepreneur", "period_start"],
                name="one_fee_payment_per_member_and_period",
            ),
        ]

    def __str__(self):
        return f"{self.entrepreneur} → {self.office}: {self.period_start}"


class Income(models.Model):
    """Money in that is neither a fee nor the municipality's: a sponsor, an event's takings."""

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="incomes")
    amount = amount_field(CENT)
    received_on = models.DateField(_("ontvangen op"))
    description = models.CharField(
        _("omschrijving"), max_length=200, validators=[ProhibitNullCharactersValidator()]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("overige inkomst")
        verbose_name_plural = _("overige inkomsten")
        ordering = ["-received_on", "-pk"]
        constraints = [in_range("amount", CENT, MAX_AMOUNT, "income_amount_range")]

    def __str__(self):
        return f"{self.office}: {self.description}"


class Expense(models.Model):
    """Money out, on one of the office's projects or on the office in general."""

    office = models.ForeignKey("network.Office", on_delete=models.CASCADE, related_name="expenses")
    amount = amount_field(CENT)
    spent_on = models.DateField(_("datum"))
    description = models.CharField(
        _("omschrijving"), max_length=200, validators=[ProhibitNullCharactersValidator()]
    )
    project = models.ForeignKey(
        "goals.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("project"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")
        ordering = ["-spent_on", "-pk"]
        constraints = [in_range("amount", CENT, MAX_AMOUNT, "expense_amount_range")]

    def __str__(self):
        return f"{self.office}: {self.description}"


def period_starts(period: str, year: int) -> list[datetime.date]:
    """The first day of each period of `period` in `year`.

    >>> [start.month for start in period_starts("quarter", 2026)]
    [1, 4, 7, 10]
    """
    step = 12 // PERIODS_PER_YEAR[FeePeriod(period)]
    return [datetime.date(year, month, 1) for month in range(1, 13, step)]


def period_label(period: str, start: datetime.date) -> str:
    """How a period reads on a page: "2026", "1e halfjaar 2026", "Q2 2026", "maart 2026"."""
    from django.utils.dateformat import format as date_format

    index = (start.month - 1) * PERIODS_PER_YEAR[FeePeriod(period)] // 12 + 1
    if period == FeePeriod.YEAR:
        return str(start.year)
    if period == FeePeriod.HALF_YEAR:
        return _("%(n)se halfjaar %(year)s") % {"n": index, "year": start.year}
    if period == FeePeriod.QUARTER:
        return _("kwartaal %(n)s %(year)s") % {"n": index, "year": start.year}
    return date_format(start, "F Y")
