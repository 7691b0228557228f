"""The kapstok half of the national-scale data set: sessions, goals down to activities,
indicator measurements and two years of office timeline.

The registry half (`scale`) makes 400 offices with their members; this module hangs on them
what the kapstok issue asks the benchmark to carry: 5,000 goals, 7,500 strategies, 8,000
projects and 12,000 activities, 12,000 measurements and 50,000 timeline events, spread
unevenly. Most offices held a strategy session (some only planned one and have no goals yet);
goals go to offices with a session held, in proportion to a log-normal draw times the square
root of the office's size, and the largest office gets the most (`Scale.most_goals`), so the
office dashboard is measured against a page with a hundred goals, not three. A share of the
goals stay abstract (no strategies, not SMART), some projects have no activities, some
offices have gone quiet and some are run by one person: every phase from "netwerk bouwen" on
(every office has members) and every stall rule but the support desk's occurs.

How many rows hang where is decided first, without the database, by `kapstok_plan`: the
totals are split with `draws.apportion`, so `expected_counts` knows the exact row counts. The
details (texts, dates, statuses) are then drawn while the rows are built, each from a
`random.Random` seeded per purpose, and written with `bulk_create`.
"""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import TYPE_CHECKING

from django.utils import timezone

from kapstok.accounts.services import user_ensure
from kapstok.goals.models import (
    Activity,
    Goal,
    GoalStatus,
    Measurement,
    Project,
    ProjectKind,
    Strategy,
    WorkStatus,
)
from kapstok.network.models import EventKind, Office, OfficeEvent
from kapstok.strategy.models import (
    JOIN_CODE_ALPHABET,
    Card,
    CardKind,
    Participant,
    SessionPhase,
    StrategySession,
    Theme,
)

from .draws import apportion, random_date

if TYPE_CHECKING:
    from .scale import Scale

ACTOR_EMAIL = "bench-kartrekker-{}@example.invalid"
BATCH = 2000

# title, description, indicator, unit, (lowest, highest) target
GOAL_TEMPLATES = (
    (
        "Meer leden uit ontbrekende sporttakken",
        "Nieuwe leden uit de takken die nog ontbreken, zodat het kantoor de lokale sport echt "
        "vertegenwoordigt.",
        "nieuwe leden uit ontbrekende takken",
        "ondernemers",
        (5, 30),
    ),
    (
        "Een lokale sportdag met alle aanbieders",
        "Eén dag per jaar waarop inwoners bij alle aanbieders kunnen proberen, samen "
        "georganiseerd en samen betaald.",
        "bezoekers van de sportdag",
        "bezoekers",
        (200, 2000),
    ),
    (
        "Sportaanbod voor ouderen in de wijken",
        "Samen met de buurtsportcoach een vast beweegaanbod voor 65-plussers in elke wijk.",
        "deelnemers van 65 jaar en ouder",
        "deelnemers",
        (40, 400),
    ),
    (
        "Samen inkopen",
        "Energie, verzekeringen en materiaal gezamenlijk inkopen om de vaste lasten te drukken.",
        "besparing per jaar",
        "euro",
        (2000, 40000),
    ),
    (
        "Gesprekspartner van de gemeente",
        "Het kantoor zit aan tafel bij het sportakkoord en bij de herziening van de tarieven.",
        "overleggen met de gemeente per jaar",
        "overleggen",
        (2, 8),
    ),
    (
        "Stageplekken voor sportstudenten",
        "Leden bieden samen stageplekken aan voor studenten van de sportopleidingen in de regio.",
        "stageplekken",
        "plekken",
        (3, 25),
    ),
)
VAGUE_GOALS = ("Meer samenwerking", "Beter zichtbaar worden", "Sterker netwerk", "Meer leden")
STRATEGY_TITLES = (
    "Persoonlijk benaderen via de leden",
    "Samen naar buiten treden",
    "Aansluiten bij het sportakkoord",
    "Een vaste werkgroep",
    "Afspraken met de buurtsportcoaches",
)
PROJECT_TITLES = (
    ("Wervingsavond", ProjectKind.EVENT),
    ("Ledenwerfflyer en webpagina", ProjectKind.CAMPAIGN),
    ("Bord langs de invalsweg", ProjectKind.PROJECT),
    ("Open dag bij de leden", ProjectKind.EVENT),
    ("Gezamenlijke offerte", ProjectKind.PROJECT),
    ("Campagne op sociale media", ProjectKind.CAMPAIGN),
)
ACTIVITY_TITLES = ("Uitnodiging versturen", "Locatie regelen", "Draaiboek", "Evaluatie", "Bellen")
# Status, relative weight, progress range: what a real kapstok looks like after two years.
WORK_STATUSES = (
    (WorkStatus.IDEA, 15, (0, 0)),
    (WorkStatus.PLANNED, 20, (0, 10)),
    (WorkStatus.RUNNING, 35, (10, 90)),
    (WorkStatus.DONE, 20, (100, 100)),
    (WorkStatus.STOPPED, 10, (0, 60)),
)
EVENT_KINDS = (
    (EventKind.MEMBER_JOINED, 20),
    (EventKind.MEMBER_LEFT, 6),
    (EventKind.MEETING_HELD, 12),
    (EventKind.GOAL_UPDATED, 10),
    (EventKind.PROJECT_UPDATED, 25),
    (EventKind.MEASUREMENT_ADDED, 8),
    (EventKind.PROJECT_CREATED, 8),
    (EventKind.OFFICE_UPDATED, 5),
    (EventKind.SESSION_UPDATED, 3),
    (EventKind.GOAL_CREATED, 3),
)


