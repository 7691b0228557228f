"""GET /api/v1/offices/{slug}/finances and …/finances/fees: the money pages' rules in the API
(issue 18), totals for the office's people, counts without names for who keeps the books."""

import datetime

import pytest

from django.utils import timezone

from kapstok.finances.factories import (
    ExpenseFactory,
    FeePaymentFactory,
    FeeScheduleFactory,
    IncomeFactory,
)
from kapstok.municipality.models import Contribution
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory

pytestmark = pytest.mark.django_db

FINANCES = "/api/v1/offices/kantoor-utrecht/finances"
FEES = FINANCES + "/fees"
THIS_YEAR = timezone.localdate().year
JAN = datetime.date(THIS_YEAR, 1, 1)

# persona: (reads the totals, reads the fee periods)
MATRIX = {
    "anonymous": (False, False),
    "outsider": (False, False),
    "researcher": (False, False),
    "civil_servant": (False, False),
    "partner": (False, False),
    "other_lead": (False, False),
    "other_member": (False, False),
    "member": (True, False),
    "lead": (True, True),
    "pos": (True, True),
    "admin": (True, True),
}


@pytest.fixture
def books(world):
    FeeScheduleFactory(office=world.office, period="half_year", amount=30, valid_from=JAN)
    FeePaymentFactory(
        office=world.office,
        entrepreneur=world.member_entrepreneur,
        period="half_year",
        period_start=JAN,
        amount=30,
        paid_on=JAN,
    )
    MembershipFactory(office=world.office, entrepreneur=EntrepreneurFactory())
    Contribution.objects.create(
        office=world.office,
        municipality=world.utrecht,
        kind="money",
        amount=600,
        given_on=JAN,
        purpose="Sportakkoord",
    )
    IncomeFactory(office=world.office, amount=70, received_on=JAN)
    ExpenseFactory(office=world.office, amount=100, spent_on=JAN)


