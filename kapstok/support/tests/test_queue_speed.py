"""The queue at scale (issue #19): its filter lists kept for a minute, flat query counts, and
the late filter and the search giving exactly the requests they gave before."""

import datetime
import random

import time_machine

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kapstok.analysis.sla import BREACHED
from kapstok.core.generation import generation_bump
from kapstok.network.models import Office
from kapstok.support import selectors, services
from kapstok.support.models import Category, Pause, SupportRequest

AMS = datetime.timezone(datetime.timedelta(hours=1))
QUEUE = "/netwerk/ondersteuning/"


def _make(office, category, text="Vraag", created=None, **fields):
    return SupportRequest.objects.create(
        office=office,
        category=category,
        description=text,
        created_at=created or datetime.datetime(2026, 6, 1, 10, tzinfo=AMS),
        **fields,
    )


def _queries(client, path=QUEUE) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _office_options(response) -> str:
    html = response.content.decode()
    start = html.index('<select name="office">')
    return html[start : html.index("</select>", start)]


# --- the filter lists -------------------------------------------------------------------------


def test_the_filter_lists_cost_no_queries_once_kept(world, login, category):
    _make(world.office, category)
    client = login(world.users["pos"])
    cold = _queries(client)
    warm = _queries(client)
    # Categories, offices, handlers and partners: four queries (the generation is read in both).
    assert warm == cold - 4


def test_a_write_on_the_site_renews_the_filter_lists(world, login, category):
    _make(world.office, category)
    client = login(world.users["pos"])
    assert world.other_office.name not in _office_options(client.get(QUEUE))
    _make(world.other_office, category)
    # Written outside a request: the kept list may be a minute old.
    assert world.other_office.name not in _office_options(client.get(QUEUE))
    generation_bump()  # what the middleware does after every successful write request
    assert world.other_office.name in _office_options(client.get(QUEUE))


def test_the_filter_lists_mark_the_chosen_values_and_escape_names(world, login, category):
    office = Office.objects.filter(pk=world.office.pk)
    office.update(name="Kantoor <Utrecht> & co")
    _make(world.office, category)
    client = login(world.users["pos"])
    options = _office_options(client.get(QUEUE, {"office": world.office.pk}))
    assert f'<option value="{world.office.pk}" selected>Kantoor &lt;Utrecht&gt; &amp; co' in options
    cache.clear()
    assert " selected" not in _office_options(client.get(QUEUE))


def test_the_filter_lists_are_the_same_for_a_partner_and_for_pos(world, login, category):
    """Nothing in them depends on the viewer, so one kept copy serves everyone who may see
    the queue; the rows stay the viewer's own."""
    partner_user = world.users["partner"]
    _make(world.office, category)
    pos_page = login(world.users["pos"]).get(QUEUE)
    partner_page = login(partner_user).get(QUEUE)
    assert _office_options(pos_page) == _office_options(partner_page)
    assert [c.request.pk for c in partner_page.context["clocks"]] == []


# --- the late filter in SQL against the clock in Python -----------------------------------------


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMS)


def _late_by_python(today) -> set[int]:
    """The late filter's old definition: the clock of every request, in Python."""
    requests = SupportRequest.objects.select_related("category")
    return {
        clock.request.pk
        for clock in selectors.clocks(requests, today=today)
        if BREACHED in (clock.response_state, clock.resolution_state)
    }


def _late_by_sql(today) -> set[int]:
    late = selectors.late_requests(SupportRequest.objects.all(), today)
    return set(late.values_list("pk", flat=True))


