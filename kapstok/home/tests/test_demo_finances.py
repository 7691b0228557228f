"""The demo's money (`demo_finances`): about half the offices ask a fee, only today's members
pay, no period twice, some members not yet, spending on the office's own projects, the same
figures on every run, and the guide once in the knowledge base."""

import datetime

import pytest

from django.db.models import Count

from kapstok.finances.models import Expense, FeePayment, FeeSchedule, Income
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.home.demo_finances import finances_seed, guide_article_ensure
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.support.models import KnowledgeArticle

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def offices(world):
    """Utrecht (office "A" with twenty members and a project) and three offices without letter."""
    for _n in range(19):
        MembershipFactory(office=world.office, entrepreneur=EntrepreneurFactory())
    ProjectFactory(
        strategy=StrategyFactory(goal=GoalFactory(office=world.office)), title="Sportdag"
    )
    others = [world.other_office, OfficeFactory(), OfficeFactory()]
    return [world.office, *others]


def seed(offices, world, seed=7):
    finances_seed(offices=offices, letters={world.office.pk: "A"}, today=TODAY, seed=seed)


def test_the_report_office_and_every_other_office_of_the_rest_ask_a_fee(world, offices):
    seed(offices, world)

    with_fee = set(FeeSchedule.objects.values_list("office_id", flat=True))
    assert world.office.pk in with_fee
    rest = sorted(o.pk for o in offices)
    assert with_fee == {world.office.pk} | {pk for i, pk in enumerate(rest) if i % 2 == 0}
    assert all(s.valid_from == datetime.date(2025, 1, 1) for s in FeeSchedule.objects.all())


def test_only_current_members_pay_and_no_period_twice(world, offices):
    seed(offices, world)

    members = set(world.office.memberships.values_list("entrepreneur_id", flat=True))
    paid = FeePayment.objects.filter(office=world.office)
    assert set(paid.values_list("entrepreneur_id", flat=True)) <= members
    twice = paid.values("entrepreneur_id", "period_start").annotate(n=Count("pk")).filter(n__gt=1)
    assert not twice.exists()
    assert all(p.paid_on <= TODAY for p in paid)


def test_some_members_have_not_paid_this_year(world, offices):
    seed(offices, world)

    schedule = FeeSchedule.objects.get(office=world.office)
    this_year = FeePayment.objects.filter(office=world.office, period_start__year=2026)
    periods = 1 if schedule.period == "year" else 4
    assert 0 < this_year.count() < 20 * periods


def test_spending_goes_to_the_offices_own_projects(world, offices):
    seed(offices, world)

    spent = Expense.objects.filter(office=world.office)
    assert spent.filter(project__title="Sportdag").exists()
    assert spent.filter(project__isnull=True).count() == 2  # bank costs, last year and this
    assert (
        not Expense.objects.exclude(project__isnull=True)
        .exclude(project__strategy__goal__office=world.office)
        .exists()
    )
    assert all(e.spent_on <= TODAY for e in Expense.objects.all())
    assert all(i.received_on <= TODAY for i in Income.objects.all())


def test_the_same_seed_gives_the_same_books(world, offices):
    seed(offices, world)
    first = sorted(FeePayment.objects.values_list("entrepreneur_id", "period_start", "paid_on"))
    FeePayment.objects.all().delete()
    FeeSchedule.objects.all().delete()
    Expense.objects.all().delete()
    Income.objects.all().delete()

    seed(offices, world)

    assert (
        sorted(FeePayment.objects.values_list("entrepreneur_id", "period_start", "paid_on"))
        == first
    )


def test_the_guide_is_in_the_knowledge_base_once(settings):
    settings.SITE_URL = "https://kapstok.example.nl"

    guide_article_ensure()
    article = guide_article_ensure()

    assert KnowledgeArticle.objects.filter(title__startswith="Rechtsvormen vergeleken").count() == 1
    assert article.url == "https://kapstok.example.nl/netwerk/financien/rechtsvormen/"
    assert article.published
