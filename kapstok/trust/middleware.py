"""A database that does not answer gives a friendly Dutch 503, and the next request reconnects.

Pages get the 503 page (`errors/503.html`); the API (everything under `/api/`) gets the same news
as JSON a program can read, an RFC 9457 problem (`application/problem+json`). Both carry
`Retry-After`. The texts are plain Dutch, like the page: during an outage nothing that might need
the database or the request (a language cookie, a session) is consulted.
"""

import json
import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.template import loader

from kapstok.core.text import CONTROL, clean_text

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30
# RFC 9457: "about:blank" says the problem is no more than its status code; the title may be
# localised.
DATABASE_DOWN_PROBLEM = {
    "type": "about:blank",
    "title": "Dienst tijdelijk niet beschikbaar",
    "status": 503,
    "detail": (
        "Kapstok kan op dit moment niet bij de gegevens. Er is niets verloren gegaan; "
        f"probeer het over {RETRY_AFTER_SECONDS} seconden opnieuw."
    ),
}


def close_broken_connections() -> None:
    """Drop the connections so the next request opens fresh ones once the database is back.

    A connection inside an atomic block is left alone: closing it would break the transaction
    around it (in a request that only happens in tests; views leave their blocks before this).
    """
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - the connection is broken; closing it may fail too
            logger.debug("Closing a broken connection failed", exc_info=True)


def database_unavailable_response(request=None) -> HttpResponse:
    """The 503 answer: the page, or for the API a problem document. Neither needs the database
    or the request's context (only its path)."""
    if request is not None and request.path.startswith(API_PREFIX):
        response = HttpResponse(
            json.dumps(DATABASE_DOWN_PROBLEM, ensure_ascii=False),
            status=503,
            content_type="application/problem+json",
        )
        response["Content-Language"] = "nl"
    else:
        response = HttpResponse(loader.render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (not 500) when a view fails because the database is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        logger.error("Database unavailable: %r", exception)
        close_broken_connections()
        return database_unavailable_response(request)


class RefuseNulBytesMiddleware:
    """Refuse a URL with a NUL character in its path or query string (400; 422 in the API).

    No page or API parameter has a use for it, and PostgreSQL refuses it in any text value, so
    a query filtered on it would fail with a server error (schemathesis found this on
    /api/v1/offices?q=). Django's form fields already refuse NUL; this covers everything else.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return _refusal(request)
        return self.get_response(request)


def _refusal(request) -> HttpResponse:
    message = "Ongeldig teken (NUL) in het webadres."
    if request.path.startswith(API_PREFIX):
        # The API documents invalid input as 422 with {"detail": ...}; keep to that shape.
        return JsonResponse({"detail": message}, status=422)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


# Form posts whose fields are cleaned; any other body (JSON, XML) is left to its view as sent.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _cleaned(query: QueryDict, *, keep_format_in=lambda key: False) -> QueryDict:
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        if keep_format_in(key):
            # A password is never shown, so a bidi mark cannot deceive there; removing it would
            # lock out whoever chose it. Control characters still go.
            cleaned.setlist(key, [value.translate(_DROP_CONTROL) for value in values])
        else:
            cleaned.setlist(clean_text(key), [clean_text(value) for value in values])
    cleaned._mutable = False
    return cleaned


_DROP_CONTROL = dict.fromkeys(map(ord, CONTROL))


def _is_password(key: str) -> bool:
    return "password" in key


def _needs_cleaning(query: QueryDict) -> bool:
    return any(
        clean_text(key) != key or any(clean_text(value) != value for value in values)
        for key, values in query.lists()
    )


class CleanTextInputMiddleware:
    """Remove control, bidi and zero-width characters from every form field and query value.

    `request.GET` and, for form posts, `request.POST` are replaced by cleaned copies before any
    view (or form, or the CSRF check) reads them, so no view ever sees a NUL byte or a
    right-to-left override (`kapstok.core.text.clean_text` says which characters and why). What
    the person typed is otherwise kept, so a form shows it again as typed, less those characters.
    Uploaded files and the bodies of other content types (JSON) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET and _needs_cleaning(request.GET):
            request.GET = _cleaned(request.GET)
        form_post = request.method == "POST" and request.content_type in FORM_CONTENT_TYPES
        if form_post and _needs_cleaning(request.POST):
            request.POST = _cleaned(request.POST, keep_format_in=_is_password)
        return self.get_response(request)
