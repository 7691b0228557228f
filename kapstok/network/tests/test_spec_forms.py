"""The registry's forms field by field, and pages that must not grow in queries with the data."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.network import services
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)
from kapstok.network.forms import EntrepreneurForm, MembershipAddForm, MembershipEndForm
from kapstok.network.models import EventKind, Membership

pytestmark = pytest.mark.django_db


def add_form(world, office=None, **data):
    base = {"kvk_number": "12345678", "joined_on": "2025-01-01"}
    return MembershipAddForm(data=base | data, office=office or world.office)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kvk_number": "1234567A"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        (
            {"kvk_number": "123456789"},
            "kvk_number",
            "Een KvK-nummer bestaat uit precies 8 cijfers.",
        ),
        (
            {"establishment_number": "1234"},
            "establishment_number",
            "Een vestigingsnummer bestaat uit precies 12 cijfers.",
        ),
        ({"joined_on": "1-1-2025x"}, "joined_on", "Voer een geldige datum in."),
    ],
)
def test_adding_a_member_refuses_bad_numbers_and_dates_at_the_field(world, data, field, message):
    form = add_form(world, **data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_join_date_in_the_future_is_refused(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = add_form(world, joined_on=tomorrow.isoformat())
    assert form.errors["joined_on"] == ["De datum van aansluiten kan niet in de toekomst liggen."]


def test_a_known_business_needs_no_details(world):
    form = add_form(world, kvk_number=world.other_entrepreneur.kvk_number)
    assert form.is_valid(), form.errors
    assert form.known_entrepreneur() == world.other_entrepreneur


def test_a_known_kvk_number_with_another_establishment_is_a_new_business(world):
    form = add_form(
        world,
        kvk_number=world.other_entrepreneur.kvk_number,
        establishment_number="000000000007",
    )
    assert not form.is_valid()
    assert form.errors["business_name"] == [
        "Vul de bedrijfsnaam in: dit KvK-nummer is nog niet bekend."
    ]


def test_the_only_municipality_of_an_office_is_suggested(world):
    assert add_form(world).initial["municipality"] == world.utrecht
    two = OfficeFactory(municipalities=[world.utrecht, world.zwolle])
    assert "municipality" not in add_form(world, office=two).initial
    assert set(add_form(world, office=two).fields["municipality"].queryset) == {
        world.utrecht,
        world.zwolle,
    }


def test_a_website_without_scheme_gets_https(world):
    form = EntrepreneurForm(
        data={
            "business_name": "Padel",
            "kvk_number": "12345678",
            "branches": [world.member_entrepreneur.branches.get().pk],
            "municipality": world.utrecht.pk,
            "website": "padel.example",
            "size_band": "small",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://padel.example"


def test_an_ended_municipality_cannot_be_chosen_for_an_entrepreneur(world):
    gone = MunicipalityFactory(code="GM0998", ended_on=datetime.date(2020, 1, 1))
    form = EntrepreneurForm()
    assert gone not in form.fields["municipality"].queryset


def test_the_end_form_refuses_a_date_before_joining(world):
    membership = Membership.objects.get(office=world.office)
    form = MembershipEndForm(data={"left_on": "2023-05-31"}, instance=membership)
    assert form.errors["left_on"] == ["De einddatum ligt vóór de datum van aansluiten."]


def test_ending_on_the_joining_day_is_allowed(world):
    membership = Membership.objects.get(office=world.office)
    form = MembershipEndForm(
        data={"left_on": "2023-06-01", "left_reason": "other"}, instance=membership
    )
    assert form.is_valid(), form.errors


def test_ending_a_membership_through_the_page_says_so_and_returns_to_the_office(world, login):
    membership = Membership.objects.get(office=world.office)
    response = login(world.users["lead"]).post(
        f"/netwerk/kantoren/kantoor-utrecht/leden/{membership.pk}/beeindigen/",
        {"left_on": "2025-01-31", "left_reason": "costs"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == world.office.get_absolute_url()
    assert "Het lidmaatschap is beëindigd." in response.content.decode()


def test_a_timeline_line_may_be_dated_in_the_past(world):
    when = timezone.now() - datetime.timedelta(days=40)
    event = services.office_event_record(
        office=world.office, kind=EventKind.MEETING_HELD, summary="Ledenavond", when=when
    )
    event.refresh_from_db()
    assert event.occurred_at == when


# --- pages that stay in a fixed number of queries ----------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_entrepreneur_list_takes_the_same_queries_for_more_businesses(world, login):
    pos = login(world.users["pos"])
    few = queries(pos, "/netwerk/ondernemers/")
    for _n in range(25):
        EntrepreneurFactory(municipality=MunicipalityFactory())
    assert queries(pos, "/netwerk/ondernemers/") == few


def test_a_municipality_page_takes_the_same_queries_for_more_offices(world, login):
    member = login(world.users["member"])
    few = queries(member, "/netwerk/gemeenten/GM0344/")
    for _n in range(8):
        office = OfficeFactory(municipalities=[world.utrecht, MunicipalityFactory()])
        MembershipFactory(office=office)
    assert queries(member, "/netwerk/gemeenten/GM0344/") == few


def test_the_second_page_of_members_shows_the_rest(world, login):
    for number in range(52):
        MembershipFactory(
            office=world.office,
            entrepreneur=EntrepreneurFactory(business_name=f"Zz Lid {number:02d}"),
        )
    page = login(world.users["lead"]).get("/netwerk/kantoren/kantoor-utrecht/?pagina=2")
    members = page.context["members"]
    assert members.number == 2
    assert [m.entrepreneur.business_name for m in members] == [
        "Zz Lid 49",
        "Zz Lid 50",
        "Zz Lid 51",
    ]
