"""The precomputed coverage figures (`OfficeCoverage`, issue #19) equal the figures counted
from scratch after every kind of write: members joining, leaving, changing their KvK number
or branches, a person's erasure (AVG), a landscape imported, classified and linked; and the
national page says when they were computed.

The figures are compared without refreshing them first: they must have followed the writes.
"""

import datetime

import pytest

from django.utils import timezone

from kapstok.home.scheduler import JOBS
from kapstok.network import services as network_services
from kapstok.network.factories import EntrepreneurFactory, MembershipFactory, SportBranchFactory
from kapstok.network.models import Membership, Office
from kapstok.representation import selectors, services
from kapstok.representation.factories import LandscapeBusinessFactory
from kapstok.representation.models import BranchCoverageFigure, LandscapeBusiness, OfficeCoverage
from kapstok.trust.personal_data import personal_data_erase

from .conftest import business, csv_bytes
from .test_pages import landscape  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

NATIONAL = "/netwerk/afspiegeling/"
TODAY = datetime.date(2026, 3, 2)


def stored() -> dict:
    """What the national page shows, from the stored figures as they are (no refresh)."""
    overview = selectors.national_overview(selectors.national_figures())
    return {
        "rows": [
            (r["pk"], r["index"], r["members"], r["landscape"], r["gap"], r["gap_covered"])
            for r in overview["rows"]
        ],
        "gaps": [
            (g["name"], g["gap"].landscape, g["gap"].covered, g["shortfall_points"])
            for g in overview["gaps"]
        ],
        "without": [office["pk"] for office in overview["without"]],
    }


def from_scratch() -> dict:
    """The same, counted now from the landscapes and the memberships."""
    overview = selectors.national_overview_from_scratch()
    return {
        "rows": [
            (
                r["office"].pk,
                r["coverage"].index,
                r["coverage"].members,
                r["coverage"].landscape,
                r["biggest_gap"]["name"] if r["biggest_gap"] else None,
                r["biggest_gap"]["covered"] if r["biggest_gap"] else 0,
            )
            for r in overview["rows"]
        ],
        "gaps": [
            (g["name"], g["gap"].landscape, g["gap"].covered, g["shortfall_points"])
            for g in overview["gaps"]
        ],
        "without": [office.pk for office in overview["without"]],
    }


