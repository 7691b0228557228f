"""Demo data for the support desk: a backlog as the report describes it, visible and measurable.

The report's central complaint about support (4.2) is that it is slow and unstructured: offices
do not know where to go, answers take long, and questions about structure and money
(lidmaatschappen, rechtsvorm) find no offer. So the demo desk has half a year of requests from
offices A–E and a few others: most answered within the norm of their category, some answered
late, a few still waiting past their norm today (the start page of POS leads with them, and
the offices' "support_overdue" signal fires), some waiting for the office, and a catalogue of
offers that covers part of the questions, not all. All texts are fictitious.

Timestamps are written directly (a seed describes the past; the services stamp "now").
Runs from `demo_seed` after the people exist and before the stall signals are computed.
Re-running is safe: the requests go with the demo offices, the offers are matched by name.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kapstok.accounts.models import Role
from kapstok.network.models import Office
from kapstok.support.models import (
    Category,
    Message,
    Pause,
    Status,
    SupportOffer,
    SupportRequest,
    Urgency,
)
from kapstok.support.services import clock_days_store

# (category, service, description, delivered by, per quarter): POS's catalogue.
OFFERS = (
    (
        "strategische sessie",
        "Begeleiding van een strategische sessie",
        "Een procesbegeleider bereidt de sessie met de kartrekkers voor en leidt haar.",
        "Sportservice-organisaties en procesbegeleiders",
        12,
    ),
    (
        "rechtsvorm",
        "Spreekuur rechtsvorm: vereniging, stichting of coöperatie",
        "Een uur met een jurist over de vorm die bij het kantoor past, en wat die kost.",
        "Juridisch adviseur van het POS",
        20,
    ),
    (
        "samenwerking met de gemeente",
        "Voorbereiding van een gesprek met de wethouder",
        "Samen de agenda en de vraag aan de gemeente scherp maken.",
        "Accountmanager van het POS",
        15,
    ),
    (
        "marketing en communicatie",
        "Workshop zichtbaarheid van het kantoor",
        "Eén avond: wie zijn wij, wat bieden wij, en waar vindt een nieuw lid ons.",
        "Communicatie van het POS",
        8,
    ),
)


@dataclass(frozen=True)
class Ask:
    """One request of the demo: who asks what, how long ago, and how it went.

    `answered` and `resolved` are days after asking (None: not yet); `waiting` means POS
    asked the office something and waits for it since that many days after asking.
    """

    office: str  # letter, or "other-N" for the N-th other office
    category: str
    description: str
    days_ago: int
    answered: int | None = None
    resolved: int | None = None
    waiting: int | None = None
    urgency: str = Urgency.NORMAL
    rating: int | None = None
    by_partner: bool = False


ASKS = (
    Ask("A", "strategische sessie", "Wie kan onze eerste strategische sessie begeleiden? We "
        "willen na de zomer met alle leden onze doelen bepalen.", 170, 1, 20, rating=5,
        by_partner=True),
    Ask("A", "rechtsvorm", "Moeten we een vereniging worden om geld van de gemeente te kunnen "
        "ontvangen? En wat betekent dat voor de aansprakelijkheid van de kartrekkers?", 120, 2,
        16, rating=4),
    Ask("A", "financiën en lidmaatschappen", "Hoe hoog kan een lidmaatschapsbijdrage zijn "
        "zonder dat de kleine zelfstandigen afhaken? Is er een rekenvoorbeeld?", 40, 9, None),
    Ask("A", "marketing en communicatie", "We willen een gezamenlijke stand op de sportmarkt. "
        "Heeft het POS materiaal dat we kunnen gebruiken?", 6, None, None),
    Ask("B", "samenwerking met de gemeente", "De gemeente heeft ons een opdracht en een budget "
        "gegeven. Hoe leggen we vast wat we daarvoor leveren?", 150, 1, 9, rating=5),
    Ask("B", "subsidies", "Welke subsidie past bij een beweegprogramma voor ouderen dat we met "
        "drie ondernemers samen willen geven?", 60, 12, None, urgency=Urgency.HIGH),
    Ask("B", "strategische sessie", "Onze sessie staat gepland, maar we weten niet hoe we de "
        "leden zover krijgen dat ze komen. Tips?", 4, None, None),
    Ask("C", "strategische sessie", "Kan de procesbegeleider ook een tweede sessie doen om de "
        "doelen SMART te maken? Ze zijn nu te vaag.", 75, 1, 12, rating=4, by_partner=True),
    Ask("C", "financiën en lidmaatschappen", "Wie betaalt wat? Sommige leden willen wel "
        "meedoen maar niet betalen.", 25, None, None),
    Ask("C", "anders", "Hoe vinden we een tweede kartrekker? Alles hangt nu op één persoon.",
        90, 3, 30, rating=3),
    Ask("D", "samenwerking met de gemeente", "De gemeente reageert niet op onze mails. Kan het "
        "POS helpen met een ingang bij de afdeling sport?", 50, 8, 35, rating=2),
    Ask("D", "strategische sessie", "We zijn een jaar bezig maar hebben nog geen sessie gehad. "
        "Waar beginnen we?", 18, None, None, urgency=Urgency.HIGH),
    Ask("D", "rechtsvorm", "Kunnen we als informeel netwerk een contract met de gemeente "
        "tekenen?", 35, 2, None, waiting=5),
    Ask("E", "accommodatie", "Voor de sportdag hebben we het park nodig. Welke vergunning "
        "vraagt de gemeente en hoe lang duurt die?", 160, 1, 6, rating=5),
    Ask("E", "marketing en communicatie", "Hoe meten we hoeveel bezoekers de sportdag "
        "trok? De gemeente wil cijfers.", 130, 2, 8, rating=4),
    Ask("E", "juridische vragen", "Moeten deelnemers aan de sportdag een verklaring tekenen "
        "voor de aansprakelijkheid?", 100, 1, 4, rating=5),
    Ask("E", "subsidies", "Kan de sportdag volgend jaar uit het sportakkoord betaald worden?",
        12, 1, None),
    Ask("other-0", "rechtsvorm", "Stichting of coöperatie: wat past bij twaalf ondernemers "
        "die samen willen inkopen?", 140, 6, 40, rating=3),
    Ask("other-0", "financiën en lidmaatschappen", "Mag het kantoor een bijdrage vragen van "
        "ondernemers die geen lid zijn maar wel aan activiteiten meedoen?", 21, None, None),
    Ask("other-1", "samenwerking met de gemeente", "Hoe komen we aan tafel bij het "
        "sportakkoord? Alleen de verenigingen zijn uitgenodigd.", 110, 1, 14, rating=4),
    Ask("other-1", "anders", "Waar vinden we andere kantoren die al een ledenavond hebben "
        "georganiseerd?", 9, 1, None),
    Ask("other-2", "strategische sessie", "Is er een format voor een korte sessie van een uur "
        "na de lessen?", 80, 4, 18, rating=4),
    Ask("other-2", "marketing en communicatie", "Onze website is verouderd. Kan het POS een "
        "pagina voor ons kantoor maken?", 30, 3, None, waiting=6),
    Ask("other-3", "financiën en lidmaatschappen", "Hoe houden we bij wie betaald heeft en "
        "wat we uitgeven aan projecten?", 45, 15, None, urgency=Urgency.HIGH),
    Ask("other-3", "subsidies", "Welke regeling is er voor het verduurzamen van een "
        "sportschool?", 65, 2, 11, rating=4),
)  # fmt: skip


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def offers_ensure() -> dict[str, SupportOffer]:
    """The catalogue, by category name; offers are matched by their service's name."""
    offers = {}
    for category, service, description, delivered_by, capacity in OFFERS:
        offers[category], _created = SupportOffer.objects.update_or_create(
            service=service,
            defaults={
                "category": Category.objects.get(name=category),
                "description": description,
                "delivered_by": delivered_by,
                "capacity_per_quarter": capacity,
            },
        )
    return offers


