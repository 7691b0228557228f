"""The demo network: a fictitious but recognisable picture of the POS-kantoren in June 2025.

`seed_demo` calls `demo_seed`, which rebuilds the demo in one transaction. What it builds follows
the Mulier Instituut report (2025): 18 branch organisations, 41 offices in 43 real municipalities
(two offices span two), about 6,000 entrepreneurs of whom about 1,000 are office members, and the
five studied offices A–E, each recognisable by the traits the report gives them.

Everything about offices, entrepreneurs and people is invented; only the municipalities, the
branches of sport and the two branch organisations the report names (NL Actief, WiZZ) are real.
Offices and entrepreneurs carry `is_demo=True`; partners and bodies end in " (demo)"; all email
addresses end in `@demo.invalid`; KvK numbers start with "00", a prefix the KvK never issued
(the old chamber codes start at 01 and new numbers count up from 8 and 9), so they cannot point to
a real business.

The module has two halves. The *planning* functions take a seeded `random.Random` and plain data
and return plans (dataclasses), so the same seed always gives the same demo. The *writing*
functions turn plans into rows, with `bulk_create` where there are thousands, because saving
6,000 entrepreneurs one by one through the services takes minutes on SQLite.

Idempotent by rebuilding: every run deletes the demo offices and entrepreneurs (memberships and
their role grants go with them) and creates them again from the same seed. Accounts persist, so
a demo user keeps their password and their session settings; only their grants are renewed.
"""

import datetime
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from kapstok.accounts.models import Role, User
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.core.planner import planner_statistics_refresh
from kapstok.home.demo_branch import branch_seed
from kapstok.home.demo_clubs import clubs_and_region_seed
from kapstok.home.demo_coding import coding_seed
from kapstok.home.demo_community import community_seed
from kapstok.home.demo_finances import finances_seed
from kapstok.home.demo_founding import founding_login, founding_seed
from kapstok.home.demo_influence import influence_seed
from kapstok.home.demo_kapstok import kapstok_seed
from kapstok.home.demo_landscape import landscape_seed
from kapstok.home.demo_membercheck import member_check_seed
from kapstok.home.demo_monitor import monitor_seed
from kapstok.home.demo_municall import municall_seed
from kapstok.home.demo_municipality import municipality_seed
from kapstok.home.demo_peers import peers_seed
from kapstok.home.demo_positions import positions_seed
from kapstok.home.demo_start import start_seed
from kapstok.home.demo_support import support_seed
from kapstok.network import reference_data, services
from kapstok.network.models import (
    Body,
    BodyKind,
    BranchOrganisation,
    Entrepreneur,
    Initiative,
    LegalForm,
    Membership,
    Municipality,
    Office,
    OfficeStatus,
    Partner,
    PartnerKind,
    SizeBand,
    SportBranch,
)
from kapstok.progress.services import signals_compute
from kapstok.strategy.services import catalogue_ensure
from kapstok.support.models import SupportRequest
from kapstok.support.reference import categories_ensure

SEED = 20250601
DEMO_PASSWORD = "kapstok-demo"
DEMO_SUFFIX = " (demo)"
# The report's snapshot: "per juni 2025 zijn er 41 POS-kantoren in 43 gemeenten". Fixed dates keep
# the demo identical from day to day; history ends here.
FIRST_FOUNDING = datetime.date(2023, 3, 1)
LAST_FOUNDING = datetime.date(2025, 5, 31)
SNAPSHOT = datetime.date(2025, 6, 30)

OFFICE_COUNT = 41
ENTREPRENEUR_COUNT = 6000
CURRENT_MEMBERS = 1000
# Share of the independent entrepreneurs located in an office municipality; the rest is elsewhere.
OFFICE_PLACES_SHARE = 0.75
# An office recruits among its local landscape: plan at least this many entrepreneurs per member.
LANDSCAPE_PER_MEMBER = 3
LEAVER_SHARE = 0.11
REJOIN_CHANCE = 0.2
LISTED_CHANCE = 0.4
DORMANT_OFFICES = 2
# After the report: the year before the seed's `today` (see `plan_recent_moves`).
RECENT_DAYS = 365
RECENT_JOIN_SHARE = 0.1
RECENT_LEAVE_SHARE = 0.03
RECENT_LEAVE_QUIET = 120
# Office A's lead sees "krimpend ledental" on the start page (`demo_start`): its two recent
# leavers are the only change in the half year the shrinking rule looks back over.
SHRINKING_OFFICES = frozenset({"A"})
SHRINKING_QUIET = 200
MULTI_MUNICIPALITY_OFFICES = 2
STILL_OFFICES = frozenset({"D"})  # stalled since 2023 (report ch. 2.2): nobody joins after


# --- The world as the report describes it -------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    branches: tuple[str, ...]


# The two real ones are named in the report (chapter 1); the other sixteen are invented, marked
# "(demo)", so the demo never claims that a real organisation is a POS member.
ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("NL Actief", ("fitness", "crossfit-bootcamp", "wielrennen-spinning")),
    OrganisationSpec("WiZZ (Vereniging Werkgevers in Zwembaden en Zwemscholen)", ("zwemmen",)),
    OrganisationSpec("Branchevereniging Dansscholen (demo)", ("dans",)),
    OrganisationSpec("Branchevereniging Yoga- en Pilatesstudio's (demo)", ("yoga-pilates",)),
    OrganisationSpec("Branchevereniging Racketsportcentra (demo)", ("tennis", "squash-badminton")),
    OrganisationSpec("Branchevereniging Padelcentra (demo)", ("padel",)),
    OrganisationSpec("Branchevereniging Ruitersportcentra (demo)", ("paardensport",)),
    OrganisationSpec("Branchevereniging Golfbanen (demo)", ("golf",)),
    OrganisationSpec("Branchevereniging Vechtsportscholen (demo)", ("vechtsport",)),
    OrganisationSpec("Branchevereniging Klim- en Boulderhallen (demo)", ("klimmen",)),
    OrganisationSpec("Branchevereniging Airsoft en Paintball (demo)", ("airsoft-paintball",)),
    OrganisationSpec("Branchevereniging Watersportbedrijven (demo)", ("watersport",)),
    OrganisationSpec("Branchevereniging Outdoor en Avontuur (demo)", ("outdoor",)),
    OrganisationSpec(
        "Branchevereniging Wintersport en IJsbanen (demo)", ("wintersport", "schaatsen")
    ),
    OrganisationSpec("Branchevereniging Bowling en Biljart (demo)", ("bowling-biljart",)),
    OrganisationSpec("Branchevereniging Turn- en Beweegscholen (demo)", ("turnen-gymnastiek",)),
    OrganisationSpec(
        "Branchevereniging Loop- en Fietscentra (demo)",
        ("atletiek-hardlopen", "wielrennen-spinning"),
    ),
    OrganisationSpec("Branchevereniging Sportonderwijs (demo)", ("sportonderwijs-overig",)),
)
ORGANISATION_JOIN_CHANCE = 0.5
FALLBACK_ORGANISATION = ORGANISATIONS[0].name  # NL Actief, the broadest

