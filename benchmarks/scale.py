"""The national-scale data set the benchmark runs against.

Today there are 41 offices and about 6,000 affiliated entrepreneurs; the benchmark asks what the
pages cost when the network has grown to cover the country: 400 offices over the real CBS
municipalities, 30,000 entrepreneurs and two years of membership history (about 5,000 current
members plus the ones who left). One office is made much larger than the rest (350 current
members) so that "the query count does not grow with the members" is tested against a page with
seven pages of members, not against ten rows. On top of the registry, `scale_kapstok` hangs the
kapstok: sessions, 5,000 goals with 20,000 projects and activities, measurements and a timeline;
the daily signal computation is run once at the end, so the data set looks as cron leaves it.

Everything is drawn from `random.Random` seeded per purpose, so the same `Scale` always gives
the same offices, sizes and dates relative to the day of generation, and `expected_counts`
can tell without a marker table whether the database already holds this data set; the POS
account's name carries `DATA_SET_VERSION`, bumped whenever the generator changes what it writes
so that an older set is regenerated even where its counts match. Rows are written with
`bulk_create` inside one transaction: the whole set takes seconds, not minutes.

This module writes to whatever database is the default one; only `manage.py bench --worker`,
which has checked that the default database is the benchmark database, calls `generate`.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.goals.models import Activity, Goal, Measurement, Project, Strategy
from kapstok.network import reference_data
from kapstok.network.models import (
    Entrepreneur,
    Initiative,
    LegalForm,
    Membership,
    Municipality,
    Office,
    OfficeEvent,
    OfficeStatus,
    Partner,
    PartnerKind,
    SizeBand,
    SportBranch,
)
from kapstok.progress.services import signals_compute
from kapstok.strategy.models import Card, StrategySession

from .draws import random_date
from .scale_kapstok import board_generate, kapstok_generate, kapstok_plan

POS_EMAIL = "bench-pos@example.invalid"
# Bump when the generator writes something different; an older data set is then regenerated
# (or, from version 2, extended: `extend`).
DATA_SET_VERSION = 3
POS_NAME = f"Bench POS (data set {DATA_SET_VERSION})"
# Version 2 is version 3 without the session board (issue #19); `extend` adds it.
EXTENDABLE_POS_NAME = "Bench POS (data set 2)"


@dataclass(frozen=True)
class Scale:
    """How big the generated network is; the defaults are the national scale.

    `former_per_current` is the number of ended memberships per current one (0.4: for every
    ten members, four others joined and left within the history window). The kapstok figures
    are exact totals (`scale_kapstok.kapstok_plan` splits them); `session_share` is the chance
    that an office has a strategy session, `actors` the number of bench users who do things.
    """

    offices: int = 400
    entrepreneurs: int = 30_000
    current_members: int = 5_000
    largest_office: int = 350
    former_per_current: float = 0.4
    history_days: int = 730
    partners: int = 40
    seed: int = 2025
    session_share: float = 0.75
    goals: int = 5_000
    most_goals: int = 150
    strategies: int = 7_500
    projects: int = 8_000
    activities: int = 12_000
    measurements: int = 12_000
    events: int = 50_000
    actors: int = 8
    board_cards: int = 300


NATIONAL = Scale()


def office_sizes(scale: Scale) -> list[int]:
    """Current members per office, the largest office first, adding up to about the target.

    Sizes of local networks are skewed (many small, a few large), so they are drawn from a
    log-normal distribution with a median around nine, scaled to the target total; every office
    has at least two members so each page has rows to render.

    >>> sizes = office_sizes(Scale(offices=5, current_members=60, largest_office=30))
    >>> sizes[0], len(sizes), min(sizes) >= 2
    (30, 5, True)
    """
    rng = random.Random(f"{scale.seed}:sizes")
    draws = [rng.lognormvariate(2.2, 0.8) for _ in range(scale.offices - 1)]
    factor = max(scale.current_members - scale.largest_office, 0) / (sum(draws) or 1)
    rest = [min(max(2, round(draw * factor)), scale.largest_office - 1) for draw in draws]
    return [scale.largest_office, *sorted(rest, reverse=True)]


def former_counts(sizes: list[int], scale: Scale) -> list[int]:
    """Ended memberships per office, in proportion to its current size.

    >>> former_counts([10, 3], Scale(former_per_current=0.4))
    [4, 1]
    """
    return [round(size * scale.former_per_current) for size in sizes]


def expected_counts(scale: Scale, *, board: bool = True) -> dict[str, int]:
    """The row counts `generate` produces, to recognise an already generated data set; with
    `board=False` those of a set without the session board (version 2)."""
    sizes = office_sizes(scale)
    counts = {
        "offices": scale.offices,
        "entrepreneurs": scale.entrepreneurs,
        "memberships": sum(sizes) + sum(former_counts(sizes, scale)),
        **kapstok_plan(scale, sizes).counts(),
        "cards": scale.board_cards if board else 0,
    }
    counts["sessions"] += 1 if board else 0
    return counts


COUNTED = {
    "offices": Office,
    "entrepreneurs": Entrepreneur,
    "memberships": Membership,
    "sessions": StrategySession,
    "goals": Goal,
    "strategies": Strategy,
    "projects": Project,
    "activities": Activity,
    "measurements": Measurement,
    "events": OfficeEvent,
    "cards": Card,
}


def actual_counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in COUNTED.items()}


def is_generated(scale: Scale) -> bool:
    """True when the database holds exactly this scale's data set, by this generator version."""
    from kapstok.accounts.models import User

    return (
        actual_counts() == expected_counts(scale)
        and User.objects.filter(email=POS_EMAIL, full_name=POS_NAME).exists()
    )


