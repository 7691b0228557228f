"""The public site's map page in a real browser: bytes of the first load, time until drawn.

Issue 3's targets: the map page's total transfer on first load (HTML, CSS, JS, the municipality
boundaries, compressed) at most 600 KB, and the map drawn in headless Chromium within 1.5 s of
navigation. Neither can be measured in-process like the other sections, so this one serves the
application for real and drives Debian's Chromium through Playwright:

- `collectstatic` into a temporary folder with the production storage (hashed names and
  pre-compressed copies), then gunicorn on a free loopback port with production settings
  (`DEBUG` off, WhiteNoise serving the static files) over plain HTTP, on the benchmark
  database: the national-scale set, 400 offices on the map, the realistic worst case.
- One untimed load warms the server (the map's shapes are built once per process); then
  `LOADS` loads, each in a fresh browser context, so nothing is cached and no cookie is sent.
- Transfer: from the Performance Resource Timing API, the navigation entry plus every resource
  entry: `transferSize` (what came over the wire, headers included; the figure the target is
  checked against), `encodedBodySize` (the body as sent) and `decodedBodySize` (unpacked). The
  `Content-Encoding` of each response comes from Playwright; for a response sent uncompressed
  the section also gives what gzip (level 6) would have made of it.
- Drawn: the later of two moments, in milliseconds since navigation start: `performance.now()`
  in the animation frame after the one in which the map's SVG has a size and all its
  municipality shapes in the DOM (so the frame that holds them has been rendered), and the
  first contentful paint (Chromium may hold the first frame back until the document is parsed:
  the map is not on screen before anything is).

The figures and the section are pure functions of the loads (`Load`), tested without a browser;
`public_site_section` is the part that needs Chromium and is what `manage.py bench` calls.
"""

import gzip
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from kapstok.core.chromium import CHROMIUM, CHROMIUM_ARGS

from .measure import percentile
from .scenarios import TargetResult

LOADS = 5
WARMUP_LOADS = 1
TRANSFER_MAX_BYTES = 600_000  # 600 KB read as 600,000 bytes, the stricter of the two readings
DRAWN_MAX_MS = 1500.0
VIEWPORT = {"width": 1280, "height": 800}
SERVER_START_SECONDS = 60
KEY = "public_site"

# Runs before any of the page's own scripts, in every document of the page (init script: the
# page's Content Security Policy does not apply to it).
DRAWN_SCRIPT = """
(() => {
  const expected = %d;
  const look = () => {
    const svg = document.querySelector("svg.public-map-svg");
    const shapes = svg ? svg.querySelectorAll("path").length : 0;
    if (shapes >= expected && svg.getBoundingClientRect().width > 0) {
      requestAnimationFrame(() => {
        window.__kapstokMapDrawn = {ms: performance.now(), shapes: shapes};
      });
    } else {
      requestAnimationFrame(look);
    }
  };
  requestAnimationFrame(look);
})();
"""
ENTRIES_SCRIPT = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const entries = [nav, ...performance.getEntriesByType("resource")];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    resources: entries.map((e) => ({
      url: e.name,
      kind: e.entryType === "navigation" ? "document" : e.initiatorType,
      transfer: e.transferSize,
      encoded: e.encodedBodySize,
      decoded: e.decodedBodySize,
    })),
    first_paint: paint ? paint.startTime : null,
    load_event: nav.loadEventEnd,
    drawn: window.__kapstokMapDrawn,
  };
}
"""


# --- the figures (pure) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One response of a load, as the Resource Timing API and the response headers saw it."""

    url: str
    kind: str  # "document", or the initiator: "link", "script", "img", "css", ...
    encoding: str  # Content-Encoding; "identity" when the response was sent uncompressed
    transfer_bytes: int  # transferSize: over the wire, headers included
    encoded_bytes: int  # encodedBodySize: the body as sent
    decoded_bytes: int  # decodedBodySize: the body unpacked
    gzip_bytes: int | None = None  # for an uncompressed response: its size after gzip -6

    @property
    def compressed(self) -> bool:
        return self.encoding != "identity"

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


