"""Rate limits for the public forms, kept in Django's cache.

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