# How common each branch is among local sport businesses (relative weights).
LANDSCAPE: dict[str, float] = {
    "fitness": 18, "crossfit-bootcamp": 5, "tennis": 7, "padel": 6, "squash-badminton": 2,
    "paardensport": 10, "golf": 4, "zwemmen": 4, "watersport": 4, "dans": 9, "yoga-pilates": 9,
    "vechtsport": 6, "klimmen": 2, "airsoft-paintball": 2, "wielrennen-spinning": 2,
    "wintersport": 1, "schaatsen": 0.5, "turnen-gymnastiek": 2, "atletiek-hardlopen": 1.5,
    "outdoor": 3, "bowling-biljart": 3, "sportonderwijs-overig": 3,
}  # fmt: skip

# How readily a business of each branch joins an office (chapter 3.2): small fitness, dance, yoga,
# airsoft, bootcamps and martial arts join; racket sports, equestrian, golf and swimming mostly not.
BRANCH_PULL: dict[str, float] = {
    "fitness": 1.0, "crossfit-bootcamp": 1.0, "dans": 1.0, "yoga-pilates": 1.0,
    "airsoft-paintball": 1.2, "vechtsport": 0.9,
    "tennis": 0.08, "padel": 0.08, "squash-badminton": 0.08, "paardensport": 0.06, "golf": 0.05,
    "zwemmen": 0.06,
}  # fmt: skip
DEFAULT_PULL = 0.4
CHAIN_PULL = 0.05  # "de grotere ketens" are missing
LARGE_PULL = 0.2

# A second branch, when a business has one, is usually a neighbour of the first.
RELATED: dict[str, tuple[str, ...]] = {
    "fitness": ("crossfit-bootcamp", "vechtsport", "yoga-pilates", "wielrennen-spinning"),
    "crossfit-bootcamp": ("fitness", "atletiek-hardlopen"),
    "tennis": ("padel", "squash-badminton"),
    "padel": ("tennis", "squash-badminton"),
    "squash-badminton": ("padel", "fitness"),
    "zwemmen": ("watersport", "fitness"),
    "watersport": ("zwemmen", "outdoor"),
    "dans": ("yoga-pilates", "turnen-gymnastiek"),
    "yoga-pilates": ("dans", "fitness"),
    "vechtsport": ("fitness",),
    "outdoor": ("airsoft-paintball", "klimmen", "watersport"),
    "airsoft-paintball": ("outdoor",),
}
SECOND_BRANCH_CHANCE = 0.25

# Businesses with a venue (courts, stables, pools) are bigger than studios.
VENUE_BRANCHES = frozenset(
    {"tennis", "padel", "squash-badminton", "paardensport", "golf", "zwemmen", "klimmen",
     "bowling-biljart", "watersport", "schaatsen", "wintersport", "outdoor"}
)  # fmt: skip
STUDIO_SIZES = {SizeBand.SOLO: 40, SizeBand.SMALL: 45, SizeBand.MEDIUM: 12, SizeBand.LARGE: 3}
VENUE_SIZES = {SizeBand.SOLO: 5, SizeBand.SMALL: 45, SizeBand.MEDIUM: 38, SizeBand.LARGE: 12}

TRADE_WORDS: dict[str, tuple[str, ...]] = {
    "fitness": ("Fitstudio", "Sportschool", "Personal Training", "Trainingsstudio", "Gym"),
    "crossfit-bootcamp": ("CrossFit Box", "Bootcamp", "Functional Training"),
    "tennis": ("Tennispark", "Tennisschool", "Tennishal"),
    "padel": ("Padelcentrum", "Padelhal", "Padelclub"),
    "squash-badminton": ("Squashcentrum", "Badmintonhal"),
    "paardensport": ("Manege", "Ruiterschool", "Paardensportcentrum", "Pensionstal"),
    "golf": ("Golfbaan", "Golfschool", "Golfpark"),
    "zwemmen": ("Zwemschool", "Zwemcentrum", "Zwembad"),
    "watersport": ("Zeilschool", "Watersportcentrum", "Kanoverhuur", "SUP-school"),
    "dans": ("Dansschool", "Dansstudio", "Balletstudio", "Danscentrum"),
    "yoga-pilates": ("Yogastudio", "Pilatesstudio", "Yogaschool"),
    "vechtsport": ("Vechtsportschool", "Boksschool", "Judoschool", "Kickboksgym"),
    "klimmen": ("Klimhal", "Boulderhal"),
    "airsoft-paintball": ("Airsoftveld", "Paintballpark"),
    "wielrennen-spinning": ("Spinningstudio", "Fietsstudio", "Wielerschool"),
    "wintersport": ("Skischool", "Snowboardschool"),
    "schaatsen": ("Schaatsschool",),
    "turnen-gymnastiek": ("Turnschool", "Freerunning Academy"),
    "atletiek-hardlopen": ("Hardloopschool", "Loopcentrum"),
    "outdoor": ("Outdoorcentrum", "Survivalcentrum", "Avonturenpark"),
    "bowling-biljart": ("Bowlingcentrum", "Biljartcentrum"),
    "sportonderwijs-overig": ("Sportacademie", "Beweegcentrum", "Kinderbeweegschool"),
}
NAME_WORDS = (
    "Balans", "Beweeg", "Flow", "Kracht", "Puur", "Ritme", "Sterk", "Vitaal", "Energie", "Fier",
    "Horizon", "Kompas", "Linde", "Eik", "Noorderlicht", "Zuiderzon", "Polder", "Duin", "Beek",
    "Molen", "Toren", "Haven", "Brug", "Veld", "Heide", "Vonk", "Stroom", "Wind", "Kern",
)  # fmt: skip
FIRST_NAMES = (
    "Anouk", "Bram", "Charlotte", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Iris", "Jeroen",
    "Kim", "Lars", "Lotte", "Mark", "Noor", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Tessa",
    "Wouter", "Yara", "Zeynep", "Mohamed", "Fatima", "Sem", "Julia", "Milan", "Lieke",
)  # fmt: skip
SURNAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
    "Vermeulen", "van den Berg", "van Dijk", "Hoekstra", "Koster", "Prins", "Blom", "Huisman",
    "Post", "Kuipers", "van Beek", "Willems", "Bosman", "Verhoeven", "Yilmaz", "El Amrani",
)  # fmt: skip