@transaction.atomic
def extend(scale: Scale, *, today: datetime.date | None = None) -> bool:
    """Bring a version-2 data set of this scale up to this version by adding the session
    board; False (and nothing written) when the database holds anything else.

    Regenerating the national set takes minutes and would throw away what the groups built on
    it (support requests, practices, the landscape); the board is all version 3 adds.
    """
    from kapstok.accounts.models import User

    pos = User.objects.filter(email=POS_EMAIL, full_name=EXTENDABLE_POS_NAME)
    if not pos.exists() or actual_counts() != expected_counts(scale, board=False):
        return False
    largest = Office.objects.with_member_count(today).order_by("-member_count", "pk").first()
    board_generate(scale, largest, today or timezone.localdate())
    pos.update(full_name=POS_NAME)
    return True


@transaction.atomic
def generate(scale: Scale = NATIONAL, *, today: datetime.date | None = None) -> dict[str, int]:
    """Write the whole data set into an empty registry and return the row counts.

    Reference data first (the real municipalities and the branch taxonomy), then offices,
    entrepreneurs, memberships, partners and the POS staff account the internal pages are
    requested as; then the kapstok on top, and the stall signals as the daily job computes them.
    """
    today = today or timezone.localdate()
    reference_data.municipalities_load(today=today)
    reference_data.taxonomy_load()
    municipalities = list(Municipality.objects.current(today).order_by("-population", "code"))
    offices = _offices_create(scale, municipalities, today)
    pools = _entrepreneurs_create(scale, municipalities)
    _memberships_create(scale, offices, pools, today)
    _partners_create(scale, offices)
    grant_role(user=user_ensure(email=POS_EMAIL, full_name=POS_NAME), role=Role.POS_STAFF)
    kapstok_generate(scale, offices, office_sizes(scale), today)
    board_generate(scale, offices[0], today)
    signals_compute(today=today)
    return actual_counts()


