"""Who requests the pages: the accounts of the personas issue #19 names, made on demand.

Issue #19 measures pages as the people who use them: the member's start page as a member of
the largest office, the lead's start page as the lead of the office with the most goals, the
municipality portal as a civil servant of the most populous municipality with an office, the
research overview as a researcher; everything else as POS staff, who see every office. The
accounts are made (and their role granted) the first time a run needs them, from the
`BenchWorld`, so they work on any data set, an older one included; `user_ensure` and
`grant_role` leave an existing account and grant as they are.
"""

from kapstok.accounts.models import Role, User
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.network.models import Membership, Municipality, Office

from .scenarios import BenchWorld

PERSONA_EMAIL = "bench-{}@example.invalid"


def persona_users(world: BenchWorld) -> dict[str, User]:
    """The account of every logged-in persona, by the key scenarios name it with."""
    users = {"pos": world.pos_user}
    largest = Office.objects.get(slug=world.largest_office)
    member = (
        Membership.objects.current()
        .filter(office=largest)
        .select_related("entrepreneur")
        .order_by("joined_on", "pk")
        .first()
    )
    if member is not None:
        users["member"] = _persona("member", Role.MEMBER, member.entrepreneur)
    lead_office = Office.objects.get(slug=world.goals_office or world.largest_office)
    users["lead"] = _persona("lead", Role.LEAD, lead_office)
    if world.municipality:
        municipality = Municipality.objects.get(code=world.municipality)
        users["civil_servant"] = _persona("civil_servant", Role.CIVIL_SERVANT, municipality)
    users["researcher"] = _persona("researcher", Role.RESEARCHER)
    return users


def _persona(key: str, role: str, scope=None) -> User:
    name = key.replace("_", " ")
    user = user_ensure(email=PERSONA_EMAIL.format(key.replace("_", "-")), full_name=f"Bench {name}")
    grant_role(user=user, role=role, scope=scope)
    return user
