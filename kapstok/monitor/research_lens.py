"""How researchers see a wave, as the research app (`kapstok.coding`) tells the monitor.

Researchers read the monitor through pseudonyms that stay the same within a research project,
with office facts generalised so that no pseudonym can be put a name to, and free text with known
names masked. All of that is `kapstok.coding`'s knowledge, and coding builds on the monitor
(it codes its answers). So coding registers its lens here in `ready()`; the monitor imports no
app above it. Without a lens (coding not installed) the monitor falls back to keyed codes and
size bands, never to names (`monitor.selectors`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ResearchLens:
    project_for_wave: Callable[[object], object]  # wave or None → research project
    office_pseudonyms: Callable[[object, Iterable[int]], dict[int, str]]
    respondent_pseudonyms: Callable[[object, list], dict[int, str]]
    office_types: Callable[[object], object]  # project → types with .labels(wave id, office id)
    masker: Callable[[list], object]  # waves → an object with .mask(text)


_lens: list[ResearchLens] = []


def register_research_lens(lens: ResearchLens) -> None:
    _lens[:] = [lens]


def research_lens() -> ResearchLens | None:
    return _lens[0] if _lens else None
