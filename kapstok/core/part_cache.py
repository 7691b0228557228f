"""Short caches of page parts that are the same for every viewer allowed to see them.

An office's figures, its phase and its coverage of the landscape are read on every visit of
its office page and dashboard and cost more than the rest of those pages together (issue
#19), yet they change only when something is written. A part is kept at most `TIMEOUT`
seconds and keyed on the content generation (`generation.py`), which every successful write
request bumps: after a change made on the site the next view computes the part afresh, and
what changes without a request (a command, the date moving on) is at most a minute old, so
the pages need no "as of" line. The key also holds the active language (parts carry
translated text) and what the caller names (the office).

Access stays with the caller: a part holds nothing that depends on who looks, and is only
asked for after the caller decided that this viewer may see it.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from .generation import generation_of_request

TIMEOUT = 60
_MISSING = object()
T = TypeVar("T")


def part_key(name: str, *key, generation: int) -> str:
    """The cache key of a part: its name, the generation, the language and the caller's key.

    >>> part_key("office-facts", 7, generation=3).split(":")[:3]
    ['part', 'office-facts', '3']
    """
    return ":".join(["part", name, str(generation), get_language() or "", *map(str, key)])


def cached_part(name: str, key: tuple, compute: Callable[[], T]) -> T:
    """The part `name` for `key` from the cache, or `compute()` stored for `TIMEOUT` seconds.

    On a hit no query but the generation's, read once per request however many parts."""
    cache_key = part_key(name, *key, generation=generation_of_request())
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def fragment_context() -> dict:
    """For a template's `{% cache part_timeout "name" part_generation LANGUAGE_CODE ... %}`:
    a rendered fragment kept like a part, and keyed like one on the generation. The template
    names in the key everything else the fragment shows differently (the office, the page,
    what the viewer may see)."""
    return {"part_timeout": TIMEOUT, "part_generation": generation_of_request()}