@dataclass(frozen=True)
class ChainSpec:
    """A chain brand; its establishments share one KvK number."""

    brand: str
    branch: str
    establishments: int


# Invented brands (birds), 180 establishments: 3 % of the entrepreneurs.
CHAINS: tuple[ChainSpec, ...] = (
    ChainSpec("Zwaluw Fitness", "fitness", 25),
    ChainSpec("Kievit Gym", "fitness", 20),
    ChainSpec("Reiger Sportclubs", "fitness", 18),
    ChainSpec("Merel Fit", "fitness", 15),
    ChainSpec("Ooievaar Fitness", "fitness", 12),
    ChainSpec("Fuut Fitness", "fitness", 10),
    ChainSpec("Grutto Gym", "fitness", 10),
    ChainSpec("Specht Padel", "padel", 14),
    ChainSpec("Meeuw Padel", "padel", 10),
    ChainSpec("Aalscholver Padel", "padel", 8),
    ChainSpec("Eider Zwemscholen", "zwemmen", 12),
    ChainSpec("Lepelaar Zwemscholen", "zwemmen", 8),
    ChainSpec("Buizerd Klimhallen", "klimmen", 6),
    ChainSpec("Wulp Bowling", "bowling-biljart", 6),
    ChainSpec("Tureluur Tennis", "tennis", 6),
)

DEMO_NOTE = "Fictief demokantoor: naam, leden en cijfers zijn verzonnen."
STUDY_NOTE = (
    "Naar het voorbeeld van kantoor {letter} uit het onderzoek van het Mulier Instituut (2025); "
    "de gemeente is willekeurig gekozen."
)


@dataclass(frozen=True)
class ReportOfficeSpec:
    """One of the five offices the report studied, placed in a real mid-sized municipality."""

    letter: str
    municipality: str
    initiative: str
    legal_form: str
    founded_on: datetime.date
    members: int
    leavers: int
    story: str
    growth_until: datetime.date | None = None


REPORT_OFFICES: tuple[ReportOfficeSpec, ...] = (
    ReportOfficeSpec(
        letter="A",
        municipality="Deventer",
        initiative=Initiative.JOINT,
        legal_form=LegalForm.NONE,
        founded_on=datetime.date(2023, 4, 12),
        members=52,
        leavers=6,
        story="Ontstaan op gezamenlijk initiatief van ondernemers en het POS: een medewerker van "
        "de sportservice-organisatie nam met enkele ondernemers het initiatief en voert de regie. "
        "Relatief groot netwerk, snel opgezet en uitgebreid.",
    ),
    ReportOfficeSpec(
        letter="B",
        municipality="Hoorn",
        initiative=Initiative.JOINT,
        legal_form=LegalForm.ASSOCIATION,
        founded_on=datetime.date(2023, 6, 20),
        members=9,
        leavers=1,
        story="Gezamenlijk initiatief van ondernemers en het POS; een klein netwerk. Op verzoek "
        "van de gemeente werd het kantoor een vereniging, zodat de gemeente het een opdracht kon "
        "geven om doelstellingen, strategieën en activiteiten uit te werken.",
    ),
    ReportOfficeSpec(
        letter="C",
        municipality="Roosendaal",
        initiative=Initiative.ENTREPRENEURS,
        legal_form=LegalForm.NONE,
        founded_on=datetime.date(2023, 5, 8),
        members=24,
        leavers=3,
        story="Opgericht door ondernemers om een stem te krijgen in de sportraad; sinds de "
        "oprichting neemt één afgevaardigde van het kantoor plaats in de sportraad (de zetel "
        "volgt in het invloedsregister). Middelgroot netwerk, begeleid door een procesbegeleider.",
    ),
    ReportOfficeSpec(
        letter="D",
        municipality="Assen",
        initiative=Initiative.ENTREPRENEURS,
        legal_form=LegalForm.NONE,
        founded_on=datetime.date(2023, 5, 22),
        members=6,
        leavers=3,
        story="Ondernemersinitiatief, klein netwerk, ook hier met een sportraad in de gemeente. "
        "Na een vliegende start in 2023 hapert het: sindsdien geen nieuwe leden, enkelen haakten "
        "af.",
        growth_until=datetime.date(2023, 12, 31),
    ),
    ReportOfficeSpec(
        letter="E",
        municipality="Venlo",
        initiative=Initiative.POS,
        legal_form=LegalForm.NONE,
        founded_on=datetime.date(2023, 9, 14),
        members=61,
        leavers=7,
        story="Op initiatief van het POS ontstaan; groot netwerk. De gemeente stelde eenmalig €600 "
        "uit de gelden voor het sportakkoord beschikbaar aan de kartrekkers, vooral om het aantal "
        "aangesloten ondernemers te laten groeien.",
    ),
)

INITIATIVE_WEIGHTS = {
    Initiative.POS: 40, Initiative.ENTREPRENEURS: 25, Initiative.MUNICIPALITY: 15,
    Initiative.JOINT: 20,
}  # fmt: skip
LEGAL_FORM_WEIGHTS = {LegalForm.NONE: 80, LegalForm.ASSOCIATION: 12, LegalForm.FOUNDATION: 8}
INITIATIVE_TEXT = {
    Initiative.POS: "op initiatief van het POS",
    Initiative.ENTREPRENEURS: "op initiatief van lokale sportondernemers",
    Initiative.MUNICIPALITY: "op initiatief van de gemeente",
    Initiative.JOINT: "op gezamenlijk initiatief van ondernemers, gemeente en POS",
}


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    role: str
    scope: str = ""  # "A", "E", "A-member", "A-municipality", "C-partner" or empty


PEOPLE: tuple[Person, ...] = (
    Person("pos@demo.invalid", "Petra Postma", Role.POS_STAFF),
    Person("lead-a@demo.invalid", "Kees Kortekaas", Role.LEAD, "A"),
    Person("lead-e@demo.invalid", "Esther Egberts", Role.LEAD, "E"),
    Person("member-a@demo.invalid", "Marieke Mulder", Role.MEMBER, "A-member"),
    Person("gemeente-a@demo.invalid", "Gerrit Gemert", Role.CIVIL_SERVANT, "A-municipality"),
    Person("partner-c@demo.invalid", "Paula Prins", Role.PARTNER_STAFF, "C-partner"),
    Person("researcher@demo.invalid", "Rob Reijnders", Role.RESEARCHER),
    Person("admin@demo.invalid", "Ada Admiraal", Role.SITE_ADMIN),
)