@dataclass(frozen=True)
class Load:
    """One cold load of the map page."""

    resources: tuple[Resource, ...]
    shapes_ms: float  # the frame after all shapes were in the DOM
    shapes: int
    first_paint_ms: float | None = None
    load_event_ms: float | None = None

    @property
    def drawn_ms(self) -> float:
        """When the map was on screen: its shapes rendered, and the first frame presented.

        >>> Load((), shapes_ms=300.0, shapes=2, first_paint_ms=320.0).drawn_ms
        320.0
        """
        return max(self.shapes_ms, self.first_paint_ms or 0.0)

    @property
    def transfer_bytes(self) -> int:
        return sum(r.transfer_bytes for r in self.resources)

    @property
    def encoded_bytes(self) -> int:
        return sum(r.encoded_bytes for r in self.resources)

    @property
    def decoded_bytes(self) -> int:
        return sum(r.decoded_bytes for r in self.resources)

    @property
    def all_compressed_bytes(self) -> int:
        """The bodies as sent, with the uncompressed ones counted at their gzip size."""
        return sum(
            r.gzip_bytes if r.gzip_bytes is not None else r.encoded_bytes for r in self.resources
        )

    @property
    def uncompressed(self) -> list[Resource]:
        """Responses with a body that came uncompressed."""
        return [r for r in self.resources if not r.compressed and r.encoded_bytes]


def gzip_size(body: bytes) -> int:
    """The size of `body` after gzip at level 6, the level nginx and Django's middleware use.

    >>> gzip_size(b"") < 30, gzip_size(b"a" * 10_000) < 100
    (True, True)
    """
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def resources_from(entries: list[dict], encodings: dict[str, str], bodies: dict) -> list[Resource]:
    """`Resource`s from the Resource Timing entries, the Content-Encoding per URL and, for the
    uncompressed responses, their bodies (to say what gzip would have made of them).

    >>> entries = [{"url": "http://h/", "kind": "document", "transfer": 900, "encoded": 600,
    ...             "decoded": 600}]
    >>> [r.gzip_bytes is not None for r in resources_from(entries, {}, {"http://h/": b"x"})]
    [True]
    """
    resources = []
    for entry in entries:
        encoding = encodings.get(entry["url"], "identity") or "identity"
        body = bodies.get(entry["url"]) if encoding == "identity" else None
        resources.append(
            Resource(
                url=entry["url"],
                kind=entry["kind"],
                encoding=encoding,
                transfer_bytes=int(entry["transfer"]),
                encoded_bytes=int(entry["encoded"]),
                decoded_bytes=int(entry["decoded"]),
                gzip_bytes=gzip_size(body) if body else None,
            )
        )
    return resources


def _median(values: list[float]) -> float:
    return percentile(values, 0.5)


def public_site_targets(loads: list[Load]) -> list[TargetResult]:
    """Both targets on the worst of the loads: the largest transfer and the slowest drawing."""
    transfer_name = f"Map page first-load transfer ≤ {TRANSFER_MAX_BYTES / 1000:g} KB"
    drawn_name = f"Map drawn ≤ {DRAWN_MAX_MS / 1000:g} s after navigation (worst of the loads)"
    if not loads:
        return [_skip(transfer_name), _skip(drawn_name)]
    worst = max(loads, key=lambda load: load.transfer_bytes)
    uncompressed = ", ".join(f"`{r.path}`" for r in worst.uncompressed) or "none"
    transfer_detail = (
        f"{worst.transfer_bytes:,} bytes over the wire (bodies {worst.encoded_bytes:,}, "
        f"unpacked {worst.decoded_bytes:,}) in {len(worst.resources)} responses; "
        f"sent uncompressed: {uncompressed}"
    )
    drawn = [load.drawn_ms for load in loads]
    drawn_detail = (
        f"median {_median(drawn):.0f} ms, worst {max(drawn):.0f} ms of {len(loads)} cold loads"
    )
    return [
        TargetResult(transfer_name, worst.transfer_bytes <= TRANSFER_MAX_BYTES, transfer_detail),
        TargetResult(drawn_name, max(drawn) <= DRAWN_MAX_MS, drawn_detail),
    ]


def _skip(name: str) -> TargetResult:
    return TargetResult(name, None, "not measured")


def _kb(size: int | None) -> str:
    return "–" if size is None else f"{size / 1000:.1f}"


