"""What a branch organisation's page counts: its members per office, their share, coverage in
its branches, the offices lacking them, and the totals of the list; in a fixed number of
queries whatever the number of offices."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.accounts.access import MemberDetail
from kapstok.branches import selectors
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, OfficeFactory
from kapstok.network.models import BranchOrganisation
from kapstok.representation.factories import LandscapeBusinessFactory

from .conftest import SINCE


def rows_by_slug(overview):
    return {row.slug: row for row in overview.rows}


def test_members_per_office_count_the_organisations_businesses_among_the_offices_members(
    branch_world,
):
    overview = selectors.organisation_overview(branch_world.nl_actief, exact=True)
    utrecht = rows_by_slug(overview)["kantoor-utrecht"]

    assert (utrecht.office_members, utrecht.members, utrecht.share_percent) == (4, 3, 75)
    assert utrecht.branch_members == 3


def test_coverage_is_the_offices_members_among_its_landscape_in_the_organisations_branches(
    branch_world,
):
    overview = selectors.organisation_overview(branch_world.nl_actief, exact=True)
    utrecht = rows_by_slug(overview)["kantoor-utrecht"]

    # Three fitness businesses in the landscape (the swimming pool is not NL Actief's branch);
    # Fit Publiek is one of them and a member.
    assert (utrecht.landscape, utrecht.covered, utrecht.coverage_percent) == (3, 1, 33)


def test_an_office_without_a_member_in_the_branches_lacks_it_whatever_its_landscape(
    branch_world,
):
    overview = selectors.organisation_overview(branch_world.nl_actief, exact=True)

    assert [row.slug for row in overview.lacking] == ["kantoor-deventer"]
    assert overview.lacking[0].landscape == 1
    # Zwolle has a fitness member outside NL Actief: it has the branch, not the organisation.
    assert [row.slug for row in overview.present] == ["kantoor-utrecht", "kantoor-zwolle"]


def test_dissolved_offices_are_left_out(branch_world):
    overview = selectors.organisation_overview(branch_world.nl_actief, exact=True)

    assert "kantoor-opgeheven" not in rows_by_slug(overview)
    assert overview.offices_reached == 1


def test_totals_count_affiliated_businesses_and_those_in_offices(branch_world):
    overview = selectors.organisation_overview(branch_world.nl_actief, exact=True)

    assert (overview.affiliated, overview.members) == (4, 3)


def test_another_organisation_counts_only_its_own(branch_world):
    overview = selectors.organisation_overview(branch_world.wizz, exact=True)
    utrecht = rows_by_slug(overview)["kantoor-utrecht"]

    assert (utrecht.members, utrecht.branch_members, utrecht.landscape, utrecht.covered) == (
        1,
        1,
        1,
        0,
    )
    assert [row.slug for row in overview.lacking] == ["kantoor-deventer", "kantoor-zwolle"]


def test_an_organisation_without_branches_lacks_every_office(world):
    lonely = BranchOrganisation.objects.create(name="Zonder takken", slug="zonder-takken")

    overview = selectors.organisation_overview(lonely, exact=True)

    assert {row.slug for row in overview.lacking} == {"kantoor-utrecht", "kantoor-zwolle"}
    assert overview.branch_names == []


def test_small_counts_are_banded_and_their_share_hidden_when_not_exact(branch_world):
    overview = selectors.organisation_overview(branch_world.nl_actief, exact=False)
    utrecht = rows_by_slug(overview)["kantoor-utrecht"]
    zwolle = rows_by_slug(overview)["kantoor-zwolle"]

    assert (utrecht.members_shown, utrecht.members_exact, utrecht.share_percent) == (
        "< 5",
        None,
        None,
    )
    assert (zwolle.members_shown, zwolle.members_exact) == ("0", 0)
    assert overview.members_shown == "< 5"
    # Businesses in the landscape are public KvK data, not the organisation's members.
    assert utrecht.covered == 1


def test_counts_from_five_are_shown_exactly_to_everyone(branch_world):
    for number in range(2):
        entrepreneur = EntrepreneurFactory(business_name=f"Fit Extra {number}")
        entrepreneur.branch_organisations.add(branch_world.nl_actief)
        MembershipFactory(office=branch_world.office, entrepreneur=entrepreneur, joined_on=SINCE)

    overview = selectors.organisation_overview(branch_world.nl_actief, exact=False)
    utrecht = rows_by_slug(overview)["kantoor-utrecht"]

    assert (utrecht.members_shown, utrecht.share_percent) == ("5", 83)


def _queries(organisation) -> int:
    with CaptureQueriesContext(connection) as queries:
        selectors.organisation_overview(organisation, exact=True)
    return len(queries)


def test_the_overview_takes_the_same_queries_for_three_offices_or_thirteen(branch_world):
    before = _queries(branch_world.nl_actief)
    for number in range(10):
        office = OfficeFactory(name=f"Extra {number}", slug=f"extra-{number}")
        entrepreneur = EntrepreneurFactory(branches=[branch_world.fitness])
        entrepreneur.branch_organisations.add(branch_world.nl_actief)
        MembershipFactory(office=office, entrepreneur=entrepreneur, joined_on=SINCE)
        LandscapeBusinessFactory(office=office, branch=branch_world.fitness)

    after = _queries(branch_world.nl_actief)

    assert after == before <= 7
    assert selectors.organisation_overview(branch_world.nl_actief, exact=True).offices_reached == 11


def test_list_totals_per_organisation(branch_world):
    totals = {
        row.organisation.slug: row
        for row in selectors.organisation_totals(BranchOrganisation.objects.all(), exact=True)
    }

    nl_actief = totals["nl-actief"]
    # Fit Publiek is also in the dissolved office: that office does not count.
    assert (nl_actief.affiliated, nl_actief.members, nl_actief.offices) == (4, 3, 1)
    assert (totals["wizz"].affiliated, totals["wizz"].members, totals["wizz"].offices) == (1, 1, 1)
    assert [b.slug for b in nl_actief.organisation.branches.all()] == ["fitness"]


def test_list_totals_take_three_queries_for_any_number_of_organisations(
    branch_world, django_assert_num_queries
):
    for number in range(5):
        BranchOrganisation.objects.create(name=f"Extra {number}", slug=f"extra-{number}")

    with django_assert_num_queries(3):
        totals = selectors.organisation_totals(BranchOrganisation.objects.all(), exact=False)
        [row.organisation.branches.all() for row in totals]

    assert len(totals) == 7
    assert {row.organisation.slug: row.members_shown for row in totals}["nl-actief"] == "< 5"


def test_pos_sees_every_member_by_name_and_the_organisation_only_those_listed(branch_world):
    def names(detail):
        listed = selectors.listed_members(branch_world.nl_actief, detail)
        return [m.entrepreneur.business_name for m in listed]

    assert names(MemberDetail.NETWORK) == ["Fit Publiek", "Fit Stil", "Yoga Marieke"]
    assert names(MemberDetail.PUBLIC) == ["Fit Publiek"]
    assert names(MemberDetail.NONE) == []


@pytest.mark.parametrize(
    ("staffed", "expected"),
    [("branch_staff", ["kantoor"]), ("other_branch_staff", ["kantoren"]), ("lead", [])],
)
def test_the_start_page_line_counts_the_offices_lacking_the_branch(branch_world, staffed, expected):
    from kapstok.accounts.access import viewer_for

    items = selectors.offices_lacking_branch(viewer_for(branch_world.users[staffed]))

    assert [item.title.split()[1] for item in items] == expected
    for item in items:
        assert item.url.startswith("/netwerk/brancheorganisaties/")
