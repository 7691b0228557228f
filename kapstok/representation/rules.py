"""Who may see the landscapes of all offices at once.

One office's coverage and landscape pages ask `kapstok.accounts.access` (`can_view_coverage`,
`can_manage_landscape`); the rule for the national list of landscapes lives here, beside the
data it shows (docs/architecture.md, "Floors").
"""

from __future__ import annotations

from kapstok.accounts.access import Viewer


def can_view_landscape_status(viewer: Viewer) -> bool:
    """Which offices have a landscape and how old each one is: POS staff, who ask the offices
    without one, or with an outdated one, to read a fresh KvK export. Leads see their own
    office's landscape on its coverage page; the list of all offices is not theirs."""
    return viewer.is_national
