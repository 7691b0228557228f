"""A database that does not answer gives a friendly Dutch 503, and the next request reconnects.

Pages get the 503 page (`errors/503.html`); the API (everything under `/api/`) gets the same news
as JSON a program can read, an RFC 9457 problem (`application/problem+json`). Both carry
`Retry-After`. The texts are plain Dutch, like the page: during an outage nothing that might need
the database or the request (a language cookie, a session) is consulted.
"""

import json
import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader

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