@dataclass(frozen=True)
class KapstokPlan:
    """How many rows hang where, in generation order (offices as `scale.office_sizes` orders
    them, goals office by office, and so on down the tree)."""

    sessions: list[int]  # per office
    sessions_held: list[bool]  # per office: False = only planned, no goals yet
    goals: list[int]  # per office
    strategies: list[int]  # per goal
    projects: list[int]  # per strategy
    activities: list[int]  # per project
    measurements: list[int]  # per goal
    events: list[int]  # per office

    def counts(self) -> dict[str, int]:
        return {
            "sessions": sum(self.sessions),
            "goals": sum(self.goals),
            "strategies": sum(self.strategies),
            "projects": sum(self.projects),
            "activities": sum(self.activities),
            "measurements": sum(self.measurements),
            "events": sum(self.events),
        }


def _weights(rng: random.Random, count: int, empty_share: float, sigma: float = 0.8) -> list:
    """Log-normal weights, a share of them zero: the parents that stay empty."""
    return [
        0.0 if rng.random() < empty_share else rng.lognormvariate(0, sigma) for _ in range(count)
    ]


def goal_counts(scale: "Scale", sizes: list[int], held: list[bool]) -> list[int]:
    """Goals per office: the first (largest) office gets `most_goals`, the offices that held a
    session share the rest by a log-normal draw times the square root of their size, each
    capped below `most_goals` (at national scale no office reaches the cap, so the total is
    exact; a tiny scale with too many goals for its offices gets fewer).

    >>> from benchmarks.scale import Scale
    >>> goal_counts(Scale(goals=20, most_goals=12), [20, 9, 4, 2], [True, True, False, True])
    [12, 7, 0, 1]
    """
    rng = random.Random(f"{scale.seed}:goals")
    weights = [
        rng.lognormvariate(0, 0.9) * math.sqrt(size) if was_held and index else 0.0
        for index, (size, was_held) in enumerate(zip(sizes, held, strict=True))
    ]
    rest = apportion(scale.goals - scale.most_goals, weights)
    # No other office may overtake the first one: its dashboard is the "many goals" page.
    return [scale.most_goals, *(min(count, scale.most_goals - 1) for count in rest[1:])]


