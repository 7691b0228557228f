"""Full-text search of the practice library, in Dutch, on PostgreSQL and on SQLite.

On PostgreSQL the database does the work: each practice stores its Dutch search document
(`Practice.search_document`, a generated column the database computes on every write, with a
GIN index from migration 0007), matched against a `SearchQuery(..., config="dutch")` and ranked
by `SearchRank`. Stored, because ranking the vector computed on the fly meant one
`to_tsvector` per match: 40 ms for the 900 practices that mention "sportdagen".

SQLite has no Dutch full text, so each practice keeps `search_terms`: the Snowball
(``dutch_porter``) stems of its content words, space-padded (" sportdag bord ... "); a query
matches when every one of its stems occurs there.
Both stem "sportdagen" and "sportdag" to ``sportdag``, so either finds the other.

A query of only stop words ("de het een") has nothing to search for: `SearchError` carries
the Dutch message for the page, on both databases alike.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext as _

from kapstok.analysis.dutch_text import content_tokens, default_stemmer, tokens

SEARCH_FIELDS = ("title", "what", "why", "result")


class PracticeDocument(SearchVector):
    """The expression of `Practice.search_document`: the Dutch `to_tsvector` of the texts.

    SQLite has no `to_tsvector`; there the column holds an empty string and the search reads
    `search_terms` instead.
    """

    def __init__(self):
        super().__init__(*SEARCH_FIELDS, config="dutch")

    def as_sqlite(self, compiler, connection, **extra_context):
        return "''", []


class SearchError(ValueError):
    """A query that cannot be searched; the message is Dutch and meant for the user."""


def stems(text: str) -> list[str]:
    """Distinct stems of the content words, in order.

    >>> stems("De sportdagen en een sportdag")
    ['sportdag']
    """
    stem = default_stemmer().stem
    return list(dict.fromkeys(stem(token) for token in content_tokens(text)))


def search_terms_for(text: str) -> str:
    """The value of `Practice.search_terms`: stems padded by spaces, so " stem " matches whole."""
    return " " + " ".join(stems(text)) + " "


def query_stems(query: str) -> list[str]:
    """The stems to look for, or `SearchError` when the query holds only stop words."""
    found = stems(query)
    if not found:
        if tokens(query):
            raise SearchError(
                _(
                    "Uw zoekopdracht bevat alleen veelvoorkomende woorden. Zoek op een woord met "
                    "betekenis, bijvoorbeeld 'sportdag' of 'subsidie'."
                )
            )
        raise SearchError(_("Vul een zoekwoord in."))
    return found


def search(practices, query: str):
    """Filter (and on PostgreSQL rank) a practice queryset by a Dutch full-text query."""
    wanted = query_stems(query)
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, config="dutch", search_type="plain")
        return (
            practices.annotate(rank=SearchRank(F("search_document"), search_query))
            .filter(search_document=search_query)  # every word must match, like on SQLite
            .order_by("-rank", "-updated_at")
        )
    for stem in wanted:
        practices = practices.filter(search_terms__contains=f" {stem} ")
    return practices
