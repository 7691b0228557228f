"""Who counts as a member of the landscape, the pipeline's filters and order, the national view.

One definition of "covered" holds in SQL (`with_coverage`) and in Python (`MemberProfile`): a
row is covered by a current member of the office that is linked to it, has its KvK and
establishment number, or has its KvK number without an establishment number (not for chains).
"""

import datetime

import pytest

from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    SportBranchFactory,
)
from kapstok.network.models import OfficeStatus
from kapstok.representation import selectors, services
from kapstok.representation.factories import LandscapeBusinessFactory, ProspectFactory
from kapstok.representation.importer import ParsedRow
from kapstok.representation.models import LandscapeBusiness, ProspectStage

pytestmark = pytest.mark.django_db


def national_overview() -> dict:
    """What the national page shows: the stored figures, refreshed where missing or old."""
    services.coverage_ensure_current(selectors.national_figures())
    return selectors.national_overview(selectors.national_figures())


def quiet_url(office) -> str:
    return reverse("representation:office", args=[office.slug])


def covered_names(office) -> set[str]:
    rows = selectors.with_coverage(LandscapeBusiness.objects.filter(office=office))
    return set(rows.filter(selectors.COVERED).values_list("trade_name", flat=True))


def as_parsed(business: LandscapeBusiness) -> ParsedRow:
    return ParsedRow(
        line=1,
        kvk_number=business.kvk_number,
        establishment_number=business.establishment_number,
        trade_name=business.trade_name,
        address="",
        postcode="",
        place="",
        municipality_id=business.municipality_id,
        website="",
        sbi_codes="",
        branch=None,
        branch_source="unknown",
        is_chain=business.is_chain,
        entrepreneur_id=business.entrepreneur_id,
    )


def member(office, *, kvk, establishment="", left_on=None):
    entrepreneur = EntrepreneurFactory(kvk_number=kvk, establishment_number=establishment)
    MembershipFactory(office=office, entrepreneur=entrepreneur, left_on=left_on)
    return entrepreneur


@pytest.fixture
def cases(world):
    """One landscape row per way of being (or not being) a member of Kantoor Utrecht."""
    office = world.office
    linked = member(office, kvk="11000001")
    member(office, kvk="22000002", establishment="000000000022")
    member(office, kvk="33000003")  # no establishment number: covers the KvK's only row
    member(office, kvk="44000004")  # …but not a chain's establishments
    member(office, kvk="55000005", left_on=datetime.date(2024, 1, 1))  # left
    other = EntrepreneurFactory(kvk_number="66000006")
    MembershipFactory(office=world.other_office, entrepreneur=other)  # member elsewhere
    make = LandscapeBusinessFactory
    make(office=office, trade_name="Gekoppeld", kvk_number="99999999", entrepreneur=linked)
    make(
        office=office,
        trade_name="Zelfde vestiging",
        kvk_number="22000002",
        establishment_number="000000000022",
    )
    make(
        office=office,
        trade_name="Andere vestiging",
        kvk_number="22000002",
        establishment_number="000000000023",
    )
    make(
        office=office,
        trade_name="Los KvK-nummer",
        kvk_number="33000003",
        establishment_number="000000000033",
    )
    make(
        office=office,
        trade_name="Keten",
        kvk_number="44000004",
        establishment_number="000000000044",
        is_chain=True,
    )
    make(office=office, trade_name="Vertrokken lid", kvk_number="55000005")
    make(office=office, trade_name="Lid van elders", kvk_number="66000006")
    make(office=office, trade_name="Onbekend", kvk_number="77000007")
    return office


def test_what_counts_as_a_member_of_the_landscape(cases):
    assert covered_names(cases) == {"Gekoppeld", "Zelfde vestiging", "Los KvK-nummer"}


def test_the_python_check_of_unsaved_rows_agrees_with_the_database(cases):
    profile = selectors.member_profile(cases)
    in_python = {
        business.trade_name
        for business in LandscapeBusiness.objects.filter(office=cases)
        if profile.covers(as_parsed(business))
    }
    assert in_python == covered_names(cases)


def test_the_covered_rows_found_from_the_members_side_are_the_same(cases):
    """The pipeline finds covered rows from the members (`covered_ids`), the coverage counts
    them per row in SQL: the same rows."""
    found = LandscapeBusiness.objects.filter(pk__in=selectors.covered_ids(cases))
    assert {business.trade_name for business in found} == covered_names(cases)