def _office_of(ask: Ask, offices: dict[str, Office], others: list[Office]) -> Office:
    if ask.office.startswith("other-"):
        return others[int(ask.office.split("-")[1])]
    return offices[ask.office]


def _lead(office: Office):
    grant = office.grants.filter(role=Role.LEAD).select_related("user").first()
    return grant.user if grant else None


def _status(ask: Ask) -> str:
    if ask.resolved is not None:
        return Status.RESOLVED
    if ask.waiting is not None:
        return Status.WAITING
    return Status.IN_PROGRESS if ask.answered is not None else Status.NEW


def request_create(ask: Ask, office: Office, *, pos, offers, today: datetime.date):
    asked_on = today - datetime.timedelta(days=ask.days_ago)
    partner = office.partners.order_by("pk").first() if ask.by_partner else None
    request = SupportRequest.objects.create(
        office=office,
        category=Category.objects.get(name=ask.category),
        description=ask.description,
        urgency=ask.urgency,
        status=_status(ask),
        created_by=_lead(office),
        created_at=_at(asked_on, 9),
        assignee=None if partner else pos,
        partner=partner,
        offer=offers.get(ask.category) if ask.answered is not None else None,
        no_offer=ask.answered is not None and ask.category not in offers,
        rating=ask.rating,
    )
    if ask.answered is not None:
        answered_at = _at(asked_on + datetime.timedelta(days=ask.answered), 14)
        Message.objects.create(
            request=request,
            author=pos,
            body="Dank voor uw vraag. We pakken dit op en laten binnenkort meer weten.",
            from_handler=True,
            created_at=answered_at,
        )
        request.first_response_at = answered_at
    if ask.waiting is not None:
        Pause.objects.create(
            request=request, started_at=_at(asked_on + datetime.timedelta(days=ask.waiting), 15)
        )
    if ask.resolved is not None:
        request.resolved_at = _at(asked_on + datetime.timedelta(days=ask.resolved), 16)
    request.save(update_fields=["first_response_at", "resolved_at"])
    # The stopped clocks the report counts, as the services store them.
    clock_days_store(SupportRequest.objects.filter(pk=request.pk))
    return request


def support_seed(*, offices: dict[str, Office], others: list[Office], pos, today) -> int:
    """The desk's half year: the catalogue and every `ASKS` request; returns how many."""
    offers = offers_ensure()
    for ask in ASKS:
        request_create(ask, _office_of(ask, offices, others), pos=pos, offers=offers, today=today)
    return len(ASKS)
