"""The working-day clocks of requests, the queue's filters and pages, and late counts per office."""

import datetime

import pytest
import time_machine

from kapstok.network.factories import PartnerFactory
from kapstok.support import selectors
from kapstok.support.models import Category, Pause, Status, SupportRequest

pytestmark = pytest.mark.django_db
AMS = datetime.timezone(datetime.timedelta(hours=2))  # summer time
QUEUE = "/netwerk/ondersteuning/"


def at(day, hour=10, month=6):
    return datetime.datetime(2026, month, day, hour, tzinfo=AMS)


def make(world, category, created, office=None, **fields):
    return SupportRequest.objects.create(
        office=office or world.office, category=category, description=fields.pop("text", "Vraag"),
        created_at=created, **fields,
    )  # fmt: skip


def clock_of(request, today):
    [clock] = selectors.clocks(
        SupportRequest.objects.filter(pk=request.pk).select_related("category"), today=today
    )
    return clock


def test_a_friday_question_answered_on_monday_took_one_working_day(world, category):
    request = make(world, category, at(5), first_response_at=at(8), status=Status.IN_PROGRESS)
    clock = clock_of(request, datetime.date(2026, 6, 9))
    assert (clock.response_days, clock.response_state) == (1, "ok")


def test_waiting_for_the_office_does_not_count(world, category):
    request = make(world, category, at(1), first_response_at=at(2), status=Status.IN_PROGRESS)
    Pause.objects.create(request=request, started_at=at(3), ended_at=at(8))
    clock = clock_of(request, datetime.date(2026, 6, 12))
    assert clock.resolution_days == 6  # 9 working days, 3 of them waiting


def test_an_open_pause_runs_until_today(world, category):
    request = make(world, category, at(1), first_response_at=at(2), status=Status.WAITING)
    Pause.objects.create(request=request, started_at=at(3))
    assert clock_of(request, datetime.date(2026, 6, 12)).resolution_days == 2


def test_an_unanswered_request_past_its_target_is_late_on_the_response(world, category):
    request = make(world, category, at(1))
    clock = clock_of(request, datetime.date(2026, 6, 4))  # 3 working days, target 2
    assert (clock.response_state, clock.resolution_state, clock.state) == (
        "breached",
        "ok",
        "breached",
    )


def test_a_closed_request_is_judged_by_when_it_was_resolved_not_by_today(world, category):
    on_time = make(world, category, at(1), first_response_at=at(2), resolved_at=at(5),
                   status=Status.CLOSED)  # fmt: skip
    too_late = make(world, category, at(1), first_response_at=at(2), resolved_at=at(19),
                    status=Status.RESOLVED)  # fmt: skip
    much_later = datetime.date(2026, 9, 1)
    assert clock_of(on_time, much_later).state == "ok"
    assert clock_of(too_late, much_later).resolution_state == "breached"


def test_a_clock_warns_on_the_day_before_its_target(world, category):
    request = make(world, category, at(1))
    assert clock_of(request, datetime.date(2026, 6, 2)).response_state == "warning"


def test_the_clock_counts_across_the_turn_of_the_year(world, category):
    request = make(world, category, datetime.datetime(2026, 12, 24, 10, tzinfo=AMS))
    # 25 and 26 December are holidays, then a weekend: Mon 28 Dec … Mon 4 Jan.
    assert clock_of(request, datetime.date(2027, 1, 4)).response_days == 5


# --- the queue -----------------------------------------------------------------------------------


def rows(response):
    return [clock.request.pk for clock in response.context["clocks"]]


def test_the_queue_filters_by_category_assignee_and_partner(world, login, category):
    other, _new = Category.objects.get_or_create(name="subsidies")
    partner = PartnerFactory(name="Adviesbureau")
    mine = make(world, category, at(1), assignee=world.users["pos"])
    theirs = make(world, other, at(1), partner=partner)
    pos = login(world.users["pos"])
    assert rows(pos.get(QUEUE, {"category": other.pk})) == [theirs.pk]
    assert rows(pos.get(QUEUE, {"assignee": world.users["pos"].pk})) == [mine.pk]
    assert rows(pos.get(QUEUE, {"partner": partner.pk})) == [theirs.pk]


def test_searching_by_number_or_text_also_finds_closed_requests(world, login, category):
    closed = make(world, category, at(1), status=Status.CLOSED, text="Penningmeester gezocht")
    make(world, category, at(2), text="Subsidie")
    pos = login(world.users["pos"])
    assert rows(pos.get(QUEUE)) != [closed.pk]
    assert rows(pos.get(QUEUE, {"q": f"#{closed.pk}"})) == [closed.pk]
    assert rows(pos.get(QUEUE, {"q": "penningmeester"})) == [closed.pk]


def test_the_queue_lists_the_oldest_first(world, login, category):
    newer = make(world, category, at(3))
    older = make(world, category, at(1))
    assert rows(login(world.users["pos"]).get(QUEUE)) == [older.pk, newer.pk]


@time_machine.travel(datetime.datetime(2026, 6, 26, 12, tzinfo=AMS))
def test_the_late_page_holds_only_late_requests_in_their_order(world, category):
    late = [make(world, category, at(day)) for day in (1, 2, 3)]
    answered = make(world, category, at(1), first_response_at=at(2), resolved_at=at(5),
                    status=Status.RESOLVED)  # fmt: skip
    make(world, category, at(26))  # filed today: cannot be late yet
    page = selectors.queue_page(SupportRequest.objects.order_by("created_at", "pk"), late=True)
    assert [clock.request.pk for clock in page.object_list] == [r.pk for r in late]
    assert answered.pk not in [clock.request.pk for clock in page.object_list]


def test_late_requests_are_counted_per_office(world, category):
    make(world, category, at(1))
    make(world, category, at(1))
    make(world, category, at(1), office=world.other_office, first_response_at=at(2),
         status=Status.IN_PROGRESS)  # fmt: skip
    make(world, category, at(1), office=world.other_office, status=Status.CLOSED)
    counts = selectors.overdue_counts(
        [world.office.pk, world.other_office.pk], today=datetime.date(2026, 6, 10)
    )
    assert counts == {world.office.pk: 2}


def test_open_states_ignore_closed_requests_given_none(world, category):
    assert selectors.open_states(SupportRequest.objects.none()) == []
