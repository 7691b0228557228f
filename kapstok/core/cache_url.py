"""Django's cache settings from one address in the environment (`CACHE_URL`), like DATABASE_URL.

The default, a memory cache per server process, is right for the demo and for one process. With
several app servers, rate limits should count across all of them, so production names a shared
cache: the database (`db://table`, after `manage.py createcachetable`), a directory on a shared
disk (`file:///path`), or Redis (`redis://host:6379/0`, which needs the `redis` package). Cached
pages are correct with any of them (see kapstok.core.generation).

>>> cache_from_url("locmem://")["BACKEND"]
'django.core.cache.backends.locmem.LocMemCache'
>>> cache_from_url("db://kapstok_cache")
{'BACKEND': 'django.core.cache.backends.db.DatabaseCache', 'LOCATION': 'kapstok_cache'}
>>> cache_from_url("file:///srv/kapstok/cache")["LOCATION"]
'/srv/kapstok/cache'
>>> cache_from_url("redis://127.0.0.1:6379/0")["LOCATION"]
'redis://127.0.0.1:6379/0'
>>> cache_from_url("memcache://x")
Traceback (most recent call last):
...
ValueError: CACHE_URL: unknown kind of cache 'memcache' (use locmem, db, file or redis)
"""

from urllib.parse import urlsplit

BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
}


def cache_from_url(url: str) -> dict:
    """The `CACHES["default"]` dictionary for `url`; see the module docstring for the kinds."""
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ValueError(
            f"CACHE_URL: unknown kind of cache {parts.scheme!r} (use locmem, db, file or redis)"
        )
    location = {
        "locmem": parts.netloc,
        "db": parts.netloc or parts.path.lstrip("/"),
        "file": parts.path,
        "redis": url,
    }[parts.scheme]
    return {"BACKEND": BACKENDS[parts.scheme], "LOCATION": location}