def _measurement_weights(rng: random.Random, goals: list[int]) -> list[float]:
    """Per goal: half the offices measure (the first always, for its charts), and there half
    the goals; the other offices stop at "uitvoeren" or before."""
    weights = []
    for index, count in enumerate(goals):
        measures = index == 0 or rng.random() < 0.5
        weights += _weights(rng, count, 0.5, sigma=0.5) if measures else [0.0] * count
    return weights


def kapstok_plan(scale: "Scale", sizes: list[int]) -> KapstokPlan:
    """The shape of the kapstok data: counts per office, goal, strategy and project."""
    rng = random.Random(f"{scale.seed}:plan")
    sessions, held = [], []
    for index in range(scale.offices):
        has_session = index == 0 or rng.random() < scale.session_share
        sessions.append(rng.choice((1, 1, 1, 2, 2, 3)) if has_session else 0)
        held.append(has_session and (index == 0 or rng.random() < 0.85))
    goals = goal_counts(scale, sizes, held)
    strategies = apportion(scale.strategies, _weights(rng, sum(goals), 0.2))
    projects = apportion(scale.projects, _weights(rng, sum(strategies), 0.15))
    activities = apportion(scale.activities, _weights(rng, sum(projects), 0.3))
    measurements = apportion(scale.measurements, _measurement_weights(rng, goals))
    event_weights = [1 + size + 3 * count for size, count in zip(sizes, goals, strict=True)]
    events = apportion(scale.events, [w * rng.uniform(0.3, 1.7) for w in event_weights])
    return KapstokPlan(
        sessions, held, goals, strategies, projects, activities, measurements, events
    )


# --- writing ---------------------------------------------------------------------------------


@dataclass
class _Context:
    """What every builder needs: the day, the history window and who can act in an office."""

    today: datetime.date
    history_start: datetime.date
    actors: dict[int, list]  # office id -> bench users who do things there

    def start_of(self, office: Office) -> datetime.date:
        return max(office.founded_on, self.history_start)


def kapstok_generate(
    scale: "Scale", offices: list[Office], sizes: list[int], today: datetime.date
) -> KapstokPlan:
    """Write the kapstok rows for `offices` (in generation order) following the plan."""
    plan = kapstok_plan(scale, sizes)
    context = _Context(
        today=today,
        history_start=today - datetime.timedelta(days=scale.history_days),
        actors=_actors_assign(scale, offices),
    )
    _sessions_create(scale, offices, plan, context)
    goals = _goals_create(scale, offices, plan, context)
    strategies = _strategies_create(scale, goals, plan)
    projects = _projects_create(scale, strategies, plan, context)
    _activities_create(scale, projects, plan, context)
    _measurements_create(scale, goals, plan, context)
    _events_create(scale, offices, plan, context)
    return plan


def _actors_assign(scale: "Scale", offices: list[Office]) -> dict[int, list]:
    """A handful of bench users; each office is run by one to three of them."""
    rng = random.Random(f"{scale.seed}:actors")
    users = [
        user_ensure(email=ACTOR_EMAIL.format(number), full_name=f"Kartrekker {number}")
        for number in range(1, scale.actors + 1)
    ]
    return {office.pk: rng.sample(users, rng.choice((1, 2, 2, 3))) for office in offices}


def _moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    hour, minute = rng.randint(8, 21), rng.choice((0, 15, 30, 45))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _join_codes(rng: random.Random, count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(rng.choices(JOIN_CODE_ALPHABET, k=6)))
    return sorted(codes, key=lambda _code: rng.random())


def _sessions_create(scale, offices, plan: KapstokPlan, context: _Context) -> None:
    """Held sessions (closed) spread after founding; offices that only planned one get a date
    in the coming weeks."""
    rng = random.Random(f"{scale.seed}:sessions")
    codes = iter(_join_codes(rng, sum(plan.sessions)))
    rows = []
    for office, count, held in zip(offices, plan.sessions, plan.sessions_held, strict=True):
        first = context.start_of(office) + datetime.timedelta(days=30)
        for number in range(count):
            if held:
                day = random_date(rng, first, context.today - datetime.timedelta(days=14))
            else:
                day = context.today + datetime.timedelta(days=rng.randint(7, 60))
            rows.append(_session(rng, office, number, day, held, next(codes), context))
    StrategySession.objects.bulk_create(rows, batch_size=BATCH)