def as_persona(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


@pytest.mark.parametrize("persona", MATRIX)
def test_the_api_follows_the_pages_rules(world, client, books, persona):
    reads_totals, reads_fees = MATRIX[persona]
    client = as_persona(client, world, persona)

    totals, fees = client.get(FINANCES), client.get(FEES)

    assert totals.status_code == (200 if reads_totals else 403)
    assert fees.status_code == (200 if reads_fees else 403)
    if not reads_totals:
        assert totals.json() == {"detail": "U mag de financiën van dit kantoor niet zien."}


def test_the_totals_of_the_year(world, client, books):
    body = as_persona(client, world, "member").get(FINANCES).json()

    assert body["year"] == THIS_YEAR
    assert body["legal_form"] == "none"
    assert body["fee"]["period"] == "half_year"
    assert body["income"] == {"fees": "30.00", "contributions": "600.00", "other": "70.00",
                              "total": "700.00"}  # fmt: skip
    assert body["spending"] == [{"project_id": None, "project": "Algemeen (geen project)",
                                 "amount": "100.00"}]  # fmt: skip
    assert body["closing_balance"] == "600.00"


def test_the_fee_periods_count_without_names(world, client, books):
    first, second = as_persona(client, world, "lead").get(FEES).json()

    assert first["start"] == JAN.isoformat()
    assert (first["members"], first["paid"], first["unpaid"]) == (2, 1, 1)
    assert first["received"] == "30.00"
    assert second["paid"] == 0
    assert "Yoga Marieke" not in str([first, second])


def test_an_unknown_office_and_a_wrong_year(world, client):
    client = as_persona(client, world, "pos")
    assert client.get("/api/v1/offices/bestaat-niet/finances").status_code == 404
    assert client.get(FINANCES, {"year": 1800}).status_code == 422


def test_the_legal_form_and_an_office_without_a_fee(world, client):
    world.office.legal_form = "association"
    world.office.save()

    body = as_persona(client, world, "member").get(FINANCES).json()

    assert body["legal_form"] == "association"
    assert body["fee"] is None
    assert body["income"]["total"] == "0.00"
    assert as_persona(client, world, "lead").get(FEES).json() == []


def test_another_year_is_asked_by_its_number(world, client, books):
    body = as_persona(client, world, "lead").get(FINANCES, {"year": THIS_YEAR - 1}).json()

    assert body["year"] == THIS_YEAR - 1
    assert body["income"]["total"] == "0.00"
    assert body["closing_balance"] == "0.00"


def test_the_api_takes_as_many_queries_for_many_members_as_for_few(world, client, books):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_persona(client, world, "lead")
    client.get(FEES)
    with CaptureQueriesContext(connection) as few:
        client.get(FEES)
        client.get(FINANCES)
    for _n in range(10):
        member = EntrepreneurFactory()
        MembershipFactory(office=world.office, entrepreneur=member)
        FeePaymentFactory(
            office=world.office, entrepreneur=member, period="half_year", period_start=JAN
        )
    with CaptureQueriesContext(connection) as many:
        client.get(FEES)
        client.get(FINANCES)

    assert len(many) == len(few)


# --- fields and refusals at their edges -------------------------------------------------------


@pytest.mark.parametrize("url", [FINANCES, FEES])
@pytest.mark.parametrize("year, status", [(2000, 200), (2100, 200), (2101, 422), ("dit", 422)])
def test_a_year_is_asked_from_2000_to_2100(world, client, url, year, status):
    assert as_persona(client, world, "pos").get(url, {"year": year}).status_code == status


def test_the_fee_periods_say_in_dutch_why_a_member_may_not_read_them(world, client):
    response = as_persona(client, world, "member").get(FEES)

    assert response.status_code == 403
    assert response.json() == {"detail": "U mag de contributiebetalingen niet zien."}


def test_the_fee_periods_of_an_unknown_office_are_not_found(world, client):
    response = as_persona(client, world, "pos").get("/api/v1/offices/bestaat-niet/finances/fees")

    assert response.status_code == 404
    assert response.json() == {"detail": "Kantoor niet gevonden."}


def test_the_fee_in_force_and_the_balance_carried_over(world, client):
    FeeScheduleFactory(office=world.office, amount=60, valid_from=JAN.replace(year=THIS_YEAR - 1))
    IncomeFactory(office=world.office, amount=40, received_on=JAN.replace(year=THIS_YEAR - 1))

    body = as_persona(client, world, "member").get(FINANCES).json()

    assert body["fee"] == {
        "amount": "60.00",
        "period": "year",
        "valid_from": f"{THIS_YEAR - 1}-01-01",
    }
    assert body["opening_balance"] == "40.00"
    assert body["closing_balance"] == "40.00"


def test_a_fee_that_begins_next_year_is_not_yet_the_fee(world, client):
    FeeScheduleFactory(office=world.office, valid_from=JAN.replace(year=THIS_YEAR + 1))

    assert as_persona(client, world, "member").get(FINANCES).json()["fee"] is None


def test_spending_is_listed_per_project_with_its_id_and_general_last(world, client):
    from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory

    project = ProjectFactory(
        strategy=StrategyFactory(goal=GoalFactory(office=world.office)), title="Sportdag"
    )
    ExpenseFactory(office=world.office, amount=25, spent_on=JAN)
    ExpenseFactory(office=world.office, amount=300, spent_on=JAN, project=project)
    ExpenseFactory(office=world.other_office, amount=999, spent_on=JAN)

    body = as_persona(client, world, "member").get(FINANCES).json()

    assert body["spending"] == [
        {"project_id": project.pk, "project": "Sportdag", "amount": "300.00"},
        {"project_id": None, "project": "Algemeen (geen project)", "amount": "25.00"},
    ]
    assert body["spent"] == "325.00"


def test_a_former_members_payment_is_received_but_not_counted_as_a_member(world, client):
    FeeScheduleFactory(office=world.office, period="half_year", amount=30, valid_from=JAN)
    leaver = EntrepreneurFactory()
    MembershipFactory(
        office=world.office,
        entrepreneur=leaver,
        joined_on=datetime.date(2020, 1, 1),
        left_on=JAN,
    )
    FeePaymentFactory(
        office=world.office, entrepreneur=leaver, period="half_year", period_start=JAN, amount=30
    )

    first, second = as_persona(client, world, "lead").get(FEES).json()

    assert first["label"] == f"1e halfjaar {THIS_YEAR}"
    assert (first["members"], first["paid"], first["unpaid"]) == (1, 0, 1)
    assert first["received"] == "30.00"
    assert second["start"] == f"{THIS_YEAR}-07-01"
