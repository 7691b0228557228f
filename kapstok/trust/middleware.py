"""A database that does not answer gives a friendly Dutch 503, and the next request reconnects."""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


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


def database_unavailable_response() -> HttpResponse:
    """The 503 page; its template is plain HTML and needs no database or request context."""
    response = HttpResponse(loader.render_to_string("errors/503.html"), status=503)
    response["Retry-After"] = "30"
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
        return database_unavailable_response()


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
    if request.path.startswith("/api/"):
        # The API documents invalid input as 422 with {"detail": ...}; keep to that shape.
        return JsonResponse({"detail": message}, status=422)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
