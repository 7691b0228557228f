"""The demo's planner, without a database: the rules that make the demo look like the report.

The planner takes plain `Place`s, so these tests give it an invented country of twelve provinces
(with the five municipalities the report offices need) and read the plan it returns.
"""

import datetime
import random
from collections import Counter

import pytest

from kapstok.home import demo
from kapstok.network.models import OfficeStatus, SizeBand

PROVINCES = [f"Provincie {n}" for n in range(1, 13)]
REPORT_TOWNS = ("Deventer", "Hoorn", "Roosendaal", "Assen", "Venlo")


def invented_country() -> list[demo.Place]:
    places = []
    for p, province in enumerate(PROVINCES):
        for n in range(25):
            code = f"GM{p:02d}{n:02d}"
            population = 8_000 + ((p * 25 + n) * 7_919) % 150_000
            places.append(
                demo.Place(code, f"Plaats {p}-{n}", province, population, 51 + p * 0.2, 4 + n * 0.1)
            )
    for i, name in enumerate(REPORT_TOWNS):
        places.append(demo.Place(f"GM9{i:03d}", name, PROVINCES[i], 90_000, 52.0, 6.0 + i * 0.1))
    return places


@pytest.fixture(scope="module")
def places():
    return invented_country()


@pytest.fixture(scope="module")
def plan(places):
    return demo.plan_demo(places)


def office_plan(plan, letter):
    return next(office for office in plan.offices if office.letter == letter)


def test_the_planner_names_the_missing_municipalities_in_dutch(places):
    without_venlo = [place for place in places if place.name != "Venlo"]
    with pytest.raises(ValueError, match="Gemeenten ontbreken: Venlo"):
        demo.plan_demo(without_venlo)


def test_there_are_41_offices_of_which_two_span_a_neighbouring_municipality(plan):
    assert len(plan.offices) == demo.OFFICE_COUNT
    pairs = [office.places for office in plan.offices if len(office.places) == 2]
    assert len(pairs) == demo.MULTI_MUNICIPALITY_OFFICES
    assert all(first.province == second.province for first, second in pairs)
    towns = [place.code for office in plan.offices for place in office.places]
    assert len(towns) == len(set(towns)) == demo.OFFICE_COUNT + 2


def test_every_province_has_an_office(plan):
    provinces = {place.province for office in plan.offices for place in office.places}
    assert provinces == set(PROVINCES)


def test_other_offices_are_in_places_of_at_least_25000_inhabitants(plan):
    for office in plan.offices:
        if not office.letter:
            assert office.places[0].population >= 25_000


def test_the_report_offices_sit_in_their_municipality_and_tell_their_study(plan):
    for spec in demo.REPORT_OFFICES:
        office = office_plan(plan, spec.letter)
        assert [place.name for place in office.places] == [spec.municipality]
        assert f"kantoor {spec.letter} " in office.description
        assert office.founded_on == spec.founded_on and not office.rejoins


def test_two_older_offices_fell_asleep_after_half_a_year(plan):
    dormant = [office for office in plan.offices if office.status == OfficeStatus.DORMANT]
    assert len(dormant) == demo.DORMANT_OFFICES
    for office in dormant:
        assert not office.letter
        assert office.founded_on < datetime.date(2024, 6, 1)
        assert office.growth_until == office.founded_on + datetime.timedelta(days=180)
        assert "stilgevallen" in office.description


def test_the_network_has_about_1000_members_however_the_sizes_fall(plan):
    planned = sum(office.members for office in plan.offices)
    assert abs(planned - demo.CURRENT_MEMBERS) < 0.05 * demo.CURRENT_MEMBERS


@pytest.mark.parametrize("founded_on", [datetime.date(2025, 5, 1), datetime.date(2025, 3, 1)])
def test_a_young_office_stays_small(founded_on):
    months = (demo.SNAPSHOT - founded_on).days // 30
    rng = random.Random(1)
    assert all(demo.plan_member_count(rng, founded_on) <= 5 + 3 * months for _ in range(50))


def test_nobody_joins_before_the_office_was_founded_or_after_the_snapshot(plan):
    for membership in plan.memberships:
        office = plan.offices[membership.office]
        assert office.founded_on <= membership.joined_on <= demo.SNAPSHOT


