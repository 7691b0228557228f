"""The money pages as each kind of person sees them, their forms with bad input, and their
query counts as the office grows."""

import datetime
from decimal import Decimal

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
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

FINANCES = "/netwerk/kantoren/kantoor-utrecht/financien/"
THIS_YEAR = timezone.localdate().year
JAN = datetime.date(THIS_YEAR, 1, 1)


@pytest.fixture
def books(world):
    """This year: a yearly fee of € 60 that Marieke paid, € 250 sponsoring, € 300 spent on the
    sports day."""
    FeeScheduleFactory(office=world.office, valid_from=datetime.date(THIS_YEAR - 1, 1, 1))
    FeePaymentFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period_start=JAN,
        paid_on=JAN,
    )
    IncomeFactory(office=world.office, received_on=JAN, description="Sponsor sportdag")
    project = ProjectFactory(
        strategy=StrategyFactory(goal=GoalFactory(office=world.office)), title="Sportdag"
    )
    ExpenseFactory(
        office=world.office, amount=300, spent_on=JAN, project=project, description="Medailles"
    )
    return project


def test_a_member_sees_the_totals_but_not_who_paid(world, books, login):
    page = login(world.users["member"]).get(FINANCES).content.decode()

    assert "Structuur en geld" in page
    assert "Totaal inkomsten" in page
    assert "€ 310,00" in page  # fee 60 + sponsor 250
    assert "Uitgaven: Sportdag" in page
    assert "Medailles" not in page  # the lines are the treasurer's
    assert "Yoga Marieke" not in page
    assert "Wie heeft betaald?" not in page
    assert 'name="legal_form"' not in page


def test_the_lead_sees_every_line_and_the_tools(world, books, login):
    page = login(world.users["lead"]).get(FINANCES).content.decode()

    assert "Medailles" in page
    assert "Yoga Marieke, " in page
    assert 'name="legal_form"' in page
    assert f"kasboek-{THIS_YEAR}.xlsx" in page


def test_the_page_explains_the_chosen_legal_form_and_links_the_guide(world, login):
    world.office.legal_form = "foundation"
    world.office.save()

    page = login(world.users["member"]).get(FINANCES).content.decode()

    assert "Rechtsvorm: stichting" in page
    assert "Een stichting heeft geen leden: het bestuur beslist." in page
    assert "/netwerk/financien/rechtsvormen/" in page


def test_the_lead_sets_the_legal_form(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}rechtsvorm/", {"legal_form": "association"}
    )

    assert response.status_code == 302
    world.office.refresh_from_db()
    assert world.office.legal_form == "association"


def test_an_unknown_legal_form_changes_nothing(world, login):
    client = login(world.users["lead"])
    response = client.post(f"{FINANCES}rechtsvorm/", {"legal_form": "bv"}, follow=True)

    assert "Kies een van de rechtsvormen uit de lijst." in response.content.decode()
    world.office.refresh_from_db()
    assert world.office.legal_form == "none"


def test_another_year_is_picked_by_its_number(world, books, login):
    page = login(world.users["lead"]).get(FINANCES, {"jaar": THIS_YEAR - 1}).content.decode()

    assert f"Kasboek {THIS_YEAR - 1}" in page
    assert "Medailles" not in page


def test_nonsense_as_a_year_shows_this_year(world, login):
    page = login(world.users["lead"]).get(FINANCES, {"jaar": "abc"}).content.decode()
    assert f"Kasboek {THIS_YEAR}" in page


# --- fee schedule -----------------------------------------------------------------------------


def test_a_fee_schedule_is_set_on_its_page(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}contributie/",
        {"amount": "45.50", "period": "half_year", "valid_from": "2026-01-01"},
    )

    assert response.status_code == 302
    schedule = FeeSchedule.objects.get()
    assert (schedule.amount, schedule.period) == (Decimal("45.50"), "half_year")


def test_a_negative_fee_gets_a_dutch_error_and_nothing_is_saved(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}contributie/", {"amount": "-10", "period": "year", "valid_from": "2026-01-01"}
    )

    assert response.status_code == 400
    assert "Kies een bedrag van € 0 tot en met € 10.000.000." in response.content.decode()
    assert not FeeSchedule.objects.exists()


def test_a_fee_with_three_decimals_is_refused(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}contributie/", {"amount": "1.005", "period": "year", "valid_from": "2026-01-01"}
    )
    assert response.status_code == 400
    assert not FeeSchedule.objects.exists()


# --- payments ------------------------------------------------------------------------------


def test_the_payments_page_shows_who_paid_and_who_not_yet(world, books, login):
    MembershipFactory(
        office=world.office, entrepreneur=EntrepreneurFactory(business_name="Tennis Traag")
    )

    page = login(world.users["lead"]).get(f"{FINANCES}betalingen/").content.decode()

    assert f"{THIS_YEAR}: 1 van 2 leden betaald" in page
    assert "Tennis Traag" in page
    assert "nog niet betaald" in page
    assert "Boks Zwolle" not in page  # another office's member


