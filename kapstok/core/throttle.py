"""Rate limits kept in Django's cache (the public forms, guests joining a session).

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
    """At most `limit` attempts per identity within `window` seconds; `scope` names the counter."""

    scope: str
    limit: int
    window: int


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


def client_ip(request) -> str:
    """The visitor's address as the server sees it.

    Behind a proxy this is the proxy's address unless the proxy sets REMOTE_ADDR (gunicorn's
    `--forwarded-allow-ips`); X-Forwarded-For is not read here because anyone can send it.
    """
    return request.META.get("REMOTE_ADDR", "") or "unknown"