def test_a_member_leaves_two_months_after_joining_at_the_soonest_and_is_then_unlisted(plan):
    # Someone who joined less than two months before the snapshot and is drawn as a leaver
    # leaves on the snapshot itself: history ends there.
    ended = [m for m in plan.memberships if m.left_on]
    assert ended
    for membership in ended:
        soonest = membership.joined_on + datetime.timedelta(days=60)
        assert min(soonest, demo.SNAPSHOT) <= membership.left_on <= demo.SNAPSHOT
        assert not membership.listed_publicly


def test_members_of_the_report_offices_never_come_back(plan):
    report = {i for i, office in enumerate(plan.offices) if office.letter}
    pairs = Counter((m.office, m.entrepreneur) for m in plan.memberships if m.office in report)
    assert max(pairs.values()) == 1


def test_office_d_stopped_growing_at_the_end_of_2023(plan):
    number = plan.offices.index(office_plan(plan, "D"))
    joined = [m.joined_on for m in plan.memberships if m.office == number]
    assert max(joined) <= datetime.date(2023, 12, 31)


def test_a_third_of_an_office_joined_in_its_first_three_weeks(plan):
    office = office_plan(plan, "A")
    number = plan.offices.index(office)
    joined = [m.joined_on for m in plan.memberships if m.office == number]
    early = [day for day in joined if day <= office.founded_on + datetime.timedelta(days=21)]
    assert len(early) >= len(joined) // 3


def test_members_come_from_their_offices_own_municipalities(plan):
    for membership in plan.memberships:
        office = plan.offices[membership.office]
        assert plan.entrepreneurs[membership.entrepreneur].place in office.places


def test_a_chains_establishments_share_a_kvk_number_and_have_their_own_numbers():
    rng = random.Random(3)
    spec = demo.ChainSpec("Keten Test", "fitness", 5)
    places = invented_country()[:10]
    establishments = demo.plan_chain(rng, 1, spec, places)
    assert len(establishments) == 5
    assert len({e.kvk_number for e in establishments}) == 1
    numbers = [e.establishment_number for e in establishments]
    assert len(set(numbers)) == 5 and all(len(n) == 12 for n in numbers)
    assert all(e.is_chain and e.organisations == ("NL Actief",) for e in establishments)


def test_every_kvk_number_starts_with_00_so_it_cannot_be_a_real_business(plan):
    assert all(e.kvk_number.startswith("00") for e in plan.entrepreneurs)
    assert all(len(e.kvk_number) == 8 for e in plan.entrepreneurs)


def test_an_entrepreneur_joins_only_organisations_of_its_own_branches(plan):
    covers = {spec.name: set(spec.branches) for spec in demo.ORGANISATIONS}
    for entrepreneur in plan.entrepreneurs:
        for name in entrepreneur.organisations:
            assert covers[name] & set(entrepreneur.branches)


def test_a_second_branch_is_a_neighbour_of_the_first_when_the_first_has_neighbours(plan):
    for entrepreneur in plan.entrepreneurs:
        first, *rest = entrepreneur.branches
        if rest and first in demo.RELATED:
            assert rest[0] in demo.RELATED[first]


def plan_of(branches, *, size=SizeBand.SMALL, chain=False):
    place = invented_country()[0]
    return demo.EntrepreneurPlan(
        "X", "00000001", place, branches, size, "x@demo.invalid", is_chain=chain
    )


def test_chains_large_venues_and_racket_sports_are_less_likely_to_join():
    studio = demo.member_pull(plan_of(("fitness",)))
    assert studio == 1.0
    assert demo.member_pull(plan_of(("fitness",), size=SizeBand.LARGE)) < studio
    assert demo.member_pull(plan_of(("fitness",), chain=True)) < demo.member_pull(
        plan_of(("fitness",), size=SizeBand.LARGE)
    )
    assert demo.member_pull(plan_of(("tennis",))) < demo.member_pull(plan_of(("klimmen",)))
    # A business with a branch that rarely joins is held back by that branch.
    assert demo.member_pull(plan_of(("fitness", "golf"))) == demo.BRANCH_PULL["golf"]


def test_a_weighted_sample_draws_distinct_items_and_favours_the_heavy_ones():
    rng = random.Random(7)
    assert sorted(demo.weighted_sample(rng, list("abcde"), [1] * 5, 5)) == list("abcde")
    firsts = Counter(demo.weighted_sample(rng, ["a", "b"], [9, 1], 1)[0] for _ in range(1000))
    assert 850 < firsts["a"] < 950