def _offices_create(scale: Scale, municipalities: list, today: datetime.date) -> list[Office]:
    """Offices over the municipalities, biggest town first, so the largest office is in the
    largest municipality; one in ten also covers a second municipality of its province."""
    rng = random.Random(f"{scale.seed}:offices")
    by_province = defaultdict(list)
    for municipality in municipalities:
        by_province[municipality.province].append(municipality)
    offices, covered, seen = [], [], defaultdict(int)
    for index in range(scale.offices):
        primary = municipalities[index % len(municipalities)]
        seen[primary.code] += 1
        areas = [primary]
        if index and rng.random() < 0.1 and len(by_province[primary.province]) > 1:
            areas.append(rng.choice([m for m in by_province[primary.province] if m != primary]))
        offices.append(_office_build(rng, index, primary, seen[primary.code], today, scale))
        covered.append(areas)
    Office.objects.bulk_create(offices)
    through = Office.municipalities.through
    through.objects.bulk_create(
        through(office_id=office.pk, municipality_id=m.pk)
        for office, areas in zip(offices, covered, strict=True)
        for m in areas
    )
    return offices


def _office_build(rng, index, primary, ordinal, today, scale) -> Office:
    name = f"POS-kantoor {primary.name}" + (f" {ordinal}" if ordinal > 1 else "")
    history_start = today - datetime.timedelta(days=scale.history_days)
    founded = random_date(
        rng, history_start - datetime.timedelta(days=365), today - datetime.timedelta(days=90)
    )
    # The largest office must be visible on the public site and have the full history.
    status = OfficeStatus.ACTIVE if index == 0 or rng.random() < 0.9 else OfficeStatus.DORMANT
    return Office(
        name=name,
        slug=slugify(name)[:80],
        founded_on=history_start - datetime.timedelta(days=30) if index == 0 else founded,
        initiative=rng.choice(Initiative.values),
        legal_form=rng.choice([LegalForm.NONE] * 3 + [LegalForm.ASSOCIATION, LegalForm.FOUNDATION]),
        status=status,
        contact_name=f"Kartrekker {index + 1}",
        contact_email=f"kantoor{index + 1}@example.invalid",
        description=f"Het lokale netwerk van sportondernemers in {primary.name}. " * 3,
    )


def _entrepreneurs_create(scale: Scale, municipalities: list) -> dict:
    """Entrepreneurs spread over municipalities by population, with one or two branches.

    Returns the entrepreneur ids by municipality and by province, shuffled: the pools members
    are drawn from.
    """
    rng = random.Random(f"{scale.seed}:entrepreneurs")
    branches = list(SportBranch.objects.order_by("sort_order"))
    places = rng.choices(
        municipalities, weights=[m.population for m in municipalities], k=scale.entrepreneurs
    )
    chosen = [rng.sample(branches, rng.choice((1, 1, 2))) for _ in places]
    entrepreneurs = [
        _entrepreneur_build(rng, index, place, picked[0])
        for index, (place, picked) in enumerate(zip(places, chosen, strict=True))
    ]
    Entrepreneur.objects.bulk_create(entrepreneurs, batch_size=2000)
    through = Entrepreneur.branches.through
    through.objects.bulk_create(
        (
            through(entrepreneur_id=e.pk, sportbranch_id=branch.pk)
            for e, picked in zip(entrepreneurs, chosen, strict=True)
            for branch in picked
        ),
        batch_size=5000,
    )
    return _pools(rng, entrepreneurs, places)


def _entrepreneur_build(rng, index: int, place, branch) -> Entrepreneur:
    return Entrepreneur(
        business_name=f"{branch.name} {place.name} {index + 1}",
        kvk_number=f"{10_000_000 + index:08d}",
        municipality_id=place.pk,
        website=f"https://ondernemer{index + 1}.example.invalid",
        email=f"info@ondernemer{index + 1}.example.invalid",
        size_band=rng.choice(SizeBand.values),
        is_chain=rng.random() < 0.05,
    )


