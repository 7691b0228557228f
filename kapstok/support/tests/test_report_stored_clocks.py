"""The report counts stored clocks; they must always equal the clocks computed from scratch.

`supply_demand_report` aggregates `response_days` / `resolution_days`, stored on each request
by the services when a clock stops. `supply_demand_recount` clocks every request again in
Python, as the report did before. After every kind of write (create, update, delete, and the
erasure of the person who filed) both give the same rows, and every stored clock equals the one
`stopped_clock_days` computes from the request's dates and pauses.
"""

import datetime
import itertools

import pytest
import time_machine

from django.contrib.admin import site
from django.core.cache import cache
from django.utils import timezone

from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.support import services
from kapstok.support.admin import SupportRequestAdmin
from kapstok.support.models import Category, Pause, Status, SupportOffer, SupportRequest
from kapstok.support.report import (
    OFFICE_LABELS_SECONDS,
    office_labels,
    supply_demand_recount,
    supply_demand_report,
)
from kapstok.support.selectors import pauses_by_request, stopped_clock_days
from kapstok.trust.personal_data import personal_data_erase

AMS = datetime.timezone(datetime.timedelta(hours=2))
START = datetime.datetime(2026, 6, 1, 9, tzinfo=AMS)  # a Monday
PERIOD = (datetime.date(2026, 5, 1), datetime.date(2026, 7, 31))
TODAY = datetime.date(2026, 7, 31)


def _same_as_from_scratch():
    """The report equals the recount, and every stored clock equals its recomputation."""
    cache.clear()  # the office labels: this compares the clocks, not a minute of caching
    fast = supply_demand_report(*PERIOD, today=TODAY)
    cache.clear()
    assert fast == supply_demand_recount(*PERIOD, today=TODAY)
    rows = list(
        SupportRequest.objects.values_list("pk", "created_at", "first_response_at", "resolved_at")
    )
    pauses = pauses_by_request(Pause.objects.all(), timezone.get_current_timezone())
    expected = stopped_clock_days(rows, pauses)
    stored = {
        pk: (response, resolution)
        for pk, response, resolution in SupportRequest.objects.values_list(
            "pk", "response_days", "resolution_days"
        )
    }
    assert stored == expected
    return fast


def _row(rows, name):
    return next(row for row in rows if row.category == name)


@pytest.fixture
def subsidies(db):
    return Category.objects.get_or_create(
        name="subsidies", defaults={"first_response_days": 1, "resolution_days": 5, "position": 2}
    )[0]


def _file(world, category, actor, text="Vraag"):
    request = SupportRequest(office=world.office, category=category, description=text)
    return services.request_file(request=request, actor=actor)


def test_every_write_keeps_the_report_equal_to_the_recount(world, category, subsidies):
    lead, pos = world.users["lead"], world.users["pos"]
    with time_machine.travel(START, tick=False) as clock:
        # create
        first = _file(world, category, lead)
        second = _file(world, subsidies, lead)
        third = _file(world, category, lead)
        _same_as_from_scratch()
        # update: answers, a wait for the office, a resolution over a weekend
        clock.shift(datetime.timedelta(days=1))
        services.message_post(request=first, author=pos, body="Antwoord", handler=True)
        services.request_set_status(request=second, status=Status.WAITING, actor=pos)
        _same_as_from_scratch()
        clock.shift(datetime.timedelta(days=3))
        services.message_post(request=second, author=lead, body="Hier", handler=False)
        services.message_post(request=second, author=pos, body="Dank", handler=True)
        services.request_set_status(request=first, status=Status.RESOLVED, actor=pos)
        services.request_rate(request=first, rating=4)
        rows = _same_as_from_scratch()
        assert _row(rows, "rechtsvorm").resolution_median == 4.0
        # a reopened request runs again; resolved later, its resolution is counted anew
        clock.shift(datetime.timedelta(days=7))
        services.request_set_status(request=first, status=Status.IN_PROGRESS, actor=pos)
        rows = _same_as_from_scratch()
        assert _row(rows, "rechtsvorm").resolution_median is None
        clock.shift(datetime.timedelta(days=2))
        services.request_set_status(request=first, status=Status.RESOLVED, actor=pos)
        services.request_set_status(request=second, status=Status.RESOLVED, actor=pos)
        rows = _same_as_from_scratch()
        # Mon 1 June → Sun 14 June: nine working days, the two weeks' weekdays after day 0
        assert _row(rows, "rechtsvorm").resolution_median == 9.0
        # a merge closes the duplicate and takes it out of the report
        services.request_merge(request=third, into=first, actor=pos)
        rows = _same_as_from_scratch()
        assert _row(rows, "rechtsvorm").requests == 1
    # delete
    second.delete()
    rows = _same_as_from_scratch()
    assert _row(rows, "subsidies").requests == 0
    # erasure of the person who filed: the requests stay, anonymised, with their figures
    personal_data_erase(user=lead)
    rows = _same_as_from_scratch()
    assert rows[-1].requests == 1


STATUSES = [Status.NEW, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CLOSED]


