"""Hypothesis against the database: each example runs in a savepoint that is rolled back.

A property test with the `db` fixture gets one transaction for all its examples; without a
rollback per example, what one example writes is still there for the next. `in_savepoint`
runs one example and leaves nothing behind; `db_settings` are the settings such tests share
(few examples, no deadline on a loaded machine, fixtures shared across examples on purpose).
"""

from hypothesis import HealthCheck, settings

from django.db import transaction


def db_settings(max_examples: int):
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


class Rollback(Exception):
    """Leaves the savepoint of one example without keeping anything."""


def in_savepoint(example) -> None:
    try:
        with transaction.atomic():
            example()
            raise Rollback
    except Rollback:
        pass