def _varied_requests(world, seed=19) -> list[SupportRequest]:
    """Requests filed in May 2026 (Hemelvaartsdag and Whit Monday fall in their clocks) in
    every status, answered or not, with closed pauses (some from before the filing, some
    overlapping), a pause still open, targets of 0 to 10 days; everything before July."""
    rng = random.Random(seed)
    categories = [
        Category.objects.create(name=f"doel {n}", first_response_days=n, resolution_days=2 * n)
        for n in (0, 1, 3, 5)
    ]
    first = datetime.date(2026, 5, 1)
    made = []
    for _ in range(90):
        created = first + datetime.timedelta(days=rng.randrange(31))
        status = rng.choice(["new", "in_progress", "waiting", "resolved", "closed"])
        answered = None if status == "new" or rng.random() < 0.3 else created
        if answered:
            answered += datetime.timedelta(days=rng.randrange(8))
        request = _make(
            rng.choice([world.office, world.other_office]),
            rng.choice(categories),
            created=_at(created, rng.choice([7, 10, 23])),
            status=status,
            first_response_at=_at(answered) if answered else None,
        )
        if status in ("resolved", "closed") and rng.random() < 0.8:
            request.resolved_at = _at(created + datetime.timedelta(days=rng.randrange(1, 25)))
            request.save(update_fields=["resolved_at"])
        for _pause in range(rng.randrange(3)):
            begin = created + datetime.timedelta(days=rng.randrange(-2, 12))
            end = begin + datetime.timedelta(days=rng.randrange(0, 9))
            Pause.objects.create(request=request, started_at=_at(begin), ended_at=_at(end, 16))
        if status == "waiting":
            begin = created + datetime.timedelta(days=rng.randrange(0, 6))
            Pause.objects.create(request=request, started_at=_at(begin, 9))
        made.append(request)
    return made


@time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=AMS), tick=False)
def test_the_late_filter_in_sql_finds_exactly_the_requests_the_clock_finds(world):
    _varied_requests(world)
    assert services.clocks_complete() > 0
    assert services.clocks_complete() == 0  # all stored: nothing left
    for day in range(0, 75, 3):  # weekdays, weekends, and well after every target
        today = datetime.date(2026, 7, 1) + datetime.timedelta(days=day)
        expected = _late_by_python(today)
        assert _late_by_sql(today) == expected
    assert 0 < len(_late_by_python(datetime.date(2026, 7, 1))) < SupportRequest.objects.count()


@time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=AMS), tick=False)
def test_the_late_filter_follows_the_services_as_requests_wait_and_are_answered(world):
    """Through the services (which store the clocks), without `clocks_complete`: filed,
    waiting for the office, back, answered, resolved, reopened."""
    category = Category.objects.create(name="snel", first_response_days=1, resolution_days=3)
    requests = [
        services.request_file(
            request=SupportRequest(office=world.office, category=category, description="Vraag"),
            actor=world.users["lead"],
        )
        for _ in range(4)
    ]
    handler = world.users["pos"]
    checked_days = []

    def check():
        today = timezone.localdate()
        checked_days.append(today)
        assert _late_by_sql(today) == _late_by_python(today)
        assert not SupportRequest.objects.filter(selectors.OPEN_UNCLOCKED).exists()

    with time_machine.travel(datetime.datetime(2026, 7, 3, 12, tzinfo=AMS), tick=False):
        services.request_set_status(request=requests[0], status="waiting", actor=handler)
        services.message_post(request=requests[1], author=handler, body="Antwoord", handler=True)
        check()
    with time_machine.travel(datetime.datetime(2026, 7, 9, 12, tzinfo=AMS), tick=False):
        check()
        services.request_set_status(request=requests[0], status="in_progress", actor=handler)
        services.request_set_status(request=requests[2], status="resolved", actor=handler)
        check()
    with time_machine.travel(datetime.datetime(2026, 7, 14, 12, tzinfo=AMS), tick=False):
        services.request_set_status(request=requests[2], status="in_progress", actor=handler)
        check()
    with time_machine.travel(datetime.datetime(2026, 8, 3, 12, tzinfo=AMS), tick=False):
        check()
        assert _late_by_sql(timezone.localdate()) == {r.pk for r in requests}
    assert len(checked_days) == 5


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=AMS), tick=False)
def test_the_queue_clocks_requests_written_around_the_services_before_filtering(
    world, login, category
):
    old = _make(world.office, category, created=_at(datetime.date(2026, 5, 4)))
    _make(world.office, category, created=_at(datetime.date(2026, 6, 15)))
    assert SupportRequest.objects.filter(selectors.OPEN_UNCLOCKED).count() == 2
    response = login(world.users["pos"]).get(QUEUE, {"late": "1"})
    assert [clock.request.pk for clock in response.context["clocks"]] == [old.pk]
    assert not SupportRequest.objects.filter(selectors.OPEN_UNCLOCKED).exists()


