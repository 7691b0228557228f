"""A GIN index for the practice search on PostgreSQL (nothing on SQLite).

`peers.search` filters on `SearchVector("title", "what", "why", "result", config="dutch")`;
without an index PostgreSQL computes that vector for every practice on every search (half a
second at 10,000 practices). The index is on the very expression Django generates, so the
planner uses it. SQLite has no `to_tsvector`; its fallback searches `search_terms`.
"""

from django.db import migrations

INDEX = "peers_practice_fts_idx"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON peers_practice USING gin "
    "(to_tsvector('dutch'::regconfig, COALESCE(title, '') || ' ' || COALESCE(what, '') "
    "|| ' ' || COALESCE(why, '') || ' ' || COALESCE(result, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("peers", "0003_practice_updated_index")]

    operations = [migrations.RunPython(create, drop)]
