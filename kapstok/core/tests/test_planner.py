"""Planner statistics: refreshed on request, so SQLite picks indexes by how selective they are."""

import pytest

from django.db import connection

from kapstok.core.planner import planner_statistics_refresh

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps them in sqlite_stat1")
def test_sqlite_has_statistics_of_the_memberships_afterwards(world):
    planner_statistics_refresh()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'network_membership'")
        assert cursor.fetchone()[0] > 0


def test_it_runs_on_any_database(world):
    planner_statistics_refresh()
