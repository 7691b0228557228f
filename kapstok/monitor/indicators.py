"""The platform's own figures per office that a closing wave keeps (`Snapshot.indicators`).

The monitor owns none of them: each figure belongs to the app that computes it (members and
representativeness: representation; the phase: progress; goals and projects: goals; sessions
held: strategy; support requests: support). The top floor registers one provider per app
(`kapstok.home.apps`), so the monitor imports none of those apps. A provider takes the office
ids and the day and returns, for every one of those offices, a dict of figures; the snapshot
has them in the order the providers were registered.
"""

import datetime
from collections.abc import Callable

Provider = Callable[[list[int], datetime.date], dict[int, dict]]

_providers: dict[str, Provider] = {}


def register_indicators(name: str, provider: Provider) -> None:
    """Add (or, under the same name, replace) a provider of snapshot figures."""
    _providers[name] = provider


def providers() -> list[Provider]:
    return list(_providers.values())