# --- Plans (pure) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A municipality as the planner sees it: no ORM, so planning is testable without a DB."""

    code: str
    name: str
    province: str
    population: int
    lat: float
    lon: float


@dataclass
class OfficePlan:
    name: str
    places: tuple[Place, ...]
    founded_on: datetime.date
    initiative: str
    legal_form: str
    members: int
    leavers: int
    description: str
    letter: str = ""
    status: str = OfficeStatus.ACTIVE
    growth_until: datetime.date = SNAPSHOT
    rejoins: bool = True


@dataclass
class EntrepreneurPlan:
    business_name: str
    kvk_number: str
    place: Place
    branches: tuple[str, ...]
    size_band: str
    email: str
    website: str = ""
    establishment_number: str = ""
    is_chain: bool = False
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class MembershipPlan:
    office: int  # index into the office plans
    entrepreneur: int  # index into the entrepreneur plans
    joined_on: datetime.date
    left_on: datetime.date | None
    listed_publicly: bool


@dataclass
class DemoPlan:
    offices: list[OfficePlan]
    entrepreneurs: list[EntrepreneurPlan]
    memberships: list[MembershipPlan]
    lead_names: list[str] = field(default_factory=list)


def weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """Draw k distinct items, each with a chance proportional to its weight.

    Efraimidis–Spirakis: give every item the key u^(1/w) and keep the k largest, so a heavy item
    is likely but not certain to be drawn. `weighted_sample(rng, ["a", "b"], [9, 1], 1)` is
    "a" nine times out of ten.
    """
    keyed = [(rng.random() ** (1 / weight), index) for index, weight in enumerate(weights)]
    keyed.sort(reverse=True)
    return [items[index] for _key, index in keyed[:k]]


def random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _distance(a: Place, b: Place) -> float:
    # Degrees, with longitude shrunk at Dutch latitudes; good enough to find a neighbour.
    return math.hypot(a.lat - b.lat, (a.lon - b.lon) * 0.62)


def pick_office_places(
    rng: random.Random, places: list[Place], taken: set[str]
) -> list[tuple[Place, ...]]:
    """Choose where the other offices are: every province at least once, larger places likelier.

    Two of the offices also get their nearest neighbour in the same province, giving the report's
    "41 offices in 43 municipalities".
    """
    wanted = OFFICE_COUNT - len(REPORT_OFFICES)
    candidates = [p for p in places if p.population >= 25_000 and p.code not in taken]
    covered = {p.province for p in places if p.code in taken}
    chosen = []
    for province in sorted({p.province for p in places} - covered):
        local = [p for p in candidates if p.province == province and p not in chosen]
        chosen += weighted_sample(rng, local, [p.population for p in local], 1)
    rest = [p for p in candidates if p not in chosen]
    chosen += weighted_sample(rng, rest, [p.population for p in rest], wanted - len(chosen))
    chosen.sort(key=lambda p: p.code)
    return _pair_with_neighbours(rng, places, chosen, taken)


def _pair_with_neighbours(rng, places, chosen, taken) -> list[tuple[Place, ...]]:
    used = taken | {p.code for p in chosen}
    groups = [(p,) for p in chosen]
    for index in sorted(rng.sample(range(len(groups)), MULTI_MUNICIPALITY_OFFICES)):
        first = groups[index][0]
        around = [p for p in places if p.province == first.province and p.code not in used]
        neighbour = min(around, key=lambda p: _distance(first, p))
        used.add(neighbour.code)
        groups[index] = (first, neighbour)
    return groups


def plan_report_office(spec: ReportOfficeSpec, place: Place) -> OfficePlan:
    story = f"{DEMO_NOTE} {STUDY_NOTE.format(letter=spec.letter)} {spec.story}"
    return OfficePlan(
        name=f"POS-kantoor {place.name}",
        places=(place,),
        founded_on=spec.founded_on,
        initiative=spec.initiative,
        legal_form=spec.legal_form,
        members=spec.members,
        leavers=spec.leavers,
        description=story,
        letter=spec.letter,
        growth_until=spec.growth_until or SNAPSHOT,
        rejoins=False,
    )


def plan_member_count(rng: random.Random, founded_on: datetime.date) -> int:
    """Members now: small, medium or large at random, but a young office is still small."""
    months = (SNAPSHOT - founded_on).days // 30
    low, high = rng.choices([(4, 14), (15, 39), (40, 72)], weights=[40, 42, 18])[0]
    return min(rng.randint(low, high), 5 + 3 * months)


def plan_other_office(rng: random.Random, places: tuple[Place, ...]) -> OfficePlan:
    founded_on = random_date(rng, FIRST_FOUNDING, LAST_FOUNDING)
    initiative = rng.choices(list(INITIATIVE_WEIGHTS), list(INITIATIVE_WEIGHTS.values()))[0]
    members = plan_member_count(rng, founded_on)
    where = " en ".join(p.name for p in places)
    description = (
        f"{DEMO_NOTE} Lokaal netwerk van sportondernemers in {where}, "
        f"opgericht {INITIATIVE_TEXT[initiative]}."
    )
    return OfficePlan(
        name=f"POS-kantoor {where}",
        places=places,
        founded_on=founded_on,
        initiative=initiative,
        legal_form=rng.choices(list(LEGAL_FORM_WEIGHTS), list(LEGAL_FORM_WEIGHTS.values()))[0],
        members=members,
        leavers=round(members * LEAVER_SHARE * rng.uniform(0.5, 1.5)),
        description=description,
    )


def make_dormant(rng: random.Random, offices: list[OfficePlan]) -> None:
    """Two older offices fell asleep half a year after their start: few members, no growth."""
    old = [o for o in offices if not o.letter and o.founded_on < datetime.date(2024, 6, 1)]
    for office in rng.sample(old, DORMANT_OFFICES):
        office.status = OfficeStatus.DORMANT
        office.members = rng.randint(4, 8)
        office.leavers = rng.randint(1, 3)
        office.growth_until = office.founded_on + datetime.timedelta(days=180)
        office.description += " Het netwerk is sinds het eerste halfjaar stilgevallen."


