"""Each demo login, on a phone, clicks through the site: no dead end, no sideways scroll, axe clean.

Issue 17's first "done when": each demo persona starts at `/start/` and follows every same-site
link within three clicks (GET only). The crawl asserts that

- no link answers 403 or 404 (a link the viewer may not follow must not be shown),
- no page it renders is wider than a 390 px phone screen (`scrollWidth <= 390 + 1`),
- axe-core finds no serious or critical violation on the pages it renders.

The demo (`seed_demo`, about 20 seconds) is seeded once, committed so the live server sees it,
and the one test walks all personas: pytest-django empties the database after every test that
uses the live server, so a test per persona would seed nine times.

To keep the run to a few minutes, pages are grouped by *pattern*: the path with numbers, ids and
the slug or code after a collection word (`kantoren/<slug>`, `gemeenten/<code>`, …) replaced.

- A page is rendered (links read, width and axe checked) once per pattern and persona, at most
  `RENDER_CAP` per persona, breadth first, so the pages nearest the start page come first.
- Every link found on a rendered page is requested (without rendering), up to
  `LINKS_PER_PATTERN` different addresses per pattern: enough to catch a list whose entries lead
  to pages of mixed permission (a timeline linking to messages the member was not sent).
- axe runs once per pattern over all personas (the markup of a kind of page is the same for
  each; what differs is which links and buttons it shows), at most `AXE_CAP` per persona.

Not followed: logging out, downloads (.pdf, .xlsx, .csv, .ics, .json, …, attachments), links
with a one-time token or another side effect (unsubscribing, confirming), the API, and the
Django admin beyond its index page.
"""

import os
import re
from collections import defaultdict, deque
from io import StringIO
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command

from kapstok.accounts.models import User

from .conftest import PHONE

pytestmark = pytest.mark.browser

# One persona for a quicker look while fixing: KAPSTOK_JOURNEY_PERSONAS=lead-a,member-a
PERSONAS = tuple(filter(None, os.environ.get("KAPSTOK_JOURNEY_PERSONAS", "").split(","))) or (
    "pos",
    "lead-a",
    "lead-e",
    "member-a",
    "gemeente-a",
    "gemeente-b",
    "partner-c",
    "researcher",
    "admin",
)
START = "/start/"
MAX_CLICKS = 3
PHONE_WIDTH = PHONE["viewport"]["width"]
RENDER_CAP = 60
AXE_CAP = 25
LINKS_PER_PATTERN = 4
MIN_PAGES = 10  # every persona reaches at least this many kinds of page from its start page

