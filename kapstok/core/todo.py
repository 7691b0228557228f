"""One line of a person's to-do list on their start page.

Domain apps offer read-only selectors that return `ToDo`s for a `Viewer` (for instance
`kapstok.influence.selectors.positions_to_endorse`); `kapstok.home.todo` composes them per role
into the start page. The class lives here, at the bottom, so that the domain apps can build
items without importing the top app.

Every item links to the page where the thing is done, and only to a page the viewer may open.
"""

import datetime
import enum
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

# How many single items one source shows before it sums up the rest in one line.
SHOWN = 5


class Urgency(enum.IntEnum):
    """How soon an item asks for attention; the start page marks the top two."""

    INFO = 0  # good to know, nothing for this person to do
    NORMAL = 1
    SOON = 2  # "aandacht": near a deadline or norm
    URGENT = 3  # past a deadline or norm, or a critical signal

    @property
    def css(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class ToDo:
    """`title` says what to do, `detail` why or for whom; `count` when the line stands for
    several things (e.g. 4 join requests)."""

    title: str
    url: str
    detail: str = ""
    count: int | None = None
    urgency: Urgency = Urgency.NORMAL


def by_urgency(items: list[ToDo]) -> list[ToDo]:
    """Most urgent first, keeping the given order within one urgency (a stable sort).

    >>> items = [ToDo("a", "/a", urgency=Urgency.INFO), ToDo("b", "/b"),
    ...          ToDo("c", "/c", urgency=Urgency.URGENT), ToDo("d", "/d")]
    >>> [item.title for item in by_urgency(items)]
    ['c', 'b', 'd', 'a']
    """
    return sorted(items, key=lambda item: -item.urgency)


def day(moment) -> str:
    """A date or a moment as the start page writes it: '6 december 2026' (local time)."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return date_format(moment, "j F Y")