def test_chains_count_their_member_establishments_as_the_sql_definition_does(cases):
    """A chain's establishment counts as a member by link or by establishment number, never
    by the chain's KvK number alone; `chains_of` finds them from the members' side."""
    member(cases, kvk="88000008", establishment="000000000081")
    for establishment in ("000000000081", "000000000082"):
        LandscapeBusinessFactory(
            office=cases,
            trade_name="Keten Twee",
            kvk_number="88000008",
            establishment_number=establishment,
            is_chain=True,
        )
    in_sql = (
        selectors.with_coverage(LandscapeBusiness.objects.filter(office=cases, is_chain=True))
        .values("kvk_number")
        .annotate(covered=Count("pk", filter=Q(member_exact=True)))
    )
    expected = {row["kvk_number"]: row["covered"] for row in in_sql}
    found = {chain["kvk_number"]: chain["covered"] for chain in selectors.chains_of(cases)}
    assert found == expected == {"44000004": 0, "88000008": 1}


def test_members_who_left_are_not_in_the_profile(cases):
    profile = selectors.member_profile(cases)
    assert "55000005" not in {kvk for kvk, _est in profile.keys}
    assert profile.total == 5  # Marieke and the four current ones above


def test_the_profile_on_an_earlier_date_counts_who_was_a_member_then(cases):
    before = selectors.member_profile(cases, on=datetime.date(2023, 12, 1))
    assert "55000005" in before.loose_kvks


def test_coverage_counts_per_branch_and_unknown_rows_apart(world):
    padel = SportBranchFactory(slug="padel", name="Padel")
    fitness = world.member_entrepreneur.branches.get()
    LandscapeBusinessFactory(office=world.office, branch=padel)
    LandscapeBusinessFactory(office=world.office, branch=padel)
    LandscapeBusinessFactory(
        office=world.office,
        branch=fitness,
        entrepreneur=world.member_entrepreneur,
        trade_name="Yoga Marieke",
    )
    LandscapeBusinessFactory(office=world.office, branch=None)
    coverage = selectors.office_coverage(world.office)
    table = {
        row["branch"]: (row["landscape"], row["covered"], row["missing"]) for row in coverage.rows
    }
    assert table["padel"] == (2, 0, 2)
    assert table["fitness"] == (1, 1, 0)
    assert table[selectors.UNKNOWN] == (1, 0, 1)
    assert (coverage.landscape, coverage.unknown, coverage.members) == (4, 1, 1)
    # Members: all fitness; landscape (known branches): 1 fitness, 2 padel → D = 2/3.
    assert coverage.index == pytest.approx(1 / 3)


def test_an_office_without_landscape_has_no_index_and_no_details(world):
    coverage = selectors.office_coverage(world.office)
    assert (coverage.has_landscape, coverage.index, coverage.index_percent) == (False, None, None)
    assert coverage.series == [] and coverage.chains == []


def test_chains_count_their_establishments_and_the_member_ones(world):
    chain_member = member(world.office, kvk="90000001", establishment="000000000001")
    for number, name in ((1, "Zwaluw Centrum"), (2, "Zwaluw Oost"), (3, "Zwaluw West")):
        LandscapeBusinessFactory(
            office=world.office,
            kvk_number="90000001",
            establishment_number=f"{number:012d}",
            trade_name=name,
            is_chain=True,
        )
    assert chain_member.kvk_number == "90000001"
    [chain] = selectors.chains_of(world.office)
    assert (chain["name"], chain["establishments"], chain["covered"]) == ("Zwaluw Centrum", 3, 1)
    coverage = selectors.office_coverage(world.office)
    assert coverage.missing_chains == [chain]


def test_the_index_history_runs_monthly_from_the_founding_month_to_today(world):
    LandscapeBusinessFactory(office=world.office, branch=world.member_entrepreneur.branches.get())
    world.office.founded_on = datetime.date(2023, 3, 15)
    world.office.save()
    series = selectors.office_coverage(world.office).series
    today = timezone.localdate()
    assert series[0]["date"] == datetime.date(2023, 3, 1)
    assert series[-1]["date"] == today
    by_date = {point["date"]: point for point in series}
    # Marieke (fitness) joined on 1 June 2023; the landscape is one fitness business.
    assert by_date[datetime.date(2023, 5, 1)]["index"] == 0.0
    assert by_date[datetime.date(2023, 7, 1)]["percent"] == 100


