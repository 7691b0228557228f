"""Security headers on every page: CSP without inline scripts, nosniff, referrer policy."""

import os
import pathlib
import re
import subprocess
import sys

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


def _production(argv: list[str], **overrides) -> subprocess.CompletedProcess:
    """Run `argv` in a child process with production settings.

    The test environment's own switches (pytest-env sets KAPSTOK_*, HTTPS=false, ...) are
    removed, so the settings' production defaults apply, as on a server configured from
    docs/deploy.md: only SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS and SITE_URL are given.
    An override of None leaves that variable out.
    """
    dropped = ("KAPSTOK_", "DJANGO_", "HTTPS", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL")
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    env |= {
        "SECRET_KEY": "x" * 30 + "-productie-sleutel-voor-de-test-" + "y" * 30,
        "ALLOWED_HOSTS": "kapstok.example.nl",
        "CSRF_TRUSTED_ORIGINS": "https://kapstok.example.nl",
        "SITE_URL": "https://kapstok.example.nl",
        **overrides,
    }
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, *argv],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _check_deploy(**overrides) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` in a child process with production settings."""
    return _production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **overrides)


def _web_process_modules(**overrides) -> list[str]:
    """INSTALLED_APPS and the `kapstok.*` modules of a web process (gunicorn's `kapstok.wsgi`)
    started in a child process with production settings."""
    script = (
        "import sys, kapstok.wsgi; from django.conf import settings; "
        "print(*settings.INSTALLED_APPS, "
        "*[m for m in sys.modules if m.startswith(('kapstok.', 'benchmarks'))])"
    )
    result = _production(["-c", script], **overrides)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.split()


def test_check_deploy_is_clean_with_production_settings():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_leaves_out_the_benchmark_app():
    """The benchmark is a development tool: only KAPSTOK_BENCH (make bench, tests) loads it,
    so a web process neither installs the app nor imports its scenarios."""
    loaded = _web_process_modules()
    assert "kapstok.core" in loaded
    assert [name for name in loaded if name.startswith("benchmarks")] == []
    with_bench = _web_process_modules(KAPSTOK_BENCH="true")
    assert {"benchmarks", "benchmarks.scenarios_kapstok"} <= set(with_bench)


def test_check_deploy_notices_a_site_without_https():
    """The check above can fail: plain http in production is reported."""
    result = _check_deploy(HTTPS="false")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("site_url", "message"),
    [(None, "SITE_URL must be set when DEBUG is off"), ("kapstok.example.nl/", "scheme and host")],
)
def test_production_refuses_to_start_without_a_proper_site_url(site_url, message):
    """Links in mails, calendar files and QR codes need the public address: no guessing."""
    result = _check_deploy(SITE_URL=site_url)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


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


@pytest.mark.parametrize("url", ["/account/inloggen/", "/account/wachtwoord-vergeten/"])
def test_forms_do_not_accept_put(client, url):
    """wapiti's methods module reported PUT on these forms (Django's FormView allows it)."""
    assert client.put(url).status_code == 405
    assert "PUT" not in client.options(url)["Allow"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/?q=a%00b", "/kantoren/a%00/"])
def test_a_nul_character_in_the_url_is_refused_not_a_server_error(client, url):
    """PostgreSQL refuses NUL in text; schemathesis found a 500 on /api/v1/offices?q=."""
    assert client.get(url).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/offices?q=a%00b", "/api/v1/offices/a%00b"])
def test_the_api_refuses_a_nul_character_as_invalid_input(client, url):
    response = client.get(url)
    assert response.status_code == 422 and "NUL" in response.json()["detail"]


@pytest.mark.django_db
def test_ordinary_search_still_works(client):
    assert client.get("/api/v1/offices?q=utrecht").status_code == 200
