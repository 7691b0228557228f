"""The public home page: map, search (page and htmx fragment) and the list of offices."""

import re

import pytest

from kapstok.network.factories import MunicipalityFactory, OfficeFactory
from kapstok.network.models import OfficeStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def hague(world):
    """Den Haag has an office; Amersfoort, near Utrecht, has none."""
    haag = MunicipalityFactory(
        code="GM0518", name="'s-Gravenhage", province="Zuid-Holland", label_lat=52.07
    )
    OfficeFactory(name="Kantoor Haaglanden", slug="kantoor-haaglanden", municipalities=[haag])
    MunicipalityFactory(code="GM0307", name="Amersfoort", label_lat=52.17, label_lon=5.39)
    world.utrecht.label_lat, world.utrecht.label_lon = 52.09, 5.12
    world.utrecht.save()
    return world


def test_map_links_each_office_municipality_with_a_name(world, visitor):
    html = visitor.get("/").content.decode()
    assert 'aria-label="Utrecht: Kantoor Utrecht"' in html
    assert '<a href="/kantoren/kantoor-utrecht/" class="pm-office"' in html
    assert "<title>Utrecht – Kantoor Utrecht</title>" in html
    # Every one of the 342 municipalities is drawn, office or not.
    assert html.count("<path d=") == 342


def test_home_loads_nothing_from_another_site(world, visitor):
    html = visitor.get("/").content.decode()
    assert not re.search(r"""src=["']https?://""", html)
    assert not re.search(r"""rel=["']stylesheet["'] href=["']https?://""", html)


def test_list_view_shows_every_office_by_province(world, visitor):
    response = visitor.get("/")
    assert "Alle kantoren (2)" in response.content.decode()
    provinces = {name: [o.slug for o in offices] for name, offices in response.context["provinces"]}
    assert provinces == {"Overijssel": ["kantoor-zwolle"], "Utrecht": ["kantoor-utrecht"]}


def test_dissolved_office_is_not_on_the_public_site(world, visitor):
    world.other_office.status = OfficeStatus.DISSOLVED
    world.other_office.save()
    html = visitor.get("/").content.decode()
    assert "Kantoor Zwolle" not in html
    assert visitor.get("/kantoren/kantoor-zwolle/").status_code == 404


def test_misspelt_municipality_finds_its_office(world, visitor):
    response = visitor.get("/", {"q": "Utreht"})
    results = response.context["results"]
    assert results[0].title == "Utrecht"
    assert results[0].offices[0][0].slug == "kantoor-utrecht"


def test_den_haag_finds_the_office_in_s_gravenhage(hague, visitor):
    results = visitor.get("/", {"q": "Den Haag"}).context["results"]
    assert [office.slug for office, _km in results[0].offices] == ["kantoor-haaglanden"]


def test_municipality_without_office_shows_the_nearest(hague, visitor):
    results = visitor.get("/", {"q": "Amersfort"}).context["results"]
    assert results[0].title == "Amersfoort"
    assert results[0].nearby
    assert results[0].offices[0][0].slug == "kantoor-utrecht"
    assert "hier is nog geen POS-kantoor" in visitor.get("/", {"q": "Amersfoort"}).content.decode()


def test_office_name_is_found_too(world, visitor):
    results = visitor.get("/", {"q": "kantor zwolle"}).context["results"]
    assert results[0].offices[0][0].slug == "kantoor-zwolle"


def test_htmx_search_returns_only_the_results(world, visitor):
    response = visitor.get("/", {"q": "zwole"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'href="/kantoren/kantoor-zwolle/"' in html
    assert "HX-Request" in response["Vary"]


def test_nothing_found_says_so_in_dutch(world, visitor):
    html = visitor.get("/", {"q": "xyzzy"}).content.decode()
    assert "Geen gemeente of kantoor gevonden voor „xyzzy”" in html


def test_query_with_html_is_shown_as_text(world, visitor):
    html = visitor.get("/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_home_has_open_graph_tags(world, visitor):
    html = visitor.get("/").content.decode()
    assert '<meta property="og:title" content="Vind een POS-kantoor">' in html
    assert '<link rel="canonical" href="http://testserver/">' in html
