"""The practice search on each database: PostgreSQL's Dutch full text, SQLite's stem terms.

The suite runs on both (CI sets DATABASE_URL to PostgreSQL); each test here says which path it
checks and is skipped on the other database, so the PostgreSQL path cannot silently fall back
to the SQLite one. The behaviour tests in `test_practices` run on both.
"""

import pytest

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kapstok.peers.models import Practice
from kapstok.peers.search import SEARCH_FIELDS, search

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
    assert "search_document" in sql and "'dutch'" in sql
    assert "search_terms" not in sql


@on_postgresql
@pytest.mark.django_db
def test_postgresql_filters_and_ranks_on_the_stored_document(world):
    """Neither the filter nor the rank computes a vector per row (`to_tsvector` for each of
    the 900 practices that mention "sportdagen" cost 40 ms): both read `search_document`."""
    make_practice(world.office, "Lokale sportdag", "Sportdagen op het marktplein.")
    with CaptureQueriesContext(connection) as queries:
        list(search(Practice.objects.all(), "sportdagen"))
    sql = queries[-1]["sql"]
    assert "to_tsvector" not in sql
    assert 'ts_rank("peers_practice"."search_document"' in sql


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


def _document_from_scratch(practice) -> str:
    return (
        Practice.objects.filter(pk=practice.pk)
        .annotate(scratch=SearchVector(*SEARCH_FIELDS, config="dutch"))
        .values_list("scratch", flat=True)
        .get()
    )


def _stored_document(practice) -> str:
    return Practice.objects.filter(pk=practice.pk).values_list("search_document", flat=True).get()


@on_postgresql
@pytest.mark.django_db
def test_postgresql_keeps_the_stored_document_current_on_every_write(world):
    """The database computes the document, so every way of writing keeps it equal to the one
    computed from the texts: the service, a queryset update, a bulk insert."""
    practice = make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    assert _stored_document(practice) == _document_from_scratch(practice)
    assert "sportdag" in _stored_document(practice)

    Practice.objects.filter(pk=practice.pk).update(why="Voor de padeltoernooien in de regio.")
    assert "padeltoernooi" in _stored_document(practice)
    assert _stored_document(practice) == _document_from_scratch(practice)

    [bulk] = Practice.objects.bulk_create(
        [Practice(office=world.office, title="Bord langs de invalsweg", what="Een bord.")]
    )
    assert _stored_document(bulk) == _document_from_scratch(bulk)
    assert _sql("invalsweg")[0] == [bulk]


@on_postgresql
@pytest.mark.django_db
def test_postgresql_finds_an_edited_practice_by_its_new_words_only(world):
    practice = make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    practice.title, practice.what = "Padeltoernooi", "Een toernooi voor bedrijven."
    practice.save()
    assert _sql("padeltoernooi")[0] == [practice]
    assert _sql("sportdag")[0] == []


@on_sqlite
@pytest.mark.django_db
def test_sqlite_stores_an_empty_document_and_searches_the_terms(world):
    """SQLite has no `to_tsvector`: the generated column is empty there and never read."""
    practice = make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    assert _stored_document(practice) == ""
    found, sql = _sql("sportdag")
    assert found == [practice]
    assert "search_document" not in sql


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
    """The GIN index of migration 0007 is on the stored document the search filters on; with
    sequential scans discouraged (a few test rows would not need the index) the plan uses it."""
    make_practice(world.office, "Lokale sportdag", "Op het marktplein.")
    found = search(Practice.objects.all(), "sportdag")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "peers_practice_document_idx" in plan