def scale_to_total(offices: list[OfficePlan], total: int) -> None:
    """Scale the growing offices so the network has about `total` current members (~1,000).

    Sizes are drawn one office at a time; without this the sum would wander with the seed.
    """
    fixed = sum(o.members for o in offices if o.letter or o.status != OfficeStatus.ACTIVE)
    growing = [o for o in offices if not o.letter and o.status == OfficeStatus.ACTIVE]
    factor = (total - fixed) / sum(o.members for o in growing)
    for office in growing:
        office.members = max(3, round(office.members * factor))
        office.leavers = round(office.leavers * factor)


def plan_offices(rng: random.Random, places: list[Place]) -> list[OfficePlan]:
    by_name = {p.name: p for p in places}
    missing = [s.municipality for s in REPORT_OFFICES if s.municipality not in by_name]
    if missing:
        raise ValueError(f"Gemeenten ontbreken: {', '.join(missing)}; laad eerst de CBS-gemeenten.")
    report = [plan_report_office(s, by_name[s.municipality]) for s in REPORT_OFFICES]
    taken = {o.places[0].code for o in report}
    others = [plan_other_office(rng, g) for g in pick_office_places(rng, places, taken)]
    make_dormant(rng, others)
    scale_to_total(report + others, CURRENT_MEMBERS)
    return report + others


def place_counts(
    rng: random.Random, places: list[Place], offices: list[OfficePlan], total: int
) -> Counter:
    """How many independent entrepreneurs each municipality gets.

    An office municipality gets enough for its office to recruit from (LANDSCAPE_PER_MEMBER per
    member), topped up by population; the rest go elsewhere, also by population.
    """
    counts: Counter = Counter()
    for office in offices:
        need = LANDSCAPE_PER_MEMBER * (office.members + office.leavers + 2)
        population = sum(p.population for p in office.places)
        for place in office.places:
            counts[place] = math.ceil(need * place.population / population)
    spare = max(0, round(total * OFFICE_PLACES_SHARE) - sum(counts.values()))
    office_population = sum(p.population for p in counts)
    for place in list(counts):
        counts[place] += round(spare * place.population / office_population)
    elsewhere = [p for p in places if p not in counts]
    left = total - sum(counts.values())
    counts.update(rng.choices(elsewhere, [p.population for p in elsewhere], k=left))
    return counts


def pick_branches(rng: random.Random) -> tuple[str, ...]:
    first = rng.choices(list(LANDSCAPE), list(LANDSCAPE.values()))[0]
    if rng.random() >= SECOND_BRANCH_CHANCE:
        return (first,)
    second = rng.choice(RELATED.get(first) or list(LANDSCAPE))
    return (first,) if second == first else (first, second)


def pick_organisations(
    rng: random.Random, branches: tuple[str, ...], *, certain: bool = False, number: int = 0
) -> tuple[str, ...]:
    """Branch organisations the business joined: each one covering its branches, half the time,
    and at least one, as the report has every sport entrepreneur affiliated through them.

    A business that drew none joins one of those covering its branches, picked by `number`
    rather than by `rng`: drawing again would shift every later draw, and so the whole demo.
    A branch no organisation covers falls back to the broad NL Actief.
    """
    covering = [spec.name for spec in ORGANISATIONS if set(spec.branches) & set(branches)]
    chosen = tuple(name for name in covering if certain or rng.random() < ORGANISATION_JOIN_CHANCE)
    if chosen:
        return chosen
    fallback = covering or [FALLBACK_ORGANISATION]
    return (fallback[number % len(fallback)],)


def plan_independent(rng: random.Random, number: int, place: Place) -> EntrepreneurPlan:
    branches = pick_branches(rng)
    sizes = VENUE_SIZES if branches[0] in VENUE_BRANCHES else STUDIO_SIZES
    trade = rng.choice(TRADE_WORDS[branches[0]])
    word = rng.choice(NAME_WORDS + SURNAMES)
    name = f"{trade} {word}" + (f" {place.name}" if rng.random() < 0.4 else "")
    return EntrepreneurPlan(
        business_name=name,
        kvk_number=f"{100_000 + number:08d}",
        place=place,
        branches=branches,
        size_band=rng.choices(list(sizes), list(sizes.values()))[0],
        email=f"ondernemer{number:04d}@demo.invalid",
        website=f"https://ondernemer{number:04d}.demo.invalid" if rng.random() < 0.6 else "",
        organisations=pick_organisations(rng, branches, number=number),
    )


def plan_chain(
    rng: random.Random, number: int, spec: ChainSpec, places: list[Place]
) -> list[EntrepreneurPlan]:
    """A chain's establishments: one KvK number, distinct 12-digit establishment numbers."""
    slug = slugify(spec.brand)
    spots = rng.choices(places, [p.population for p in places], k=spec.establishments)
    return [
        EntrepreneurPlan(
            business_name=f"{spec.brand} {place.name}",
            kvk_number=f"{90_000 + number:08d}",
            establishment_number=f"99{number:02d}{index:08d}",
            place=place,
            branches=(spec.branch,),
            size_band=rng.choice([SizeBand.MEDIUM, SizeBand.LARGE]),
            email=f"{slug}-{index:02d}@demo.invalid",
            website=f"https://{slug}.demo.invalid",
            is_chain=True,
            organisations=pick_organisations(rng, (spec.branch,), certain=True),
        )
        for index, place in enumerate(spots, start=1)
    ]


def plan_entrepreneurs(
    rng: random.Random, places: list[Place], offices: list[OfficePlan]
) -> list[EntrepreneurPlan]:
    chains = [e for n, s in enumerate(CHAINS, start=1) for e in plan_chain(rng, n, s, places)]
    counts = place_counts(rng, places, offices, ENTREPRENEUR_COUNT - len(chains))
    independents = [
        plan_independent(rng, number, place)
        for number, place in enumerate(sorted(counts.elements(), key=lambda p: p.code), 1)
    ]
    return independents + chains


def member_pull(plan: EntrepreneurPlan) -> float:
    """How likely this business is to join its local office, relative to a small studio (1.0)."""
    pull = min(BRANCH_PULL.get(slug, DEFAULT_PULL) for slug in plan.branches)
    if plan.is_chain:
        return pull * CHAIN_PULL
    return pull * LARGE_PULL if plan.size_band == SizeBand.LARGE else pull


