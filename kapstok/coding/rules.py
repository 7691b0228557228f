"""Who may code monitor answers, and loading a research project for a viewer.

The rules for an app's own objects live beside them (docs/architecture.md, "Floors");
`kapstok.accounts.access` keeps the `Viewer` and `require`.
"""

from __future__ import annotations

from django.http import Http404

from kapstok.accounts.access import Viewer, require


def can_code_answers(viewer: Viewer) -> bool:
    """Code monitor answers, keep codebooks and download pseudonymised exports (kapstok.coding):
    researchers and POS staff. Both see only pseudonyms there, never names or emails."""
    return viewer.is_researcher or viewer.is_national


def get_research_project_for(viewer: Viewer, pk: int):
    """Load a research project (kapstok.coding), or raise 404 (unknown) / 403 (not allowed)."""
    from kapstok.coding.models import ResearchProject

    try:
        project = ResearchProject.objects.get(pk=pk)
    except ResearchProject.DoesNotExist as missing:
        raise Http404 from missing
    require(can_code_answers(viewer))
    return project


def can_change_coding(viewer: Viewer, coding) -> bool:
    """A code given to an answer is changed or removed by the coder who gave it, or by POS."""
    return viewer.is_national or (viewer.user_id is not None and coding.coder_id == viewer.user_id)
