"""Shared test fixtures: Dutch personas, one per role, around two offices in two municipalities.

`office` (Kantoor Utrecht) is led by Kees Kartrekker and has member Marieke Lid; the other office
(Kantoor Zwolle) has its own lead and member. Each persona is a fixture that returns a logged-in
`Client`-ready `User`; `personas` returns all of them by role name, for the access matrix.
"""

import datetime
import threading
from dataclasses import dataclass
from typing import NamedTuple

import pytest

from django.core.cache import cache
from django.db import connection

from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role
from kapstok.accounts.services import grant_role
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    PartnerFactory,
    SportBranchFactory,
)

# Skipped browser tests are said in the run's last line, and fail the run in CI.
pytest_plugins = ["kapstok.browser_tests.skip_report"]


# `make test` spreads the tests over two pytest-xdist workers; all browser tests go to the same
# one, so two Chromiums and live servers never compete for the two cores while the other worker
# runs the rest (`--dist loadgroup`).
BROWSER_GROUP = "browser"


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(BROWSER_GROUP))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file in this process's temporary folder, not Django's
    shared in-memory database.

    The browser tests' live server answers in threads of its own. On the shared in-memory
    database a thread that meets another's table lock fails at once ("database table is
    locked"), so a slow moment made a page answer 503; a file in WAL mode lets readers go on
    beside a writer and makes a writer wait (the settings' busy timeout) instead of failing.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.getbasetemp() / "test_kapstok.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test's database goes back to an
    earlier content generation, so pages it cached would otherwise look current to the next."""
    cache.clear()
    yield
    cache.clear()


ROLES_SINCE = datetime.date(2000, 1, 1)


@dataclass
class World:
    """The test network: two offices, each with a lead and a member, and everyone around them."""

    utrecht: object
    zwolle: object
    office: object
    other_office: object
    member_entrepreneur: object
    other_entrepreneur: object
    partner: object
    users: dict


@pytest.fixture
def world(db) -> World:
    fitness = SportBranchFactory(slug="fitness", name="Fitness")
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht", province="Utrecht")
    zwolle = MunicipalityFactory(code="GM0193", name="Zwolle", province="Overijssel")
    office = OfficeFactory(name="Kantoor Utrecht", slug="kantoor-utrecht", municipalities=[utrecht])
    other_office = OfficeFactory(
        name="Kantoor Zwolle", slug="kantoor-zwolle", municipalities=[zwolle]
    )
    member_entrepreneur = EntrepreneurFactory(
        business_name="Yoga Marieke", municipality=utrecht, branches=[fitness]
    )
    other_entrepreneur = EntrepreneurFactory(
        business_name="Boks Zwolle", municipality=zwolle, branches=[fitness]
    )
    since = datetime.date(2023, 6, 1)
    MembershipFactory(office=office, entrepreneur=member_entrepreneur, joined_on=since)
    MembershipFactory(office=other_office, entrepreneur=other_entrepreneur, joined_on=since)
    partner = PartnerFactory(name="Sportservice Midden", offices=[office])

    def person(email, name, role=None, scope=None):
        user = UserFactory(email=email, full_name=name)
        if role:
            # Held long before any date a test travels to: roles only count while current.
            grant_role(user=user, role=role, scope=scope, starts_on=ROLES_SINCE)
        return user

    users = {
        "pos": person("pos@example.invalid", "Petra POS", Role.POS_STAFF),
        "lead": person("kees@example.invalid", "Kees Kartrekker", Role.LEAD, office),
        "member": person(
            "marieke@example.invalid", "Marieke Lid", Role.MEMBER, member_entrepreneur
        ),
        "civil_servant": person(
            "gerrit@example.invalid", "Gerrit Gemeente", Role.CIVIL_SERVANT, utrecht
        ),
        "partner": person("paula@example.invalid", "Paula Partner", Role.PARTNER_STAFF, partner),
        "researcher": person("rob@example.invalid", "Rob Onderzoeker", Role.RESEARCHER),
        "admin": person("ada@example.invalid", "Ada Admin", Role.SITE_ADMIN),
        "other_lead": person(
            "olga@example.invalid", "Olga Andere-Kartrekker", Role.LEAD, other_office
        ),
        "other_member": person(
            "otto@example.invalid", "Otto Ander-Lid", Role.MEMBER, other_entrepreneur
        ),
        "outsider": person("bob@example.invalid", "Bob Buitenstaander"),
    }
    users["admin"].is_staff = True
    users["admin"].is_superuser = True
    users["admin"].save()
    return World(
        utrecht=utrecht,
        zwolle=zwolle,
        office=office,
        other_office=other_office,
        member_entrepreneur=member_entrepreneur,
        other_entrepreneur=other_entrepreneur,
        partner=partner,
        users=users,
    )


@pytest.fixture
def login(client):
    """Log a persona in on the test client: `login(world.users["lead"])`."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


class Outcome(NamedTuple):
    """What one job of `run_at_once` returned, or the exception it raised."""

    value: object
    error: Exception | None


def _run_at_once(jobs) -> list[Outcome]:
    barrier = threading.Barrier(len(jobs))
    outcomes = [Outcome(None, None)] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            outcomes[index] = Outcome(job(), None)
        except Exception as error:  # collected for the test to assert on
            outcomes[index] = Outcome(None, error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def run_at_once():
    """Run callables in threads released together, for the PostgreSQL concurrency tests.

    Each thread gets its own database connection (closed at the end) and they wait at a barrier,
    so their transactions really overlap. Returns one `Outcome` per job, in order.
    """
    return _run_at_once
