"""Branch organisations in the registry: the filter on the office and entrepreneur lists where
POS and leads look for members, and a branch organisation as a partner of an office."""

import datetime

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network import services
from kapstok.network.factories import (
    BranchOrganisationFactory,
    EntrepreneurFactory,
    MembershipFactory,
)
from kapstok.network.models import EventKind, PartnerKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def organised(world):
    """NL Actief has Marieke's business (Utrecht) and a business in no office; WiZZ has Otto's
    (Zwolle)."""
    world.nl_actief = BranchOrganisationFactory(
        name="NL Actief", slug="nl-actief", website="https://nlactief.example.invalid"
    )
    world.wizz = BranchOrganisationFactory(name="WiZZ", slug="wizz")
    world.member_entrepreneur.branch_organisations.add(world.nl_actief)
    world.other_entrepreneur.branch_organisations.add(world.wizz)
    loose = EntrepreneurFactory(business_name="Fit Los")
    loose.branch_organisations.add(world.nl_actief)
    return world


def office_names(response) -> list[str]:
    return [office.name for office in response.context["offices"]]


def entrepreneur_names(response) -> list[str]:
    return [e.business_name for e in response.context["page"]]


def test_the_office_list_filters_on_offices_with_members_of_the_organisation(organised, login):
    client = login(organised.users["pos"])

    assert office_names(client.get("/netwerk/?organisatie=nl-actief")) == ["Kantoor Utrecht"]
    assert office_names(client.get("/netwerk/?organisatie=wizz")) == ["Kantoor Zwolle"]
    assert office_names(client.get("/netwerk/")) == ["Kantoor Utrecht", "Kantoor Zwolle"]


def test_a_former_member_does_not_put_the_office_in_the_filter(organised, login):
    organised.office.memberships.update(left_on=datetime.date(2024, 1, 1))
    client = login(organised.users["pos"])

    assert office_names(client.get("/netwerk/?organisatie=nl-actief")) == []


def test_the_office_filter_offers_every_organisation_and_refuses_an_unknown_one(organised, login):
    client = login(organised.users["pos"])

    response = client.get("/netwerk/?organisatie=bestaat-niet")

    choices = dict(response.context["form"].fields["organisatie"].choices)
    assert choices == {"": "Alle", "nl-actief": "NL Actief", "wizz": "WiZZ"}
    assert "organisatie" in response.context["form"].errors
    assert 'name="organisatie"' in response.content.decode()


def test_pos_filters_entrepreneurs_on_their_organisation(organised, login):
    client = login(organised.users["pos"])

    response = client.get("/netwerk/ondernemers/?organisatie=nl-actief")

    assert entrepreneur_names(response) == ["Fit Los", "Yoga Marieke"]
    assert '<option value="nl-actief" selected>' in response.content.decode()


def test_a_lead_filters_only_within_their_own_members(organised, login):
    client = login(organised.users["lead"])

    assert entrepreneur_names(client.get("/netwerk/ondernemers/?organisatie=nl-actief")) == [
        "Yoga Marieke"
    ]
    assert entrepreneur_names(client.get("/netwerk/ondernemers/?organisatie=wizz")) == []


def test_an_unknown_organisation_filters_nothing_on_the_entrepreneurs_list(organised, login):
    client = login(organised.users["lead"])

    response = client.get("/netwerk/ondernemers/?organisatie=bestaat-niet")

    assert entrepreneur_names(response) == ["Yoga Marieke"]
    assert response.context["organisation"] == ""


def test_the_filters_combine_with_the_name_search(organised, login):
    client = login(organised.users["pos"])

    response = client.get("/netwerk/ondernemers/?organisatie=nl-actief&q=yoga")

    assert entrepreneur_names(response) == ["Yoga Marieke"]


def test_the_filtered_office_list_takes_no_more_queries_for_more_offices(
    organised, login, django_assert_max_num_queries
):
    client = login(organised.users["pos"])
    client.get("/netwerk/?organisatie=nl-actief")
    for _n in range(10):
        entrepreneur = EntrepreneurFactory()
        entrepreneur.branch_organisations.add(organised.nl_actief)
        MembershipFactory(entrepreneur=entrepreneur)

    with django_assert_max_num_queries(12):
        response = client.get("/netwerk/?organisatie=nl-actief")

    assert len(office_names(response)) == 11


