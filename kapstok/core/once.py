"""A form sent twice is handled once: the one-time form key (`_once`).

`static/js/once.js` (loaded on every page by base.html) gives every POST form a hidden `_once`
field with a fresh random UUID when the page loads, and a new one after each htmx request; it
also disables the submit button while the form is on its way. This middleware is the server's
half, for the double click that gets through anyway, the browser that resends a form, and the
back button:

- the first POST with a key reserves it (`cache.add`, atomic) and runs as usual; if it answers
  with a redirect (or an htmx redirect) the answer is kept under the key for an hour;
- a repeat of a finished request gets that same redirect, without running again;
- a repeat while the first is still running waits up to `WAIT_SECONDS` for it, then answers
  409 with a short Dutch "wordt al verwerkt" page;
- any other answer (a form with errors, a fragment) releases the key, so correcting the form
  and sending it again works.

Keys are scoped to the person (the account, else the session, else the CSRF cookie), so one
person's key can never replay another's answer. A POST without a key (a script, the test client,
the admin) is handled as before. Like the rate limits, this needs a cache shared by every server
process to hold across processes (docs/deploy.md).
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template import loader

FIELD = "_once"
_KEY_FORMAT = re.compile(r"^[0-9a-fA-F-]{32,36}$")
RUNNING = "running"
RUNNING_TIMEOUT = 120
DONE_TIMEOUT = 60 * 60
WAIT_SECONDS = 3.0
POLL_SECONDS = 0.1
REPLAYED_HEADERS = ("Location", "HX-Redirect", "HX-Location", "HX-Refresh")


def _scope(request) -> str | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        return f"session:{session_key}"
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if csrf:
        return f"csrf:{csrf}"
    return None


def _cache_key(scope: str, once: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{once}".encode()).hexdigest()
    return f"once:{digest[:40]}"


def _is_redirect(response) -> bool:
    return 300 <= response.status_code < 400 or any(
        response.has_header(name) for name in REPLAYED_HEADERS[1:]
    )


def _replay(stored: dict) -> HttpResponse:
    response = HttpResponse(status=stored["status"])
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def _still_running(request) -> HttpResponse:
    return HttpResponse(
        loader.render_to_string("errors/409.html", request=request),
        status=409,
        headers={"Retry-After": "2", "Cache-Control": "no-store"},
    )


class OnceMiddleware:
    """Handle a POST that carries a one-time form key at most once (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        once = request.POST.get(FIELD, "")
        if FIELD in request.POST:
            post = request.POST.copy()
            del post[FIELD]
            post._mutable = False
            request.POST = post  # views see the form as it was, without the key
        scope = _scope(request)
        if not scope or not _KEY_FORMAT.match(once):
            return self.get_response(request)
        key = _cache_key(scope, once)
        if not cache.add(key, RUNNING, timeout=RUNNING_TIMEOUT):
            return self._repeat(request, key)
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(key)
            raise
        if _is_redirect(response) and not getattr(response, "streaming", False):
            headers = {n: response[n] for n in REPLAYED_HEADERS if response.has_header(n)}
            stored = {"status": response.status_code, "headers": headers}
            cache.set(key, stored, timeout=DONE_TIMEOUT)
        else:
            cache.delete(key)
        return response

    def _repeat(self, request, key: str) -> HttpResponse:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            stored = cache.get(key)
            if isinstance(stored, dict):
                return _replay(stored)
            if stored is None:
                # The first request ended without a redirect (a form with errors): the person
                # sees that answer in the other tab or request; this one did nothing.
                return _still_running(request)
            if time.monotonic() >= deadline:
                return _still_running(request)
            time.sleep(POLL_SECONDS)