def test_a_payment_is_recorded_from_the_page(world, login):
    FeeScheduleFactory(office=world.office, period="quarter", amount=15, valid_from=JAN)
    april = datetime.date(THIS_YEAR, 4, 1)

    response = login(world.users["lead"]).post(
        f"{FINANCES}betalingen/",
        {
            "entrepreneur": world.member_entrepreneur.pk,
            "period_start": april.isoformat(),
            "amount": "15.00",
            "paid_on": april.isoformat(),
        },
    )

    assert response.status_code == 302
    assert f"periode={april.isoformat()}" in response["Location"]
    assert FeePayment.objects.get().period_start == april


def test_a_period_paid_twice_gets_a_dutch_error(world, books, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}betalingen/",
        {
            "entrepreneur": world.member_entrepreneur.pk,
            "period_start": JAN.isoformat(),
            "amount": "60",
            "paid_on": JAN.isoformat(),
        },
    )

    assert response.status_code == 400
    assert "Yoga Marieke heeft deze periode al betaald." in response.content.decode()
    assert FeePayment.objects.count() == 1


def test_another_offices_member_cannot_be_chosen(world, books, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}betalingen/",
        {
            "entrepreneur": world.other_entrepreneur.pk,
            "period_start": JAN.isoformat(),
            "amount": "60",
            "paid_on": JAN.isoformat(),
        },
    )

    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert FeePayment.objects.count() == 1


def test_a_payment_is_removed_and_a_second_removal_just_says_so(world, books, login):
    client = login(world.users["lead"])
    url = f"{FINANCES}betalingen/{FeePayment.objects.get().pk}/verwijderen/"

    client.post(url)
    again = client.post(url, follow=True)

    assert not FeePayment.objects.exists()
    assert "Deze betaling was al verwijderd." in again.content.decode()


def test_without_a_schedule_the_payments_page_says_how_to_start(world, login):
    page = login(world.users["lead"]).get(f"{FINANCES}betalingen/").content.decode()
    assert "gold geen contributieregeling" in page
    assert "Betaling vastleggen" not in page


# --- income and spending ----------------------------------------------------------------------


def test_income_and_spending_are_recorded_from_their_pages(world, books, login):
    client = login(world.users["lead"])
    income = client.post(
        f"{FINANCES}inkomsten/nieuw/",
        {"amount": "120.00", "received_on": "2026-03-01", "description": "Kraam op de markt"},
    )
    expense = client.post(
        f"{FINANCES}uitgaven/nieuw/",
        {"amount": "40", "spent_on": "2026-03-02", "description": "Koffie", "project": books.pk},
    )

    assert income.status_code == expense.status_code == 302
    assert Income.objects.filter(description="Kraam op de markt").exists()
    assert Expense.objects.get(description="Koffie").project == books


def test_spending_without_an_amount_gets_a_dutch_error(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}uitgaven/nieuw/", {"amount": "-3", "spent_on": "2026-03-02", "description": "X"}
    )

    assert response.status_code == 400
    assert "Kies een bedrag van € 0,01 tot en met € 10.000.000." in response.content.decode()
    assert not Expense.objects.exists()


def test_the_spending_form_offers_only_the_offices_projects(world, books, login):
    theirs = ProjectFactory(
        strategy=StrategyFactory(goal=GoalFactory(office=world.other_office)), title="Zwols plan"
    )
    page = login(world.users["lead"]).get(f"{FINANCES}uitgaven/nieuw/").content.decode()

    assert "Sportdag" in page
    assert "Zwols plan" not in page
    response = login(world.users["lead"]).post(
        f"{FINANCES}uitgaven/nieuw/",
        {"amount": "5", "spent_on": "2026-03-02", "description": "X", "project": theirs.pk},
    )
    assert response.status_code == 400
    assert not Expense.objects.filter(description="X").exists()


# --- export and guide -----------------------------------------------------------------------


