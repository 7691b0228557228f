"""Statistics for the database's query planner, so it picks the right index.

Both databases plan joins by how many rows they expect. Without statistics, SQLite checks
whether a landscape business is a member by scanning all of its office's memberships instead
of looking the entrepreneur up (a coverage page of 3,000 businesses: 300 ms instead of 15 ms),
and PostgreSQL estimates a table filled in one transaction as empty. PostgreSQL's autovacuum
refreshes statistics by itself as tables change; SQLite collects none unless asked, and Django
never asks. So the statistics are refreshed after a bulk load (the demo) and daily by the
scheduler (`planner_statistics` job).
"""

from django.db import connection


def planner_statistics_refresh() -> None:
    """ANALYZE the whole database (SQLite: about a second for the national-scale data set).

    Inside a transaction, PostgreSQL's ANALYZE samples that transaction's own new rows too.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
