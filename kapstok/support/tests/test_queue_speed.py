"""The queue at scale (issue #19): its filter lists kept for a minute, flat query counts, and
the late filter and the search giving exactly the requests they gave before."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.core.generation import generation_bump
from kapstok.network.models import Office
from kapstok.support.models import SupportRequest

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
