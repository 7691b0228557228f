"""The embeddable map framed by another site, in a real browser.

A second web server on another loopback port (another origin than the live server) serves a page
with two iframes: `/embed/kaart/`, which Chromium must draw, and `/`, which it must refuse (CSP
`frame-ancestors 'none'`, X-Frame-Options DENY). With `KAPSTOK_EMBED_ANCESTORS` set, only the
listed sites may frame the map.
"""

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OFFICE_BLUE = "rgb(49, 130, 189)"  # .pm-office path in kapstok.css: the stylesheet loaded too


@pytest.fixture
def other_site(live_server):
    """A page on http://127.0.0.1:<other port> that frames the live server's map and home page
    (the live server is http://localhost:<port>: another host and port, so another origin)."""
    body = (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>Gemeente</title>"
        "</head><body><h1>Sport in onze gemeente</h1>"
        f"<iframe id='kaart' title='Kaart' width='700' height='800' "
        f"src='{html.escape(live_server.url)}/embed/kaart/'></iframe>"
        f"<iframe id='thuis' title='Thuis' width='700' height='400' "
        f"src='{html.escape(live_server.url)}/'></iframe>"
        "</body></html>"
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def open_framing_page(page, url) -> list[str]:
    """Open the other site's page; return the console messages (where refusals are logged)."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url + "/")
    expect(page.get_by_role("heading", name="Sport in onze gemeente")).to_be_visible()
    return console


def assert_map_drawn(page):
    frame = page.frame_locator("#kaart")
    office = frame.get_by_role("link", name="Utrecht: Kantoor Utrecht")
    expect(office).to_be_attached()
    svg = frame.locator("svg.public-map-svg")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300, box
    fill = office.locator("path").evaluate("path => getComputedStyle(path).fill")
    assert fill == OFFICE_BLUE


def assert_refused(page, selector: str, console: list[str], live_server):
    """Chromium shows its own error page instead of ours and says why in the console."""
    frame = page.locator(selector).element_handle().content_frame()
    assert frame is not None
    assert not frame.url.startswith(live_server.url), frame.url
    assert frame.locator(".public-map, .site-footer, body.embed").count() == 0, frame.url
    refusals = [text for text in console if "frame-ancestors" in text and live_server.url in text]
    assert refusals, console


def test_another_site_shows_the_embedded_map_but_not_other_pages(
    page, live_server, live_world, other_site
):
    console = open_framing_page(page, other_site)
    assert_map_drawn(page)
    page.wait_for_timeout(300)  # the refusal of the second frame is logged asynchronously
    assert_refused(page, "#thuis", console, live_server)


def test_only_the_configured_sites_may_frame_the_map(
    page, live_server, live_world, other_site, settings
):
    settings.KAPSTOK_EMBED_ANCESTORS = [other_site]
    console = open_framing_page(page, other_site)
    assert_map_drawn(page)

    settings.KAPSTOK_EMBED_ANCESTORS = ["https://www.pos.nl"]
    console.clear()
    page.reload()
    page.wait_for_timeout(300)
    assert_refused(page, "#kaart", console, live_server)
