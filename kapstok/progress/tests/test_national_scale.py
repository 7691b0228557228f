"""The national dashboard at network scale: its tables page, its figures come from the database,
its map stays small, and its cost does not grow with the number of offices (issue #19)."""

import datetime
from types import SimpleNamespace

import pytest

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from kapstok.analysis.membership import monthly_counts
from kapstok.analysis.stall_rules import add_months
from kapstok.core.generation import generation_bump
from kapstok.goals.factories import GoalFactory, ProjectFactory, StrategyFactory
from kapstok.network.factories import MembershipFactory, OfficeFactory
from kapstok.network.maps import compact_municipality_map
from kapstok.network.models import Membership, Office
from kapstok.progress.facts import office_overviews, office_states
from kapstok.progress.models import Signal
from kapstok.progress.selectors import _member_growth
from kapstok.progress.views import ROWS_PER_PAGE
from kapstok.strategy.factories import StrategySessionFactory

pytestmark = pytest.mark.django_db

NATIONAL = "/netwerk/dashboard/"
TODAY = datetime.date(2025, 6, 1)
# Issue #19: every page's HTML at most 120 kB. The map of all 342 municipalities, each linked
# to an office, leaves 30 kB for the rest of the page (its tables show one page of rows).
MAP_LIMIT_BYTES = 90_000


def html(response):
    return response.content.decode()


def offices(count, prefix="Net", **fields):
    """`count` more offices, named so they sort after the world's two ("Kantoor ...")."""
    return [OfficeFactory(name=f"{prefix} {index:03d}", **fields) for index in range(count)]


def table_rows(page: str, heading_id: str) -> int:
    """Body rows of the table in the section with this heading."""
    section = page.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return section.count('<tr><th scope="row">')


def open_signal(office, rule="no_session", severity="warning"):
    return Signal.objects.create(
        office=office, rule=rule, severity=severity, opened_on=TODAY, last_seen_on=TODAY
    )


# --- the tables page -----------------------------------------------------------------------


def test_all_offices_shows_one_page_and_says_how_many_there_are(world, login):
    offices(ROWS_PER_PAGE + 3)
    page = html(login(world.users["pos"]).get(NATIONAL))
    assert table_rows(page, "kantoren-heading") == ROWS_PER_PAGE
    assert f"{ROWS_PER_PAGE + 5} kantoren, op naam" in page
    assert "Pagina 1 van 2" in page
    assert 'href="?pagina=2#kantoren-heading"' in page
    assert 'hx-get="?pagina=2&amp;deel=kantoren"' in page


def test_the_next_page_of_offices_comes_alone_with_htmx(world, login):
    extra = offices(ROWS_PER_PAGE + 3)
    response = login(world.users["pos"]).get(
        NATIONAL, {"pagina": 2, "deel": "kantoren"}, HTTP_HX_REQUEST="true"
    )
    page = html(response)
    assert [t.name for t in response.templates][0] == "progress/_national_kantoren.html"
    assert "map-title" not in page and "<html" not in page
    assert page.count('<tr><th scope="row">') == 5
    assert extra[-1].name in page and "Kantoor Utrecht" not in page
    assert "Pagina 2 van 2" in page and 'hx-get="?pagina=1&amp;deel=kantoren"' in page


def test_without_javascript_a_page_link_shows_the_whole_dashboard_at_that_page(world, login):
    extra = offices(ROWS_PER_PAGE + 3)
    page = html(login(world.users["pos"]).get(NATIONAL, {"pagina": 2, "deel": "kantoren"}))
    assert 'id="map-title"' in page
    assert table_rows(page, "kantoren-heading") == 5
    assert extra[-1].name in page


def test_page_links_keep_the_filters_and_the_other_tables_page(world, login):
    offices(ROWS_PER_PAGE + 3, initiative="municipality")
    page = html(
        login(world.users["pos"]).get(
            NATIONAL, {"initiative": "municipality", "signalen_pagina": 1}
        )
    )
    assert "initiative=municipality&amp;signalen_pagina=1&amp;pagina=2#kantoren-heading" in page


