"""Rate limits for what an anonymous visitor can set off, kept in Django's cache.

Used by the public forms (join, contact), the password reset and the login. Mail that anyone
can make Kapstok send (`mail_allowed`) is limited per address *and* per client; when a limit is
reached the caller answers exactly as if the mail went (same page, same status), so the limit
tells nobody whether an address has an account.

Fixed windows: the first attempt opens a window of `window` seconds, and within it at most
`limit` attempts pass. Identities (an IP address, an email address) are hashed with the secret
key before they become cache keys, so the cache never holds them in the clear.

Limits are per cache: with the default local-memory cache each server process counts on its
own, so N processes allow up to N × the limit. A shared cache (`CACHES` with Redis or the
database backend) makes them exact; that is a deployment choice, not a code change.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

HOUR = 60 * 60
DAY = 24 * HOUR


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    window: int


# Every POST counts towards the IP limit (a bot tries many); an email address counts only for
# requests that were otherwise valid, so someone correcting a typo is not locked out.
JOIN_PER_IP = Limit("join-ip", 10, HOUR)
JOIN_PER_EMAIL = Limit("join-email", 5, DAY)
CONTACT_PER_IP = Limit("contact-ip", 5, HOUR)
CONTACT_PER_EMAIL = Limit("contact-email", 5, DAY)
# Mail to an address a visitor typed (password reset, join confirmation, contact): at most three
# an hour to one address for each kind, and at most ten an hour set off from one client.
MAIL_PER_ADDRESS = 3
MAIL_PER_CLIENT = Limit("mail-client", 10, HOUR)
# Failed logins from one client, beside the lockout per account and client (django-axes). High
# enough for an office behind one address, low enough to stop guessing across accounts.
LOGIN_FAILURES_PER_CLIENT = Limit("login-client", 30, 15 * 60)


def _key(limit: Limit, identity: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{identity.lower()}".encode()).hexdigest()
    return f"throttle:{limit.scope}:{digest[:32]}"


def allow(limit: Limit, identity: str) -> bool:
    """Count one attempt for this identity; False once it is over the limit in this window."""
    key = _key(limit, identity)
    cache.add(key, 0, timeout=limit.window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=limit.window)
        count = 1
    return count <= limit.limit


def exceeded(limit: Limit, identity: str) -> bool:
    """Whether this identity has used up its attempts in this window (counts nothing)."""
    return (cache.get(_key(limit, identity)) or 0) >= limit.limit


def mail_allowed(request, kind: str, address: str) -> bool:
    """Count one mail of `kind` to `address` set off by this request; False over a limit.

    Both counts go up whatever the outcome, so a refused client cannot probe addresses. The
    caller sends nothing when this is False but answers the same as when it sends.
    """
    per_address = allow(Limit(f"mail-{kind}", MAIL_PER_ADDRESS, HOUR), address.strip())
    per_client = allow(MAIL_PER_CLIENT, client_ip(request))
    return per_address and per_client


def client_ip(request) -> str:
    """The visitor's address as the server sees it.

    Behind a proxy this is the proxy's address unless the proxy sets REMOTE_ADDR (gunicorn's
    `--forwarded-allow-ips`); X-Forwarded-For is not read here because anyone can send it.
    """
    return request.META.get("REMOTE_ADDR", "") or "unknown"
