"""Search engines and other sites: sitemap.xml, robots.txt, privacy page, embeddable map (which
alone may be framed, and sets no cookie)."""

import pytest

from django.core.exceptions import ImproperlyConfigured

from kapstok.network.models import OfficeStatus
from kapstok.settings import embed_ancestors
from kapstok.trust.tests.test_security_headers import directives

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


def frame_ancestors(response) -> list[str]:
    return directives(response["Content-Security-Policy"])["frame-ancestors"]


def test_embedded_map_may_be_framed_by_any_site_other_pages_by_none(world, visitor):
    embed = visitor.get("/embed/kaart/")
    home = visitor.get("/")
    assert "X-Frame-Options" not in embed.headers
    assert frame_ancestors(embed) == ["https:", "http:"]
    assert home["X-Frame-Options"] == "DENY"
    assert frame_ancestors(home) == ["'none'"]
    # Only the framing differs: the rest of the policy is the site's.
    policy = directives(embed["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and policy["object-src"] == ["'none'"]


def test_embedded_map_may_be_framed_only_by_the_configured_sites(world, visitor, settings):
    settings.KAPSTOK_EMBED_ANCESTORS = ["https://www.pos.nl", "https://*.gemeente.nl"]
    embed = visitor.get("/embed/kaart/")
    assert frame_ancestors(embed) == ["https://www.pos.nl", "https://*.gemeente.nl"]
    assert "X-Frame-Options" not in embed.headers
    assert frame_ancestors(visitor.get("/")) == ["'none'"]


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged_in"])
def test_embedded_map_sets_no_cookie_and_has_no_form(world, visitor, logged_in):
    if logged_in:
        visitor.force_login(world.users["lead"])
    for _ in range(2):  # rendered, then from the page cache
        response = visitor.get("/embed/kaart/")
        assert response.status_code == 200
        assert not response.cookies, response.cookies
        assert "Set-Cookie" not in response.headers
        assert "Cookie" not in response.get("Vary", "")
        assert "<form" not in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "sources"),
    [
        ("", ["https:", "http:"]),
        ("https://www.pos.nl", ["https://www.pos.nl"]),
        (
            "https://www.pos.nl, https://*.gemeente.nl/",
            ["https://www.pos.nl", "https://*.gemeente.nl"],
        ),
        (
            "https://a.nl  http://127.0.0.1:8101 'self'",
            ["https://a.nl", "http://127.0.0.1:8101", "'self'"],
        ),
    ],
)
def test_embed_ancestors_setting_reads_origins(raw, sources):
    assert embed_ancestors(raw) == sources


@pytest.mark.parametrize(
    "raw", ["https://a.nl;script-src", "'unsafe-inline'", "https://a.nl/pad", "data:;x"]
)
def test_embed_ancestors_setting_refuses_what_is_no_origin(raw):
    with pytest.raises(ImproperlyConfigured, match="KAPSTOK_EMBED_ANCESTORS"):
        embed_ancestors(raw)
