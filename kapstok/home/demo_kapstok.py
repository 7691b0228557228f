"""The demo after the report: sessions, goals, projects, measurements and a living timeline.

The registry half of the demo (`demo.py`) stops at the report's snapshot of June 2025. This half
continues the story up to the day the demo is seeded, so phases and stall signals look as they
would in a real network today. Every office gets a *story* that decides how far it got:

- ``embedded``: a session, SMART goals with running projects, indicators measured in several
  quarters (other offices only);
- ``eve`` (office A): in June 2025 "aan de vooravond van strategiebepaling"; its session came
  that autumn, and its SMART goals now have running projects and one measurement: executing,
  not (yet) embedded, in the 2025 snapshot no further than the strategy phase;
- ``executing``: a session and a SMART goal with a running project (office E, with its €600,
  the roadside sign and the local sports day, held, counted and written up as a practice);
- ``strategy``: a session, goals still vague: trips "no SMART goal" when the session is over
  three months ago (office C); or a session that is only planned (office B);
- ``building``: members, no session yet: trips "no session" (office D, which also stalls:
  nothing happens and members leave);
- ``founded``: a brand-new office without members yet;
- ``solo``: an office where only the lead does anything: trips "single lead".

Dates are relative to `today`, and every choice comes from a seeded `random.Random`, so the
same day gives the same demo.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from kapstok.accounts.models import Role, RoleGrant, User
from kapstok.goals.models import Goal, Measurement, Project, ProjectKind, Strategy, WorkStatus
from kapstok.network.models import EventKind, Membership, Office, OfficeEvent
from kapstok.strategy.models import (
    Card,
    CatalogueTheme,
    Participant,
    SessionPhase,
    StrategySession,
    Theme,
    Vote,
)

STORIES = ("embedded", "executing", "strategy", "strategy_planned", "building", "solo")
REPORT_STORIES = {
    "A": "eve",
    "B": "strategy_planned",
    "C": "strategy",
    "D": "stalled",
    "E": "executing",
}
QUESTIONS = (
    "Welke kansen zie je voor je bedrijf en voor de sport in de gemeente?\n"
    "Tegen welke uitdagingen loop je aan?\n"
    "Wat heb je nodig van het netwerk, de gemeente of het POS?"
)


@dataclass(frozen=True)
class GoalSpec:
    title: str
    description: str
    indicator: str
    target: float
    unit: str
    strategy: str
    projects: tuple[tuple[str, str, str, int, str], ...]  # title, kind, status, progress, budget


GOALS = {
    "members": GoalSpec(
        "Meer ondernemers uit ontbrekende takken",
        "Vijftien nieuwe leden uit racketsport, paardensport, golf en zwemmen binnen een jaar, "
        "zodat het kantoor de lokale sport echt vertegenwoordigt.",
        "nieuwe leden uit ontbrekende takken",
        15,
        "ondernemers",
        "Persoonlijk benaderen via de leden",
        (
            ("Wervingsavond bij de padelclub", ProjectKind.EVENT, WorkStatus.RUNNING, 40, ""),
            ("Ledenwerfflyer en webpagina", ProjectKind.CAMPAIGN, WorkStatus.DONE, 100, ""),
        ),
    ),
    "visibility": GoalSpec(
        "Zichtbaar als het netwerk van sportondernemers",
        "Inwoners en gemeente kennen het kantoor: een lokale sportdag en een bord langs de weg.",
        "bezoekers van de lokale sportdag",
        1500,
        "bezoekers",
        "Samen naar buiten treden",
        (
            (
                "Bord langs de invalsweg",
                ProjectKind.CAMPAIGN,
                WorkStatus.RUNNING,
                60,
                "€600 uit het sportakkoordbudget van de gemeente",
            ),
            ("Lokale sportdag", ProjectKind.EVENT, WorkStatus.DONE, 100, ""),
        ),
    ),
    "space": GoalSpec(
        "Ruimte delen tussen ondernemers",
        "Lege uren in zalen en op terreinen van leden worden gedeeld, zodat niemand groepen "
        "hoeft te weigeren.",
        "gedeelde uren per maand",
        40,
        "uren",
        "Een overzicht van vrije ruimte bijhouden",
        (("Ruimtebank in de ledengroep", ProjectKind.PROJECT, WorkStatus.RUNNING, 30, ""),),
    ),
}
# The sports day's visitors as counted at the gate: the goal's measurement, and the "ruim 1.500
# bezoekers" of office E's practice in `demo_peers`.
SPORTS_DAY_VISITORS = 1540
MEASURED = {"visibility": SPORTS_DAY_VISITORS}
GOAL_THEMES = {"members": "werving", "visibility": "zichtbaarheid", "space": "ruimte"}
VAGUE_GOALS = ("Meer samenwerken", "Sterker staan richting gemeente")

# Cards members put on the table in the demo sessions, by catalogue theme (written for the demo).
DEMO_CARDS = {
    "ruimte": (
        ("challenge", "In de winter kunnen we nergens binnen trainen met grote groepen"),
        ("opportunity", "Mijn hal staat overdag leeg, die kan ik delen"),
        ("need", "Een overzicht van vrije zalen en terreinen in de gemeente"),
    ),
    "subsidie": (
        ("challenge", "Verenigingen krijgen korting op de huur, wij betalen het volle tarief"),
        ("need", "Toegang tot de sportakkoordgelden voor ondernemers"),
        ("opportunity", "De nieuwe beweegregeling staat open voor commerciële aanbieders"),
    ),
    "invloed": (
        ("need", "Een vaste plek aan tafel bij het kernteam van het sportakkoord"),
        ("challenge", "De gemeente praat vooral met verenigingen, niet met ons"),
        ("opportunity", "De sportraad zoekt iemand namens de ondernemers"),
    ),
    "zichtbaarheid": (
        ("opportunity", "Samen een bord langs de invalsweg met alle aanbieders"),
        ("opportunity", "Een lokale sportdag waar iedereen kan proberen"),
        ("challenge", "Inwoners weten niet dat er zoveel sportaanbod is"),
    ),
    "werving": (
        ("challenge", "De padel- en tennisaanbieders doen nog niet mee"),
        ("need", "Hulp om de grote ketens over de streep te trekken"),
    ),
    "samenwerking": (
        ("opportunity", "Elkaars klanten doorverwijzen als het eigen aanbod niet past"),
        ("need", "Een groepsapp om snel vragen aan elkaar te stellen"),
    ),
    "personeel": (
        ("challenge", "Goede trainers zijn bijna niet te vinden"),
        ("opportunity", "Samen een stagiair van het mbo begeleiden"),
    ),
    "tijd": (("challenge", "Naast mijn eigen zaak heb ik weinig tijd voor het netwerk"),),
    "kosten": (("challenge", "De energierekening van de zaal is verdubbeld"),),
}


def _at(day: datetime.date, hour: int = 19) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _days_ago(today: datetime.date, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)


def _event(office, kind, summary, actor, when) -> OfficeEvent:
    return OfficeEvent(office=office, kind=kind, summary=summary, actor=actor, occurred_at=when)


def assign_stories(rng: random.Random, offices: list[Office], letters: dict[int, str]) -> dict:
    """Story per office: the report offices fixed, the others spread over every story."""
    stories = {}
    others = [office for office in offices if office.pk not in letters]
    rng.shuffle(others)
    for index, office in enumerate(others):
        stories[office.pk] = STORIES[index % len(STORIES)]
    for office in offices:
        if office.pk in letters:
            stories[office.pk] = REPORT_STORIES[letters[office.pk]]
    # The newest office has just been founded: no members yet.
    newest = max(others, key=lambda office: office.founded_on)
    stories[newest.pk] = "founded"
    return stories


def _session(office, today, days_ago, facilitator, phase=SessionPhase.CLOSED):
    return StrategySession(
        office=office,
        title="Strategische sessie: het net ophalen",
        starts_at=_at(today + datetime.timedelta(days=-days_ago)),
        location="Sportcentrum van een van de leden",
        facilitator=facilitator,
        questions=QUESTIONS,
        phase=phase,
        created_by=facilitator,
    )


def _goal(office, spec: GoalSpec, owner, today, smart=True) -> Goal:
    return Goal(
        office=office,
        title=spec.title,
        description=spec.description if smart else "",
        indicator=spec.indicator if smart else "",
        target_value=spec.target if smart else None,
        unit=spec.unit if smart else "",
        deadline=today + datetime.timedelta(days=240) if smart else None,
        owner=owner if smart else None,
        created_by=owner,
    )


class KapstokDemo:
    """Collects the rows of the kapstok demo and writes them in a few bulk inserts."""

    def __init__(self, today: datetime.date, rng: random.Random, pos: User):
        self.today, self.rng, self.pos = today, rng, pos
        self.events: list[OfficeEvent] = []

    def leads(self) -> dict[int, User]:
        grants = RoleGrant.objects.filter(role=Role.LEAD, office__is_demo=True).select_related(
            "user"
        )
        return {grant.office_id: grant.user for grant in grants.order_by("pk")}

    def build(self, offices: list[Office], letters: dict[int, str]) -> None:
        stories = assign_stories(self.rng, offices, letters)
        leads = self.leads()
        for office in offices:
            getattr(self, f"story_{stories[office.pk]}")(office, leads.get(office.pk))
        OfficeEvent.objects.bulk_create(self.events)

    def _activity(self, office, lead, days_ago_list, helpers=True):
        """Ordinary recent life in an office: meetings and updates by the lead and others."""
        for index, days in enumerate(days_ago_list):
            actor = lead if not helpers or index % 2 == 0 else self.pos
            self.events.append(
                _event(
                    office,
                    EventKind.MEETING_HELD,
                    "Ledenbijeenkomst gehouden",
                    actor,
                    _at(_days_ago(self.today, days)),
                )
            )

    def _held_session(self, office, lead, days_ago, must=()) -> dict[str, Theme]:
        """A closed session with members' cards grouped into confirmed themes and dots."""
        session = _session(office, self.today, days_ago, lead)
        session.save()
        catalogue = {theme.slug: theme for theme in CatalogueTheme.objects.all()}
        others = sorted(set(DEMO_CARDS) - set(must))
        slugs = list(must) + self.rng.sample(others, k=5 - len(must))
        participants = Participant.objects.bulk_create(
            Participant(session=session, display_name=name)
            for name in ("Anouk", "Bram", "Fatima", "Joost", "Sanne", "")
        )
        cards, themes = [], []
        for position, slug in enumerate(slugs):
            theme = Theme.objects.create(
                session=session,
                label=catalogue[slug].name,
                catalogue_theme=catalogue[slug],
                position=position,
                confirmed=True,
            )
            themes.append(theme)
            for kind, text in DEMO_CARDS[slug]:
                cards.append(
                    Card(
                        session=session,
                        participant=self.rng.choice(participants),
                        kind=kind,
                        text=text,
                        theme=theme,
                        placement_confidence=0.9,
                        placement_confirmed=True,
                    )
                )
        Card.objects.bulk_create(cards)
        Vote.objects.bulk_create(
            Vote(session=session, participant=participant, theme=theme)
            for participant in participants
            for theme in self.rng.sample(themes, k=3)
        )
        return {theme.catalogue_theme.slug: theme for theme in themes}

    def _session_with_goals(self, office, lead, days_ago, goal_keys, smart, measured_quarters):
        themes = self._held_session(office, lead, days_ago, [GOAL_THEMES[k] for k in goal_keys])
        held = _at(_days_ago(self.today, days_ago))
        summary = "Strategische sessie gehouden"
        self.events.append(_event(office, EventKind.SESSION_PLANNED, summary, lead, held))
        for key in goal_keys:
            goal = self._goal_tree(
                office, lead, GOALS[key], days_ago - 14, smart, measured_quarters
            )
            theme = themes[GOAL_THEMES[key]]
            goal.source_theme = theme
            goal.save(update_fields=["source_theme"])
            goal.source_cards.set(theme.cards.all())

    def _goal_tree(self, office, lead, spec, days_ago, smart, measured_quarters):
        goal = _goal(office, spec, lead, self.today, smart)
        goal.save()
        when = _at(_days_ago(self.today, max(days_ago, 1)))
        # Made on the day its timeline line says, so a snapshot of an earlier day leaves it out.
        Goal.objects.filter(pk=goal.pk).update(created_at=when)
        self.events.append(
            _event(office, EventKind.GOAL_CREATED, f"Doel: {spec.title}", lead, when)
        )
        strategy = Strategy.objects.create(goal=goal, title=spec.strategy)
        for title, kind, status, progress, budget in spec.projects:
            Project.objects.create(
                strategy=strategy,
                title=title,
                kind=kind,
                status=status,
                progress=progress,
                owner=lead,
                start_on=_days_ago(self.today, max(days_ago - 20, 1)),
                due_on=self.today + datetime.timedelta(days=self.rng.randint(20, 150)),
                budget_amount=600 if budget else None,
                budget_source=budget,
            )
        self._measure(goal, lead, spec, measured_quarters)
        return goal

    def _measure(self, goal, lead, spec, measured_quarters):
        counted = next((v for key, v in MEASURED.items() if GOALS[key] is spec), None)
        for quarter in range(measured_quarters):
            Measurement.objects.create(
                goal=goal,
                measured_on=_days_ago(self.today, 10 + 92 * quarter),
                value=counted or round(spec.target * (0.7 - 0.25 * quarter), 1),
                note="Telling door de kartrekker",
                created_by=lead,
            )

    def story_embedded(self, office, lead):
        self._session_with_goals(office, lead, 420, ("members", "space"), True, 3)
        self._activity(office, lead, (5, 30, 62))

    def story_eve(self, office, lead):
        """Office A: the session it was on the eve of in June 2025, held that autumn (over a
        year ago), then SMART goals with running projects, measured once so far."""
        self._session_with_goals(office, lead, 420, ("members", "space"), True, 1)
        self._activity(office, lead, (5, 30, 62))

    def story_executing(self, office, lead):
        self._session_with_goals(office, lead, 200, ("members", "visibility"), True, 1)
        self._activity(office, lead, (12, 45))

    def story_strategy(self, office, lead):
        self._held_session(office, lead, 130)
        for title in VAGUE_GOALS:
            Goal.objects.create(office=office, title=title, created_by=lead)
        self._activity(office, lead, (20, 70))

    def story_strategy_planned(self, office, lead):
        session = _session(office, self.today, -21, lead, phase=SessionPhase.COLLECT)
        session.save()
        self.events.append(
            _event(
                office,
                EventKind.SESSION_PLANNED,
                "Strategische sessie gepland",
                lead,
                _at(_days_ago(self.today, 10)),
            )
        )
        self._activity(office, lead, (25,))

    def story_building(self, office, lead):
        self._activity(office, lead, (15, 50))

    def story_solo(self, office, lead):
        self._activity(office, lead, (8, 30, 55, 80), helpers=False)

    def story_founded(self, office, lead):
        office.memberships.all().delete()
        office.founded_on = _days_ago(self.today, 20)
        office.save(update_fields=["founded_on"])

    def story_stalled(self, office, lead):
        """Office D: a flying start, then nothing; two members leave in the last months."""
        leaving = list(office.memberships.current().order_by("pk")[:2])
        for index, membership in enumerate(leaving):
            membership.left_on = _days_ago(self.today, 40 + 30 * index)
        Membership.objects.bulk_update(leaving, ["left_on"])


def kapstok_seed(*, offices: list[Office], letters: dict[int, str], today, seed: int, pos) -> None:
    KapstokDemo(today, random.Random(seed + 7), pos).build(offices, letters)
