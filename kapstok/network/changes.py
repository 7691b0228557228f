"""Who hears that the members of offices changed: apps above network register in `ready()`.

Representativeness keeps precomputed coverage figures per office (`representation`'s
`OfficeCoverage`); they depend on who is a member and on the members' KvK numbers and
branches. Network's services announce every such change here, and network imports no app
above it (docs/architecture.md, "Floors").
"""

from collections.abc import Callable, Iterable

MembersChanged = Callable[[Iterable[int]], None]

_listeners: list[MembersChanged] = []


def register_members_changed(listener: MembersChanged) -> None:
    """`listener(office_ids)` runs inside the writing transaction, after the change."""
    if listener not in _listeners:
        _listeners.append(listener)


def members_changed(office_ids: Iterable[int]) -> None:
    office_ids = set(office_ids)
    if office_ids:
        for listener in _listeners:
            listener(office_ids)