def test_offices_with_signals_page_too_and_the_worst_come_first(world, login):
    for office in offices(ROWS_PER_PAGE + 3):
        open_signal(office)
    open_signal(world.other_office, "shrinking", "critical")
    client = login(world.users["pos"])
    first = html(client.get(NATIONAL))
    assert table_rows(first, "signalen-heading") == ROWS_PER_PAGE
    assert "29 kantoren met open signalen, zwaarste eerst" in first
    signals_table = first.split('id="signalen-heading"', 1)[1]
    assert signals_table.index("Kantoor Zwolle") < signals_table.index("Net 000")
    rest = html(
        client.get(NATIONAL, {"signalen_pagina": 2, "deel": "signalen"}, HTTP_HX_REQUEST="true")
    )
    assert rest.count('<tr><th scope="row">') == 4
    assert "Kantoor Zwolle" not in rest


def test_an_unknown_page_number_shows_a_page_rather_than_an_error(world, login):
    client = login(world.users["pos"])
    assert client.get(NATIONAL, {"pagina": "veel"}).status_code == 200
    assert (
        client.get(NATIONAL, {"pagina": 99, "deel": "kantoren"}, HTTP_HX_REQUEST="true").status_code
        == 200
    )


def test_the_figures_still_count_every_office_not_only_the_page(world, login):
    for office in offices(ROWS_PER_PAGE + 3):
        MembershipFactory(office=office)
    response = login(world.users["pos"]).get(NATIONAL)
    assert response.context["figures"]["offices"] == ROWS_PER_PAGE + 5
    assert response.context["figures"]["members"] == ROWS_PER_PAGE + 3 + 2
    assert sum(p["count"] for p in response.context["phases"]) == ROWS_PER_PAGE + 5


# --- cost that does not grow with the network ----------------------------------------------


def test_queries_do_not_grow_with_offices_signals_or_pages(world, login):
    client = login(world.users["pos"])
    with CaptureQueriesContext(connection) as few:
        client.get(NATIONAL)
    for office in offices(2 * ROWS_PER_PAGE):
        MembershipFactory(office=office)
        open_signal(office)
        GoalFactory(office=office)
    generation_bump()  # as the write requests that add them would: the figures are computed again
    with CaptureQueriesContext(connection) as many:
        client.get(NATIONAL, {"pagina": 2, "signalen_pagina": 2})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_page_does_not_grow_with_offices_beyond_a_page(world, login):
    """The HTML of 400 offices, tested at smaller scale: past one page of each table, more
    offices (in municipalities the map does not draw) add nothing but their count."""
    client = login(world.users["pos"])
    for office in offices(ROWS_PER_PAGE + 1):
        open_signal(office)
    two_pages = len(client.get(NATIONAL).content)
    for office in offices(3 * ROWS_PER_PAGE, prefix="Zee"):
        open_signal(office)
    generation_bump()
    five_pages = len(client.get(NATIONAL).content)
    # The counts and the page numbers grow by a digit or two, the rows' slugs by a digit each.
    assert five_pages - two_pages < 2 * ROWS_PER_PAGE + 50


def test_the_map_of_every_municipality_with_an_office_stays_small():
    drawn = compact_municipality_map()
    colours = {
        code: {
            "office": SimpleNamespace(
                slug=f"pos-kantoor-{code.lower()}", name=f"POS-kantoor {name}"
            ),
            "phase": "building",
            "severity": "warning",
        }
        for code, (name, _d) in drawn["paths"].items()
    }
    svg = render_to_string(
        "progress/_map.html",
        {
            "map": drawn,
            "map_colours": colours,
            "colour_by": "phase",
            "map_title": "Kaart",
            "map_caption": "",
            "data_attribution": "",
        },
    )
    assert len(drawn["paths"]) == 342
    assert svg.count("<a href=") == 342
    assert len(svg.encode()) <= MAP_LIMIT_BYTES


def test_each_linked_municipality_is_named_for_screen_readers(world, login):
    page = html(login(world.users["pos"]).get(NATIONAL))
    link = '<a href="/netwerk/kantoren/kantoor-utrecht/dashboard/">'
    assert f"{link}<title>Utrecht – Kantoor Utrecht</title>" in page


