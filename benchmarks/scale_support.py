"""The support desk's data for the benchmark: 20,000 requests over the national network.

The support issue asks for the queue and the supply-versus-demand report at 20,000 requests.
They are hung on the 400 generated offices (larger offices ask more, by a log-normal draw times
the square root of their size) over the two years of history, and look like a desk that has run
that long: old requests are resolved or closed (most rated), recent ones are still open — new,
in progress or waiting for the office — so the queue carries a backlog of several hundred. Each
request has a category (the issue's nine), is linked to an offer or flagged "geen aanbod",
assigned to one of a few POS handlers or a partner, and has a conversation (one to six
messages, some internal) and, when it waited for the office, one or two pauses.

The set is generated after the national one (`scale.generate`), by the support group's
`prepare` hook, and reused while the row count and the marker user match; a flush of the
national set takes it along. Rows go in with `bulk_create`, in one transaction.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role, user_ensure
from kapstok.network.models import Office, Partner
from kapstok.support.models import (
    Category,
    Message,
    Pause,
    Status,
    SupportOffer,
    SupportRequest,
    Urgency,
)

HANDLER_EMAIL = "bench-handler-{}@example.invalid"
MARKER_EMAIL = "bench-support@example.invalid"
BATCH = 2000

# The categories with the default targets of migration 0002 (a flush removes them).
CATEGORIES = (
    ("strategische sessie", 2, 15, 12),
    ("rechtsvorm", 2, 10, 10),
    ("samenwerking met de gemeente", 2, 10, 16),
    ("financiën en lidmaatschappen", 2, 10, 14),
    ("marketing en communicatie", 3, 15, 12),
    ("juridische vragen", 2, 10, 8),
    ("accommodatie", 3, 15, 9),
    ("subsidies", 2, 10, 14),
    ("anders", 3, 15, 5),
)  # name, first response days, resolution days, relative demand
# Services on offer per category; categories without one are where "geen aanbod" piles up.
OFFERS = {
    "strategische sessie": ("Begeleide strategische sessie", 30),
    "rechtsvorm": ("Spreekuur rechtsvorm", 20),
    "samenwerking met de gemeente": ("Gesprek met de gemeente voorbereiden", 25),
    "financiën en lidmaatschappen": ("Contributiemodel op maat", 15),
    "marketing en communicatie": ("Huisstijlpakket", 20),
    "subsidies": ("Subsidiescan", 15),
}
DESCRIPTIONS = (
    "Hoe organiseren wij onze eerste strategische sessie met de leden?",
    "Welke rechtsvorm past bij ons kantoor nu we geld gaan ontvangen?",
    "De gemeente wil een convenant; wat moeten we daarin afspreken?",
    "Hoe hoog maken we de contributie, en wat doen we met kleine leden?",
    "Wij zoeken hulp bij een flyer en een webpagina voor de ledenwerving.",
    "Mogen wij ledengegevens delen met de gemeente?",
    "Een lid biedt 200 m² ruimte aan; hoe regelen we de huur?",
    "Welke subsidies zijn er voor een lokale sportdag?",
    "Wij hebben een vraag over de verzekering van vrijwilligers.",
)
# (status, weight) for requests filed longer ago than `recent_days`, and for recent ones.
OLD_STATUSES = (
    (Status.CLOSED, 70),
    (Status.RESOLVED, 27),
    (Status.IN_PROGRESS, 2),
    (Status.WAITING, 1),
)
RECENT_STATUSES = (
    (Status.NEW, 25),
    (Status.IN_PROGRESS, 30),
    (Status.WAITING, 15),
    (Status.RESOLVED, 20),
    (Status.CLOSED, 10),
)
OPEN = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


@dataclass(frozen=True)
class SupportScale:
    requests: int = 20_000
    history_days: int = 730
    recent_days: int = 45
    handlers: int = 6
    seed: int = 2025


NATIONAL = SupportScale()


def is_generated(scale: SupportScale) -> bool:
    from kapstok.accounts.models import User

    return (
        SupportRequest.objects.count() == scale.requests
        and User.objects.filter(email=MARKER_EMAIL, full_name=_marker_name(scale)).exists()
    )


def _marker_name(scale: SupportScale) -> str:
    return f"Bench support ({scale.requests} requests, seed {scale.seed})"


def support_ensure(scale: SupportScale = NATIONAL) -> str:
    """Generate the support data unless it is there already; a line for the report."""
    if is_generated(scale):
        return f"{scale.requests:,} support requests, reused"
    counts = support_generate(scale)
    return (
        f"{counts['requests']:,} support requests ({counts['open']:,} open), "
        f"{counts['messages']:,} messages, {counts['pauses']:,} pauses, generated"
    )


@transaction.atomic
def support_generate(scale: SupportScale = NATIONAL, *, today=None) -> dict[str, int]:
    """Replace all support requests with a generated set of `scale.requests`."""
    today = today or timezone.localdate()
    SupportRequest.objects.all().delete()
    categories = _categories_ensure()
    offers = _offers_ensure(categories)
    handlers = _handlers_ensure(scale)
    offices = list(Office.objects.with_member_count().order_by("pk"))
    partners = list(Partner.objects.order_by("pk")[:10])
    rng = random.Random(f"{scale.seed}:support")
    weights = [rng.lognormvariate(0, 0.8) * max(o.member_count, 1) ** 0.5 for o in offices]
    demand = [c[3] for c in CATEGORIES]
    rows, plans = [], []
    for _ in range(scale.requests):
        office = rng.choices(offices, weights=weights)[0]
        category = rng.choices(categories, weights=demand)[0]
        request, plan = _request(rng, scale, today, office, category, offers, handlers, partners)
        rows.append(request)
        plans.append(plan)
    SupportRequest.objects.bulk_create(rows, batch_size=BATCH)
    pauses, messages = _conversations(rng, rows, plans, handlers)
    user = user_ensure(email=MARKER_EMAIL)
    user.full_name = _marker_name(scale)
    user.save(update_fields=["full_name"])
    return {
        "requests": len(rows),
        "open": sum(r.status in OPEN for r in rows),
        "pauses": pauses,
        "messages": messages,
    }


def _categories_ensure() -> list[Category]:
    categories = []
    for position, (name, response, resolution, _demand) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            name=name,
            defaults={
                "first_response_days": response,
                "resolution_days": resolution,
                "position": position,
            },
        )
        categories.append(category)
    return categories


def _offers_ensure(categories) -> dict[int, SupportOffer]:
    offers = {}
    for category in categories:
        if category.name in OFFERS:
            service, capacity = OFFERS[category.name]
            offer, _created = SupportOffer.objects.get_or_create(
                category=category,
                service=service,
                defaults={"delivered_by": "POS", "capacity_per_quarter": capacity},
            )
            offers[category.pk] = offer
    return offers


def _handlers_ensure(scale: SupportScale) -> list:
    handlers = []
    for number in range(1, scale.handlers + 1):
        user = user_ensure(email=HANDLER_EMAIL.format(number), full_name=f"Behandelaar {number}")
        grant_role(user=user, role=Role.POS_STAFF)
        handlers.append(user)
    return handlers


def _moment(rng, day: datetime.date) -> datetime.datetime:
    time = datetime.time(rng.randint(8, 18), rng.choice((0, 15, 30, 45)))
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _request(rng, scale, today, office, category, offers, handlers, partners):
    """One request and the plan of its conversation (response delay, pauses, messages)."""
    age = int(rng.triangular(0, scale.history_days, 0))  # more requests lately: the desk grows
    filed = today - datetime.timedelta(days=age)
    created = _moment(rng, filed)
    table = RECENT_STATUSES if age < scale.recent_days else OLD_STATUSES
    statuses, weights = zip(*table, strict=True)
    status = rng.choices(statuses, weights=weights)[0]
    if status == Status.NEW:
        responded = None
    else:
        responded = created + datetime.timedelta(days=rng.choice((0, 1, 1, 2, 3, 5, 8)), hours=2)
    resolved = None
    if status in (Status.RESOLVED, Status.CLOSED):
        resolved = responded + datetime.timedelta(days=int(rng.lognormvariate(1.6, 0.7)))
    now = timezone.now()
    responded = min(responded, now) if responded else None
    resolved = min(resolved, now) if resolved else None
    offer = offers.get(category.pk)
    linked = offer is not None and status != Status.NEW and rng.random() < 0.75
    assigned = status != Status.NEW or rng.random() < 0.3
    request = SupportRequest(
        office=office,
        category=category,
        description=f"{rng.choice(DESCRIPTIONS)}\n\nGroet, {office.contact_name}",
        urgency=rng.choices(Urgency.values, weights=(2, 6, 2))[0],
        status=status,
        created_at=created,
        assignee=rng.choice(handlers) if assigned and rng.random() < 0.85 else None,
        partner=rng.choice(partners) if partners and assigned and rng.random() < 0.15 else None,
        offer=offer if linked else None,
        no_offer=offer is None and status != Status.NEW and rng.random() < 0.7,
        first_response_at=responded,
        resolved_at=resolved,
        rating=rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 5, 9, 6))[0]
        if resolved and rng.random() < 0.6
        else None,
    )
    plan = {"messages": rng.randint(1, 6), "pauses": rng.choice((0, 0, 0, 1, 1, 2))}
    if status == Status.WAITING:
        plan["pauses"] = max(plan["pauses"], 1)
    return request, plan


def _conversations(rng, requests, plans, handlers) -> tuple[int, int]:
    """Messages alternating between the office and a handler, and the pauses in between."""
    pauses, messages = [], []
    now = timezone.now()
    for request, plan in zip(requests, plans, strict=True):
        end = request.resolved_at or now
        span = max((end - request.created_at).total_seconds(), 3600)
        for number in range(plan["messages"]):
            handler = number % 2 == 1 and request.first_response_at is not None
            at = request.created_at + datetime.timedelta(seconds=span * (number + 1) / 8)
            messages.append(
                Message(
                    request=request,
                    author=(request.assignee or rng.choice(handlers)) if handler else None,
                    body="Dank voor uw vraag; wij nemen contact op."
                    if handler
                    else "Aanvullende informatie van het kantoor.",
                    internal=handler and rng.random() < 0.2,
                    from_handler=handler,
                    created_at=at,
                )
            )
        for number in range(plan["pauses"]):
            started = request.created_at + datetime.timedelta(seconds=span * (number + 1) / 3)
            last_open = request.status == Status.WAITING and number == plan["pauses"] - 1
            ended = None if last_open else started + datetime.timedelta(days=rng.randint(1, 6))
            pauses.append(Pause(request=request, started_at=started, ended_at=ended))
    Message.objects.bulk_create(messages, batch_size=BATCH)
    Pause.objects.bulk_create(pauses, batch_size=BATCH)
    return len(pauses), len(messages)
