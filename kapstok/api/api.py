"""The JSON API under /api/v1/, documented at /api/v1/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Kapstok API",
    version="1",
    description="Open data over POS-kantoren, gemeenten en takken van sport.",
    urls_namespace="api",
)
