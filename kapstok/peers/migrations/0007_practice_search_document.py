"""The practice search reads a stored search document on PostgreSQL (nothing changes on SQLite).

`peers.search` used to filter and rank on `SearchVector("title", "what", "why", "result",
config="dutch")` computed in the query: the GIN index of migration 0004 found the matches, but
ranking them computed `to_tsvector` once more for every match (40 ms for "sportdagen", which
900 of 10,000 practices mention). `search_document` is a generated column the database keeps
current on every write; the GIN index is now on that column, and the expression index of 0004
goes (nothing reads it any more). SQLite has no `to_tsvector` or GIN: there the column holds an
empty string and the search keeps reading `search_terms`.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import kapstok.peers.search

INDEX = "peers_practice_document_idx"
OLD_INDEX = "peers_practice_fts_idx"
OLD_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON peers_practice USING gin "
    "(to_tsvector('dutch'::regconfig, COALESCE(title, '') || ' ' || COALESCE(what, '') "
    "|| ' ' || COALESCE(why, '') || ' ' || COALESCE(result, '')))"
)


def index_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON peers_practice USING gin (search_document)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def index_expression(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_CREATE)
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("peers", "0006_exchange_post_regional")]

    operations = [
        migrations.AddField(
            model_name="practice",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=kapstok.peers.search.PracticeDocument(),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(index_document, index_expression),
    ]
