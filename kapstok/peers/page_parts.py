"""What apps above peers add to the practice, meeting and exchange post pages.

A sports club can be linked to a practice, a meeting or an exchange post; the links live in
`kapstok.clubs`, which builds on peers. So clubs registers a part here in its `ready()` and
peers imports no app above it (docs/architecture.md, "Floors").

A part is `part(kind, obj, viewer)` → a list of dicts, each with a `template` to include and
the context that template reads; `kind` is "practice", "meeting" or "post". A part returns
only what the viewer may see.
"""

from collections.abc import Callable

KINDS = ("practice", "meeting", "post")

PagePart = Callable[[str, object, object], list[dict]]

_parts: list[PagePart] = []


def register_page_part(part: PagePart) -> None:
    if part not in _parts:
        _parts.append(part)


def parts_for(kind: str, obj, viewer) -> list[dict]:
    """The registered parts for one page, in the order they were registered."""
    if kind not in KINDS:
        raise ValueError(kind)
    found = []
    for part in _parts:
        found.extend(part(kind, obj, viewer))
    return found


def registered() -> list[PagePart]:
    return list(_parts)
