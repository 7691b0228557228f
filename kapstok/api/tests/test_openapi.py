"""The OpenAPI document at /api/v1/openapi.json, and the interactive docs without a CDN."""

import re

import pytest

from django.contrib.staticfiles import finders
from django.urls import URLPattern

from kapstok.api.api import api

pytestmark = pytest.mark.django_db

NOT_OPERATIONS = {"", "openapi.json", "docs"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def routes() -> set[str]:
    """Every URL the API serves, written as an OpenAPI path."""
    patterns, _app, _namespace = api.urls
    paths = set()
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        if route not in NOT_OPERATIONS:
            paths.add("/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return paths


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def test_openapi_document_is_openapi_3(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Kapstok API"
    assert document["paths"]


def test_openapi_document_documents_every_route(document):
    assert set(document["paths"]) == routes()
    assert {"/api/v1/offices", "/api/v1/municipalities/{code}", "/api/v1/branches"} <= routes()


def test_every_operation_has_summary_description_tags_and_response_schema(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            where = f"{method.upper()} {path}"
            assert operation["summary"], where
            assert operation["description"], where
            assert operation["tags"], where
            assert operation["responses"]["200"]["content"]["application/json"]["schema"], where


def test_every_schema_reference_resolves(document):
    schemas = document["components"]["schemas"]
    for reference in references(document["paths"]):
        assert reference.removeprefix("#/components/schemas/") in schemas, reference


def test_session_cookie_is_declared_as_optional_security(document):
    assert document["security"] == [{}, {"sessie": []}]
    assert document["components"]["securitySchemes"]["sessie"]["in"] == "cookie"


def test_error_answers_are_documented_for_details(document):
    detail = document["paths"]["/api/v1/offices/{slug}"]["get"]
    assert "404" in detail["responses"]


def test_docs_load_swagger_from_own_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert finders.find("ninja/swagger-ui-bundle.js")
