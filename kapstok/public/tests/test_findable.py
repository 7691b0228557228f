"""Search engines and other sites: sitemap.xml, robots.txt, privacy page, embeddable map."""

import pytest

from kapstok.network.models import OfficeStatus

pytestmark = pytest.mark.django_db


def test_sitemap_lists_home_privacy_and_every_public_office(world, visitor):
    world.other_office.status = OfficeStatus.DISSOLVED
    world.other_office.save()
    response = visitor.get("/sitemap.xml")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/xml")
    assert "<loc>http://testserver/</loc>" in xml
    assert "<loc>http://testserver/privacy/</loc>" in xml
    assert "<loc>http://testserver/kantoren/kantoor-utrecht/</loc>" in xml
    assert "kantoor-zwolle" not in xml
    assert "<lastmod>" in xml


def test_robots_txt_keeps_crawlers_out_of_internal_pages_and_names_the_sitemap(visitor, db):
    response = visitor.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /netwerk/" in text
    assert "Disallow: /aanmelden/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_privacy_statement_is_dutch_and_names_retention_and_rights(visitor, db):
    html = visitor.get("/privacy/").content.decode()
    assert "<h1>Privacyverklaring</h1>" in html
    assert "na 30 dagen" in html
    assert "Autoriteit Persoonsgegevens" in html
    assert "AVG" in html


def test_join_form_links_to_the_privacy_statement(world, visitor):
    html = visitor.get("/kantoren/kantoor-utrecht/aanmelden/").content.decode()
    assert '<a href="/privacy/">privacyverklaring</a>' in html


def test_embedded_map_may_be_framed_and_has_no_navigation(world, visitor):
    response = visitor.get("/embed/kaart/")
    html = response.content.decode()
    assert "X-Frame-Options" not in response.headers
    assert 'aria-label="Utrecht: Kantoor Utrecht"' in html
    assert 'target="_blank"' in html
    assert "<nav" not in html
    assert "<header" not in html


def test_other_pages_still_refuse_to_be_framed(world, visitor):
    assert visitor.get("/").headers["X-Frame-Options"] == "DENY"
