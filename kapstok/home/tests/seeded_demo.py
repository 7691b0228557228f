"""The whole demo, seeded once for a test module and rolled back after it.

Several modules check what the demo shows (`seed_demo` or one of its parts), each test reading
the same seeded data. Seeding per test would take minutes, so a module-scoped fixture seeds it
inside a transaction that is rolled back when the module ends, and each test runs in a
savepoint inside it:

    @pytest.fixture(scope="module", autouse=True)
    def _seeded(django_db_setup, django_db_blocker):
        with demo_seeded_for_module(django_db_blocker) as output:
            yield output

    pytestmark = [pytest.mark.django_db, on_one_worker(__name__)]

Two things make that cheap on PostgreSQL too:
- The foreign keys are checked once, right after seeding. Django's foreign keys are deferred,
  and every test ends with `SET CONSTRAINTS ALL IMMEDIATE` inside its savepoint; rolling the
  savepoint back puts the demo's tens of thousands of pending checks back in the queue, so
  each test paid for checking the whole demo again (a third of a second per test).
- `on_one_worker` keeps a module's tests together on one xdist worker, in one run of the
  fixture: spread over both workers, or interleaved with other modules, the demo was seeded
  two or three times. Each module is its own group, so the modules still share the workers.
"""

from contextlib import contextmanager
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

# The root conftest switches to MD5 per test; seed with it too, or the logins would carry
# Argon2 hashes that the tests' hasher list cannot check (and seeding would take longer).
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def on_one_worker(module_name: str):
    """The mark that sends all tests of `module_name` to the same xdist worker
    (`--dist loadgroup`, as `make test` runs)."""
    return pytest.mark.xdist_group(module_name)


def seed_whole_demo() -> str:
    """`seed_demo` as the command runs it; what it printed."""
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


@contextmanager
def demo_seeded_for_module(django_db_blocker, seed=seed_whole_demo):
    """Run `seed` (by default the whole demo) in a transaction that is rolled back at the end;
    yields what `seed` returned."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        result = seed()
        if connection.vendor == "postgresql":
            # Fire the deferred foreign-key checks now, outside any test's savepoint.
            connection.check_constraints()
        yield result
        transaction.set_rollback(True)
