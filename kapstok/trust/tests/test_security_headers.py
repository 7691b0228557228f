"""Security headers on every page: CSP without inline scripts, nosniff, referrer policy."""

import pathlib
import re

import pytest

from django.conf import settings

pytestmark = pytest.mark.django_db

TEMPLATES = pathlib.Path(settings.BASE_DIR) / "kapstok" / "templates"


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("url", ["/", "/account/inloggen/", "/healthz"])
def test_csp_allows_only_our_own_scripts(client, url):
    policy = directives(client.get(url)["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_other_security_headers(client):
    response = client.get("/account/inloggen/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_code():
    """Only external scripts and JSON data blocks (which browsers never execute)."""
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            if (
                "src=" not in tag
                and "application/ld+json" not in tag
                and "application/json" not in tag
            ):
                offenders.append(f"{template.relative_to(TEMPLATES)}: {tag}")
    assert offenders == []


def test_no_inline_event_handlers_in_templates():
    pattern = re.compile(r"\son(click|change|submit|load|input|keyup|keydown)=", re.IGNORECASE)
    offenders = [str(t) for t in TEMPLATES.rglob("*.html") if pattern.search(t.read_text())]
    assert offenders == []


def test_check_deploy_is_clean_with_production_settings():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "SECRET_KEY": "x" * 30 + "-productie-sleutel-voor-de-test-" + "y" * 30,
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": "kapstok.example.nl",
    }
    for test_only in (
        "KAPSTOK_ALLOW_INSECURE_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    ):
        env.pop(test_only, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "url", ["/account/inloggen/", "/account/wachtwoord-vergeten/", "/i18n/setlang/"]
)
def test_a_post_without_csrf_token_is_refused(url):
    """wapiti reported these forms as lacking CSRF protection; Django refuses such a POST."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url, {"username": "a@example.invalid"})
    assert response.status_code == 403


def test_cookies_are_secure_and_httponly_in_production():
    assert settings.LANGUAGE_COOKIE_HTTPONLY
    assert settings.LANGUAGE_COOKIE_SECURE == settings.SESSION_COOKIE_SECURE == settings.HTTPS