def _session(rng, office, number, day, held, code, context: _Context) -> StrategySession:
    starts_at = _moment(rng, day)
    facilitator = rng.choice(context.actors[office.pk])
    return StrategySession(
        office=office,
        title=f"Strategische sessie {number + 1}",
        starts_at=starts_at,
        location=f"Sporthal {office.name.removeprefix('POS-kantoor ')}",
        facilitator=facilitator,
        questions="Welke kansen zie je?\nTegen welke uitdagingen loop je aan?",
        phase=SessionPhase.CLOSED if held else SessionPhase.COLLECT,
        join_code=code,
        closed_at=starts_at + datetime.timedelta(hours=2) if held else None,
        created_by=facilitator,
    )


def _goals_create(scale, offices, plan: KapstokPlan, context: _Context) -> list[Goal]:
    """Goals office by office; a goal with measurements always has an indicator to measure."""
    rng = random.Random(f"{scale.seed}:goal-rows")
    rows = []
    measured = iter(plan.measurements)
    for office, count in zip(offices, plan.goals, strict=True):
        for position in range(count):
            rows.append(_goal(rng, office, position, next(measured) > 0, context))
    return Goal.objects.bulk_create(rows, batch_size=BATCH)


def _goal(rng, office, position, measured: bool, context: _Context) -> Goal:
    title, description, indicator, unit, (low, high) = rng.choice(GOAL_TEMPLATES)
    owner = rng.choice(context.actors[office.pk])
    goal = Goal(
        office=office,
        title=title,
        description=description,
        indicator=indicator,
        baseline_value=Decimal(rng.randint(0, low)),
        target_value=Decimal(rng.randint(low, high)),
        unit=unit,
        deadline=context.today + datetime.timedelta(days=rng.randint(-60, 540)),
        owner=owner,
        status=rng.choices(GoalStatus.values, weights=(80, 12, 8))[0],
        position=position,
        created_by=owner,
    )
    if not measured and rng.random() < 0.45:
        _make_vague(rng, goal)
    return goal


def _make_vague(rng: random.Random, goal: Goal) -> None:
    """Leave out one or more of what makes a goal SMART, as leads do."""
    missing = rng.sample(("title", "indicator", "target", "unit", "owner", "deadline"), k=2)
    if "title" in missing:
        goal.title, goal.description = rng.choice(VAGUE_GOALS), ""
    if "indicator" in missing:
        goal.indicator = ""
    if "target" in missing:
        goal.target_value = None
    if "unit" in missing:
        goal.unit = ""
    if "owner" in missing:
        goal.owner = None
    if "deadline" in missing:
        goal.deadline = None


def _children(parents: list, counts: list[int]):
    """(parent, position) for every child, parents in order."""
    for parent, count in zip(parents, counts, strict=True):
        for position in range(count):
            yield parent, position


def _strategies_create(scale, goals: list[Goal], plan: KapstokPlan) -> list[Strategy]:
    rng = random.Random(f"{scale.seed}:strategies")
    rows = [
        Strategy(
            goal=goal,
            title=rng.choice(STRATEGY_TITLES),
            weight=Decimal(rng.randint(1, 3)) if rng.random() < 0.2 else None,
            position=position,
        )
        for goal, position in _children(goals, plan.strategies)
    ]
    return Strategy.objects.bulk_create(rows, batch_size=BATCH)