def test_the_map_escapes_office_names_and_colours_by_the_chosen_figure(world, login):
    world.office.name = 'Kantoor <b>"Utrecht" & co</b>'
    world.office.save()
    Signal.objects.create(
        office=world.office,
        rule="shrinking",
        severity="critical",
        opened_on=TODAY,
        last_seen_on=TODAY,
    )
    generation_bump()
    client = login(world.users["pos"])
    by_phase = html(client.get(NATIONAL))
    assert "<title>Utrecht – Kantoor &lt;b&gt;&quot;Utrecht&quot; &amp; co&lt;/b&gt;</title>" in (
        by_phase
    )
    assert "<b>" not in by_phase.split('id="map-title"', 1)[1].split("</svg>", 1)[0]
    assert 'class="m phase-building"' in by_phase and 'class="m empty"' in by_phase
    by_signal = html(client.get(NATIONAL, {"colour": "severity"}))
    assert 'class="m severity-critical"' in by_signal and 'class="m severity-none"' in by_signal


# --- the figures from the database equal those computed in Python --------------------------


def test_the_growth_chart_counts_as_the_membership_analysis_does(world):
    other = OfficeFactory()
    for joined, left in [
        (datetime.date(2023, 1, 15), None),
        (datetime.date(2023, 6, 1), datetime.date(2024, 6, 1)),  # left on a month's first
        (datetime.date(2024, 2, 29), datetime.date(2025, 5, 31)),
        (datetime.date(2025, 6, 1), None),  # joined today
    ]:
        MembershipFactory(office=world.office, joined_on=joined, left_on=left)
    MembershipFactory(office=other, joined_on=datetime.date(2024, 1, 1))  # not asked for
    ids = [world.office.pk, world.other_office.pk]
    growth = _member_growth(ids, TODAY)
    periods = list(Membership.objects.filter(office_id__in=ids).values_list("joined_on", "left_on"))
    expected = monthly_counts(periods, TODAY, since=add_months(TODAY, -24))
    assert [(row["date"], row["count"]) for row in growth] == expected
    assert max(row["percent"] for row in growth) == 100


def test_the_overview_facts_equal_the_full_office_states(world):
    MembershipFactory(office=world.office)
    StrategySessionFactory(
        office=world.office,
        starts_at=datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC),
    )
    goal = GoalFactory(office=world.office, owner=world.users["lead"])
    ProjectFactory(strategy=StrategyFactory(goal=goal), status="running")
    everything = list(Office.objects.all())
    full = office_states(everything, TODAY)
    overviews = office_overviews([office.pk for office in everything], TODAY)
    assert full[world.office.pk].phase.phase == "executing"
    for office in everything:
        assert overviews[office.pk].phase == full[office.pk].phase
        assert overviews[office.pk].smart_goals == full[office.pk].smart_goals


def test_the_worst_severity_counts_across_an_offices_signals(world, login):
    open_signal(world.office, "no_session", "warning")
    open_signal(world.office, "shrinking", "critical")
    open_signal(world.office, "no_activity", "warning")
    resolved = open_signal(world.other_office, "shrinking", "critical")
    resolved.resolved_on = TODAY
    resolved.save()
    rows = login(world.users["pos"]).get(NATIONAL).context["signal_rows"]
    assert [(r["office"].name, r["signals"], r["severity"]) for r in rows] == [
        ("Kantoor Utrecht", 3, "critical")
    ]


def test_the_size_filter_uses_the_current_members(world, login):
    from kapstok.network.models import SIZE_CLASS_MEDIUM_FROM

    grown = OfficeFactory(name="Net groot")
    for _ in range(SIZE_CLASS_MEDIUM_FROM):
        MembershipFactory(office=grown)
    MembershipFactory(office=world.office, left_on=TODAY)  # ended: no longer counts
    client = login(world.users["pos"])
    medium = client.get(NATIONAL, {"size": "medium"}).context
    assert [row["office"] for row in medium["rows"]] == [grown]
    assert medium["figures"]["members"] == SIZE_CLASS_MEDIUM_FROM
    small = client.get(NATIONAL, {"size": "small"}).context["rows"]
    assert grown not in [row["office"] for row in small] and len(small) == 2
