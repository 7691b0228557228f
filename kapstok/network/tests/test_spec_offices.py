"""Offices: the list with its filters and scope, creating and editing, figures and timelines."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.network import selectors, services
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    SportBranchFactory,
)
from kapstok.network.models import EventKind, Office, OfficeEvent, OfficeStatus

pytestmark = pytest.mark.django_db
LIST = "/netwerk/"


def names(response) -> list[str]:
    return [office.name for office in response.context["offices"]]


@pytest.fixture
def many_offices(world):
    """Beyond Utrecht and Zwolle: a dormant office in Zeeland and a large one in Utrecht."""
    zeeland = MunicipalityFactory(code="GM0687", name="Middelburg", province="Zeeland")
    OfficeFactory(name="Kantoor Walcheren", municipalities=[zeeland], status=OfficeStatus.DORMANT)
    big = OfficeFactory(name="Kantoor Groot", municipalities=[world.utrecht], initiative="pos")
    for _n in range(40):
        MembershipFactory(office=big)
    return world


def test_pos_sees_every_office_and_filters_them(many_offices, login):
    pos = login(many_offices.users["pos"])
    assert names(pos.get(LIST)) == [
        "Kantoor Groot",
        "Kantoor Utrecht",
        "Kantoor Walcheren",
        "Kantoor Zwolle",
    ]
    assert names(pos.get(LIST, {"province": "Zeeland"})) == ["Kantoor Walcheren"]
    assert names(pos.get(LIST, {"status": "dormant"})) == ["Kantoor Walcheren"]
    assert names(pos.get(LIST, {"size": "large"})) == ["Kantoor Groot"]
    assert names(pos.get(LIST, {"initiative": "pos"})) == ["Kantoor Groot"]
    assert names(pos.get(LIST, {"q": "middelburg"})) == ["Kantoor Walcheren"]
    assert names(pos.get(LIST, {"q": "zwol"})) == ["Kantoor Zwolle"]


def test_an_unknown_filter_value_shows_the_whole_list(many_offices, login):
    pos = login(many_offices.users["pos"])
    assert len(names(pos.get(LIST, {"status": "verdwenen"}))) == 4


def test_a_lead_and_a_member_see_only_their_own_office_in_the_list(many_offices, login):
    assert names(login(many_offices.users["lead"]).get(LIST)) == ["Kantoor Utrecht"]
    assert names(login(many_offices.users["member"]).get(LIST)) == ["Kantoor Utrecht"]
    assert names(login(many_offices.users["outsider"]).get(LIST)) == []


def test_the_list_answers_htmx_with_the_rows_only(many_offices, login):
    pos = login(many_offices.users["pos"])
    response = pos.get(LIST, {"q": "Groot"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Kantoor Groot" in html and "<html" not in html


def test_the_list_takes_the_same_queries_for_more_offices(world, login):
    pos = login(world.users["pos"])
    with CaptureQueriesContext(connection) as two:
        pos.get(LIST)
    for _n in range(20):
        office = OfficeFactory(municipalities=[MunicipalityFactory(), MunicipalityFactory()])
        MembershipFactory(office=office)
    with CaptureQueriesContext(connection) as many:
        pos.get(LIST)
    assert len(many) == len(two)


# --- creating and editing ----------------------------------------------------------------------


def office_data(world, **changes):
    data = {
        "name": "Kantoor Utrecht",
        "municipalities": [world.utrecht.pk],
        "founded_on": "2024-02-01",
        "initiative": "joint",
        "legal_form": "none",
        "status": "active",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "description": "",
    }
    return data | changes


def test_a_new_office_with_a_name_in_use_gets_its_own_web_address(world, login):
    pos = login(world.users["pos"])
    response = pos.post("/netwerk/kantoren/nieuw/", office_data(world))
    office = Office.objects.get(slug="kantoor-utrecht-2")
    assert response.url == office.get_absolute_url()
    assert list(office.municipalities.all()) == [world.utrecht]
    assert not OfficeEvent.objects.filter(office=office).exists()  # creating is no update


def test_an_office_founded_in_the_future_is_refused(world, login):
    pos = login(world.users["pos"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = pos.post("/netwerk/kantoren/nieuw/", office_data(world, founded_on=tomorrow))
    assert response.context["form"].errors["founded_on"] == [
        "De oprichtingsdatum kan niet in de toekomst liggen."
    ]
    assert Office.objects.count() == 2


def test_an_office_without_municipality_is_refused_at_the_field(world, login):
    pos = login(world.users["pos"])
    response = pos.post("/netwerk/kantoren/nieuw/", office_data(world, municipalities=[]))
    assert "municipalities" in response.context["form"].errors
    assert Office.objects.count() == 2


def test_the_service_refuses_an_office_without_municipality_and_saves_nothing(world):
    with pytest.raises(ValidationError) as refused:
        services.office_save(office=Office(name="Leeg", founded_on=datetime.date(2024, 1, 1)),
                             municipalities=[])  # fmt: skip
    assert refused.value.message_dict == {"municipalities": ["Kies ten minste één gemeente."]}
    assert not Office.objects.filter(name="Leeg").exists()


def test_editing_an_office_keeps_its_address_and_notes_it_in_the_timeline(world, login):
    lead = login(world.users["lead"])
    lead.post(
        "/netwerk/kantoren/kantoor-utrecht/bewerken/",
        office_data(world, name="Sportnetwerk Utrecht", contact_phone="030 123 45 67"),
    )
    office = Office.objects.get(pk=world.office.pk)
    assert (office.slug, office.name) == ("kantoor-utrecht", "Sportnetwerk Utrecht")
    [event] = OfficeEvent.objects.filter(office=office)
    assert (event.kind, event.actor) == (EventKind.OFFICE_UPDATED, world.users["lead"])


def test_a_name_without_letters_gets_a_plain_address():
    assert services.unique_office_slug("???") == "kantoor"


def test_an_office_keeps_its_own_address_when_saved_again(world):
    assert services.unique_office_slug("Kantoor Utrecht", exclude_pk=world.office.pk) == (
        "kantoor-utrecht"
    )
    assert services.unique_office_slug("Kantoor Utrecht") == "kantoor-utrecht-2"


def test_a_timeline_summary_is_cut_to_its_field(world):
    event = services.office_event_record(
        office=world.office, kind=EventKind.MEETING_HELD, summary="x" * 300
    )
    assert len(event.summary) == 250


# --- figures -----------------------------------------------------------------------------------


def test_the_office_figures_count_joins_and_leaves_of_the_last_year(world):
    today = timezone.localdate()
    office = world.office
    MembershipFactory(office=office, joined_on=today - datetime.timedelta(days=30))
    MembershipFactory(
        office=office,
        joined_on=today - datetime.timedelta(days=800),
        left_on=today - datetime.timedelta(days=10),
    )
    MembershipFactory(office=office, joined_on=today - datetime.timedelta(days=700),
                      left_on=today - datetime.timedelta(days=400))  # fmt: skip
    figures = selectors.office_figures(office)
    assert figures == {
        "members": 2,  # Marieke and the newcomer
        "size_label": "klein",
        "members_year_ago": 2,  # Marieke and the one who left ten days ago
        "joined_last_year": 1,
        "left_last_year": 1,
    }


def test_members_with_two_branches_count_in_both(world):
    padel = SportBranchFactory(slug="padel", name="Padel")
    fitness = world.member_entrepreneur.branches.get()
    both = EntrepreneurFactory(branches=[padel, fitness])
    MembershipFactory(office=world.office, entrepreneur=both)
    left = EntrepreneurFactory(branches=[padel])
    MembershipFactory(office=world.office, entrepreneur=left,
                      left_on=datetime.date(2024, 1, 1))  # fmt: skip
    expected = [
        {"slug": "fitness", "name": "Fitness", "members": 2},
        {"slug": "padel", "name": "Padel", "members": 1},
    ]
    assert selectors.branch_counts(world.office) == expected
    by_office = selectors.branch_counts_by_office([world.office.pk, world.other_office.pk])
    assert by_office[world.office.pk] == expected
    assert by_office[world.other_office.pk] == [
        {"slug": "fitness", "name": "Fitness", "members": 1}
    ]


def test_the_membership_series_is_monthly_and_relative_to_its_peak(world):
    office = world.office
    office.founded_on = datetime.date(2023, 5, 10)
    office.save()
    MembershipFactory(office=office, joined_on=datetime.date(2023, 7, 1),
                      left_on=datetime.date(2023, 8, 15))  # fmt: skip
    series = selectors.membership_series(office, until=datetime.date(2023, 9, 30))
    counts = {point["date"]: (point["count"], point["percent"]) for point in series}
    assert counts[datetime.date(2023, 5, 1)] == (0, 0)
    assert counts[datetime.date(2023, 8, 1)] == (2, 100)
    assert counts[datetime.date(2023, 9, 1)] == (1, 50)


def test_an_office_without_any_member_has_a_flat_series(world):
    office = OfficeFactory(founded_on=datetime.date(2024, 1, 1))
    series = selectors.membership_series(office, until=datetime.date(2024, 3, 1))
    assert [point["percent"] for point in series] == [0, 0, 0]


def test_the_research_overview_counts_without_naming(world):
    MembershipFactory(office=world.office, left_on=datetime.date(2024, 1, 1))
    overview = selectors.research_overview()
    assert overview["office_count"] == 2
    assert overview["municipality_count"] == 2
    assert overview["member_count"] == 2  # one per office; the one who left does not count
    assert overview["population_covered"] == 2 * 50_000
    assert overview["by_initiative"] == {"gezamenlijk": 2}
    assert overview["by_size"] == {"klein": 2, "middelgroot": 0, "groot": 0}