# --- the pipeline ----------------------------------------------------------------------------


@pytest.fixture
def pipeline_office(world):
    """Padel rows in every stage, a member's own row, and a row without a branch."""
    padel = SportBranchFactory(slug="padel", name="Padel")
    office = world.office
    rows = {}
    for name, stage, next_step_on in (
        ("Padel Nieuw", None, None),
        ("Padel Benaderd later", ProspectStage.APPROACHED, datetime.date(2025, 9, 1)),
        ("Padel Benaderd eerst", ProspectStage.APPROACHED, datetime.date(2025, 8, 1)),
        ("Padel Benaderd zonder datum", ProspectStage.APPROACHED, None),
        ("Padel Geinteresseerd", ProspectStage.INTERESTED, None),
        ("Padel Afgehaakt", ProspectStage.DROPPED, None),
        ("Padel Aangesloten", ProspectStage.JOINED, None),
    ):
        business = LandscapeBusinessFactory(office=office, trade_name=name, branch=padel)
        if stage:
            ProspectFactory(business=business, stage=stage, next_step_on=next_step_on)
        rows[name] = business
    rows["Yoga Marieke"] = LandscapeBusinessFactory(
        office=office,
        trade_name="Yoga Marieke",
        kvk_number=world.member_entrepreneur.kvk_number,
        branch=world.member_entrepreneur.branches.get(),
    )
    rows["Zonder tak"] = LandscapeBusinessFactory(office=office, trade_name="Zonder tak")
    return office, rows


def names_in(office, stage="open", branch="", limit=None):
    coverage = selectors.office_coverage(office, details=False)
    ids = selectors.pipeline(office, coverage, stage, branch, limit)
    found = LandscapeBusiness.objects.in_bulk(ids)
    return [found[pk].trade_name for pk in ids]


def test_the_open_pipeline_puts_those_furthest_along_first_then_by_next_step(pipeline_office):
    office, _rows = pipeline_office
    assert names_in(office) == [
        "Padel Geinteresseerd",
        "Padel Benaderd eerst",
        "Padel Benaderd later",
        "Padel Benaderd zonder datum",
        "Padel Nieuw",
        "Zonder tak",
    ]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("to_approach", {"Padel Nieuw", "Zonder tak"}),
        ("interested", {"Padel Geinteresseerd"}),
        ("dropped", {"Padel Afgehaakt"}),
        # "joined" is everyone who is a member now, whether or not the pipeline says so
        ("joined", {"Padel Aangesloten", "Yoga Marieke"}),
    ],
)
def test_each_stage_filter_shows_the_businesses_in_that_stage(pipeline_office, stage, expected):
    office, _rows = pipeline_office
    assert set(names_in(office, stage)) == expected


def test_the_branch_filter_and_the_unknown_branch(pipeline_office):
    office, _rows = pipeline_office
    assert names_in(office, branch=selectors.UNKNOWN) == ["Zonder tak"]
    assert "Zonder tak" not in names_in(office, branch="padel")
    assert names_in(office, branch="golf") == []


def test_a_limited_pipeline_is_the_start_of_the_full_one(pipeline_office):
    office, _rows = pipeline_office
    assert names_in(office, limit=3) == names_in(office)[:3]


def test_every_limit_of_a_mixed_pipeline_is_the_start_of_the_full_one(pipeline_office):
    """Several branches, businesses without one, every stage: only the first rows of each
    branch leave the database for a limited pipeline, in the same order as the full one."""
    office, _rows = pipeline_office
    golf = SportBranchFactory(slug="golf", name="Golf")
    for n in range(3):
        business = LandscapeBusinessFactory(office=office, trade_name=f"Golf {n}", branch=golf)
        if n == 1:
            ProspectFactory(business=business, stage=ProspectStage.INTERESTED)
        LandscapeBusinessFactory(office=office, trade_name=f"Zonder tak {n}")
    full = names_in(office)
    assert len(full) == 12 and full[-1].startswith("Zonder tak")
    for limit in range(1, len(full) + 2):
        assert names_in(office, limit=limit) == full[:limit], limit
    for stage in ("joined", "approached", "to_approach"):
        assert names_in(office, stage, limit=2) == names_in(office, stage)[:2], stage
    assert names_in(office, branch="golf", limit=2) == names_in(office, branch="golf")[:2]


