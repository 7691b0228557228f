"""The load scenario: 100 simulated people with the mix of roles the platform expects.

Run by `scripts/loadtest.sh` (which seeds the demo, starts gunicorn on loopback and writes the
figures into BENCHMARKS.md); by hand:

    LOAD_SECONDS=60 locust -f benchmarks/locustfile.py --headless -u 100 -r 20 -t 300s \\
        --host http://127.0.0.1:8010 --csv var/load/locust

Who, by weight (of 100 users about): 60 anonymous visitors on the map, office pages and the
privacy statement; 20 kartrekkers, each on their own office's pages and kapstok; 10 members of
office A on their office; 10 POS staff on the national and office dashboards. Logins use the
demo accounts (password `kapstok-demo`; two-factor login is off in the demo). Only GET pages and
the login POST: the scenario must not change the data it measures.

Two phases (issue #19): everyone logs in while the users are spawned (Argon2 is meant to be
slow, so logins are reported apart); when the last simulated person has logged in (or, for a
visitor, started), the statistics are reset and the measured phase runs for `LOAD_SECONDS`
(60) more seconds, after which locust stops. So the page figures are those of 100 people who
are all logged in, not of a ramp-up queueing behind password hashing. The logins' own figures
are kept aside and written to `PREFIX_logins.csv`, and `PREFIX_phase.json` says when the
measured phase began and how long it ran; `-t` is only a safety limit.

Think time: every person waits 5 to 15 s (uniformly, 10 s on average) between two pages: a
person reads a page, a dashboard or a list before clicking on; 100 people then ask about ten
pages a second.

Request names group the URLs by page type (`/kantoren/[slug]/`), so the report gives one row
per type. Any answer but 200 (after redirects) counts as an error.
"""

import csv
import json
import math
import os
import random
import time

import gevent
from locust import HttpUser, between, events, task

THINK_SECONDS = (5, 15)
# How long the measured phase runs once everyone is logged in.
MEASURED_SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
LOGIN_NAMES = ("login (form)", "login (post)")

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


class Phases:
    """The run's two phases: logging in, then measuring; and the logins' figures, kept aside
    because resetting the statistics at the start of the measured phase would drop them."""

    def __init__(self):
        self.started = time.monotonic()
        self.ready = 0
        self.measuring_since: float | None = None
        self.logins: dict[str, list[float]] = {name: [] for name in LOGIN_NAMES}
        self.login_failures: dict[str, int] = dict.fromkeys(LOGIN_NAMES, 0)

    def login_record(self, name: str, response_time: float, failed: bool) -> None:
        self.logins[name].append(response_time)
        self.login_failures[name] += failed

    def person_ready(self, environment) -> None:
        """Count a person who has logged in (or needs not); start measuring at the last one."""
        self.ready += 1
        target = environment.runner.target_user_count or environment.parsed_options.num_users
        if self.measuring_since is None and self.ready >= target:
            self.measuring_since = time.monotonic()
            environment.runner.stats.reset_all()
            gevent.spawn_later(MEASURED_SECONDS, _finish, environment.runner)

    def write(self, prefix: str, users: int) -> None:
        with open(f"{prefix}_logins.csv", "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Name", "Request Count", "Failure Count", "50%", "95%", "99%"])
            for name, times in self.logins.items():
                cells = [_percentile(times, fraction) for fraction in (0.5, 0.95, 0.99)]
                writer.writerow([name, len(times), self.login_failures[name], *cells])
        now = time.monotonic()
        phase = {
            "users": users,
            "ready": self.ready,
            "all_logged_in_after_s": None,
            "measured_s": None,
            "think_time_s": list(THINK_SECONDS),
        }
        if self.measuring_since is not None:
            phase["all_logged_in_after_s"] = round(self.measuring_since - self.started, 1)
            phase["measured_s"] = round(now - self.measuring_since, 1)
        with open(f"{prefix}_phase.json", "w") as handle:
            json.dump(phase, handle)


def _finish(runner) -> None:
    """Stop the users, give locust's CSV writer (once a second) time to write the final
    figures, then quit."""
    runner.stop()
    gevent.sleep(2)
    runner.quit()


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile in ms, rounded like locust's own figures (0 without values)."""
    if not values:
        return 0
    ordered = sorted(values)
    return round(ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)])


PHASES = Phases()


@events.request.add_listener
def _login_seen(request_type, name, response_time, response_length, exception=None, **kwargs):
    if name in LOGIN_NAMES:
        PHASES.login_record(name, response_time, exception is not None)


@events.quitting.add_listener
def _phases_write(environment, **kwargs):
    prefix = environment.parsed_options.csv_prefix if environment.parsed_options else None
    if prefix:
        PHASES.write(prefix, environment.parsed_options.num_users)


def lead_email(slug: str) -> str:
    return f"{NAMED_LEADS.get(slug, f'lead-{slug}')}@demo.invalid"


class Person(HttpUser):
    """Shared by every role: a browser's User-Agent and a page fetch that checks for 200."""

    abstract = True
    wait_time = between(*THINK_SECONDS)

    def on_start(self):
        self.client.headers["User-Agent"] = BROWSER
        try:
            self.log_in_as_role()
        finally:  # a failed login is an error in the figures, not a reason to wait forever
            PHASES.person_ready(self.environment)

    def log_in_as_role(self) -> None:
        """Log in as this role's account; visitors stay anonymous."""

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

    def log_in_as_role(self) -> None:
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

    def log_in_as_role(self) -> None:
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

    def log_in_as_role(self) -> None:
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
