"""The practice search on each database: PostgreSQL's Dutch full text, SQLite's stem terms.

The suite runs on both (CI sets DATABASE_URL to PostgreSQL); each test here says which path it
checks and is skipped on the other database, so the PostgreSQL path cannot silently fall back
to the SQLite one. The behaviour tests in `test_practices` run on both.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.peers.models import Practice
from kapstok.peers.search import search

from .test_practices import make_practice

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite fallback")


def _sql(query: str) -> tuple[list, str]:
    with CaptureQueriesContext(connection) as queries:
        found = list(search(Practice.objects.all(), query))
    return found, queries[-1]["sql"].split(" WHERE ", 1)[1]  # the filter, not the columns


@on_postgresql
@pytest.mark.django_db
def test_postgresql_searches_with_the_dutch_configuration(world):
    day = make_practice(world.office, "Lokale sportdag", "Sportdagen op het marktplein.")
    make_practice(world.office, "Bord langs de weg", "Een bord.")

    found, sql = _sql("sportdagen")

    assert found == [day]
    assert "to_tsvector" in sql and "'dutch'" in sql
    assert "search_terms" not in sql


@on_postgresql
@pytest.mark.django_db
def test_postgresql_ranks_the_closer_match_first(world):
    once = make_practice(world.office, "Ledenavond", "Ook een sportdag genoemd.")
    often = make_practice(
        world.office, "Lokale sportdag", "De sportdag: sportdagen in elke wijk, een sportdag."
    )
    found, _sql_text = _sql("sportdag")
    assert found == [often, once]


@on_postgresql
@pytest.mark.django_db
def test_postgresql_requires_every_word_and_ignores_stop_words(world):
    day = make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    assert _sql("de sportdag op het marktplein")[0] == [day]
    assert _sql("sportdag zwembad")[0] == []


@on_postgresql
@pytest.mark.django_db
def test_postgresql_searches_the_texts_not_the_stored_terms(world):
    """PostgreSQL reads the practice's own texts, so a row without `search_terms` (written
    outside `practice_save`) is still found."""
    practice = make_practice(world.office, "Padeltoernooi", "Een padeltoernooi voor bedrijven.")
    Practice.objects.filter(pk=practice.pk).update(search_terms="")
    assert _sql("padeltoernooien")[0] == [practice]


@on_sqlite
@pytest.mark.django_db
def test_sqlite_matches_whole_stems_in_the_stored_terms(world):
    day = make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    make_practice(world.office, "Sportdagboek", "Een boek.")  # stem sportdagboek, not sportdag

    found, sql = _sql("sportdagen")

    assert found == [day]
    assert "search_terms" in sql and "to_tsvector" not in sql


@on_postgresql
@pytest.mark.django_db
def test_postgresql_search_can_use_the_fulltext_index(world):
    """The GIN index of migration 0004 is on the expression the search filters on; with
    sequential scans discouraged (a few test rows would not need the index) the plan uses it."""
    make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    found = search(Practice.objects.all(), "sportdag")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "peers_practice_fts_idx" in plan
