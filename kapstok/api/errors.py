"""Error answers of the API: JSON `{"detail": "<Dutch sentence>"}`, or a problem document.

Two kinds, as in the rest of Kapstok. A caller's mistake (unknown office, a filter value that does
not exist) is a 404 or 422 with a Dutch message the caller can show as is. Anything else is a
programmer error: ninja re-raises it and Django logs it and answers with the generic 500 page.

A database outage is neither: it is answered 503 with a problem document
(`application/problem+json`, `Retry-After`), the same one `kapstok.trust.middleware` gives when
the outage shows outside ninja (while loading the session, say). Ninja's own default would be a
traceback with DEBUG on and Django's HTML 503 page otherwise.

Ninja reports invalid parameters with pydantic's English messages; `validation_error` turns each
into a Dutch sentence and keeps the location and error type for programs:

>>> dutch_message({"loc": ("query", "page"), "type": "greater_than_equal", "ctx": {"ge": 1}})
"'page' moet minstens 1 zijn."
"""

import logging

from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _

from kapstok.trust.middleware import close_broken_connections, database_unavailable_response

logger = logging.getLogger(__name__)


class InvalidInput(HttpError):
    """A parameter that passed the schema but not the domain check: answered with 422."""

    def __init__(self, message: str) -> None:
        super().__init__(422, message)


def _messages() -> dict[str, str]:
    # Built per call so that gettext sees the active language of the request.
    return {
        "enum": _("kies uit %(expected)s"),
        "literal_error": _("kies uit %(expected)s"),
        "int_parsing": _("moet een geheel getal zijn"),
        "int_type": _("moet een geheel getal zijn"),
        "greater_than_equal": _("moet minstens %(ge)s zijn"),
        "less_than_equal": _("mag hoogstens %(le)s zijn"),
        "string_too_long": _("mag hoogstens %(max_length)s tekens lang zijn"),
        "missing": _("ontbreekt"),
        "string_pattern_mismatch": _("heeft niet de vorm %(pattern)s"),
    }


def dutch_message(error: dict) -> str:
    """One pydantic error as a Dutch sentence naming the parameter."""
    field = error["loc"][-1] if error.get("loc") else "?"
    context = dict(error.get("ctx") or {})
    if "expected" in context:
        # pydantic lists choices as "'a', 'b' or 'c'".
        context["expected"] = str(context["expected"]).replace(" or ", _(" of "))
    template = _messages().get(error["type"], _("is ongeldig"))
    try:
        problem = template % context
    except (KeyError, TypeError):
        problem = _("is ongeldig")
    return f"'{field}' {problem}."


def validation_error(request, exc: ValidationError, api: NinjaAPI):
    errors = [
        {"loc": list(error["loc"]), "type": error["type"], "detail": dutch_message(error)}
        for error in exc.errors
    ]
    detail = " ".join(error["detail"] for error in errors) or _("Ongeldige invoer.")
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def not_found(request, exc: Http404, api: NinjaAPI):
    return api.create_response(request, {"detail": _("Niet gevonden.")}, status=404)


def database_down(request, exc: Exception):
    logger.error("Database unavailable: %r", exc)
    close_broken_connections()
    return database_unavailable_response(request)


def install(api: NinjaAPI) -> None:
    """Replace ninja's English defaults for parameter errors and bare 404s; answer a database
    outage as a 503 problem document."""
    api.add_exception_handler(ValidationError, lambda r, e: validation_error(r, e, api))
    api.add_exception_handler(Http404, lambda r, e: not_found(r, e, api))
    for outage in (OperationalError, InterfaceError):
        api.add_exception_handler(outage, database_down)