def plan_office_members(
    rng: random.Random, number: int, office: OfficePlan, pool: list[int], entrepreneurs: list
) -> list[MembershipPlan]:
    """Who joined one office and when: a founding group, growth after, some leavers.

    A third joins in the first three weeks (the "vliegende start"); the others join until the
    office stops growing. Leavers leave after at least two months; some come back later.
    """
    weights = [member_pull(entrepreneurs[i]) for i in pool]
    chosen = weighted_sample(rng, pool, weights, office.members + office.leavers)
    founding_end = office.founded_on + datetime.timedelta(days=21)
    leaving = set(rng.sample(range(len(chosen)), office.leavers))
    plans = []
    for position, entrepreneur in enumerate(chosen):
        early = position < len(chosen) // 3
        end = founding_end if early else office.growth_until
        joined = random_date(rng, office.founded_on, min(end, SNAPSHOT))
        plan = MembershipPlan(number, entrepreneur, joined, None, rng.random() < LISTED_CHANCE)
        plans += _leave(rng, office, plan) if position in leaving else [plan]
    return plans


def _leave(rng: random.Random, office: OfficePlan, plan: MembershipPlan) -> list[MembershipPlan]:
    earliest = plan.joined_on + datetime.timedelta(days=60)
    left_on = min(random_date(rng, earliest, SNAPSHOT), SNAPSHOT)
    ended = MembershipPlan(plan.office, plan.entrepreneur, plan.joined_on, left_on, False)
    comeback = left_on + datetime.timedelta(days=90)
    if not office.rejoins or comeback >= SNAPSHOT or rng.random() >= REJOIN_CHANCE:
        return [ended]
    again = random_date(rng, comeback, SNAPSHOT)
    return [
        ended,
        MembershipPlan(plan.office, plan.entrepreneur, again, None, plan.listed_publicly),
    ]


def plan_memberships(
    rng: random.Random, offices: list[OfficePlan], entrepreneurs: list[EntrepreneurPlan]
) -> list[MembershipPlan]:
    by_place = defaultdict(list)
    for index, entrepreneur in enumerate(entrepreneurs):
        by_place[entrepreneur.place].append(index)
    plans = []
    for number, office in enumerate(offices):
        pool = [i for place in office.places for i in by_place[place]]
        plans += plan_office_members(rng, number, office, pool, entrepreneurs)
    return plans


@dataclass(frozen=True)
class RecentMoves:
    """The year before the seed's `today`: who joined and which memberships ended."""

    joined: list[MembershipPlan]
    left: dict[int, datetime.date]  # index into the membership plans -> left_on


def _recent_window(today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    start = max(SNAPSHOT + datetime.timedelta(days=1), today - datetime.timedelta(days=RECENT_DAYS))
    end = today - datetime.timedelta(days=1)
    return (start, end) if start <= end else None


def plan_recent_moves(
    rng: random.Random, plan: DemoPlan, today: datetime.date, *, still: frozenset[str] = frozenset()
) -> RecentMoves:
    """The network after the report: growing offices gain members and lose a few in the last year.

    The history up to June 2025 is fixed; this adds the months until `today`, so the members
    page, the index history and the shrinking signal show a living network. Dormant offices and
    the report offices in `still` (stalled D) get nothing. Too close to the snapshot (office A's
    quiet half year would not fit) there is nothing to add yet.
    """
    window = _recent_window(today)
    if window is None or window[0] > today - datetime.timedelta(days=SHRINKING_QUIET):
        return RecentMoves([], {})
    moves = RecentMoves([], {})
    for number, office in enumerate(plan.offices):
        if office.status == OfficeStatus.ACTIVE and office.letter not in still:
            _office_recent_moves(rng, plan, number, window, today, moves)
    return moves


def _office_recent_moves(rng, plan: DemoPlan, number: int, window, today, moves: RecentMoves):
    """Newcomers from the office's places who were never members, and a few leavers.

    Leavers leave at least RECENT_LEAVE_QUIET days ago, and in the SHRINKING_OFFICES nothing
    moves in the last SHRINKING_QUIET days, so the two recent leavers `demo_start` gives office
    A stay its only change of the last half year. The first six members (the demo member and
    those who shared their details with the municipality) never leave.
    """
    office = plan.offices[number]
    own = [i for i, m in enumerate(plan.memberships) if m.office == number]
    taken = {plan.memberships[i].entrepreneur for i in own}
    pool = [
        i
        for i, e in enumerate(plan.entrepreneurs)
        if e.place in office.places and i not in taken and not e.is_chain
    ]
    wanted = max(1, round(office.members * RECENT_JOIN_SHARE))
    newcomers = weighted_sample(
        rng, pool, [member_pull(plan.entrepreneurs[i]) for i in pool], wanted
    )
    last = window[1]
    if office.letter in SHRINKING_OFFICES:
        last = min(last, today - datetime.timedelta(days=SHRINKING_QUIET))
    moves.joined.extend(
        MembershipPlan(
            number, i, random_date(rng, window[0], last), None, rng.random() < LISTED_CHANCE
        )
        for i in newcomers
    )
    last_leave = min(last, today - datetime.timedelta(days=RECENT_LEAVE_QUIET))
    current = sorted(
        (i for i in own if plan.memberships[i].left_on is None),
        key=lambda i: (plan.memberships[i].joined_on, i),
    )[6:]
    leaving = rng.sample(current, min(len(current), round(office.members * RECENT_LEAVE_SHARE)))
    moves.left.update({i: random_date(rng, window[0], last_leave) for i in leaving})


def plan_demo(places: list[Place], seed: int = SEED) -> DemoPlan:
    """The whole demo as plain data; the same places and seed always give the same plan."""
    rng = random.Random(seed)
    offices = plan_offices(rng, places)
    entrepreneurs = plan_entrepreneurs(rng, places, offices)
    memberships = plan_memberships(rng, offices, entrepreneurs)
    lead_names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _office in offices]
    return DemoPlan(offices, entrepreneurs, memberships, lead_names)


# --- Writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    email: str
    role: str
    full_name: str
    password: str = DEMO_PASSWORD


@dataclass
class DemoSummary:
    counts: dict[str, int]
    logins: list[Login]
    lead_count: int


def reference_ensure(*, today: datetime.date) -> None:
    """Load the reference data that is missing, so seed_demo works on any database."""
    if not Municipality.objects.exists():
        reference_data.municipalities_load(today=today)
    if not SportBranch.objects.exists():
        reference_data.taxonomy_load()
    # Put in by data migrations; a test server that empties its database between tests has lost
    # them (`flush`), so the demo adds what is missing.
    catalogue_ensure()
    categories_ensure()


