"""The money pages at their edges: another office's records behind a right address, the
years one may ask for, last year's fee paid this year, tampered and overlong input, and what
each page says when there is nothing yet."""

import datetime

import pytest

from django.utils import timezone

from kapstok.finances.factories import (
    ExpenseFactory,
    FeePaymentFactory,
    FeeScheduleFactory,
    IncomeFactory,
)
from kapstok.finances.models import Expense, FeePayment, FeeSchedule, Income
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory

pytestmark = pytest.mark.django_db

FINANCES = "/netwerk/kantoren/kantoor-utrecht/financien/"
ZWOLLE = "/netwerk/kantoren/kantoor-zwolle/financien/"
THIS_YEAR = timezone.localdate().year
JAN = datetime.date(THIS_YEAR, 1, 1)
LAST_JAN = datetime.date(THIS_YEAR - 1, 1, 1)


@pytest.fixture
def yearly_fee(world):
    return FeeScheduleFactory(office=world.office, amount=60, valid_from=LAST_JAN)


def payment_form(period_start, entrepreneur, amount="60", paid_on=JAN):
    return {
        "entrepreneur": entrepreneur.pk,
        "period_start": period_start.isoformat(),
        "amount": amount,
        "paid_on": paid_on.isoformat(),
    }


# --- another office's records ---------------------------------------------------------------


def test_a_lead_cannot_remove_another_offices_payment_through_their_own_address(world, login):
    theirs = FeePaymentFactory(office=world.other_office, entrepreneur=world.other_entrepreneur)

    response = login(world.users["lead"]).post(
        f"{FINANCES}betalingen/{theirs.pk}/verwijderen/", follow=True
    )

    assert "Deze betaling was al verwijderd." in response.content.decode()
    assert FeePayment.objects.filter(pk=theirs.pk).exists()


def test_another_offices_lead_cannot_remove_this_offices_payment(world, login):
    ours = FeePaymentFactory(office=world.office, entrepreneur=world.member_entrepreneur)

    response = login(world.users["other_lead"]).post(f"{FINANCES}betalingen/{ours.pk}/verwijderen/")

    assert response.status_code == 403
    assert FeePayment.objects.filter(pk=ours.pk).exists()


@pytest.mark.parametrize("page", ["", "contributie/", "betalingen/", "inkomsten/nieuw/"])
def test_an_office_that_does_not_exist_is_not_found(world, login, page):
    response = login(world.users["pos"]).get(f"/netwerk/kantoren/bestaat-niet/financien/{page}")

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["contributie/", "betalingen/", "uitgaven/nieuw/"])
def test_a_member_cannot_open_the_treasurers_pages(world, login, page):
    assert login(world.users["member"]).get(f"{FINANCES}{page}").status_code == 403


def test_a_member_of_another_office_sees_none_of_this_offices_money(world, login):
    assert login(world.users["other_member"]).get(FINANCES).status_code == 403


def test_pos_keeps_the_books_of_any_office(world, login):
    client = login(world.users["pos"])

    page = client.get(ZWOLLE).content.decode()
    response = client.post(
        f"{ZWOLLE}inkomsten/nieuw/",
        {"amount": "75", "received_on": JAN.isoformat(), "description": "Sponsor Zwolle"},
    )

    assert "Inkomst vastleggen" in page
    assert response.status_code == 302
    assert Income.objects.get().office == world.other_office


@pytest.mark.parametrize("url", [f"{FINANCES}rechtsvorm/", f"{FINANCES}betalingen/1/verwijderen/"])
def test_a_change_is_never_made_by_opening_an_address(world, login, url):
    assert login(world.users["lead"]).get(url).status_code == 405


# --- years ------------------------------------------------------------------------------------


@pytest.mark.parametrize("asked, shown", [("2000", 2000), ("1999", THIS_YEAR), ("2101", THIS_YEAR)])
def test_a_year_is_shown_from_2000_to_2100_and_otherwise_this_year(world, login, asked, shown):
    page = login(world.users["lead"]).get(FINANCES, {"jaar": asked}).content.decode()

    assert f"Kasboek {shown}" in page


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_ledger_of_a_year_out_of_range_cannot_be_downloaded(world, login, year):
    assert login(world.users["lead"]).get(f"{FINANCES}kasboek-{year}.csv").status_code == 404


def test_the_treasurer_downloads_the_year_as_excel(world, login):
    IncomeFactory(office=world.office, received_on=JAN)

    response = login(world.users["lead"]).get(f"{FINANCES}kasboek-{THIS_YEAR}.xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="kasboek-kantoor-utrecht-{THIS_YEAR}.xlsx"'
    )
    assert response.content.startswith(b"PK")


def test_a_year_with_nothing_booked_says_so(world, login):
    page = login(world.users["lead"]).get(FINANCES).content.decode()

    assert f"In {THIS_YEAR} is nog niets geboekt." in page
    assert "Het kantoor vraagt (nog) geen contributie." in page


# --- payments ---------------------------------------------------------------------------------


def test_the_fee_in_force_is_told_to_members(world, yearly_fee, login):
    page = login(world.users["member"]).get(FINANCES).content.decode()

    assert f"Leden betalen € 60,00 per jaar (sinds 1 januari {THIS_YEAR - 1})." in page


def test_last_years_fee_is_paid_from_this_years_page(world, yearly_fee, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}betalingen/", payment_form(LAST_JAN, world.member_entrepreneur)
    )

    assert response.status_code == 302
    assert f"jaar={THIS_YEAR - 1}&periode={LAST_JAN.isoformat()}" in response["Location"]
    payment = FeePayment.objects.get()
    assert (payment.period_start, payment.paid_on) == (LAST_JAN, JAN)


