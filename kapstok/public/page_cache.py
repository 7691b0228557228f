"""Rendered public pages kept for anonymous visitors, until anything on the site changes.

The map pages (`/` and the embedded map) and the office pages are read far more often than they
change, and the moments they are read most (a municipality's newsletter links to an office, a
local paper writes about it) are the moments a fresh render per visitor costs most. So an
anonymous visitor gets the page as it was rendered for the previous anonymous visitor, when
nothing was written since:

- **Stale never, as far as writes go.** Entries are keyed on the content generation
  (`kapstok.core.generation`), which goes up after every successful write request and after the
  jobs that change public data outside a request. What changes without a write (a meeting moving
  into the past) lasts at most `TIMEOUT`.
- **Only what is the same for every anonymous visitor.** Logged-in people (whose navigation and
  access differ), visitors with a message waiting to be shown, and other methods than GET and
  HEAD always get a fresh render. The key holds the language and the full address (host and
  query string included), so a page of the directory, a translated page or the site under
  another host name (whose absolute links differ) is its own entry.
- **The CSRF token is per visitor.** The page is rendered with a placeholder where the token goes
  and each response gets the visitor's own token, so the contact form works from a cached page.

The cache is Django's default cache: per process with the default local-memory backend, which
is correct with several processes too, since the generation lives in the database.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from kapstok.core.generation import generation_current

TIMEOUT = 300  # seconds; bounds what changes without a write (see the module docstring)
CSRF_PLACEHOLDER = "kapstok-csrf-token-placeholder"
KEY_PREFIX = "public-page"


@dataclass(frozen=True)
class CachedPage:
    """A rendered page with its CSRF placeholder, and the office it shows (for counting)."""

    html: str
    office_id: int | None = None


def applies(request: HttpRequest) -> bool:
    """Whether this request may be answered from, and stored in, the cache."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    return not len(get_messages(request))  # len() reads the messages without using them up


def fetch(request: HttpRequest) -> CachedPage | None:
    return cache.get(_key(request))


def store(request: HttpRequest, html: str, *, office_id: int | None = None) -> CachedPage:
    """Keep `html` (rendered with `CSRF_PLACEHOLDER` as its token) for the next visitor."""
    page = CachedPage(html, office_id)
    cache.set(_key(request), page, TIMEOUT)
    return page


def response(request: HttpRequest, page: CachedPage) -> HttpResponse:
    """The cached page with this visitor's own CSRF token (which also sets their cookie)."""
    html = page.html.replace(CSRF_PLACEHOLDER, get_token(request)) if page.html else ""
    return HttpResponse(html)


def _key(request: HttpRequest) -> str:
    # Memoised on the request: the generation is read once, even if fetch and store both ask.
    if not hasattr(request, "_public_page_key"):
        # Scheme and host too: pages carry absolute links (canonical URL, Open Graph).
        url = request.build_absolute_uri()
        path = hashlib.sha256(url.encode()).hexdigest()[:32]
        generation = generation_current()
        request._public_page_key = f"{KEY_PREFIX}:{generation}:{get_language()}:{path}"
    return request._public_page_key
