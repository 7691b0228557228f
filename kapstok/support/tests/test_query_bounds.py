"""The queue and the report cost the same number of queries at 30 requests and at 600.

Requests here have pauses and messages, several offices and categories, open and resolved
ones, so the clock's pauses, the office phases and the offers are all loaded: in bulk, never
per row. (The benchmark measures the same pages at 20,000 requests: `make bench`.)
"""

import datetime
import itertools

import pytest
import time_machine

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.network.factories import OfficeFactory
from kapstok.support.models import Category, Message, Pause, Status, SupportOffer, SupportRequest
from kapstok.support.selectors import QUEUE_PAGE
from kapstok.support.services import clock_days_store

AMS = datetime.timezone(datetime.timedelta(hours=1))
NOW = datetime.datetime(2026, 6, 30, 12, tzinfo=AMS)
PAGES = {
    "queue": "/netwerk/ondersteuning/",
    "late": "/netwerk/ondersteuning/?late=1",
    "search": "/netwerk/ondersteuning/?q=vraag",
    "report": "/netwerk/ondersteuning/rapport/?van=2026-01-01&tot=2026-06-30",
}
STATUSES = itertools.cycle([Status.NEW, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED])


def _add(count, offices, categories, offer, pos):
    made = SupportRequest.objects.bulk_create(
        SupportRequest(
            office=offices[n % len(offices)],
            category=categories[n % len(categories)],
            description=f"Vraag {n}",
            status=(status := next(STATUSES)),
            created_at=NOW - datetime.timedelta(days=1 + n % 150),
            first_response_at=None if status == Status.NEW else NOW - datetime.timedelta(days=1),
            resolved_at=NOW if status == Status.RESOLVED else None,
            assignee=pos if n % 2 else None,
            offer=offer if n % 3 == 0 else None,
            no_offer=n % 3 == 1,
            rating=4 if status == Status.RESOLVED else None,
        )
        for n in range(count)
    )
    Pause.objects.bulk_create(
        Pause(
            request=r, started_at=r.created_at, ended_at=None if r.status == Status.WAITING else NOW
        )
        for r in made
        if r.status in (Status.WAITING, Status.IN_PROGRESS)
    )
    Message.objects.bulk_create(
        Message(request=r, author=pos, body="Antwoord", from_handler=True, created_at=NOW)
        for r in made
    )
    # The stopped clocks, as the services store them when they write a request.
    clock_days_store(SupportRequest.objects.filter(pk__in=[r.pk for r in made]))


def _cold(client, path):
    """A request with the report's minute of cached office labels gone, as at its first
    view: the counts compare like with like."""
    cache.clear()
    return client.get(path)


def _counts(client) -> dict[str, int]:
    counts = {}
    for name, path in PAGES.items():
        with CaptureQueriesContext(connection) as queries:
            assert _cold(client, path).status_code == 200
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_queue_and_report_queries_do_not_grow_with_requests(world, login, category):
    categories = [category, Category.objects.get_or_create(name="subsidies")[0]]
    offer = SupportOffer.objects.create(
        category=category, service="Advies", delivered_by="POS", capacity_per_quarter=10
    )
    offices = [world.office, world.other_office, *(OfficeFactory() for _ in range(3))]
    pos = world.users["pos"]
    client = login(pos)

    _add(30, offices, categories, offer, pos)
    few = _counts(client)
    _add(570, offices, categories, offer, pos)
    many = _counts(client)

    assert many == few, (few, many)
    assert max(many.values()) <= 30
    # the queue pages at 25 rows; the report counts all 600
    assert len(client.get(PAGES["queue"]).context["clocks"]) == QUEUE_PAGE == 25
    report = client.get(PAGES["report"]).context["rows"]
    assert report[-1].requests == 600