@pytest.mark.parametrize(
    "start", [datetime.date(THIS_YEAR, 1, 15), datetime.date(THIS_YEAR - 2, 1, 1)]
)
def test_a_period_not_offered_on_the_form_is_refused(world, yearly_fee, login, start):
    FeeScheduleFactory(office=world.office, valid_from=datetime.date(THIS_YEAR - 3, 1, 1))

    response = login(world.users["lead"]).post(
        f"{FINANCES}betalingen/", payment_form(start, world.member_entrepreneur)
    )

    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not FeePayment.objects.exists()


def test_the_payment_form_proposes_the_running_period_at_its_fee(world, yearly_fee, login):
    page = login(world.users["lead"]).get(f"{FINANCES}betalingen/").content.decode()

    assert f'<option value="{JAN.isoformat()}" selected>{THIS_YEAR} (€ 60,00)</option>' in page
    assert f'<option value="{LAST_JAN.isoformat()}">{THIS_YEAR - 1} (€ 60,00)</option>' in page
    assert 'value="60.00"' in page


def test_a_payment_without_a_date_is_refused(world, yearly_fee, login):
    form = payment_form(JAN, world.member_entrepreneur)
    del form["paid_on"]

    response = login(world.users["lead"]).post(f"{FINANCES}betalingen/", form)

    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not FeePayment.objects.exists()


def test_the_fee_schedules_page_lists_every_schedule(world, yearly_fee, login):
    FeeScheduleFactory(
        office=world.office, amount=5, period="month", valid_from=datetime.date(THIS_YEAR, 7, 1)
    )
    FeeScheduleFactory(office=world.other_office, amount=99)

    page = login(world.users["lead"]).get(f"{FINANCES}contributie/").content.decode()

    assert "€ 60,00" in page and "€ 5,00" in page
    assert "per maand" in page
    assert "€ 99,00" not in page


def test_an_empty_fee_form_names_each_missing_field(world, login):
    response = login(world.users["lead"]).post(f"{FINANCES}contributie/", {})

    assert response.status_code == 400
    assert response.content.decode().count("Dit veld is verplicht.") == 3
    assert not FeeSchedule.objects.exists()


# --- income and spending ------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["inkomsten/nieuw/", "uitgaven/nieuw/"])
def test_an_overlong_description_is_refused_and_nothing_is_saved(world, login, page):
    day = "received_on" if page.startswith("inkomsten") else "spent_on"

    response = login(world.users["lead"]).post(
        f"{FINANCES}{page}", {"amount": "10", day: JAN.isoformat(), "description": "x" * 201}
    )

    assert response.status_code == 400
    assert "niet meer dan 200 tekens bevat (het zijn er nu 201)" in response.content.decode()
    assert not Income.objects.exists() and not Expense.objects.exists()


def test_invisible_characters_typed_in_a_description_are_dropped(world, login):
    """A NUL byte (which PostgreSQL refuses) or a right-to-left override never reaches the
    ledger: the entry is stored as it reads."""
    response = login(world.users["lead"]).post(
        f"{FINANCES}inkomsten/nieuw/",
        {"amount": "10", "received_on": JAN.isoformat(), "description": "Gi\x00ft \u202eSponsor"},
    )

    assert response.status_code == 302
    assert Income.objects.get().description == "Gift Sponsor"


def test_general_spending_is_recorded_without_a_project(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}uitgaven/nieuw/",
        {"amount": "12.50", "spent_on": JAN.isoformat(), "description": "Bankkosten"},
        follow=True,
    )

    assert "De uitgave is vastgelegd." in response.content.decode()
    assert Expense.objects.get().project is None
    assert "Uitgaven: Algemeen (geen project)" in response.content.decode()


def test_spending_shows_in_the_out_column_without_a_minus_sign(world, login):
    ExpenseFactory(office=world.office, amount=300, spent_on=JAN, description="Medailles")

    page = login(world.users["lead"]).get(FINANCES).content.decode()

    assert '<td>Medailles</td><td>—</td><td></td><td class="num">€ 300,00</td>' in page
    assert '<td class="num">€ -300,00</td></tr></tbody>' not in page


# --- query counts ---------------------------------------------------------------------------


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [f"kasboek-{THIS_YEAR}.csv", f"kasboek-{THIS_YEAR}.xlsx"])
def test_the_export_takes_as_many_queries_for_a_full_year_as_for_one_line(world, login, url):
    client = login(world.users["lead"])
    IncomeFactory(office=world.office, received_on=JAN)
    one_line = _queries(client, f"{FINANCES}{url}")

    project = ProjectFactory(strategy=StrategyFactory(goal=GoalFactory(office=world.office)))
    for day in range(1, 21):
        FeePaymentFactory(office=world.office, period_start=JAN, paid_on=JAN)
        ExpenseFactory(office=world.office, spent_on=JAN.replace(day=day), project=project)
        IncomeFactory(office=world.office, received_on=JAN.replace(day=day))

    assert _queries(client, f"{FINANCES}{url}") == one_line


def test_the_fee_schedules_page_takes_as_many_queries_for_many_schedules(world, login):
    client = login(world.users["lead"])
    FeeScheduleFactory(office=world.office, valid_from=LAST_JAN)
    one = _queries(client, f"{FINANCES}contributie/")

    for month in range(2, 13):
        FeeScheduleFactory(office=world.office, valid_from=LAST_JAN.replace(month=month))

    assert _queries(client, f"{FINANCES}contributie/") == one
