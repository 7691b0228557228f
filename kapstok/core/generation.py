"""The content generation: one number that says "something may have changed since".

Caches of rendered pages (`kapstok.public.page_cache`) key their entries on it, so a change
anywhere makes every cached page stale at once, without each service having to know which
pages show its data. It goes up after every successful write request
(`ContentGenerationMiddleware`) and from the jobs outside a request that change data pages
show (loading the demo or the municipalities, a restore, retention, the daily signals). What
changes without any write (a meeting passing into history) is covered by the caches' own
expiry time.

Coarse on purpose: a write to anything invalidates everything. Writes are rare next to page
views, and a cache that misses now and then is harmless, while one that forgets a dependency
shows an entrepreneur's name after it was erased.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from django.db.models import F

from .models import ContentGeneration

ROW = 1
# Within a reading request the generation is read once (`generation_memo`), however many
# cached parts the page asks for.
_memo: ContextVar[list | None] = ContextVar("generation_memo", default=None)


def generation_current() -> int:
    """The current generation (0 before the first change).

    Plain SQL: this runs for every page served from a cache, where building the query with the
    ORM would cost more than the query itself.
    """
    table = connection.ops.quote_name(ContentGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [ROW])
        row = cursor.fetchone()
    return row[0] if row else 0


def generation_bump() -> None:
    """Mark everything cached so far as possibly stale."""
    if ContentGeneration.objects.filter(pk=ROW).update(value=F("value") + 1):
        return
    ContentGeneration.objects.get_or_create(pk=ROW, defaults={"value": 1})


@contextmanager
def generation_memo():
    """Read the generation at most once until the block ends (`ContentGenerationMiddleware`
    opens one for each GET or HEAD request, which writes nothing that would bump it)."""
    token = _memo.set([])
    try:
        yield
    finally:
        _memo.reset(token)


def generation_of_request() -> int:
    """`generation_current()`, read once per `generation_memo` block; outside one, each call
    reads it (a command or a test that writes between two reads sees the change)."""
    memo = _memo.get()
    if memo is None:
        return generation_current()
    if not memo:
        memo.append(generation_current())
    return memo[0]
