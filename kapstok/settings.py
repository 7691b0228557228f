"""Kapstok settings: one module, driven by environment variables.

Every value that differs between a laptop, CI and production is read from the environment
(see `.env.example`); nothing is only set in production, so the tests see what production runs.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kapstok.core.cache_url import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KAPSTOK_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; refuse anything ambiguous rather than guessing."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Any site, over https or http: CSP's `*` leaves out some schemes, so both are named.
EMBED_ANCESTORS_DEFAULT = ["https:", "http:"]
_EMBED_SOURCE = re.compile(
    r"'self'|'none'|\*|[a-z][a-z0-9+.-]*:"  # keyword, any host, or a scheme (https:)
    r"|([a-z][a-z0-9+.-]*://)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?",  # an origin
    re.IGNORECASE,
)


def embed_ancestors(raw: str) -> list[str]:
    """The sites that may frame the embeddable map (CSP `frame-ancestors` sources), from a
    space- or comma-separated list of origins; empty means any site.

    >>> embed_ancestors("")
    ['https:', 'http:']
    >>> embed_ancestors("https://www.pos.nl, https://*.gemeente.nl/")
    ['https://www.pos.nl', 'https://*.gemeente.nl']
    """
    sources = [item.rstrip("/") for item in re.split(r"[\s,]+", raw) if item.strip()]
    for source in sources:
        if not _EMBED_SOURCE.fullmatch(source):
            raise ImproperlyConfigured(
                f"KAPSTOK_EMBED_ANCESTORS: {source!r} is not an origin like https://www.pos.nl"
            )
    return sources or list(EMBED_ANCESTORS_DEFAULT)


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not env_bool("KAPSTOK_ALLOW_INSECURE_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"  # noqa: S105
# Earlier SECRET_KEYs after a rotation (comma-separated): sessions and links signed with them
# stay valid, and research pseudonyms given under them are kept.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address: every absolute link that leaves a page (e-mails, calendar files, QR codes,
# invitation links) starts with it (kapstok.core.links). Required in production; `make demo`
# derives it from PORT, DEBUG falls back to runserver's address.
SITE_URL = env_str("SITE_URL").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off: the public address of the site, e.g. "
            "https://kapstok.example.nl (links in e-mails, calendar files and QR codes use it)."
        )
    SITE_URL = "http://127.0.0.1:8000"
if not re.fullmatch(r"https?://[^/\s?#@]+", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be a scheme and host (and port), like https://kapstok.example.nl, "
        f"without a path: not {SITE_URL!r}."
    )
DEMO_MODE = env_bool("KAPSTOK_DEMO", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "kapstok.core",
    "kapstok.accounts",
    "kapstok.network",
    "kapstok.public",
    "kapstok.strategy",
    "kapstok.goals",
    "kapstok.progress",
    "kapstok.representation",
    "kapstok.api",
    "kapstok.peers",
    "kapstok.trust",
    "kapstok.support",
    "kapstok.municipality",
    "kapstok.messaging",
    "kapstok.municall",
    "kapstok.monitor",
    "kapstok.coding",
    "kapstok.influence",
    "kapstok.agreements",
    "kapstok.branches",
    "kapstok.founding",
    "kapstok.membercheck",
    "kapstok.finances",
    "kapstok.community",
    "kapstok.clubs",
    # The top floor: composes the apps listed above (start pages, scheduler, demo seed).
    "kapstok.home",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
# The benchmark harness (`make bench`, `scripts/loadtest.sh`) is a development tool, not part of
# the product: its app and commands are loaded only where benchmarks run, and in the test suite.
if env_bool("KAPSTOK_BENCH", False):
    INSTALLED_APPS.append("benchmarks")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL character in the URL is refused before any view can pass it to the database.
    "kapstok.trust.middleware.RefuseNulBytesMiddleware",
    # Control, bidi and zero-width characters are removed from every form and query value.
    "kapstok.trust.middleware.CleanTextInputMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kapstok.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After a successful write, cached public pages are stale (kapstok.core.generation).
    "kapstok.core.middleware.ContentGenerationMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kapstok.accounts.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A POST form carrying a one-time key (static/js/once.js) is handled once (kapstok.core.once).
    "kapstok.core.once.OnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the exceptions of the views: a database that is down gives a 503 page.
    "kapstok.trust.middleware.DatabaseUnavailableMiddleware",
    # Answers a locked-out login with accounts/lockout.html; axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kapstok.urls"
WSGI_APPLICATION = "kapstok.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kapstok" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kapstok.home.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kapstok.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the demo server and a management command from locking each other.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
    # PostgreSQL's JIT compiles the expressions of any query its planner costs high, such as
    # the network-wide coverage and report aggregates; for these sub-second queries compiling
    # took longer than running (national coverage: 500 of 760 ms). Web pages never gain from it.
    options = DATABASES["default"]["OPTIONS"]
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

# Per-process memory by default; production with several app servers names a shared cache
# (docs/deploy.md, "Several app servers").
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "public:home"

AUTHENTICATION_BACKENDS = [
    "kapstok.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout (django-axes): 5 wrong passwords for one email from one address → 15 minutes wait.
# Behind a proxy, REMOTE_ADDR is the proxy's, so the lockout is then per email (docs/security.md).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the email as `username` (Django's AuthenticationForm).
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

# Two-factor (TOTP) is required for POS staff and site admins (kapstok.accounts.two_factor);
# off in the demo and in the test suite's default settings (pyproject.toml).
KAPSTOK_REQUIRE_2FA = env_bool("KAPSTOK_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Kapstok"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "kapstok" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "kapstok" / "static",
    # Front-end packages come from package-lock.json at install time, never from the repository.
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("KAPSTOK_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("KAPSTOK_STATIC_FROM_FINDERS", DEBUG)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# Mail goes through the outbox: what the real backend cannot send is queued and retried
# (kapstok.trust.mail). EMAIL_BACKEND in the environment names the real backend.
EMAIL_BACKEND = "kapstok.trust.mail.OutboxFallbackBackend"
KAPSTOK_MAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kapstok <noreply@kapstok.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Brokered messages (kapstok.messaging): at most this many per sender and office in 7 days.
KAPSTOK_MESSAGES_PER_WEEK = env_int("KAPSTOK_MESSAGES_PER_WEEK", 3)
# Research pseudonyms (kapstok.coding.pseudonyms): their key (else the SECRET_KEY) and, after a
# rotation, the earlier keys (comma-separated), so the pseudonyms already given are kept.
KAPSTOK_PSEUDONYM_KEY = env_str("KAPSTOK_PSEUDONYM_KEY")
KAPSTOK_PSEUDONYM_OLD_KEYS = env_list("KAPSTOK_PSEUDONYM_OLD_KEYS")

# Sessions live in the database (shared by all app servers), end after 12 hours at most and
# when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind a TLS-terminating proxy in production; off by default so the loopback demo works on http.
HTTPS = env_bool("HTTPS", not DEBUG and not DEMO_MODE)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The language choice is a cookie too (found by wapiti): same flags as the others.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("USE_X_FORWARDED_PROTO", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp): scripts only from our own static files, never inline.
# Styles allow 'unsafe-inline' because templates use style attributes (bars, map colours) and
# htmx adds its indicator style; see docs/security.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# No page may be framed (above, and X_FRAME_OPTIONS), except the embeddable map at /embed/kaart/:
# by the sites listed here (space- or comma-separated origins), by any site when empty.
KAPSTOK_EMBED_ANCESTORS = embed_ancestors(env_str("KAPSTOK_EMBED_ANCESTORS"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