def _work_fields(rng: random.Random, owners: list, context: _Context) -> dict:
    """Owner, dates, status, progress and budget shared by projects and activities."""
    statuses, weights, ranges = zip(*WORK_STATUSES, strict=True)
    index = rng.choices(range(len(statuses)), weights=weights)[0]
    start = random_date(rng, context.history_start, context.today)
    budget = rng.random() < 0.3
    return {
        "owner": rng.choice(owners) if rng.random() < 0.8 else None,
        "start_on": start,
        "due_on": start + datetime.timedelta(days=rng.randint(14, 300)),
        "status": statuses[index],
        "progress": rng.randint(*ranges[index]),
        "weight": Decimal(rng.randint(1, 3)) if rng.random() < 0.1 else None,
        "budget_amount": Decimal(rng.randrange(100, 5000, 50)) if budget else None,
        "budget_source": "sportakkoordbudget van de gemeente" if budget else "",
        "outcome_notes": "Afgerond; verslag in de ledenvergadering." if index == 3 else "",
    }


def _projects_create(scale, strategies, plan: KapstokPlan, context: _Context) -> list[Project]:
    rng = random.Random(f"{scale.seed}:projects")
    rows = []
    for strategy, position in _children(strategies, plan.projects):
        title, kind = rng.choice(PROJECT_TITLES)
        owners = context.actors[strategy.goal.office_id]
        fields = _work_fields(rng, owners, context)
        rows.append(Project(strategy=strategy, title=title, kind=kind, position=position, **fields))
    return Project.objects.bulk_create(rows, batch_size=BATCH)


def _activities_create(scale, projects, plan: KapstokPlan, context: _Context) -> None:
    rng = random.Random(f"{scale.seed}:activities")
    rows = []
    for project, position in _children(projects, plan.activities):
        owners = context.actors[project.strategy.goal.office_id]
        fields = _work_fields(rng, owners, context)
        title = rng.choice(ACTIVITY_TITLES)
        rows.append(Activity(project=project, title=title, position=position, **fields))
    Activity.objects.bulk_create(rows, batch_size=BATCH)