DOWNLOADS = re.compile(r"\.(pdf|xlsx|csv|ics|json|geojson|docx|zip|xml|txt|png|svg)$")
NOT_FOLLOWED = re.compile(
    r"^/(account/uitloggen|api/|i18n/|static/|media/|afmelden/|vragenlijst/)"
    r"|/bijlagen/\d+/$"
    r"|/bevestigen/[^/]+/$"
    r"|/toestemming-gemeente/"
    r"|/agenda/"
)
# The segment after one of these words names one object of its kind: a slug, code or token.
COLLECTIONS = {"kantoren", "kantoor", "gemeenten", "gemeenteportaal", "sessie", "ondernemers"}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
    .filter(a => !a.hasAttribute('download'))
    .map(a => new URL(a.getAttribute('href'), document.baseURI).href)"""
WIDTH = "() => document.documentElement.scrollWidth"
# The innermost elements that stick out on the right, outside any scrolling box: where to look.
STICKING_OUT = """() => {
    const width = document.documentElement.clientWidth;
    const sticksOut = (element) => element.getBoundingClientRect().right > width + 1;
    const clipped = (element) => {
        for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return true;
        }
        return false;
    };
    const found = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (!sticksOut(element) || [...element.children].some(sticksOut) || clipped(element)) {
            continue;
        }
        const classes = [...element.classList].map((name) => "." + name).join("");
        const right = Math.round(element.getBoundingClientRect().right);
        found.push(`${element.tagName.toLowerCase()}${classes} (right edge ${right})`);
        if (found.length === 3) break;
    }
    return found.join(", ");
}"""


def pattern(path: str) -> str:
    """The kind of page an address is, for deduplicating.

    >>> pattern("/netwerk/kantoren/kantoor-a/sessies/12/")
    '/netwerk/kantoren/*/sessies/#/'
    >>> pattern("/netwerk/gemeenteportaal/GM0344/")
    '/netwerk/gemeenteportaal/*/'
    """
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part.isdigit() or UUID.match(part) or re.fullmatch(r"versie-\d+", part):
            parts[index] = "#"
        elif index and parts[index - 1] in COLLECTIONS and part and part != "nieuw":
            parts[index] = "*"
    return "/".join(parts)


def followable(url: str, origin: str) -> str | None:
    """The path (and query) of a same-site link the crawl may follow, or None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    path = parts.path
    if DOWNLOADS.search(path) or NOT_FOLLOWED.search(path):
        return None
    if path.startswith("/admin/") and path != "/admin/":
        return None
    return path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    """One persona's walk; `problems` collects what is wrong, one line each."""

    def __init__(self, page, origin: str, axe_violations, axe_checked: set[str]):
        self.page = page
        self.origin = origin
        self.axe_violations = axe_violations
        self.problems: list[str] = []
        self.rendered: set[str] = set()
        self.checked: dict[str, int] = {}
        self.checked_per_pattern: dict[str, int] = defaultdict(int)
        self.axe_runs = 0
        self.axe_checked = axe_checked  # patterns axe has seen, shared by the personas

    def status(self, url: str) -> int:
        """The final status of a GET (after redirects), without rendering the page."""
        if url not in self.checked:
            response = self.page.context.request.get(url, max_redirects=5)
            self.checked[url] = response.status
            response.dispose()
        return self.checked[url]

    def render(self, url: str, clicks: int) -> list[str]:
        """Open a page, check its width and axe, and return the links on it."""
        response = self.page.goto(url)
        if response.status >= 400:
            self.problems.append(f"{url} answered {response.status} ({clicks} clicks)")
            return []
        if "text/html" not in response.headers.get("content-type", ""):
            return []
        width = self.page.evaluate(WIDTH)
        if width > PHONE_WIDTH + 1:
            culprits = self.page.evaluate(STICKING_OUT)
            self.problems.append(
                f"{url} is {width} px wide on a {PHONE_WIDTH} px phone: {culprits}"
            )
        kind = pattern(urlsplit(url).path)
        if self.axe_runs < AXE_CAP and kind not in self.axe_checked:
            self.axe_runs += 1
            self.axe_checked.add(kind)
            violations = self.axe_violations(self.page)
            if violations:
                self.problems.append(f"axe on {url}:\n{violations}")
        return self.page.evaluate(LINKS)

    def run(self) -> None:
        queue = deque([(START, 0, "login")])
        while queue:
            url, clicks, source = queue.popleft()
            kind = pattern(urlsplit(url).path)
            if kind in self.rendered or len(self.rendered) >= RENDER_CAP:
                continue
            self.rendered.add(kind)
            for link in self.render(url, clicks):
                target = followable(link, self.origin)
                if target is None or target == url:
                    continue
                target_kind = pattern(urlsplit(target).path)
                if target not in self.checked:
                    if self.checked_per_pattern[target_kind] >= LINKS_PER_PATTERN:
                        continue
                    self.checked_per_pattern[target_kind] += 1
                    status = self.status(target)
                    if status in (403, 404):
                        self.problems.append(f"{url} links to {target}, which answers {status}")
                    if status >= 400:
                        continue
                if clicks + 1 <= MAX_CLICKS and target_kind not in self.rendered:
                    queue.append((target, clicks + 1, url))


@pytest.fixture
def demo(transactional_db):
    """The demo network, committed for the live server (emptied again after the test)."""
    call_command("seed_demo", stdout=StringIO())
    return {login: User.objects.get(email=f"{login}@demo.invalid") for login in PERSONAS}


def test_every_demo_persona_meets_no_dead_end_and_no_sideways_scroll_on_a_phone(
    browser, live_server, demo, sign_in, axe_violations
):
    problems = {}
    summary = []
    axe_checked: set[str] = set()
    for login, user in demo.items():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", **PHONE)
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            sign_in(page, user)
            crawl = Crawl(page, live_server.url, axe_violations, axe_checked)
            crawl.run()
        finally:
            context.close()
        pages, links = len(crawl.rendered), len(crawl.checked)
        summary.append(f"{login}: {pages} pages, {links} links, axe on {crawl.axe_runs}")
        # Guards the guard: a persona that never got past its start page would pass unseen.
        if len(crawl.rendered) < MIN_PAGES:
            crawl.problems.append(f"only {len(crawl.rendered)} pages reached: {crawl.rendered}")
        if crawl.problems:
            problems[login] = crawl.problems
    print("\n".join(summary))

    assert not problems, "\n".join(
        f"{login}:\n" + "\n".join(f"  {line}" for line in lines)
        for login, lines in problems.items()
    )