def _varied(world, categories, offer):
    """Forty requests written straight to the database, around the services (as a bulk load
    does): every status, pauses that overlap, ratings, offers and "geen aanbod"."""
    offices = [world.office, world.other_office, OfficeFactory()]
    made = []
    for n, status in zip(range(40), itertools.cycle(STATUSES), strict=False):
        created = START + datetime.timedelta(days=n % 20, hours=n % 7)
        responded = None if status == Status.NEW else created + datetime.timedelta(days=n % 6)
        stopped = status in (Status.RESOLVED, Status.CLOSED) and n % 4
        made.append(
            SupportRequest.objects.create(
                office=offices[n % 3],
                category=categories[n % len(categories)],
                description=f"Vraag {n}",
                status=status,
                created_at=created,
                first_response_at=responded,
                resolved_at=created + datetime.timedelta(days=3 + n % 11) if stopped else None,
                offer=offer if n % 3 == 0 else None,
                no_offer=n % 3 == 1,
                rating=1 + n % 5 if stopped else None,
            )
        )
    for request in made[::3]:
        Pause.objects.create(
            request=request,
            started_at=request.created_at + datetime.timedelta(days=1),
            ended_at=request.created_at + datetime.timedelta(days=4),
        )
        Pause.objects.create(
            request=request,
            started_at=request.created_at + datetime.timedelta(days=2),
            ended_at=None if request.status == Status.WAITING else request.created_at,
        )
    return made


def test_rows_written_around_the_services_are_clocked_once_by_the_report(
    world, category, subsidies
):
    retired = Category.objects.create(name="oud", active=False, position=1)
    offer = SupportOffer.objects.create(
        category=category, service="Advies", delivered_by="POS", capacity_per_quarter=4
    )
    made = _varied(world, [category, subsidies, retired], offer)
    assert SupportRequest.objects.filter(response_days__isnull=False).count() == 0

    rows = _same_as_from_scratch()

    active = list(Category.objects.filter(active=True).values_list("name", flat=True))
    # the active categories in their order, then the retired one that has requests
    assert [row.category for row in rows] == [*active, "oud", "Totaal"]
    assert rows[-1].requests == len(made)
    assert rows[-1].response_median is not None and rows[-1].within_target is not None
    assert SupportRequest.objects.filter(response_days__isnull=False).exists()


def test_a_changed_target_counts_at_once(world, category, subsidies):
    """Within target compares the stored clocks with the category's target of today."""
    offer = SupportOffer.objects.create(
        category=category, service="Advies", delivered_by="POS", capacity_per_quarter=4
    )
    _varied(world, [category, subsidies], offer)
    before = _row(_same_as_from_scratch(), "rechtsvorm").within_target
    Category.objects.filter(pk=category.pk).update(first_response_days=0, resolution_days=0)
    after = _row(_same_as_from_scratch(), "rechtsvorm").within_target
    assert before > after == 0.0


def test_an_empty_period_has_every_active_category_with_nothing(world, category, subsidies):
    rows = supply_demand_report(datetime.date(2020, 1, 1), datetime.date(2020, 3, 31))
    active = list(Category.objects.filter(active=True).values_list("name", flat=True))
    assert [row.category for row in rows] == [*active, "Totaal"]
    assert all(row.requests == 0 and row.response_median is None for row in rows)
    assert rows == supply_demand_recount(datetime.date(2020, 1, 1), datetime.date(2020, 3, 31))


def _members(office, count):
    MembershipFactory.create_batch(count, office=office, joined_on=datetime.date(2026, 1, 1))


def test_office_labels_are_at_most_a_minute_old(world, category):
    """The offices' phase and size are cached for a minute: a change shows within it."""
    with time_machine.travel(START, tick=False) as clock:
        before = office_labels()
        _members(world.office, 30)  # from a small to a medium network
        assert office_labels() == before
        clock.shift(datetime.timedelta(seconds=OFFICE_LABELS_SECONDS + 1))
        after = office_labels()
        cache.clear()
        assert after == office_labels()  # equal to the labels computed from scratch
    assert after[world.office.pk][1] != before[world.office.pk][1]


def test_the_report_page_shows_the_figures_of_the_recount(client, login, world, category):
    offer = SupportOffer.objects.create(
        category=category, service="Advies", delivered_by="POS", capacity_per_quarter=4
    )
    _varied(world, [category], offer)
    login(world.users["pos"])
    response = client.get("/netwerk/ondersteuning/rapport/?van=2026-05-01&tot=2026-07-31")
    assert response.status_code == 200
    cache.clear()
    recount = supply_demand_recount(*PERIOD)
    assert response.context["rows"] == recount
    total = recount[-1]
    assert f"{total.response_median} / {total.response_p90}".replace(".", ",") in (
        response.content.decode()
    )


def test_dates_edited_in_the_admin_move_the_stored_clocks(rf, world, category):
    request = SupportRequest.objects.create(
        office=world.office, category=category, description="Vraag", created_at=START
    )
    request.first_response_at = START + datetime.timedelta(days=2)  # Wednesday
    request.resolved_at = START + datetime.timedelta(days=7)  # next Monday
    request.status = Status.RESOLVED
    model_admin = SupportRequestAdmin(SupportRequest, site)
    model_admin.save_model(rf.post("/"), request, form=None, change=True)
    request.refresh_from_db()
    assert (request.response_days, request.resolution_days) == (2, 5)
    _same_as_from_scratch()
