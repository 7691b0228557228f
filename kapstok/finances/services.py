"""Every write of an office's structure and money, with its rules; views, the demo and tests
call these. Each raises a Dutch `ValidationError` and saves nothing on bad input; the
database's constraints back the same rules (a negative amount, a period paid twice)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kapstok.network.models import LegalForm, Membership

from . import selectors
from .models import Expense, FeePayment, FeeSchedule, Income


def legal_form_set(*, office, legal_form: str, actor=None):
    """The form the office has chosen (or none yet); the page explains what follows from it."""
    if legal_form not in LegalForm.values:
        raise ValidationError({"legal_form": _("Kies een van de rechtsvormen uit de lijst.")})
    office.legal_form = legal_form
    office.save(update_fields=["legal_form"])
    return office


def _saved(instance, duplicate: dict):
    """Check the model's rules, then store it; a unique rule broken by a request running at the
    same moment becomes the same Dutch error as the one checked first."""
    instance.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as race:
        raise ValidationError(duplicate) from race
    return instance


def fee_schedule_set(
    *, office, amount: Decimal, period: str, valid_from: datetime.date, actor=None
) -> FeeSchedule:
    """A fee from `valid_from` on; an earlier schedule stays for the periods before it."""
    duplicate = {
        "valid_from": _("Op deze datum begint al een contributieregeling. Kies een andere datum.")
    }
    if FeeSchedule.objects.filter(office=office, valid_from=valid_from).exists():
        raise ValidationError(duplicate)
    schedule = FeeSchedule(
        office=office, amount=amount, period=period, valid_from=valid_from, created_by=actor
    )
    return _saved(schedule, duplicate)


def fee_payment_record(
    *,
    office,
    entrepreneur,
    period_start: datetime.date,
    amount: Decimal,
    paid_on: datetime.date,
    actor=None,
) -> FeePayment:
    """One member paid one period. Only a current member of this office pays its fee; a
    period is paid once; the period must be one of the fee schedule in force."""
    if not Membership.objects.current().filter(office=office, entrepreneur=entrepreneur).exists():
        raise ValidationError(
            {"entrepreneur": _("%(name)s is geen lid van dit kantoor.") % {"name": entrepreneur}}
        )
    schedule = selectors.schedule_for_period(office, period_start)
    if schedule is None:
        raise ValidationError(
            {"period_start": _("Voor deze periode geldt geen contributieregeling.")}
        )
    duplicate = {
        "period_start": _("%(name)s heeft deze periode al betaald.") % {"name": entrepreneur}
    }
    if FeePayment.objects.filter(
        office=office, entrepreneur=entrepreneur, period_start=period_start
    ).exists():
        raise ValidationError(duplicate)
    payment = FeePayment(
        office=office,
        entrepreneur=entrepreneur,
        period_start=period_start,
        period=schedule.period,
        amount=amount,
        paid_on=paid_on,
        recorded_by=actor,
    )
    return _saved(payment, duplicate)


def fee_payment_delete(*, payment: FeePayment) -> None:
    """Undo a payment recorded by mistake (the wrong member or period)."""
    payment.delete()


def income_record(
    *, office, amount: Decimal, received_on: datetime.date, description: str, actor=None
) -> Income:
    """Other income: a sponsor, an event's takings. Fees and the municipality's contributions
    have their own place and are read into the ledger from there."""
    income = Income(
        office=office,
        amount=amount,
        received_on=received_on,
        description=description,
        recorded_by=actor,
    )
    return _saved(income, {})


def expense_record(
    *,
    office,
    amount: Decimal,
    spent_on: datetime.date,
    description: str,
    project=None,
    actor=None,
) -> Expense:
    """Money out, optionally on one of this office's own projects."""
    if project is not None and project.strategy.goal.office_id != office.pk:
        raise ValidationError({"project": _("Dit project hoort niet bij dit kantoor.")})
    expense = Expense(
        office=office,
        amount=amount,
        spent_on=spent_on,
        description=description,
        project=project,
        recorded_by=actor,
    )
    return _saved(expense, {})