def demo_clear() -> None:
    """Remove the previous demo; memberships, grants and partner assignments cascade."""
    Office.objects.filter(is_demo=True).delete()
    Entrepreneur.objects.filter(is_demo=True).delete()


def places_load() -> dict[Place, Municipality]:
    return {
        Place(m.code, m.name, m.province, m.population, m.label_lat, m.label_lon): m
        for m in Municipality.objects.current().order_by("code")
    }


def organisations_ensure(branches: dict[str, SportBranch]) -> dict[str, BranchOrganisation]:
    """The 18 branch organisations; real ones are only added to, never overwritten."""
    organisations = {}
    for spec in ORGANISATIONS:
        organisation, _created = BranchOrganisation.objects.get_or_create(
            slug=slugify(spec.name)[:50], defaults={"name": spec.name}
        )
        organisation.branches.add(*(branches[slug] for slug in spec.branches))
        organisations[spec.name] = organisation
    return organisations


def offices_create(plans: list[OfficePlan], places: dict[Place, Municipality]) -> list[Office]:
    offices = []
    for plan in plans:
        office = Office(
            name=plan.name,
            founded_on=plan.founded_on,
            initiative=plan.initiative,
            legal_form=plan.legal_form,
            status=plan.status,
            description=plan.description,
            is_demo=True,
        )
        municipalities = [places[p] for p in plan.places]
        offices.append(services.office_save(office=office, municipalities=municipalities))
    return offices


def entrepreneurs_create(
    plans: list[EntrepreneurPlan],
    places: dict[Place, Municipality],
    branches: dict[str, SportBranch],
    organisations: dict[str, BranchOrganisation],
) -> list[Entrepreneur]:
    rows = Entrepreneur.objects.bulk_create(
        Entrepreneur(
            business_name=plan.business_name,
            kvk_number=plan.kvk_number,
            establishment_number=plan.establishment_number,
            municipality=places[plan.place],
            website=plan.website,
            email=plan.email,
            size_band=plan.size_band,
            is_chain=plan.is_chain,
            is_demo=True,
        )
        for plan in plans
    )
    BranchLink = Entrepreneur.branches.through
    BranchLink.objects.bulk_create(
        BranchLink(entrepreneur_id=row.pk, sportbranch_id=branches[slug].pk)
        for row, plan in zip(rows, plans, strict=True)
        for slug in plan.branches
    )
    OrganisationLink = Entrepreneur.branch_organisations.through
    OrganisationLink.objects.bulk_create(
        OrganisationLink(entrepreneur_id=row.pk, branchorganisation_id=organisations[name].pk)
        for row, plan in zip(rows, plans, strict=True)
        for name in plan.organisations
    )
    return rows


def memberships_create(
    plans: list[MembershipPlan], offices: list[Office], entrepreneurs: list[Entrepreneur]
) -> None:
    Membership.objects.bulk_create(
        Membership(
            office=offices[plan.office],
            entrepreneur=entrepreneurs[plan.entrepreneur],
            joined_on=plan.joined_on,
            left_on=plan.left_on,
            listed_publicly=plan.listed_publicly,
        )
        for plan in plans
    )


def recent_moves_create(
    moves: RecentMoves,
    plans: list[MembershipPlan],
    offices: list[Office],
    entrepreneurs: list[Entrepreneur],
) -> None:
    """Write the year after the report: end the leavers' memberships, add the newcomers."""
    ending = {(offices[plans[i].office].pk, entrepreneurs[plans[i].entrepreneur].pk): day
              for i, day in moves.left.items()}  # fmt: skip
    rows = list(
        Membership.objects.filter(
            office__in={office for office, _e in ending},
            entrepreneur__in={entrepreneur for _o, entrepreneur in ending},
            left_on__isnull=True,
        )
    )
    for row in rows:
        row.left_on = ending.get((row.office_id, row.entrepreneur_id), row.left_on)
    Membership.objects.bulk_update([r for r in rows if r.left_on], ["left_on"])
    memberships_create(moves.joined, offices, entrepreneurs)


def _named(model, name: str, kind: str, municipalities: list[Municipality]):
    row, _created = model.objects.update_or_create(name=name, defaults={"kind": kind})
    row.municipalities.set(municipalities)
    return row


def partners_ensure(rng: random.Random, offices: dict[str, Office], others: list[Office]) -> dict:
    """Partners as the report met them: A's sport service organisation, C's facilitator, more.

    The regional sport service organisation serves up to three offices in one province; the
    advisory firm facilitates two offices anywhere, like the facilitator of the report's kantoor H.
    """
    anchor = rng.choice(others)
    regional = [o for o in others if _province(o) == _province(anchor)][:3]
    advised = rng.sample([o for o in others if o not in regional], 2)
    wanted = {
        "A": (f"Sportservice {_place(offices['A'])}", PartnerKind.SPORT_SERVICE, [offices["A"]]),
        "C": ("Procesbegeleiding Samen Verder", PartnerKind.FACILITATOR, [offices["C"]]),
        "regional": (f"Sportservice Regio {_place(anchor)}", PartnerKind.SPORT_SERVICE, regional),
        "advice": ("Adviesbureau Netwerkkracht", PartnerKind.FACILITATOR, advised),
    }
    partners = {}
    for key, (name, kind, assigned) in wanted.items():
        towns = [m for office in assigned for m in office.municipalities.all()]
        partners[key] = _named(Partner, name + DEMO_SUFFIX, kind, towns)
        partners[key].offices.set(assigned)
    names = [p.name for p in partners.values()]
    Partner.objects.filter(name__endswith=DEMO_SUFFIX).exclude(name__in=names).delete()
    return partners


def _province(office: Office) -> str:
    return office.municipalities.order_by("code").first().province


def _place(office: Office) -> str:
    return office.municipalities.order_by("code").first().name


def bodies_ensure(rng: random.Random, offices: dict[str, Office], others: list[Office]) -> None:
    """Sport councils (C and D have one, chapter 2.2) and sportakkoord core teams."""
    councils = [offices["C"], offices["D"], *rng.sample(others, 2)]
    # All five report offices sought influence in their sportakkoord (report ch. 2.2).
    core_teams = [offices[letter] for letter in "ABCDE"] + rng.sample(others, 4)
    wanted = [(f"Sportraad {_place(o)}", BodyKind.SPORT_COUNCIL, o) for o in councils]
    wanted += [(f"Kernteam sportakkoord {_place(o)}", BodyKind.CORE_TEAM, o) for o in core_teams]
    wanted.append((f"GALA-tafel {_place(offices['E'])}", BodyKind.PREVENTION_TABLE, offices["E"]))
    for name, kind, office in wanted:
        _named(Body, name + DEMO_SUFFIX, kind, list(office.municipalities.all()))
    names = [name + DEMO_SUFFIX for name, _kind, _office in wanted]
    Body.objects.filter(name__endswith=DEMO_SUFFIX).exclude(name__in=names).delete()