def _pools(rng, entrepreneurs, places) -> dict:
    pools = {"municipality": defaultdict(list), "province": defaultdict(list), "all": []}
    for entrepreneur, place in zip(entrepreneurs, places, strict=True):
        pools["municipality"][place.pk].append(entrepreneur.pk)
        pools["province"][place.province].append(entrepreneur.pk)
        pools["all"].append(entrepreneur.pk)
    for pool in [*pools["municipality"].values(), *pools["province"].values(), pools["all"]]:
        rng.shuffle(pool)
    return pools


def draw_members(
    pools: dict, used: set, municipality_ids: list, province: str, count: int
) -> list[int]:
    """`count` unused entrepreneur ids: local ones first, then the province, then anywhere.

    Each entrepreneur is drawn once over the whole network, so no one holds two memberships;
    small towns run out of local entrepreneurs and borrow from their province, as real offices
    do when they cover a region.

    >>> pools = {"municipality": {1: [10, 11]}, "province": {"P": [10, 11, 12]}}
    >>> pools["all"] = [10, 11, 12, 13]
    >>> draw_members(pools, set(), [1], "P", 3), draw_members(pools, {10, 11, 12}, [1], "P", 1)
    ([10, 11, 12], [13])
    """
    sources = [
        *(pools["municipality"].get(pk, []) for pk in municipality_ids),
        pools["province"].get(province, []),
        pools["all"],
    ]
    drawn = []
    for source in sources:
        for pk in source:
            if len(drawn) == count:
                return drawn
            if pk not in used:
                used.add(pk)
                drawn.append(pk)
    return drawn


def _memberships_create(
    scale: Scale, offices: list[Office], pools: dict, today: datetime.date
) -> None:
    """Current and ended memberships with dates inside the history window."""
    rng = random.Random(f"{scale.seed}:memberships")
    sizes = office_sizes(scale)
    formers = former_counts(sizes, scale)
    areas = defaultdict(list)
    for office_id, municipality_id, province in Office.municipalities.through.objects.values_list(
        "office_id", "municipality_id", "municipality__province"
    ).order_by("pk"):
        areas[office_id].append((municipality_id, province))
    used: set[int] = set()
    rows = []
    for office, size, former in zip(offices, sizes, formers, strict=True):
        ids = [pk for pk, _province in areas[office.pk]]
        drawn = draw_members(pools, used, ids, areas[office.pk][0][1], size + former)
        rows += _office_memberships(rng, office, drawn[:size], drawn[size:], today, scale)
    Membership.objects.bulk_create(rows, batch_size=5000)


def _office_memberships(rng, office, current, former, today, scale) -> list[Membership]:
    first = max(office.founded_on, today - datetime.timedelta(days=scale.history_days))
    last = today - datetime.timedelta(days=1)
    rows = []
    for entrepreneur_id in current:
        joined = random_date(rng, first, last)
        rows.append(_membership(office, entrepreneur_id, joined, None, rng))
    for entrepreneur_id in former:
        joined = random_date(rng, first, last - datetime.timedelta(days=1))
        left = random_date(rng, joined + datetime.timedelta(days=1), today)
        rows.append(_membership(office, entrepreneur_id, joined, left, rng))
    return rows


def _membership(office, entrepreneur_id, joined, left, rng) -> Membership:
    return Membership(
        office_id=office.pk,
        entrepreneur_id=entrepreneur_id,
        joined_on=joined,
        left_on=left,
        listed_publicly=rng.random() < 0.6,
    )


def _partners_create(scale: Scale, offices: list[Office]) -> None:
    """Sport service organisations and facilitators, each working for a handful of offices."""
    rng = random.Random(f"{scale.seed}:partners")
    partners = Partner.objects.bulk_create(
        Partner(name=f"Sportservice {index + 1}", kind=rng.choice(PartnerKind.values))
        for index in range(scale.partners)
    )
    through = Partner.offices.through
    through.objects.bulk_create(
        through(partner_id=partner.pk, office_id=office.pk)
        for partner in partners
        for office in rng.sample(offices, min(len(offices), rng.randint(1, 12)))
    )
