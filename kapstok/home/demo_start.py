"""Demo data for the start pages: something to do for the demo logins of office A.

Logged in as `member-a@demo.invalid`, the member finds on the start page a position of the
office open for endorsement, a strategy session collecting cards, and an unread message from
the lead, each one click from being done. `lead-a@demo.invalid` finds the office's next step
from its stall signals: two members left in the last months, so membership shrinks (the other
report offices keep their own stories, see `demo_kapstok`). All fictitious, like the rest.

Runs from `demo_seed` after the people, the kapstok and the municipality's demo exist, and
before the stall signals are computed. Mail is not sent (a dummy connection).
"""

import datetime

from django.core.mail import get_connection
from django.utils import timezone

from kapstok.accounts.access import viewer_for
from kapstok.accounts.models import Role
from kapstok.influence.models import Endorsement, Position, PositionStatus
from kapstok.messaging import services as messaging
from kapstok.network.models import Membership, Office
from kapstok.strategy.models import Card, CardKind, Participant, SessionPhase, StrategySession

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
SESSION_TITLE = "Strategische sessie 2027: de volgende stap"
SESSION_IN_DAYS = 10
POSITION_TITLE = "Houd de gymzalen overdag open voor sportondernemers"
POSITION_TEXT = (
    "Veel gymzalen in de gemeente staan overdag leeg, terwijl sportondernemers voor hun "
    "ochtend- en middaglessen voor ouderen en jonge ouders geen ruimte vinden. Wij vragen de "
    "gemeente de zalen overdag te verhuren aan sportondernemers, tegen hetzelfde tarief als "
    "aan verenigingen."
)
MESSAGE_SUBJECT = "Doe mee met de strategische sessie en steun ons standpunt over de gymzalen"
MESSAGE_BODY = (
    "Beste leden,\n\n"
    "Over tien dagen houden we de strategische sessie voor 2027. Zet nu al uw kansen, "
    "uitdagingen en behoeften klaar: dat kan op uw telefoon, via uw startpagina in Kapstok.\n\n"
    "Daarnaast sturen we de gemeente een standpunt over de gymzalen die overdag leegstaan. Hoe "
    "meer leden het steunen, hoe sterker het staat.\n\n"
    "Sportieve groet,\nde kartrekker"
)
CARDS = (
    (CardKind.OPPORTUNITY, "Samen één rooster voor de lege zalen overdag", "Anouk"),
    (CardKind.CHALLENGE, "Nieuwe leden vinden ons niet", "Bram"),
    (CardKind.NEED, "Een gezamenlijke stand op de sportmarkt", "Fatima"),
)
LEFT_DAYS_AGO = (45, 75)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _lead(office: Office):
    return office.grants.filter(role=Role.LEAD).select_related("user").first().user


def two_members_leave(office: Office, today: datetime.date) -> None:
    """Two long-standing members (never the demo member or the first few, who consented to
    sharing their details) left in the last months: the office now shrinks a little."""
    earlier = today - datetime.timedelta(days=365)
    candidates = list(
        office.memberships.current().filter(joined_on__lt=earlier).order_by("joined_on", "pk")
    )
    leaving = candidates[5:][-len(LEFT_DAYS_AGO) :]
    for membership, days in zip(leaving, LEFT_DAYS_AGO, strict=False):
        membership.left_on = today - datetime.timedelta(days=days)
    Membership.objects.bulk_update(leaving, ["left_on"])


def open_position(office: Office, today: datetime.date, member) -> Position:
    """A position open for endorsement; a few members backed it already, the demo member not."""
    lead = _lead(office)
    position = Position.objects.create(
        office=office,
        title=POSITION_TITLE,
        body=POSITION_TEXT,
        municipality=office.municipalities.order_by("code").first(),
        recipient_email="sportbeleid@gemeente.demo.invalid",
        status=PositionStatus.OPEN,
        created_by=lead,
        created_at=_at(today - datetime.timedelta(days=8), 10),
        opened_at=_at(today - datetime.timedelta(days=6), 10),
    )
    backers = (
        office.memberships.current()
        .exclude(entrepreneur=member)
        .order_by("joined_on", "pk")
        .values_list("entrepreneur_id", flat=True)[:7]
    )
    Endorsement.objects.bulk_create(
        Endorsement(
            position=position,
            entrepreneur_id=entrepreneur_id,
            show_name=index % 2 == 0,
            created_at=_at(today - datetime.timedelta(days=5 - index % 5), 12),
        )
        for index, entrepreneur_id in enumerate(backers)
    )
    return position


def session_collecting(office: Office, today: datetime.date) -> StrategySession:
    """The next session, planned in ten days; members can put their cards in already."""
    lead = _lead(office)
    session = StrategySession.objects.create(
        office=office,
        title=SESSION_TITLE,
        starts_at=_at(today + datetime.timedelta(days=SESSION_IN_DAYS), 19),
        location="Sportcentrum van een van de leden",
        facilitator=lead,
        questions=(
            "Welke kansen zie je voor je bedrijf en voor de sport in de gemeente?\n"
            "Tegen welke uitdagingen loop je aan?\n"
            "Wat heb je nodig van het netwerk, de gemeente of het POS?"
        ),
        phase=SessionPhase.COLLECT,
        created_by=lead,
    )
    for kind, text, name in CARDS:
        participant = Participant.objects.create(session=session, display_name=name)
        Card.objects.create(session=session, participant=participant, kind=kind, text=text)
    return session


def message_from_the_lead(office: Office) -> None:
    """The lead's message to all members, unread by the demo member."""
    lead = _lead(office)
    messaging.message_compose(
        office=office,
        viewer=viewer_for(lead),
        author=lead,
        subject=MESSAGE_SUBJECT,
        body=MESSAGE_BODY,
        connection=get_connection(DUMMY_MAIL),
    )


def start_seed(*, offices: dict, today: datetime.date, member) -> None:
    """Offices by letter; `member` is the demo member's business (a member of office A)."""
    office = offices["A"]
    two_members_leave(office, today)
    open_position(office, today, member)
    session_collecting(office, today)
    message_from_the_lead(office)
