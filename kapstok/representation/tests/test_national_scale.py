"""The national coverage page at network scale (issue #19): the index per office pages, the
map stays small, the page does not compute what only an office's own page shows, and its
queries do not grow with the number of offices."""

import pytest

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from kapstok.network.factories import OfficeFactory
from kapstok.network.maps import compact_municipality_map
from kapstok.representation import selectors
from kapstok.representation.factories import LandscapeBusinessFactory
from kapstok.representation.views import NATIONAL_ROWS_PER_PAGE

from .test_pages import landscape  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

NATIONAL = "/netwerk/afspiegeling/"
PER_PAGE = NATIONAL_ROWS_PER_PAGE
# Issue #19: every page's HTML at most 120 kB; the map of every municipality, each linked to
# an office with its index, leaves 30 kB for the rest of the page.
MAP_LIMIT_BYTES = 90_000


def offices_with_landscape(count, prefix="Net"):
    offices = [OfficeFactory(name=f"{prefix} {index:03d}") for index in range(count)]
    for office in offices:
        LandscapeBusinessFactory(office=office)
    return offices


def body_rows(page: str) -> int:
    section = page.split('id="kantoren-heading"', 1)[-1].split("</section>", 1)[0]
    return section.count('<tr><th scope="row">')


def test_the_index_per_office_shows_one_page_and_says_how_many(world, login):
    offices_with_landscape(PER_PAGE + 3)
    page = login(world.users["pos"]).get(NATIONAL).content.decode()
    assert body_rows(page) == PER_PAGE
    assert f"{PER_PAGE + 3} kantoren met een landschap, laagste index eerst" in page
    assert "Pagina 1 van 2" in page
    assert 'href="?pagina=2#kantoren-heading"' in page
    assert 'hx-get="?pagina=2&amp;deel=kantoren"' in page


def test_the_next_page_comes_alone_with_htmx_or_as_the_whole_page(world, login):
    offices_with_landscape(PER_PAGE + 3)
    client = login(world.users["pos"])
    part = client.get(NATIONAL, {"pagina": 2, "deel": "kantoren"}, HTTP_HX_REQUEST="true")
    assert [t.name for t in part.templates][0] == "representation/_national_rows.html"
    assert part.content.decode().count('<tr><th scope="row">') == 3
    assert "rep-map-title" not in part.content.decode()
    whole = client.get(NATIONAL, {"pagina": 2}).content.decode()
    assert 'id="rep-map-title"' in whole and body_rows(whole) == 3


def test_the_map_and_the_gaps_still_count_every_office(world, login):
    offices_with_landscape(PER_PAGE + 3)
    response = login(world.users["pos"]).get(NATIONAL)
    assert len(response.context["rows"]) == PER_PAGE + 3
    assert len(response.context["map_colours"]) == PER_PAGE + 3 + 2  # and the world's two


def test_queries_do_not_grow_with_offices(world, login):
    client = login(world.users["pos"])
    offices_with_landscape(2)
    with CaptureQueriesContext(connection) as few:
        client.get(NATIONAL)
    offices_with_landscape(2 * PER_PAGE, prefix="Zee")
    with CaptureQueriesContext(connection) as many:
        client.get(NATIONAL, {"pagina": 2})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_national_index_equals_the_offices_own_and_skips_the_prospect_ranking(
    world,
    landscape,  # noqa: F811 - the fixture
):
    [row] = selectors.national_overview_from_scratch()["rows"]
    own = selectors.office_coverage(world.office, details=False)
    assert row["coverage"].index == own.index
    assert row["coverage"].rows == own.rows
    assert own.gains and row["coverage"].gains == {}
    assert selectors.coverage_figures([world.office.pk], None)[world.office.pk][
        "representativeness"
    ] == round(own.index, 3)


def test_the_map_of_every_municipality_with_an_office_stays_small():
    drawn = compact_municipality_map()
    colours = {
        code: {
            "office": {
                "slug": f"pos-kantoor-{code.lower()}",
                "name": f"POS-kantoor {name}",
                "url": f"/netwerk/kantoren/pos-kantoor-{code.lower()}/afspiegeling/",
            },
            "band": "3",
            "percent": 77,
        }
        for code, (name, _d) in drawn["paths"].items()
    }
    svg = render_to_string(
        "representation/_map.html",
        {"map": drawn, "map_colours": colours, "data_attribution": ""},
    )
    assert svg.count("<a href=") == len(drawn["paths"]) == 342
    assert "(index 77%)</title>" in svg
    assert len(svg.encode()) <= MAP_LIMIT_BYTES
