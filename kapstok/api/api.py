"""The JSON API under /api/v1/, documented at /api/v1/openapi.json (interactive: /api/v1/docs).

Read-only open data about POS-kantoren, municipalities and branches of sport, for municipalities,
researchers and anyone building a map. Design choices:

- **Session authentication, optional.** Every endpoint is public; a caller who is signed in to
  Kapstok in the same browser (Django's session cookie) sees more. There are no API tokens yet
  because there are no machine clients yet that need more than public data; when there are, a
  token scheme can be added next to the session without changing an endpoint. The endpoints only
  read `request.user`, so ninja's `auth` stays off (it would turn "signed in or not" into
  "allowed or 401"); the OpenAPI document still declares the cookie as optional security.
- **Access through the same rules as the pages.** `can_view_office` (`kapstok.accounts.access`)
  unlocks internal office data, `member_detail` its contact details, and dissolved offices are
  found only by their own viewers (`kapstok.network.rules.offices_findable_by`). Member lists
  and entrepreneurs' personal data are never in the API, whoever asks.
- **Public and internal data in separate schemas.** `OfficeOut` holds what the public office page
  shows; internal fields live in the nested `OfficeInternal` (`internal`, null when not allowed).
  A caller sees at once which level they got, a test can assert on one key, and a field added to
  the internal schema cannot leak into an anonymous answer by forgetting an `if`.
- **Bounded queries.** List endpoints paginate (`pagination.page_of`) and load a page in a fixed
  number of queries: member counts annotated, municipalities prefetched, branch counts of all
  the page's offices in one query.
- **Dutch errors.** Every error is `{"detail": "..."}` in Dutch (`errors.py`): 404 for an unknown
  object, 422 for an invalid parameter. A database outage is a 503 problem document
  (`application/problem+json` with `title`, `status`, `detail`) and `Retry-After`.
- **Docs without a CDN.** Swagger UI is served from ninja's own static files (needs "ninja" in
  INSTALLED_APPS); `LocalSwagger` answers 404 rather than let ninja fall back to a CDN, which
  would tell a third party who reads the docs.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from django.conf import settings
from django.http import Http404

from . import (
    branch_organisations,
    branches,
    calls,
    clubs,
    community,
    errors,
    finances,
    founding,
    geojson,
    goals,
    member_check,
    messages,
    municipalities,
    offices,
    positions,
)


class LocalSwagger(Swagger):
    """Swagger UI from our own static files, or not at all."""

    def render_page(self, request, api, **kwargs):
        # Without the app, ninja renders a template that loads Swagger UI from jsdelivr.
        if "ninja" not in settings.INSTALLED_APPS:
            raise Http404
        return super().render_page(request, api, **kwargs)


class KapstokAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Declare the session cookie as optional security: `{}` is "no credentials"."""
        schema = super().get_openapi_schema(**kwargs)
        schema["components"]["securitySchemes"] = {
            "sessie": {
                "type": "apiKey",
                "in": "cookie",
                "name": settings.SESSION_COOKIE_NAME,
                "description": "De sessiecookie na inloggen op Kapstok; zonder ziet u openbare "
                "gegevens.",
            }
        }
        schema["security"] = [{}, {"sessie": []}]
        return schema


api = KapstokAPI(
    title="Kapstok API",
    version="1",
    description=(
        "Open data over POS-kantoren, gemeenten en takken van sport. Alle endpoints zijn openbaar; "
        "wie is ingelogd op Kapstok ziet bij de kantoren waar hij toegang toe heeft ook interne "
        'gegevens. Fouten zijn JSON: `{"detail": "..."}`.'
    ),
    urls_namespace="api",
    docs=LocalSwagger(settings={"validatorUrl": None}),
)
errors.install(api)
api.add_router("", geojson.router)
api.add_router("/offices", offices.router)
api.add_router("/municipalities", municipalities.router)
api.add_router("/branches", branches.router)
api.add_router("/branch-organisations", branch_organisations.router)
api.add_router("/offices", messages.router)
api.add_router("/offices", goals.router)
api.add_router("", founding.router)
api.add_router("/offices", member_check.router)
api.add_router("/national-positions", positions.router)
api.add_router("/offices", calls.router)
api.add_router("/offices", finances.router)
api.add_router("/offices", community.router)
api.add_router("/clubs", clubs.router)