def test_a_member_is_never_a_prospect_even_with_an_open_stage(pipeline_office, world):
    office, rows = pipeline_office
    ProspectFactory(business=rows["Yoga Marieke"], stage=ProspectStage.APPROACHED)
    assert "Yoga Marieke" not in names_in(office)
    assert "Yoga Marieke" in names_in(office, "joined")


def test_next_prospects_only_lists_businesses_that_raise_the_index(world):
    fitness = world.member_entrepreneur.branches.get()
    padel = SportBranchFactory(slug="padel", name="Padel")
    LandscapeBusinessFactory(office=world.office, trade_name="Fitness Twee", branch=fitness)
    LandscapeBusinessFactory(office=world.office, trade_name="Padel Een", branch=padel)
    coverage = selectors.office_coverage(world.office, details=False)
    # The members are all fitness: another fitness member would not change the index.
    assert [b.trade_name for b in selectors.next_prospects(world.office, coverage)] == ["Padel Een"]


def test_the_pipeline_reads_the_same_number_of_queries_for_many_businesses(world):
    padel = SportBranchFactory(slug="padel", name="Padel")

    def count():
        with CaptureQueriesContext(connection) as queries:
            coverage = selectors.office_coverage(world.office)
            ids = selectors.pipeline(world.office, coverage)
            selectors.businesses(ids, coverage)
        return len(queries)

    LandscapeBusinessFactory(office=world.office, branch=padel)
    few = count()
    for n in range(30):
        business = LandscapeBusinessFactory(office=world.office, branch=padel)
        if n % 2:
            ProspectFactory(business=business, stage=ProspectStage.APPROACHED)
    assert count() == few


# --- the national view -----------------------------------------------------------------------


def test_the_national_view_leaves_out_dissolved_offices_and_sorts_weakest_first(world):
    fitness = world.member_entrepreneur.branches.get()
    padel = SportBranchFactory(slug="padel", name="Padel")
    LandscapeBusinessFactory(office=world.office, branch=fitness)  # Utrecht mirrors: index 1
    LandscapeBusinessFactory(office=world.other_office, branch=padel)  # Zwolle: fitness vs padel
    gone = OfficeFactory(name="Opgeheven", status=OfficeStatus.DISSOLVED)
    LandscapeBusinessFactory(office=gone, branch=padel)
    quiet = OfficeFactory(name="Stil kantoor", municipalities=[MunicipalityFactory(code="GM0001")])
    overview = national_overview()
    assert [row["pk"] for row in overview["rows"]] == [world.other_office.pk, world.office.pk]
    assert [selectors.index_band(row["index"]) for row in overview["rows"]] == ["0", "4"]
    assert [office["pk"] for office in overview["without"]] == [quiet.pk]
    assert overview["map_colours"]["GM0344"]["band"] == "4"
    assert overview["map_colours"]["GM0001"] == {
        "office": {"slug": quiet.slug, "name": quiet.name, "url": quiet_url(quiet)},
        "band": "none",
        "percent": None,
    }
    assert overview["rows"][0]["gap"] == "Padel"


def test_the_national_view_takes_the_same_queries_for_more_offices(world):
    padel = SportBranchFactory(slug="padel", name="Padel")
    LandscapeBusinessFactory(office=world.office, branch=padel)
    with CaptureQueriesContext(connection) as few:
        national_overview()
    for _n in range(6):
        office = OfficeFactory()
        LandscapeBusinessFactory(office=office, branch=padel)
        MembershipFactory(office=office)
    with CaptureQueriesContext(connection) as many:
        national_overview()
    assert len(many) == len(few)


def test_the_national_view_refreshes_nothing_when_every_office_is_current(world):
    padel = SportBranchFactory(slug="padel", name="Padel")
    LandscapeBusinessFactory(office=world.office, branch=padel)
    national_overview()
    figures = selectors.national_figures()
    with CaptureQueriesContext(connection) as current:
        assert services.coverage_ensure_current(figures) == 0
        selectors.national_overview(figures)
    assert len(current) == 2  # the gaps and the map's municipalities