def account_ensure(email: str, full_name: str, password_hash: str) -> User:
    """The demo account for this email; an existing account keeps its password.

    One precomputed hash serves every new demo account: hashing 50 passwords with Argon2 would
    cost seconds on each fresh seed, for a password that is printed on the screen anyway.
    """
    user = user_ensure(email=email, full_name=full_name)
    if not user.has_usable_password():
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def first_member(office: Office) -> Entrepreneur:
    membership = office.memberships.current().order_by("joined_on", "pk").first()
    return membership.entrepreneur


def people_ensure(offices: dict[str, Office], partners: dict, password_hash: str) -> list[Login]:
    """The eight demo logins of the README, one per role, around offices A, C and E."""
    scopes = {
        "A": offices["A"],
        "E": offices["E"],
        "A-member": first_member(offices["A"]),
        "A-municipality": offices["A"].municipalities.order_by("code").first(),
        "C-partner": partners["C"],
    }
    logins = []
    for person in PEOPLE:
        user = account_ensure(person.email, person.full_name, password_hash)
        grant_role(user=user, role=person.role, scope=scopes.get(person.scope))
        if person.role == Role.SITE_ADMIN and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        logins.append(Login(person.email, Role(person.role).label, person.full_name))
    return logins


def leads_ensure(
    offices: list[Office], plans: list[OfficePlan], names: list[str], password_hash: str
) -> None:
    """A kartrekker for every office, also its contact person; A and E use the README logins."""
    special = {p.scope: p for p in PEOPLE if p.role == Role.LEAD}
    for office, plan, name in zip(offices, plans, names, strict=True):
        person = special.get(plan.letter)
        email = person.email if person else f"lead-{office.slug}@demo.invalid"
        full_name = person.full_name if person else name
        user = account_ensure(email, full_name, password_hash)
        grant_role(user=user, role=Role.LEAD, scope=office)
        office.contact_name, office.contact_email = user.full_name, user.email
    Office.objects.bulk_update(offices, ["contact_name", "contact_email"])


def demo_counts() -> dict[str, int]:
    current = Membership.objects.current().filter(office__is_demo=True)
    return {
        "gemeenten": Municipality.objects.count(),
        "brancheorganisaties": BranchOrganisation.objects.count(),
        "kantoren": Office.objects.founded().filter(is_demo=True).count(),
        "kantoren in oprichting": Office.objects.filter(
            is_demo=True, status=OfficeStatus.FOUNDING
        ).count(),
        "gemeenten met een kantoor": Municipality.objects.filter(
            offices__is_demo=True, offices__founded_on__isnull=False
        )
        .distinct()
        .count(),
        "sportondernemers": Entrepreneur.objects.filter(is_demo=True).count(),
        "huidige leden": current.count(),
        "beëindigde lidmaatschappen": Membership.objects.filter(
            office__is_demo=True, left_on__isnull=False
        ).count(),
        "partners": Partner.objects.filter(name__endswith=DEMO_SUFFIX).count(),
        "organen": Body.objects.filter(name__endswith=DEMO_SUFFIX).count(),
        "demo-accounts": User.objects.filter(email__endswith="@demo.invalid").count(),
        "ondersteuningsvragen": SupportRequest.objects.filter(office__is_demo=True).count(),
    }


@transaction.atomic
def demo_seed(*, today: datetime.date, seed: int = SEED) -> DemoSummary:
    """Build (or rebuild) the whole demo; returns counts and the logins to print."""
    reference_ensure(today=today)
    demo_clear()
    places = places_load()
    plan = plan_demo(list(places), seed)
    branches = {b.slug: b for b in SportBranch.objects.all()}
    offices = offices_create(plan.offices, places)
    entrepreneurs = entrepreneurs_create(
        plan.entrepreneurs, places, branches, organisations_ensure(branches)
    )
    memberships_create(plan.memberships, offices, entrepreneurs)
    moves = plan_recent_moves(random.Random(seed + 11), plan, today, still=STILL_OFFICES)
    recent_moves_create(moves, plan.memberships, offices, entrepreneurs)
    by_letter = {p.letter: o for o, p in zip(offices, plan.offices, strict=True) if p.letter}
    others = [o for o, p in zip(offices, plan.offices, strict=True) if not p.letter]
    rng = random.Random(seed + 1)
    partners = partners_ensure(rng, by_letter, others)
    bodies_ensure(rng, by_letter, others)
    password_hash = make_password(DEMO_PASSWORD)
    leads_ensure(offices, plan.offices, plan.lead_names, password_hash)
    logins = people_ensure(by_letter, partners, password_hash)
    logins.append(branch_seed(offices=by_letter, password_hash=password_hash))
    letters = {office.pk: letter for letter, office in by_letter.items()}
    pos = User.objects.get(email="pos@demo.invalid")
    kapstok_seed(offices=offices, letters=letters, today=today, seed=seed, pos=pos)
    planner_statistics_refresh()
    landscape_seed(offices=by_letter, today=today, others=others)
    planner_statistics_refresh()
    peers_seed(offices=by_letter, pos=pos, today=today)
    clubs_and_region_seed(offices=by_letter, pos=pos)
    municipality_seed(offices=by_letter, today=today, password_hash=password_hash)
    municall_seed(
        offices=by_letter,
        today=today,
        member_a=first_member(by_letter["A"]),
        password_hash=password_hash,
    )
    monitor_seed(offices=by_letter, pos=pos, today=today)
    coding_seed(pos=pos)
    influence_seed(offices=by_letter, today=today, others=offices)
    positions_seed(pos=pos, today=today)
    community_seed(offices=by_letter, others=others, today=today, seed=seed)
    start_seed(offices=by_letter, today=today, member=first_member(by_letter["A"]))
    support_seed(offices=by_letter, others=others, pos=pos, today=today)
    founding_seed(today=today, password_hash=password_hash, seed=seed)
    logins.append(founding_login())
    member_check_seed(offices=by_letter, today=today)
    finances_seed(offices=offices, letters=letters, today=today, seed=seed)
    signals_compute(today=today)
    return DemoSummary(demo_counts(), logins, lead_count=len(offices))
