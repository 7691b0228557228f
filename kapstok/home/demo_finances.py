"""Demo data for structure and money (report 4.2): fee schedules, who paid, other income and
spending on the offices' projects, and the guide to legal forms in the knowledge base.

Every demo office already has a legal form (`demo.py`). About half of the offices (B, C and E
among them, and every other one of the rest) ask a fee since 1 January of last year: yearly
for most, quarterly for some. Most members paid last year; this year some have not yet, so the
lead's list of who paid shows gaps. The municipality's contributions (B's budget, E's € 600)
are not made here: the ledger reads them from `kapstok.municipality`. Deterministic (one seeded
`random.Random`), fictitious like the rest of the demo. Called from `demo_seed` after the
offices, projects and contributions exist.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from kapstok.core.links import absolute_url
from kapstok.finances import guide
from kapstok.finances.models import (
    Expense,
    FeePayment,
    FeePeriod,
    FeeSchedule,
    Income,
    period_starts,
)
from kapstok.goals.models import Project
from kapstok.network.models import Membership, Office
from kapstok.support.models import KnowledgeArticle

ALWAYS = ("A", "B", "C", "E")
YEARLY_FEES = (Decimal("50"), Decimal("75"), Decimal("100"), Decimal("120"))
QUARTERLY_FEES = (Decimal("15"), Decimal("25"))
PAID_LAST_YEAR = 0.9
PAID_THIS_YEAR = 0.65
SPENDING = (
    "Drukwerk en flyers",
    "Zaalhuur",
    "Materiaal",
    "Catering",
    "Prijzen en medailles",
)


def finances_seed(*, offices: list[Office], letters: dict[int, str], today: datetime.date,
                  seed: int) -> None:  # fmt: skip
    """Fees, payments, income and spending for about half of `offices`; the guide article."""
    rng = random.Random(seed + 18)
    for index, office in enumerate(sorted(offices, key=lambda o: o.pk)):
        if letters.get(office.pk) in ALWAYS or (office.pk not in letters and index % 2 == 0):
            _office_books(rng, office, today)
    guide_article_ensure()


def _office_books(rng: random.Random, office: Office, today: datetime.date) -> None:
    schedule = _schedule(rng, office, today)
    _payments(rng, office, schedule, today)
    _income_and_spending(rng, office, today)


def _schedule(rng: random.Random, office: Office, today: datetime.date) -> FeeSchedule:
    quarterly = rng.random() < 0.25
    return FeeSchedule.objects.create(
        office=office,
        period=FeePeriod.QUARTER if quarterly else FeePeriod.YEAR,
        amount=rng.choice(QUARTERLY_FEES if quarterly else YEARLY_FEES),
        valid_from=datetime.date(today.year - 1, 1, 1),
    )


def _payments(rng: random.Random, office: Office, schedule: FeeSchedule, today) -> None:
    """Only today's members pay (the rule of `fee_payment_record`), a period at most once."""
    members = list(
        Membership.objects.active_on(today)
        .filter(office=office)
        .order_by("entrepreneur_id")
        .values_list("entrepreneur_id", flat=True)
    )
    payments = []
    for year, share in ((today.year - 1, PAID_LAST_YEAR), (today.year, PAID_THIS_YEAR)):
        for start in period_starts(schedule.period, year):
            if start > today:
                continue
            for entrepreneur_id in members:
                if rng.random() >= share:
                    continue
                paid_on = min(start + datetime.timedelta(days=rng.randint(0, 60)), today)
                payments.append(
                    FeePayment(
                        office=office,
                        entrepreneur_id=entrepreneur_id,
                        period=schedule.period,
                        period_start=start,
                        amount=schedule.amount,
                        paid_on=paid_on,
                    )
                )
    FeePayment.objects.bulk_create(payments)


def _day_in(rng: random.Random, year: int, today: datetime.date) -> datetime.date:
    last = min(datetime.date(year, 12, 31), today)
    return datetime.date(year, 1, 1) + datetime.timedelta(
        days=rng.randint(0, (last - datetime.date(year, 1, 1)).days)
    )


def _income_and_spending(rng: random.Random, office: Office, today: datetime.date) -> None:
    projects = list(Project.objects.filter(strategy__goal__office=office).order_by("pk")[:3])
    expenses, incomes = [], []
    for year in (today.year - 1, today.year):
        for project in projects:
            for _n in range(rng.randint(1, 2)):
                expenses.append(
                    Expense(
                        office=office,
                        project=project,
                        amount=Decimal(rng.randrange(50, 800)),
                        spent_on=_day_in(rng, year, today),
                        description=rng.choice(SPENDING),
                    )
                )
        expenses.append(
            Expense(
                office=office,
                amount=Decimal("120.00"),
                spent_on=datetime.date(year, 1, 31) if today.month > 1 else today,
                description="Bankkosten en website",
            )
        )
        if rng.random() < 0.5:
            incomes.append(
                Income(
                    office=office,
                    amount=Decimal(rng.choice((150, 250, 500))),
                    received_on=_day_in(rng, year, today),
                    description="Sponsoring door een lokale ondernemer",
                )
            )
    Expense.objects.bulk_create(expenses)
    Income.objects.bulk_create(incomes)


def guide_article_ensure() -> KnowledgeArticle:
    """The guide comparing legal forms in the knowledge base, linking to the table page."""
    url = absolute_url(reverse("finances:guide")) if settings.SITE_URL else ""
    article, _created = KnowledgeArticle.objects.update_or_create(
        title=str(guide.ARTICLE_TITLE),
        defaults={
            "summary": str(guide.ARTICLE_SUMMARY),
            "body": guide.article_body(),
            "url": url,
            "published": True,
        },
    )
    return article