def _ms_row(title: str, values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return f"| {title} | – | – | – |"
    return f"| {title} | {_median(known):.0f} | {min(known):.0f} | {max(known):.0f} |"


def render_public_site(loads: list[Load], facts: dict[str, str]) -> str:
    """The section: how it was measured, the responses of the first load, timings, targets.

    `facts` are lines about the run ("measured", "data", "server", "browser"); `loads` the
    timed cold loads (empty when nothing could be measured; `facts["error"]` then says why).
    """
    lines = [
        "## Public site: the map page's first load in Chromium",
        "",
        *(f"{facts[key]}" for key in ("measured", "data", "server", "browser") if key in facts),
        "",
    ]
    if not loads:
        lines += [f"Not measured: {facts.get('error', 'no loads')}.", ""]
    else:
        lines += _transfer_table(max(loads, key=lambda load: load.transfer_bytes))
        lines += [
            "",
            "| ms after navigation start | median | fastest | slowest |",
            "|---|--:|--:|--:|",
            _ms_row("**Map drawn** (the later of the next two)", [x.drawn_ms for x in loads]),
            _ms_row("Frame after all shapes were in the DOM", [x.shapes_ms for x in loads]),
            _ms_row("First contentful paint", [x.first_paint_ms for x in loads]),
            _ms_row("Load event end", [x.load_event_ms for x in loads]),
            "",
        ]
    lines += ["Targets:", ""]
    lines += [f"- **{t.label}** {t.name}: {t.detail}" for t in public_site_targets(loads)]
    return "\n".join(lines)


def _transfer_table(load: Load) -> list[str]:
    rows = [
        "| Response | Type | Content-Encoding | Transfer kB | Body kB | Unpacked kB "
        "| Body if gzipped kB |",
        "|---|---|---|--:|--:|--:|--:|",
    ]
    for r in load.resources:
        gzipped = _kb(r.gzip_bytes) if r.gzip_bytes is not None else "(compressed)"
        rows.append(
            f"| `{r.path}` | {r.kind} | {r.encoding} | {_kb(r.transfer_bytes)} "
            f"| {_kb(r.encoded_bytes)} | {_kb(r.decoded_bytes)} | {gzipped} |"
        )
    rows.append(
        f"| **Total** ({len(load.resources)} responses) | | | **{_kb(load.transfer_bytes)}** "
        f"| {_kb(load.encoded_bytes)} | {_kb(load.decoded_bytes)} "
        f"| {_kb(load.all_compressed_bytes)} |"
    )
    rows += [
        "",
        "kB = 1,000 bytes. *Body if gzipped* is the total with every uncompressed body counted at "
        "its gzip size: what the page would cost if the server (or a proxy in front of it) "
        "compressed it too.",
    ]
    return rows


# --- serving the application and driving Chromium ---------------------------------------------


def server_environment(environ: dict, static_root: str) -> dict:
    """Production settings over plain HTTP on loopback, static files collected to `static_root`
    and served by WhiteNoise from there, the database of the environment (the bench worker's).

    >>> env = server_environment({"DATABASE_URL": "sqlite:///b", "DEBUG": "true"}, "/tmp/s")
    >>> env["DEBUG"], env["KAPSTOK_MANIFEST_STATIC"], env["DATABASE_URL"], env["STATIC_ROOT"]
    ('false', 'true', 'sqlite:///b', '/tmp/s')
    >>> env["KAPSTOK_BENCH"]
    'false'
    """
    return {
        **environ,
        "DEBUG": "false",
        "HTTPS": "false",  # no TLS on loopback; otherwise every request is redirected
        "ALLOWED_HOSTS": "127.0.0.1",
        "KAPSTOK_MANIFEST_STATIC": "true",
        "KAPSTOK_STATIC_FROM_FINDERS": "false",
        "STATIC_ROOT": static_root,
        "DATABASE_CONN_MAX_AGE": "60",
        "KAPSTOK_ALLOW_INSECURE_KEY": "true",
        "KAPSTOK_BENCH": "false",  # the web process, as in production: no benchmark app
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


GUNICORN_OPTIONS = ["--workers", "1", "--threads", "4", "--timeout", "60"]


@contextmanager
def served() -> Iterator[str]:
    """The application under gunicorn on a free loopback port; yields its base URL.

    One worker with four threads: the page's parallel requests are served at once, and one
    warm-up load warms the only process there is.
    """
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    with tempfile.TemporaryDirectory(prefix="kapstok-bench-static-") as static_root:
        env = server_environment(dict(os.environ), static_root)
        subprocess.run(
            [sys.executable, manage, "collectstatic", "--noinput", "-v0"], env=env, check=True
        )
        port = free_port()
        argv = [sys.executable, "-m", "gunicorn", "kapstok.wsgi", "--bind", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            [*argv, *GUNICORN_OPTIONS, "--log-level", "warning"],
            env=env,
            cwd=settings.BASE_DIR,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {SERVER_START_SECONDS} s")


def measure_load(browser, url: str, expected_shapes: int) -> Load:
    """One cold load in a fresh context: its responses, and when the map was drawn."""
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT)
    try:
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.add_init_script(DRAWN_SCRIPT % expected_shapes)
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="load")
        page.wait_for_function("() => window.__kapstokMapDrawn !== undefined")
        page.wait_for_load_state("networkidle")
        figures = page.evaluate(ENTRIES_SCRIPT)
        encodings, bodies = {}, {}
        for response in responses:
            encoding = response.header_value("content-encoding") or "identity"
            encodings[response.url] = encoding
            if encoding == "identity" and response.status == 200:
                bodies[response.url] = response.body()
        timed = {entry["url"] for entry in figures["resources"]}
        missing = [r.url for r in responses if r.url not in timed]
        if missing:  # every response must be in the sum; say so rather than undercount
            raise RuntimeError(f"responses missing from Resource Timing: {missing}")
        drawn = figures["drawn"]
        return Load(
            resources=tuple(resources_from(figures["resources"], encodings, bodies)),
            shapes_ms=float(drawn["ms"]),
            shapes=int(drawn["shapes"]),
            first_paint_ms=figures["first_paint"],
            load_event_ms=figures["load_event"],
        )
    finally:
        context.close()


def measure_loads(base: str, expected_shapes: int, *, loads: int, warmup: int):
    """(browser version, accepted encodings, the timed loads) against a running server."""
    from playwright.sync_api import sync_playwright

    url = f"{base}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for _ in range(warmup):
                measure_load(browser, url, expected_shapes)
            timed = [measure_load(browser, url, expected_shapes) for _ in range(loads)]
            accepted = _accepted_encodings(browser, url)
            return browser.version, accepted, timed
        finally:
            browser.close()


def _accepted_encodings(browser, url: str) -> str:
    """The Accept-Encoding Chromium sent for the page."""
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(url)
        return response.request.header_value("accept-encoding") or "?"
    finally:
        context.close()


def public_site_section(loads: int = LOADS, warmup: int = WARMUP_LOADS) -> tuple[str, str] | None:
    """Serve the app, load the map page `loads` times cold in Chromium; None without Chromium
    (the section in BENCHMARKS.md is then left as it was)."""
    if not CHROMIUM.exists():
        print(f"Public site section skipped: no Chromium at {CHROMIUM}", file=sys.stderr)
        return None
    facts = _facts()  # database queries first: not allowed once Playwright's loop runs
    expected = int(facts.pop("shapes"))
    try:
        with served() as base:
            version, accepted, measured = measure_loads(base, expected, loads=loads, warmup=warmup)
    except Exception as error:  # noqa: BLE001 - reported in the section, and the traceback
        traceback.print_exc()
        facts["error"] = f"{type(error).__name__}: {error}"
        return KEY, render_public_site([], facts)
    facts["browser"] = (
        f"Chromium {version} (`{CHROMIUM}`, headless, {VIEWPORT['width']}×{VIEWPORT['height']}) "
        f"through Playwright; it sent `Accept-Encoding: {accepted}`. {warmup} untimed load to "
        f"warm the server, then {loads} loads, each in a fresh browser context (empty cache, "
        "no cookies). Transfer from the Resource Timing API (`transferSize`, headers included, "
        "`encodedBodySize`, `decodedBodySize`) of the "
        "navigation and every resource; the table shows the load with the largest transfer. "
        "*Map drawn*: the later of `performance.now()` in the animation frame after the one in "
        f"which the map's SVG had a size and all {expected} municipality shapes in the DOM, and "
        "the first contentful paint."
    )
    return KEY, render_public_site(measured, facts)


def _facts() -> dict[str, str]:
    from benchmarks.management.commands.bench import cpu_count, cpu_model, database_label
    from kapstok.network.maps import municipality_map
    from kapstok.public.selectors import public_map, public_offices

    offices = list(public_offices())
    linked = len(public_map(offices)["linked"])
    shapes = len(municipality_map()["paths"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    workers = " ".join(GUNICORN_OPTIONS)
    return {
        "measured": f"Measured {timezone.localtime():%Y-%m-%d %H:%M %Z} on {cpu_count()} CPUs "
        f"({cpu_model()}), load average {load:.1f} at the start.",
        "data": f"Page: `/`, the home page with the map of all {shapes} municipalities, "
        f"{linked} of them linked to one of the {len(offices)} public offices of the benchmark "
        f"database ({database_label()}); the boundaries are inline SVG in the HTML.",
        "server": f"Served by gunicorn (`{workers}`) on loopback over plain HTTP with "
        "production settings: `DEBUG` off, static files collected afresh with "
        "`CompressedManifestStaticFilesStorage` (hashed names, pre-compressed copies) and "
        "served by WhiteNoise. Django itself compresses no HTML (no `GZipMiddleware`).",
        "shapes": str(shapes),
    }