@time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=AMS), tick=False)
def test_the_late_filter_pages_in_the_database_oldest_first(world, login, category):
    late = [
        _make(
            world.office, category, created=_at(datetime.date(2026, 5, 1) + datetime.timedelta(n))
        )
        for n in range(selectors.QUEUE_PAGE + 7)  # two pages
    ]
    _make(world.office, category, created=_at(datetime.date(2026, 7, 1)))  # not late yet
    client = login(world.users["pos"])
    first = client.get(QUEUE, {"late": "1"})
    second = client.get(QUEUE, {"late": "1", "pagina": "2"})
    page = selectors.QUEUE_PAGE
    assert [c.request.pk for c in first.context["clocks"]] == [r.pk for r in late[:page]]
    assert [c.request.pk for c in second.context["clocks"]] == [r.pk for r in late[page:]]
    assert first.context["page"].paginator.count == len(late)
    assert "pagina=2" in first.content.decode() and "late=1" in first.content.decode()


# --- the search ------------------------------------------------------------------------------


def _found_before(term: str) -> set[int]:
    """The search's old definition: the text or the office's name, or the number."""
    match = Q(description__icontains=term) | Q(office__name__icontains=term)
    if term.lstrip("#").isdigit():
        match |= Q(pk=int(term.lstrip("#")))
    return set(SupportRequest.objects.filter(match).values_list("pk", flat=True))


def test_the_search_finds_exactly_what_it_found_before(world, category):
    Office.objects.filter(pk=world.other_office.pk).update(name="Kantoor Zwolle-Rechtsvorm")
    texts = [
        "Welke RECHTSVORM past bij ons?",
        "rechtsvormen vergeleken",
        "Stichting of vereniging\nrechtsvorm in de tweede regel",
        "Subsidie voor de sporthal",
        "50% korting",
        "Penningmeester_gezocht",
        "",
    ]
    made = [
        _make(office, category, text=text)
        for office in (world.office, world.other_office)
        for text in texts
    ]
    terms = ["rechtsvorm", "RechtsVorm", "zwolle", "sporthal", "%", "_", "ter_g", f"#{made[3].pk}",
             str(made[4].pk), "niets dergelijks"]  # fmt: skip
    for term in terms:
        found = selectors.queue(SupportRequest.objects.all(), {"q": term})
        assert set(found.values_list("pk", flat=True)) == _found_before(term), term
    assert len(_found_before("rechtsvorm")) == len(texts) + 3


@time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=AMS), tick=False)
def test_a_changed_target_counts_after_the_next_write_on_the_site(world, category):
    """The targets are kept as a part: a change made in the admin (a write request, which
    renews every part) counts from the next view on."""
    request = _make(
        world.office,
        category,
        created=_at(datetime.date(2026, 6, 1)),
        first_response_at=_at(datetime.date(2026, 6, 2)),  # within its 2 days
    )
    services.clocks_complete()
    assert _late_by_sql(datetime.date(2026, 6, 10)) == set()  # 7 working days of 10
    Category.objects.filter(pk=category.pk).update(resolution_days=5)
    generation_bump()
    assert _late_by_sql(datetime.date(2026, 6, 10)) == {request.pk}
    assert _late_by_python(datetime.date(2026, 6, 10)) == {request.pk}