def test_a_random_date_stays_within_its_bounds_even_when_they_are_reversed():
    rng = random.Random(5)
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 1, 10)
    assert all(start <= demo.random_date(rng, start, end) <= end for _ in range(100))
    assert demo.random_date(rng, end, start) == end


def test_another_seed_gives_another_demo(places):
    first = demo.plan_demo(places, seed=1)
    second = demo.plan_demo(places, seed=2)
    assert [o.name for o in first.offices] != [o.name for o in second.offices]
    assert len(second.offices) == demo.OFFICE_COUNT


def test_there_is_a_lead_name_for_every_office(plan):
    assert len(plan.lead_names) == len(plan.offices)
    assert all(" " in name for name in plan.lead_names)


# --- After the report: the year before the seed's `today` ---------------------------------------

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(scope="module")
def moves(plan):
    return demo.plan_recent_moves(random.Random(1), plan, TODAY, still=demo.STILL_OFFICES)


def test_newcomers_join_in_the_last_year_and_leavers_left_then_but_months_ago(plan, moves):
    year_ago = TODAY - datetime.timedelta(days=demo.RECENT_DAYS)
    assert moves.joined and moves.left
    assert all(year_ago <= m.joined_on < TODAY for m in moves.joined)
    quiet = TODAY - datetime.timedelta(days=demo.RECENT_LEAVE_QUIET)
    assert all(year_ago <= day <= quiet for day in moves.left.values())
    assert all(plan.memberships[i].left_on is None for i in moves.left)


def test_most_growing_offices_gain_members_but_stalled_d_and_dormant_ones_do_not(plan, moves):
    grown = {m.office for m in moves.joined} | {plan.memberships[i].office for i in moves.left}
    for number, office in enumerate(plan.offices):
        still = office.letter == "D" or office.status != OfficeStatus.ACTIVE
        assert (number in grown) != still, office.name


def test_newcomers_are_local_independents_who_were_never_members_of_that_office(plan, moves):
    before = {(m.office, m.entrepreneur) for m in plan.memberships}
    for membership in moves.joined:
        entrepreneur = plan.entrepreneurs[membership.entrepreneur]
        assert (membership.office, membership.entrepreneur) not in before
        assert entrepreneur.place in plan.offices[membership.office].places
        assert not entrepreneur.is_chain
    assert len({(m.office, m.entrepreneur) for m in moves.joined}) == len(moves.joined)


def test_office_a_stands_still_in_the_last_half_year_and_its_first_members_stay(plan, moves):
    a = next(n for n, office in enumerate(plan.offices) if office.letter == "A")
    quiet = TODAY - datetime.timedelta(days=demo.SHRINKING_QUIET)
    assert all(m.joined_on <= quiet for m in moves.joined if m.office == a)
    first = sorted(
        (i for i, m in enumerate(plan.memberships) if m.office == a and m.left_on is None),
        key=lambda i: (plan.memberships[i].joined_on, i),
    )[:6]
    assert not set(first) & set(moves.left)


def test_right_after_the_snapshot_there_is_no_year_to_add_yet(plan):
    soon = demo.SNAPSHOT + datetime.timedelta(days=30)
    assert demo.plan_recent_moves(random.Random(1), plan, soon) == demo.RecentMoves([], {})


def test_the_recent_year_is_the_same_for_the_same_seed_and_day(plan, moves):
    again = demo.plan_recent_moves(random.Random(1), plan, TODAY, still=demo.STILL_OFFICES)
    assert again == moves


def test_every_business_joins_a_branch_organisation_covering_one_of_its_branches(plan):
    covers = {spec.name: set(spec.branches) for spec in demo.ORGANISATIONS}
    for entrepreneur in plan.entrepreneurs:
        assert entrepreneur.organisations
        assert all(covers[name] & set(entrepreneur.branches) for name in entrepreneur.organisations)


def test_a_branch_no_organisation_covers_falls_back_to_nl_actief():
    picked = demo.pick_organisations(random.Random(1), ("onbekende-tak",), number=7)
    assert picked == (demo.FALLBACK_ORGANISATION,)
    assert demo.FALLBACK_ORGANISATION == "NL Actief"