def test_the_treasurer_downloads_the_year_as_csv(world, books, login):
    response = login(world.users["lead"]).get(f"{FINANCES}kasboek-{THIS_YEAR}.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"kasboek-kantoor-utrecht-{THIS_YEAR}.csv" in response["Content-Disposition"]
    assert "Medailles" in response.content.decode("utf-8-sig")


def test_an_unknown_export_format_is_not_found(world, login):
    assert login(world.users["lead"]).get(f"{FINANCES}kasboek-2025.pdf").status_code == 404


def test_the_guide_compares_four_forms_in_a_table(world, login):
    page = login(world.users["member"]).get("/netwerk/financien/rechtsvormen/").content.decode()

    for name in ("Geen rechtsvorm", "Vereniging", "Stichting", "Coöperatie"):
        assert f'<th scope="col">{name}</th>' in page
    assert "Wanneer kiezen" in page
    assert "geen juridisch advies" in page


# --- query counts -------------------------------------------------------------------------


def _grow(world, members: int):
    for _n in range(members):
        member = EntrepreneurFactory()
        MembershipFactory(office=world.office, entrepreneur=member)
        FeePaymentFactory(office=world.office, entrepreneur=member, period_start=JAN, paid_on=JAN)
        ExpenseFactory(office=world.office, spent_on=JAN)


@pytest.mark.parametrize("page", ["", "betalingen/"])
def test_pages_take_as_many_queries_for_many_members_as_for_few(world, books, login, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.users["lead"])
    client.get(FINANCES + page)  # warm up the session and the language
    with CaptureQueriesContext(connection) as few:
        assert client.get(FINANCES + page).status_code == 200
    _grow(world, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(FINANCES + page).status_code == 200

    assert len(many) == len(few)


def test_amounts_read_as_dutch_money(world, login):
    IncomeFactory(office=world.office, amount=Decimal("1250.5"), received_on=JAN)

    page = login(world.users["member"]).get(FINANCES).content.decode()

    assert "€ 1.250,50" in page


# --- refusals save nothing ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "civil_servant", "partner", "other_lead"])
def test_who_does_not_keep_the_books_changes_nothing(world, login, persona):
    client = login(world.users[persona])

    responses = [
        client.post(f"{FINANCES}rechtsvorm/", {"legal_form": "foundation"}),
        client.post(
            f"{FINANCES}contributie/",
            {"amount": "10", "period": "year", "valid_from": "2026-01-01"},
        ),
        client.post(
            f"{FINANCES}inkomsten/nieuw/",
            {"amount": "10", "received_on": "2026-01-01", "description": "Gift"},
        ),
        client.get(f"{FINANCES}kasboek-{THIS_YEAR}.csv"),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    world.office.refresh_from_db()
    assert world.office.legal_form == "none"
    assert not FeeSchedule.objects.exists()
    assert not Income.objects.exists()


def test_a_second_schedule_on_the_same_day_gets_a_dutch_error(world, login):
    FeeScheduleFactory(office=world.office, valid_from=datetime.date(2026, 1, 1))

    response = login(world.users["lead"]).post(
        f"{FINANCES}contributie/", {"amount": "20", "period": "month", "valid_from": "2026-01-01"}
    )

    assert response.status_code == 400
    assert "Op deze datum begint al een contributieregeling." in response.content.decode()
    assert FeeSchedule.objects.count() == 1


def test_income_without_a_description_is_refused(world, login):
    response = login(world.users["lead"]).post(
        f"{FINANCES}inkomsten/nieuw/", {"amount": "20", "received_on": "2026-01-01"}
    )

    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Income.objects.exists()


def test_a_period_is_picked_by_its_first_day(world, login):
    FeeScheduleFactory(office=world.office, period="quarter", amount=15, valid_from=JAN)
    FeePaymentFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period="quarter",
        period_start=datetime.date(THIS_YEAR, 4, 1),
        amount=15,
    )
    client = login(world.users["lead"])

    april = client.get(f"{FINANCES}betalingen/", {"periode": f"{THIS_YEAR}-04-01"})
    january = client.get(f"{FINANCES}betalingen/", {"periode": f"{THIS_YEAR}-01-01"})

    assert f"kwartaal 2 {THIS_YEAR}: 1 van 1 leden betaald" in april.content.decode()
    assert f"kwartaal 1 {THIS_YEAR}: 0 van 1 leden betaald" in january.content.decode()
    assert 'aria-current="page"' in april.content.decode()


def test_a_payment_by_someone_who_left_is_listed_apart(world, books, login):
    left = EntrepreneurFactory(business_name="Vertrokken Fit")
    MembershipFactory(
        office=world.office,
        entrepreneur=left,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(THIS_YEAR, 1, 15),
    )
    FeePaymentFactory(office=world.office, entrepreneur=left, period_start=JAN, paid_on=JAN)

    page = login(world.users["lead"]).get(f"{FINANCES}betalingen/").content.decode()

    assert "Betaald door wie geen lid meer is" in page
    assert "Vertrokken Fit" in page
    assert "1 van 1 leden betaald" in page


def test_the_page_reads_in_english(world, books, client, login):
    login(world.users["member"])
    client.cookies["django_language"] = "en"

    page = client.get(FINANCES).content.decode()

    assert "Structure and money" in page
    assert "Total income" in page


def test_the_office_bar_links_the_money_page_for_members(world, login):
    page = login(world.users["member"]).get("/netwerk/kantoren/kantoor-utrecht/").content.decode()
    assert f'href="{FINANCES}"' in page
