"""The registry's figures: size classes, filters, members per branch, what a viewer may list.

Specifications of `network.selectors` and the size-class rule: the numbers the office pages,
the municipality page, the research overview and the start pages show.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.accounts.access import MemberDetail, viewer_for
from kapstok.core.todo import Urgency
from kapstok.network import selectors
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    SportBranchFactory,
)
from kapstok.network.models import (
    ClaimStatus,
    Initiative,
    MembershipClaim,
    OfficeStatus,
    SizeClass,
    size_class_for,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
LONG_AGO = datetime.date(2020, 1, 1)


def members(office, count, *, branches=(), listed=False, joined_on=LONG_AGO, left_on=None):
    made = []
    for _ in range(count):
        entrepreneur = EntrepreneurFactory(branches=list(branches))
        MembershipFactory(
            office=office,
            entrepreneur=entrepreneur,
            joined_on=joined_on,
            left_on=left_on,
            listed_publicly=listed,
        )
        made.append(entrepreneur)
    return made


@pytest.mark.parametrize(
    ("count", "size"),
    [
        (0, SizeClass.SMALL),
        (14, SizeClass.SMALL),
        (15, SizeClass.MEDIUM),
        (39, SizeClass.MEDIUM),
        (40, SizeClass.LARGE),
    ],
)
def test_a_network_is_small_below_15_members_and_large_from_40(count, size):
    assert size_class_for(count) == size


# --- the office list ----------------------------------------------------------------------------


def names(queryset):
    return sorted(office.name for office in queryset)


def test_offices_can_be_filtered_by_status_initiative_and_size(world):
    OfficeFactory(name="Kantoor Slaap", status=OfficeStatus.DORMANT)
    started = OfficeFactory(name="Kantoor Gemeente", initiative=Initiative.MUNICIPALITY)
    members(started, 15)
    everything = selectors.office_list

    def filtered(**filters):
        from kapstok.network.models import Office

        return names(everything(Office.objects.all(), selectors.OfficeFilters(**filters)))

    assert filtered(status=OfficeStatus.DORMANT) == ["Kantoor Slaap"]
    assert filtered(initiative=Initiative.MUNICIPALITY) == ["Kantoor Gemeente"]
    assert filtered(size=SizeClass.MEDIUM) == ["Kantoor Gemeente"]
    assert "Kantoor Gemeente" not in filtered(size=SizeClass.SMALL)
    assert len(filtered(status="onzin")) == 4  # an unknown value filters nothing


def test_searching_finds_an_office_by_its_name_or_by_one_of_its_municipalities(world):
    from kapstok.network.models import Office

    houten = MunicipalityFactory(name="Houten")
    world.office.municipalities.add(houten)

    def found(query):
        return names(
            selectors.office_list(Office.objects.all(), selectors.OfficeFilters(query=query))
        )

    assert found("houten") == ["Kantoor Utrecht"]
    assert found("zwolle") == ["Kantoor Zwolle"]
    assert found("Utrecht") == ["Kantoor Utrecht"]  # once, though it matches name and place


def test_the_province_filter_lists_an_office_once_even_with_two_places_there(world):
    from kapstok.network.models import Office

    world.office.municipalities.add(MunicipalityFactory(province="Utrecht"))
    found = selectors.office_list(Office.objects.all(), selectors.OfficeFilters(province="Utrecht"))
    assert names(found) == ["Kantoor Utrecht"]


# --- an office's figures -------------------------------------------------------------------


def test_members_per_branch_count_a_member_in_each_of_its_branches(world):
    fitness = world.member_entrepreneur.branches.get()
    yoga = SportBranchFactory(slug="yoga", name="Yoga")
    members(world.office, 2, branches=[fitness, yoga])
    members(world.office, 1, branches=[yoga], left_on=datetime.date(2024, 1, 1))
    rows = selectors.branch_counts(world.office)
    assert [(row["slug"], row["members"]) for row in rows] == [("fitness", 3), ("yoga", 2)]


def test_branch_counts_for_several_offices_include_an_office_without_members(world):
    empty = OfficeFactory()
    counts = selectors.branch_counts_by_office([world.office.pk, empty.pk])
    assert counts[empty.pk] == []
    assert [row["members"] for row in counts[world.office.pk]] == [1]


def test_the_office_figures_compare_with_a_year_ago(world):
    today = TODAY()
    members(world.office, 2, joined_on=today - datetime.timedelta(days=30))
    members(
        world.office,
        1,
        joined_on=today - datetime.timedelta(days=800),
        left_on=today - datetime.timedelta(days=10),
    )
    figures = selectors.office_figures(world.office)
    assert figures["members"] == 3
    assert figures["members_year_ago"] == 2
    assert (figures["joined_last_year"], figures["left_last_year"]) == (2, 1)
    assert figures["size_label"] == SizeClass.SMALL.label


def test_the_membership_series_peaks_at_a_hundred_percent(world):
    members(world.office, 3, joined_on=datetime.date(2024, 1, 15))
    series = selectors.membership_series(world.office, until=datetime.date(2024, 6, 30))
    assert max(point["percent"] for point in series) == 100
    assert series[-1]["count"] == 4


def test_former_members_are_listed_most_recent_leaver_first(world):
    early, late = members(world.office, 1, left_on=datetime.date(2023, 1, 1)) + members(
        world.office, 1, left_on=datetime.date(2024, 1, 1)
    )
    assert [m.entrepreneur for m in selectors.former_members(world.office)] == [late, early]


@pytest.mark.parametrize(
    ("detail", "expected"),
    [(MemberDetail.NONE, 0), (MemberDetail.PUBLIC, 1), (MemberDetail.NETWORK, 3)],
)
def test_what_a_viewer_may_list_of_the_members(world, detail, expected):
    members(world.office, 1, listed=True)
    members(world.office, 1, listed=False)
    assert selectors.members_for(world.office, detail).count() == expected


# --- municipality and research -----------------------------------------------------------


def test_the_municipality_page_counts_its_offices_members_and_businesses(world):
    members(world.office, 2)
    EntrepreneurFactory(municipality=world.utrecht)
    detail = selectors.municipality_detail(world.utrecht)
    assert [office.name for office in detail["offices"]] == ["Kantoor Utrecht"]
    assert detail["member_count"] == 3
    assert detail["entrepreneur_count"] == 2  # Yoga Marieke and the new one live in Utrecht


def test_the_research_overview_counts_without_names(world):
    overview = selectors.research_overview()
    assert (overview["office_count"], overview["municipality_count"]) == (2, 2)
    assert overview["population_covered"] == world.utrecht.population + world.zwolle.population
    assert set(overview["by_size"]) == {str(label) for label in SizeClass.labels}
    assert sum(overview["by_size"].values()) == 2


def test_links_to_an_office_and_a_municipality_use_slug_and_code(world):
    assert selectors.office_url(world.office.pk).endswith("/kantoor-utrecht/")
    assert selectors.municipality_url(world.utrecht.pk).endswith("/GM0344/")


# --- claims on the start page ------------------------------------------------------------


def claim(office, entrepreneur, status=ClaimStatus.PENDING):
    return MembershipClaim.objects.create(
        office=office, entrepreneur=entrepreneur, joined_on=TODAY(), status=status
    )


def test_the_business_is_asked_to_confirm_or_refuse_an_offices_claim(world):
    claim(world.other_office, world.member_entrepreneur)
    (item,) = selectors.claims_to_answer(viewer_for(world.users["member"]))
    assert item.title == "Kantoor Zwolle wil Yoga Marieke als lid tellen: bevestig of weiger"
    assert selectors.claims_to_answer(viewer_for(world.users["other_member"])) == []


def test_an_answered_claim_asks_nothing_any_more(world):
    claim(world.other_office, world.member_entrepreneur, status=ClaimStatus.CONFIRMED)
    assert selectors.claims_to_answer(viewer_for(world.users["member"])) == []


def test_the_lead_hears_how_many_businesses_have_yet_to_confirm(world):
    claim(world.office, world.other_entrepreneur)
    claim(world.office, EntrepreneurFactory())
    (item,) = selectors.claims_waiting(viewer_for(world.users["lead"]))
    assert item.title == "2 ondernemers moeten het lidmaatschap nog bevestigen"
    assert item.urgency == Urgency.INFO and item.count == 2
    assert selectors.claims_waiting(viewer_for(world.users["other_lead"])) == []


# --- branch organisations -------------------------------------------------------------------


def test_saving_an_entrepreneur_replaces_its_branch_organisations(world):
    from kapstok.network.factories import BranchOrganisationFactory
    from kapstok.network.services import entrepreneur_save
    from kapstok.trust.descriptions import EMPTY, record

    nl_actief, wizz = BranchOrganisationFactory(name="NL Actief"), BranchOrganisationFactory()
    entrepreneur = world.member_entrepreneur
    branches = list(entrepreneur.branches.all())
    entrepreneur_save(entrepreneur=entrepreneur, branches=branches, organisations=[nl_actief, wizz])
    assert set(entrepreneur.branch_organisations.all()) == {nl_actief, wizz}
    entrepreneur_save(entrepreneur=entrepreneur, branches=branches, organisations=[nl_actief])
    assert list(entrepreneur.branch_organisations.all()) == [nl_actief]
    shown = {f["sleutel"]: f["waarde"] for f in record(entrepreneur)["velden"]}
    assert "NL Actief" in shown.values()
    entrepreneur_save(entrepreneur=entrepreneur, branches=branches)
    assert not entrepreneur.branch_organisations.exists()
    shown = {f["sleutel"]: f["waarde"] for f in record(entrepreneur)["velden"]}
    assert "NL Actief" not in shown.values() and EMPTY in shown.values()
