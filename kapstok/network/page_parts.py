"""What apps above network add to network's own pages, registered by them in `ready()`.

The office page shows the office's phase and the municipality page the phase of each office;
the phase is progress's knowledge (it weighs sessions, goals and measurements), and progress
builds on network. So progress registers here and network imports no app above it
(docs/architecture.md, "Floors").
"""

from collections.abc import Callable, Iterable

OfficePagePart = Callable[[object], dict]
OfficeLabels = Callable[[Iterable], dict[int, str]]

_office_page_parts: list[OfficePagePart] = []
_office_phase_labels: list[OfficeLabels] = []


def register_office_page_part(part: OfficePagePart) -> None:
    """`part(office)` returns context for the internal office page (its template's includes)."""
    if part not in _office_page_parts:
        _office_page_parts.append(part)


def register_office_phase_labels(labels: OfficeLabels) -> None:
    """`labels(offices)` returns {office id: phase label}, for lists of offices."""
    _office_phase_labels[:] = [labels]


def office_page_context(office) -> dict:
    context = {}
    for part in _office_page_parts:
        context.update(part(office))
    return context


def office_phase_labels(offices) -> dict[int, str]:
    return _office_phase_labels[0](offices) if _office_phase_labels else {}