def rounded(value):
    """Floats to 9 decimals, inside lists, tuples and dicts: a member's weights are summed in
    the order the database returns the rows, which is not the same for one office as for
    all of them, so the last bits of an index may differ; 9 decimals is far below what a page
    shows (whole percentages, the API's 3 decimals)."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(item) for item in value]
    return value


def assert_current():
    assert rounded(stored()) == rounded(from_scratch())
    today = timezone.localdate()
    for office in Office.objects.working():
        own = selectors.office_coverage(office)
        kept = selectors.stored_coverage(office, today)
        assert kept is not None, office
        shown = ("index", "members", "landscape", "rows", "gains", "shortfalls", "weights")
        assert rounded({k: getattr(kept, k) for k in shown}) == rounded(
            {k: getattr(own, k) for k in shown}
        )
        assert rounded((kept.chains, kept.series)) == rounded((own.chains, own.series))
        assert kept.landscape_counts == own.landscape_counts


@pytest.fixture
def padel(taxonomy):
    return SportBranchFactory(slug="padel", name="Padel")


@pytest.fixture
def computed(world, landscape):  # noqa: F811 - the fixture
    """The figures of every office computed once, as the first national page does."""
    services.coverage_ensure_current(selectors.national_figures())
    assert_current()


def test_the_first_look_computes_every_working_office_once(world, landscape):  # noqa: F811
    assert not OfficeCoverage.objects.exists()
    assert services.coverage_ensure_current(selectors.national_figures()) == 2
    assert services.coverage_ensure_current(selectors.national_figures()) == 0
    assert_current()
    utrecht = OfficeCoverage.objects.get(office=world.office)
    own = selectors.office_coverage(world.office, details=False)
    assert (utrecht.index, utrecht.members, utrecht.landscape) == (
        own.index,
        own.members,
        own.landscape,
    )
    assert utrecht.computed_on == timezone.localdate()


def test_a_member_joining_and_leaving_through_the_services_is_counted_at_once(
    world, computed, padel
):
    centre = LandscapeBusiness.objects.filter(office=world.office, branch=padel).first()
    newcomer = EntrepreneurFactory(kvk_number=centre.kvk_number, establishment_number="")
    newcomer.branches.set([padel])
    before = OfficeCoverage.objects.get(office=world.office).index
    membership = network_services.membership_add(
        office=world.office, entrepreneur=newcomer, joined_on=timezone.localdate()
    )
    assert_current()
    assert OfficeCoverage.objects.get(office=world.office).index > before
    network_services.membership_end(membership=membership, left_on=timezone.localdate())
    assert_current()
    assert OfficeCoverage.objects.get(office=world.office).index == before


def test_a_member_changing_branches_or_kvk_number_is_counted_at_once(world, computed, padel):
    member = world.member_entrepreneur
    network_services.entrepreneur_save(entrepreneur=member, branches=[padel])
    assert_current()
    assert BranchCoverageFigure.objects.get(office=world.office, branch=padel).members == 1
    member.kvk_number = "87654321"
    network_services.entrepreneur_save(entrepreneur=member, branches=[padel])
    assert_current()


def test_the_erasure_of_a_member_changes_no_figure_and_they_stay_right(world, computed):
    before = stored()
    personal_data_erase(user=world.users["member"])
    assert stored() == before
    assert_current()


def test_an_import_a_classification_and_a_confirmed_link_are_counted_at_once(
    world, computed, padel, write_file
):
    other = world.other_entrepreneur
    rows = [
        business(other.kvk_number, "Zwolse Zaak", municipality="Zwolle", place="Zwolle"),
        business("11110002", "Iets Zwolle", sbi="", municipality="Zwolle", place="Zwolle"),
        business("11110003", "Padel Zwolle", municipality="Zwolle", place="Zwolle"),
    ]
    path = write_file(csv_bytes(rows))
    outcome = services.landscape_import(office=world.other_office, path=path, save=True)
    assert outcome.created >= 2
    assert_current()
    imported = LandscapeBusiness.objects.filter(office=world.other_office)
    services.business_classify(
        business=imported.exclude(branch=padel).first(), branch=padel, actor=world.users["pos"]
    )
    assert_current()
    linked = LandscapeBusinessFactory(office=world.other_office, branch=padel)
    linked.suggested_entrepreneur = EntrepreneurFactory()
    linked.save()
    MembershipFactory(office=world.other_office, entrepreneur=linked.suggested_entrepreneur)
    services.coverage_refresh([world.other_office.pk])
    covered = OfficeCoverage.objects.get(office=world.other_office).gap_covered
    services.suggestion_confirm(business=linked)
    assert_current()
    assert stored() != {} and covered is not None


def test_a_series_of_writes_leaves_the_figures_equal_to_the_scratch_ones(world, computed, padel):
    """Create, update, delete and erase, one after the other, compared after each."""
    joiners = []
    for _n in range(3):
        entrepreneur = EntrepreneurFactory()
        entrepreneur.branches.set([padel])
        LandscapeBusinessFactory(
            office=world.office, kvk_number=entrepreneur.kvk_number, branch=padel
        )
        services.coverage_refresh([world.office.pk])
        joiners.append(
            network_services.membership_add(
                office=world.office, entrepreneur=entrepreneur, joined_on=timezone.localdate()
            )
        )
        assert_current()
    network_services.entrepreneur_save(
        entrepreneur=joiners[0].entrepreneur, branches=[world.member_entrepreneur.branches.get()]
    )
    assert_current()
    network_services.membership_end(membership=joiners[1], left_on=timezone.localdate())
    assert_current()
    personal_data_erase(user=world.users["member"])
    assert_current()


def test_figures_of_an_earlier_day_are_computed_again(world, computed):
    """A membership that starts tomorrow counts from tomorrow, without any write."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    joiner = EntrepreneurFactory()
    joiner.branches.set(world.member_entrepreneur.branches.all())
    Membership.objects.create(office=world.office, entrepreneur=joiner, joined_on=tomorrow)
    members = OfficeCoverage.objects.get(office=world.office).members
    assert services.coverage_ensure_current(selectors.national_figures(), tomorrow) == 2
    refreshed = OfficeCoverage.objects.get(office=world.office)
    assert (refreshed.members, refreshed.computed_on) == (members + 1, tomorrow)


def test_the_nightly_job_computes_every_working_office(world, landscape):  # noqa: F811
    [job] = [job for job in JOBS if job.name == "coverage_figures"]
    assert job.run() == "2 kantoren"
    assert OfficeCoverage.objects.count() == 2
    assert_current()


def test_a_membership_written_past_the_services_shows_until_the_next_refresh(
    world, computed, login
):
    """Only the services refresh: the page says how old its figures are for such writes."""
    MembershipFactory(office=world.office)
    page = login(world.users["pos"]).get(NATIONAL).content.decode()
    stamp = OfficeCoverage.objects.get(office=world.office).computed_at
    moment = timezone.localtime(stamp).strftime("%H:%M")
    assert "Cijfers berekend op" in page and moment in page
    services.coverage_refresh([world.office.pk])
    assert_current()


def test_the_national_page_computes_missing_figures_before_it_shows_them(world, login, landscape):  # noqa: F811
    response = login(world.users["pos"]).get(NATIONAL)
    assert [row["pk"] for row in response.context["rows"]] == [world.office.pk]
    assert OfficeCoverage.objects.count() == 2
    assert_current()


def test_the_coverage_page_reads_the_stored_figures_and_says_when_they_were_computed(
    world, computed, login
):
    kept = OfficeCoverage.objects.get(office=world.office)
    page = login(world.users["lead"]).get("/netwerk/kantoren/kantoor-utrecht/afspiegeling/")
    assert page.context["coverage"].computed_at == kept.computed_at
    assert "Cijfers berekend op" in page.content.decode()


def test_the_coverage_page_computes_figures_of_an_earlier_day_again(world, computed, login):
    OfficeCoverage.objects.filter(office=world.office).update(
        computed_on=timezone.localdate() - datetime.timedelta(days=1), members=99
    )
    page = login(world.users["lead"]).get("/netwerk/kantoren/kantoor-utrecht/afspiegeling/")
    assert page.context["coverage"].members == 1
    assert OfficeCoverage.objects.get(office=world.office).computed_on == timezone.localdate()