def test_a_branch_organisation_becomes_a_partner_of_an_office(organised):
    partner = services.branch_organisation_partner_add(
        office=organised.office, organisation=organised.nl_actief, actor=organised.users["lead"]
    )

    assert (partner.name, partner.kind, partner.website) == (
        "NL Actief",
        PartnerKind.BRANCH_ORGANISATION,
        "https://nlactief.example.invalid",
    )
    assert partner.branch_organisation == organised.nl_actief
    assert list(organised.office.partners.all()) == [partner, organised.partner]  # by name
    event = organised.office.events.get(kind=EventKind.OFFICE_UPDATED)
    assert event.summary == "NL Actief is partner van het kantoor geworden."


def test_adding_it_again_or_to_another_office_keeps_one_partner(organised):
    first = services.branch_organisation_partner_add(
        office=organised.office, organisation=organised.nl_actief
    )
    again = services.branch_organisation_partner_add(
        office=organised.office, organisation=organised.nl_actief
    )
    other = services.branch_organisation_partner_add(
        office=organised.other_office, organisation=organised.nl_actief
    )

    assert first == again == other
    assert set(first.offices.all()) == {organised.office, organised.other_office}
    assert organised.office.events.filter(kind=EventKind.OFFICE_UPDATED).count() == 1


def test_the_organisations_partner_staff_reach_the_office_as_partners_do(organised):
    partner = services.branch_organisation_partner_add(
        office=organised.office, organisation=organised.nl_actief
    )
    user = UserFactory()
    grant_role(user=user, role=Role.PARTNER_STAFF, scope=partner)

    viewer = viewer_for(user)

    assert viewer.partner_office_ids == frozenset({organised.office.pk})


PARTNER_ADD = "/netwerk/kantoren/kantoor-utrecht/partners/brancheorganisatie/"


def test_the_lead_adds_the_branch_organisation_as_partner_from_the_office_page(organised, login):
    client = login(organised.users["lead"])
    assert PARTNER_ADD in client.get("/netwerk/kantoren/kantoor-utrecht/").content.decode()

    response = client.post(PARTNER_ADD, {"organisation": organised.nl_actief.pk}, follow=True)

    assert response.redirect_chain[-1][0] == "/netwerk/kantoren/kantoor-utrecht/"
    assert "NL Actief is nu partner van het kantoor." in response.content.decode()
    assert organised.office.partners.filter(branch_organisation=organised.nl_actief).exists()


def test_the_form_offers_only_organisations_not_yet_partner_of_the_office(organised, login):
    services.branch_organisation_partner_add(
        office=organised.office, organisation=organised.nl_actief
    )
    client = login(organised.users["lead"])

    form = client.get(PARTNER_ADD).context["form"]

    assert list(form.fields["organisation"].queryset) == [organised.wizz]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Kies de brancheorganisatie die partner wordt."),
        ({"organisation": "999999"}, "Kies een brancheorganisatie uit de lijst."),
    ],
)
def test_a_bad_choice_gets_a_dutch_error_and_saves_nothing(organised, login, data, error):
    client = login(organised.users["lead"])

    response = client.post(PARTNER_ADD, data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not organised.office.partners.filter(branch_organisation__isnull=False).exists()


@pytest.mark.parametrize("persona", ["member", "civil_servant", "partner", "other_lead"])
def test_only_the_offices_leads_and_pos_add_a_partner(organised, login, persona):
    client = login(organised.users[persona])

    response = client.post(PARTNER_ADD, {"organisation": organised.nl_actief.pk})

    assert response.status_code == 403
    assert not organised.office.partners.filter(branch_organisation__isnull=False).exists()
    assert PARTNER_ADD not in client.get("/netwerk/kantoren/kantoor-utrecht/").content.decode()


@pytest.mark.parametrize("persona", ["member", "civil_servant", "partner"])
def test_who_does_not_look_for_members_gets_no_organisation_filter(organised, login, persona):
    client = login(organised.users[persona])

    response = client.get("/netwerk/?organisatie=wizz")

    assert "organisatie" not in response.context["form"].fields
    assert 'name="organisatie"' not in response.content.decode()
    # The parameter is ignored: their offices are listed as without it.
    assert office_names(response) == office_names(client.get("/netwerk/"))
