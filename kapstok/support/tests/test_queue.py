"""POS's queue: filters, search and the late flag computed by the working-day clock."""

import datetime

import time_machine

from kapstok.support.models import SupportRequest
from kapstok.support.selectors import QUEUE_PAGE

AMS = datetime.timezone(datetime.timedelta(hours=1))
QUEUE = "/netwerk/ondersteuning/"


def _rows(response):
    return [clock.request.pk for clock in response.context["clocks"]]


def _make(world, category, office=None, text="Vraag", created=None):
    return SupportRequest.objects.create(
        office=office or world.office,
        category=category,
        description=text,
        created_at=created or datetime.datetime(2026, 6, 1, 10, tzinfo=AMS),
    )


@time_machine.travel(datetime.datetime(2026, 6, 5, 12, tzinfo=AMS))
def test_late_filter_shows_only_breached_requests(world, login, category):
    late = _make(world, category, created=datetime.datetime(2026, 6, 1, 10, tzinfo=AMS))
    fresh = _make(world, category, created=datetime.datetime(2026, 6, 5, 9, tzinfo=AMS))
    client = login(world.users["pos"])
    assert set(_rows(client.get(QUEUE))) == {late.pk, fresh.pk}
    assert _rows(client.get(QUEUE, {"late": "1"})) == [late.pk]


def test_search_and_office_filter(world, login, category):
    utrecht = _make(world, category, text="Padelbaan huren")
    zwolle = _make(world, category, office=world.other_office, text="Subsidie sportakkoord")
    client = login(world.users["pos"])
    assert _rows(client.get(QUEUE, {"q": "padel"})) == [utrecht.pk]
    assert _rows(client.get(QUEUE, {"office": world.other_office.pk})) == [zwolle.pk]


def test_closed_requests_only_with_status_filter(world, login, category):
    done = _make(world, category)
    done.status = "closed"
    done.save()
    client = login(world.users["pos"])
    assert _rows(client.get(QUEUE)) == []
    assert _rows(client.get(QUEUE, {"status": "closed"})) == [done.pk]


def test_partner_queue_holds_only_its_requests(world, login, category):
    mine = _make(world, category)
    mine.partner = world.partner
    mine.save()
    _make(world, category)
    assert _rows(login(world.users["partner"]).get(QUEUE)) == [mine.pk]


@time_machine.travel(datetime.datetime(2026, 6, 5, 12, tzinfo=AMS))
def test_national_dashboard_links_to_the_late_requests(world, login, category):
    _make(world, category)
    client = login(world.users["pos"])
    page = client.get("/netwerk/dashboard/").content.decode()
    # The late count comes in the badge the dashboard fetches after the page (issue #19).
    assert 'hx-get="/netwerk/ondersteuning/te-laat/"' in page
    badge = client.get("/netwerk/ondersteuning/te-laat/").content.decode()
    assert "/netwerk/ondersteuning/?late=1" in badge
    assert "1 te laat" in badge


def test_queue_uses_a_fixed_number_of_queries(
    world, login, category, django_assert_max_num_queries
):
    """The clock runs in bulk: thirty requests cost no more queries than three (each time
    with the filter lists computed afresh, as after a write)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.users["pos"])

    def count(n):
        for _ in range(n):
            _make(world, category)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(QUEUE)
        return len(queries)

    assert count(3) == count(27)


def test_queue_pages_twenty_five_oldest_first_with_their_status_in_words(world, login, category):
    made = [
        _make(world, category, created=datetime.datetime(2026, 5, 1, 8, tzinfo=AMS))
        for _ in range(QUEUE_PAGE + 3)
    ]
    made[0].status = "waiting"
    made[0].save()
    client = login(world.users["pos"])
    first = client.get(QUEUE)
    assert _rows(first) == [r.pk for r in made[:QUEUE_PAGE]]
    assert first.context["page"].paginator.num_pages == 2
    assert "wacht op kantoor" in first.content.decode()
    second = client.get(QUEUE, {"pagina": 2})
    assert _rows(second) == [r.pk for r in made[QUEUE_PAGE:]]


def test_office_and_partner_filters_list_only_those_with_requests(world, login, category):
    asked = _make(world, category)
    asked.partner = world.partner
    asked.save()
    client = login(world.users["pos"])
    response = client.get(QUEUE, {"office": str(world.office.pk)})
    assert response.context["offices"] == [(str(world.office.pk), world.office.name)]
    assert response.context["partners"] == [(str(world.partner.pk), world.partner.name)]
    html = response.content.decode()
    assert f'<option value="{world.office.pk}" selected>{world.office.name}</option>' in html
    assert world.other_office.name not in html
