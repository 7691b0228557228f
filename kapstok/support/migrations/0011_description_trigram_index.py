"""A trigram index for the queue's search on PostgreSQL (nothing on SQLite).

The queue searches with `description__icontains`, which Django writes as
`UPPER("description"::text) LIKE UPPER('%term%')`: without an index PostgreSQL upper-cases
all 20,000 descriptions on every search. A GIN index of trigrams (`pg_trgm`) on that very
expression answers the `LIKE` with the same rows, so the search finds exactly what it found
before. `pg_trgm` is a trusted extension (PostgreSQL 13+): the database's owner may create
it. Where the role may not, the index is left out and the search works as before, only slower.
"""

from django.db import migrations, transaction

INDEX = "support_request_description_trgm"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON support_supportrequest "
    "USING gin (UPPER(description) gin_trgm_ops)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(CREATE)
    except Exception:  # noqa: BLE001 (no right to create the extension: no index)
        return


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("support", "0010_running_clock")]

    operations = [migrations.RunPython(create, drop)]
