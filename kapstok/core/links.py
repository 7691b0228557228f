"""Absolute links: one address for every link that leaves the page it was asked for.

E-mails, calendar files (.ics), QR codes and invitation links are opened later, elsewhere, by
someone else: they must point at the site's public address, `SITE_URL` (settings; `make demo`
derives it from PORT), never at whatever host a request happened to come in on. Build them with
`absolute_url(path)` in Python and `{% site_url %}` (library `links`) in templates.

A page's own links to itself (canonical URL, Open Graph, sitemap, the API's `public_url`) answer
the request they are part of and keep using its host.
"""

from django.conf import settings


def site_url() -> str:
    """The public address without a trailing slash, e.g. `https://kapstok.example.nl`."""
    return settings.SITE_URL


def absolute_url(path: str) -> str:
    """`path` (from `reverse()` or `get_absolute_url()`, query string allowed) on the public
    address.

    >>> from django.test import override_settings
    >>> with override_settings(SITE_URL="https://kapstok.example.nl"):
    ...     absolute_url("/sessie/?code=ABC123")
    'https://kapstok.example.nl/sessie/?code=ABC123'
    """
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"absolute_url wants a path on this site, not {path!r}")
    return f"{settings.SITE_URL}{path}"