def _measurements_create(scale, goals, plan: KapstokPlan, context: _Context) -> None:
    """Values climbing from the baseline towards the target, at most about one a month."""
    rng = random.Random(f"{scale.seed}:measurements")
    rows = []
    for goal, count in zip(goals, plan.measurements, strict=True):
        if not count:
            continue
        first = random_date(rng, context.history_start, context.today - datetime.timedelta(days=30))
        step = max((context.today - first).days // count, 1)
        low, high = float(goal.baseline_value or 0), float(goal.target_value or 1)
        for number in range(count):
            day = first + datetime.timedelta(days=number * step)
            value = low + (high - low) * (number + 1) / (count + 1) * rng.uniform(0.7, 1.1)
            rows.append(
                Measurement(
                    goal=goal, measured_on=day, value=Decimal(f"{value:.2f}"), created_by=goal.owner
                )
            )
    Measurement.objects.bulk_create(rows, batch_size=BATCH)


def _events_create(scale, offices, plan: KapstokPlan, context: _Context) -> None:
    """Two years of timeline: lively offices until today, one in five gone quiet months ago."""
    rng = random.Random(f"{scale.seed}:events")
    kinds, weights = zip(*EVENT_KINDS, strict=True)
    cumulative = list(accumulate(weights))
    labels = {kind: str(kind.label) for kind in kinds}
    rows = []
    for office, count in zip(offices, plan.events, strict=True):
        quiet_for = rng.randint(100, 300) if rng.random() < 0.2 else 0
        last = context.today - datetime.timedelta(days=quiet_for)
        actors = context.actors[office.pk]
        for _ in range(count):
            kind = rng.choices(kinds, cum_weights=cumulative)[0]
            actor = rng.choice(actors) if rng.random() < 0.85 else None
            day = random_date(rng, context.start_of(office), last)
            rows.append(
                OfficeEvent(
                    office=office,
                    occurred_at=_moment(rng, day),
                    actor=actor,
                    kind=kind,
                    summary=f"{labels[kind]} ({office.name})",
                )
            )
    OfficeEvent.objects.bulk_create(rows, batch_size=BATCH)


# --- the session board -----------------------------------------------------------------------

BOARD_TITLE = "Bench: sessiebord"
# Theme label, and what members write on cards that end up under it.
BOARD_THEMES = (
    ("Samen inkopen", ("energie samen inkopen", "verzekeringen bundelen", "materiaal delen")),
    ("Nieuwe leden", ("jongeren binnenhalen", "leden werven via scholen", "proeflessen")),
    ("Zichtbaarheid", ("samen op sociale media", "een gezamenlijke website", "bord langs de weg")),
    ("Sportakkoord", ("aan tafel bij de gemeente", "tarieven van de zalen", "subsidie aanvragen")),
    ("Ouderen", ("beweegaanbod voor 65-plussers", "wandelgroep in de wijk", "valpreventie")),
    ("Accommodaties", ("zaalhuur te hoog", "velden delen", "gezamenlijk onderhoud")),
    ("Vrijwilligers", ("te weinig trainers", "vrijwilligers vasthouden", "scholing kader")),
    ("Stageplekken", ("stagiairs van het ROC", "stages samen begeleiden", "leerbedrijf worden")),
    ("Sportdag", ("sportdag met alle aanbieders", "open dag in het voorjaar", "clinics")),
    ("Zorg en welzijn", ("verwijzing door de huisarts", "samen met de fysio", "leefstijl")),
    ("Onderwijs", ("gym op de basisschool", "naschools aanbod", "schoolsportdag")),
    ("Financiën", ("contributie betaalbaar houden", "sponsors delen", "kosten drukken")),
)
BOARD_PARTICIPANTS = 40
BOARD_UNPLACED_SHARE = 0.04  # cards the machine could not place: the board's "unplaced" list


def board_generate(scale: "Scale", office: Office, today: datetime.date) -> StrategySession:
    """One session of `office` on the cluster board with `scale.board_cards` cards.

    Issue #19 measures the session board with 300 cards: the facilitator's page in the cluster
    phase is the heaviest one (every theme with its cards, doubtful ones first, the unplaced
    cards, the move menus), so the session stands there, with forty guests' cards in twelve
    proposed themes, the machine's certainty drawn per card, a few confirmed by hand and a few
    left unplaced. Drawn from its own seeded `random.Random`, so the board is the same on every
    generation and on both databases.
    """
    rng = random.Random(f"{scale.seed}:board")
    facilitator = rng.choice(_actors_assign(scale, [office])[office.pk])
    session = StrategySession.objects.create(
        office=office,
        title=BOARD_TITLE,
        starts_at=_moment(rng, today),
        location=f"Sporthal {office.name.removeprefix('POS-kantoor ')}",
        facilitator=facilitator,
        questions="Welke kansen zie je?\nTegen welke uitdagingen loop je aan?",
        phase=SessionPhase.CLUSTER,
        join_code=_free_join_code(rng),
        created_by=facilitator,
    )
    participants = Participant.objects.bulk_create(
        Participant(session=session, display_name=f"Deelnemer {number}")
        for number in range(1, BOARD_PARTICIPANTS + 1)
    )
    themes = Theme.objects.bulk_create(
        Theme(session=session, label=label, position=position)
        for position, (label, _texts) in enumerate(BOARD_THEMES)
    )
    Card.objects.bulk_create(
        _board_card(rng, session, participants, themes) for _ in range(scale.board_cards)
    )
    return session


def _board_card(rng: random.Random, session, participants, themes) -> Card:
    index = rng.randrange(len(themes))
    text = f"{rng.choice(BOARD_THEMES[index][1]).capitalize()} ({rng.randint(1, 99)})"
    card = Card(
        session=session,
        participant=rng.choice(participants),
        kind=rng.choice(CardKind.values),
        text=text,
    )
    if rng.random() >= BOARD_UNPLACED_SHARE:
        card.theme = themes[index]
        card.placement_confidence = round(rng.uniform(0.3, 0.99), 2)
        card.placement_confirmed = rng.random() < 0.1
    return card


def _free_join_code(rng: random.Random) -> str:
    """A join code no other session has (the generated sessions drew theirs from another seed)."""
    while True:
        code = "".join(rng.choices(JOIN_CODE_ALPHABET, k=6))
        if not StrategySession.objects.filter(join_code=code).exists():
            return code
