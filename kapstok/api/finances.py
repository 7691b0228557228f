"""GET /offices/{slug}/finances and /offices/{slug}/finances/fees: an office's structure and
money under the pages' rules (`kapstok.finances.rules`).

The office's members, its leads and POS read the year's totals (income by kind, spending per
project, the balances); the fee periods with how many members paid only who keeps the books.
As everywhere in the API, no member is named: who paid is on the page for the treasurer only.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.finances import rules, selectors
from kapstok.network.models import LegalForm, Office

from .offices import SLUG_PATTERN
from .schemas import ErrorOut

router = Router(tags=["Structuur en geld"])

Slug = Annotated[str, Path(pattern=SLUG_PATTERN, description="Webadres van het kantoor.")]


class YearParams(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Het jaar; leeg = dit jaar.")


class FeeOut(Schema):
    amount: Decimal
    period: str = Field(description="year, half_year, quarter of month.")
    valid_from: datetime.date


class IncomeOut(Schema):
    fees: Decimal
    contributions: Decimal = Field(description="Bijdragen van de gemeente in geld.")
    other: Decimal
    total: Decimal


class SpendingOut(Schema):
    project_id: int | None = Field(description="Leeg voor algemene kosten.")
    project: str
    amount: Decimal


class FinancesOut(Schema):
    year: int
    legal_form: LegalForm
    fee: FeeOut | None = Field(description="De contributie die nu geldt, of null.")
    opening_balance: Decimal
    income: IncomeOut
    spending: list[SpendingOut]
    spent: Decimal
    closing_balance: Decimal


class FeePeriodOut(Schema):
    start: datetime.date
    label: str
    amount: Decimal
    members: int
    paid: int
    unpaid: int
    received: Decimal


def _office(slug: str, viewer, rule, refusal: str):
    office = Office.objects.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    if not rule(viewer, office):
        raise HttpError(403, refusal)
    return office


@router.get(
    "/{slug}/finances",
    response={200: FinancesOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_finances",
    summary="Rechtsvorm, contributie en kasboek van een POS-kantoor",
    description=(
        "De totalen van één jaar: inkomsten naar soort (contributie, bijdragen van de gemeente, "
        "overig), uitgaven per project en de saldi. Voor de leden en kartrekkers van het "
        "kantoor en POS."
    ),
)
def office_finances(request, slug: Slug, params: Query[YearParams]):
    viewer = access.viewer_for(request.user)
    office = _office(
        slug, viewer, rules.can_view_finances, _("U mag de financiën van dit kantoor niet zien.")
    )
    year = params.year or timezone.localdate().year
    ledger = selectors.ledger_year(office, year)
    fee = selectors.schedule_on(office, timezone.localdate())
    return {
        "year": year,
        "legal_form": office.legal_form,
        "fee": fee,
        "opening_balance": ledger.opening_balance,
        "income": {
            "fees": ledger.fees,
            "contributions": ledger.contributions,
            "other": ledger.other_income,
            "total": ledger.income,
        },
        "spending": [
            {"project_id": row.project_id, "project": str(row.title), "amount": row.amount}
            for row in ledger.spending
        ],
        "spent": ledger.spent,
        "closing_balance": ledger.closing_balance,
    }


@router.get(
    "/{slug}/finances/fees",
    response={200: list[FeePeriodOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_fee_periods",
    summary="Contributieperioden van een jaar met het aantal leden dat betaalde",
    description=(
        "Per periode het bedrag, het aantal huidige leden, hoeveel betaalden en hoeveel nog "
        "niet, en wat binnenkwam. Geen namen. Voor de kartrekkers van het kantoor en POS."
    ),
)
def office_fee_periods(request, slug: Slug, params: Query[YearParams]):
    viewer = access.viewer_for(request.user)
    office = _office(
        slug, viewer, rules.can_see_payers, _("U mag de contributiebetalingen niet zien.")
    )
    year = params.year or timezone.localdate().year
    statuses = selectors.period_statuses(office, selectors.fee_periods(office, year))
    return [
        {
            "start": status.period.start,
            "label": str(status.period.label),
            "amount": status.period.schedule.amount,
            "members": len(status.rows),
            "paid": status.paid,
            "unpaid": status.unpaid,
            "received": status.received,
        }
        for status in statuses
    ]
