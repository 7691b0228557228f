"""The load scenario: 100 simulated people with the mix of roles the platform expects.

Run by `scripts/loadtest.sh` (which seeds the demo, starts gunicorn on loopback and writes the
figures into BENCHMARKS.md); by hand:

    locust -f benchmarks/locustfile.py --headless -u 100 -r 20 -t 60s \\
        --host http://127.0.0.1:8010 --csv var/load/locust

Who, by weight (of 100 users about): 60 anonymous visitors on the map, office pages and the
privacy statement; 20 kartrekkers, each on their own office's pages and kapstok; 10 members of
office A on their office; 10 POS staff on the national and office dashboards. Everyone waits
1-5 s between pages, as a person reading does. Logins use the demo accounts (password
`kapstok-demo`; two-factor login is off in the demo). Only GET pages and the login POST: the
scenario must not change the data it measures.

Request names group the URLs by page type (`/kantoren/[slug]/`), so the report gives one row
per type. Any answer but 200 (after redirects) counts as an error.
"""

import random

from locust import HttpUser, between, task

PASSWORD = "kapstok-demo"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36 locust"

# The demo's offices (kapstok.home.demo is deterministic); A is Deventer, E is Venlo.
OFFICES = [
    "pos-kantoor-deventer",
    "pos-kantoor-hoorn",
    "pos-kantoor-roosendaal",
    "pos-kantoor-assen",
    "pos-kantoor-venlo",
    "pos-kantoor-groningen",
    "pos-kantoor-almere",
    "pos-kantoor-enschede",
    "pos-kantoor-utrecht",
    "pos-kantoor-amsterdam",
    "pos-kantoor-rotterdam",
    "pos-kantoor-eindhoven",
    "pos-kantoor-tilburg",
    "pos-kantoor-delft-en-rijswijk-zh",
    "pos-kantoor-s-gravenhage",
]
NAMED_LEADS = {"pos-kantoor-deventer": "lead-a", "pos-kantoor-venlo": "lead-e"}
MEMBER_OFFICE = "pos-kantoor-deventer"


def lead_email(slug: str) -> str:
    return f"{NAMED_LEADS.get(slug, f'lead-{slug}')}@demo.invalid"


class Person(HttpUser):
    """Shared by every role: a browser's User-Agent and a page fetch that checks for 200."""

    abstract = True
    wait_time = between(1, 5)

    def on_start(self):
        self.client.headers["User-Agent"] = BROWSER

    def page(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def log_in(self, email: str) -> None:
        self.client.get("/account/inloggen/", name="login (form)")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/account/inloggen/",
            data={"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login (post)",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/account/inloggen/" in response.url:
                response.failure(f"login as {email} failed ({response.status_code})")


class Visitor(Person):
    """An entrepreneur or civil servant who found the site: map, an office, the privacy page."""

    weight = 60

    @task(3)
    def map(self):
        self.page("/", "/ (map)")

    @task(5)
    def office(self):
        self.page(f"/kantoren/{random.choice(OFFICES)}/", "/kantoren/[slug]/")

    @task(1)
    def privacy(self):
        self.page("/privacy/", "/privacy/")


class Lead(Person):
    """A kartrekker working on their own office: the office, its kapstok, dashboard, timeline."""

    weight = 20

    def on_start(self):
        super().on_start()
        self.slug = random.choice(OFFICES)
        self.log_in(lead_email(self.slug))

    @task(3)
    def office(self):
        self.page(f"/netwerk/kantoren/{self.slug}/", "/netwerk/kantoren/[slug]/")

    @task(3)
    def kapstok(self):
        self.page(f"/netwerk/kantoren/{self.slug}/kapstok/", "/netwerk/kantoren/[slug]/kapstok/")

    @task(2)
    def dashboard(self):
        url = f"/netwerk/kantoren/{self.slug}/dashboard/"
        self.page(url, "/netwerk/kantoren/[slug]/dashboard/")

    @task(1)
    def timeline(self):
        url = f"/netwerk/kantoren/{self.slug}/kapstok/tijdlijn/"
        self.page(url, "/netwerk/kantoren/[slug]/kapstok/tijdlijn/")


class Member(Person):
    """A member entrepreneur of office A looking at their office and its kapstok."""

    weight = 10

    def on_start(self):
        super().on_start()
        self.log_in("member-a@demo.invalid")

    @task(2)
    def start_page(self):  # not `start`: that is locust's own User.start
        self.page("/start/", "/start/")

    @task(2)
    def office(self):
        self.page(f"/netwerk/kantoren/{MEMBER_OFFICE}/", "/netwerk/kantoren/[slug]/")

    @task(1)
    def kapstok(self):
        url = f"/netwerk/kantoren/{MEMBER_OFFICE}/kapstok/"
        self.page(url, "/netwerk/kantoren/[slug]/kapstok/")


class PosStaff(Person):
    """POS staff following the network: the national dashboard and offices' dashboards."""

    weight = 10

    def on_start(self):
        super().on_start()
        self.log_in("pos@demo.invalid")

    @task(3)
    def national(self):
        self.page("/netwerk/dashboard/", "/netwerk/dashboard/")

    @task(2)
    def office_dashboard(self):
        url = f"/netwerk/kantoren/{random.choice(OFFICES)}/dashboard/"
        self.page(url, "/netwerk/kantoren/[slug]/dashboard/")

    @task(1)
    def offices(self):
        self.page("/netwerk/", "/netwerk/ (offices)")
