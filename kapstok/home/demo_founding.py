"""Demo data for offices being founded (issue #18, item 1): "so the 41 become 50".

Nine offices are in founding in municipalities that have no office yet, each at another stage
of its checklist: one without a kartrekker yet, some with only initiators, some with a first
meeting and a contact at the municipality (by hand, or through the municipality's civil servant
in Kapstok), with their first members, and two that are ready to be marked founded.
`oprichter@demo.invalid` is the kartrekker of the furthest one that is not yet complete, so the
checklist is the first thing on their start page. Deterministic: the same municipalities,
people and dates on every seed of the same day.
"""

import datetime
import random
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.founding import services as founding_services
from kapstok.network.models import Entrepreneur, Initiative, Municipality, Office
from kapstok.network.services import membership_add

FOUNDING_OFFICES = 9
LOGIN_EMAIL = "oprichter@demo.invalid"
LOGIN_NAME = "Femke Oprichter"
MEMBERS_NEEDED = 5


@dataclass(frozen=True)
class Stage:
    """How far one office's founding is: days since it started, kartrekkers, whether the first
    meeting was held and the municipality contacted (by hand or by a civil servant's role),
    and how many first members joined."""

    days: int
    initiators: int
    meeting: bool
    contact: str  # "", "hand" or "role"
    members: int
    initiative: str = Initiative.ENTREPRENEURS


STAGES = (
    Stage(days=21, initiators=0, meeting=False, contact="", members=0),
    Stage(days=45, initiators=1, meeting=False, contact="", members=0, initiative=Initiative.POS),
    Stage(days=70, initiators=2, meeting=True, contact="", members=1),
    Stage(days=96, initiators=1, meeting=True, contact="hand", members=2),
    Stage(days=130, initiators=1, meeting=False, contact="role", members=3),
    # The one oprichter@demo.invalid leads: all but its last member.
    Stage(days=160, initiators=2, meeting=True, contact="hand", members=4),
    Stage(days=210, initiators=1, meeting=True, contact="role", members=5),
    Stage(
        days=260,
        initiators=2,
        meeting=True,
        contact="hand",
        members=6,
        initiative=Initiative.MUNICIPALITY,
    ),
    # Long in founding and stuck: initiators and a meeting, but no members have joined.
    Stage(days=400, initiators=1, meeting=True, contact="", members=0, initiative=Initiative.JOINT),
)
LOGIN_STAGE = 5

FIRST_NAMES = ("Anouk", "Bas", "Chantal", "Dirk", "Esra", "Frank", "Gwen", "Hamid", "Ilse")
LAST_NAMES = ("Aalbers", "Bosman", "Coenen", "Dekker", "Eijk", "Franssen", "Groot", "Hoekstra")
CONTACTS = (
    "Mw. J. de Wit, beleidsadviseur sport",
    "Dhr. R. Kuipers, accountmanager economie",
    "Mw. S. Yilmaz, wethouder sport",
)


def _places(count: int) -> list[Municipality]:
    """The municipalities without an office that have the most sport businesses not yet in one:
    where an office would find its first members."""
    free = Q(
        entrepreneurs__is_demo=True,
        entrepreneurs__memberships__isnull=True,
    )
    return list(
        Municipality.objects.current()
        .filter(offices__isnull=True)
        .annotate(free=Count("entrepreneurs", filter=free, distinct=True))
        .filter(free__gte=max(s.members for s in STAGES))
        .order_by("-free", "code")[:count]
    )


def _lead(office: Office, email: str, name: str, started: datetime.date, password_hash):
    from kapstok.home.demo import account_ensure

    user = account_ensure(email, name, password_hash)
    grant_role(user=user, role=Role.LEAD, scope=office, starts_on=started)
    return user


def _civil_servant(office: Office, municipality: Municipality, started, password_hash) -> None:
    from kapstok.home.demo import account_ensure

    user = account_ensure(
        f"gemeente-{municipality.code.lower()}@demo.invalid",
        f"Beleidsadviseur sport {municipality.name}",
        password_hash,
    )
    grant_role(user=user, role=Role.CIVIL_SERVANT, scope=municipality, starts_on=started)


def _members(rng: random.Random, office: Office, municipality, count: int, started, today):
    candidates = list(
        Entrepreneur.objects.filter(
            is_demo=True, municipality=municipality, memberships__isnull=True
        ).order_by("kvk_number", "establishment_number")
    )
    for entrepreneur in rng.sample(candidates, count):
        joined = started + datetime.timedelta(days=rng.randint(1, max(1, (today - started).days)))
        membership_add(office=office, entrepreneur=entrepreneur, joined_on=min(joined, today))


def founding_login():
    """The founder's login for the list `seed_demo` prints."""
    from kapstok.home.demo import Login

    return Login(LOGIN_EMAIL, _("kartrekker van een kantoor in oprichting"), LOGIN_NAME)


def founding_seed(*, today: datetime.date, password_hash: str, seed: int) -> list[Office]:
    """Nine offices in founding (see the module); returns them, longest in founding last."""
    rng = random.Random(seed + 18)
    offices = []
    for number, (stage, place) in enumerate(zip(STAGES, _places(FOUNDING_OFFICES), strict=True)):
        started = today - datetime.timedelta(days=stage.days)
        office = founding_services.founding_register(
            name=f"POS-kantoor {place.name}",
            municipalities=[place],
            initiative=stage.initiative,
            started_on=started,
            members_needed=MEMBERS_NEEDED,
        )
        Office.objects.filter(pk=office.pk).update(
            is_demo=True,
            description=(
                f"In oprichting: sportondernemers in {place.name} bouwen met hulp van POS een "
                "eigen netwerk op. Fictieve demogegevens."
            ),
        )
        people = [
            (
                f"oprichter-{office.slug}-{n + 1}@demo.invalid",
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            )
            for n in range(stage.initiators)
        ]
        if number == LOGIN_STAGE:
            people[0] = (LOGIN_EMAIL, LOGIN_NAME)
        leads = [_lead(office, email, name, started, password_hash) for email, name in people]
        if leads:
            Office.objects.filter(pk=office.pk).update(
                contact_name=leads[0].full_name, contact_email=leads[0].email
            )
        actor = leads[0] if leads else None
        if stage.meeting:
            founding_services.first_meeting_record(
                office=office,
                held_on=started + datetime.timedelta(days=min(14, stage.days // 3)),
                note="Avond bij een van de initiatiefnemers; afgesproken wie wie benadert.",
                actor=actor,
            )
        if stage.contact == "hand":
            founding_services.municipality_contact_record(
                office=office,
                contact_on=started + datetime.timedelta(days=min(30, stage.days // 2)),
                contact_with=rng.choice(CONTACTS),
                note="Kennismaking; de gemeente wil graag één aanspreekpunt.",
                actor=actor,
            )
        elif stage.contact == "role":
            _civil_servant(office, place, started + datetime.timedelta(days=20), password_hash)
        _members(rng, office, place, stage.members, started, today)
        offices.append(office)
    return offices
