"""Who sees and keeps an office's money (docs/architecture.md, "Access rules live beside the
data").

- POS and the office's leads (the kartrekker is usually the treasurer too) see and edit
  everything: the legal form, the fee, who paid, income and spending, the export.
- The office's members see the totals (income by kind, spending per project, the balance) and
  the fee they are asked, but not who paid: what a fellow member pays is their own business.
- The municipality's contacts and partners see only what they already do: their own
  contributions on the municipality's pages. Other offices see nothing.
"""

from __future__ import annotations

from kapstok.accounts.access import Viewer


def can_view_finances(viewer: Viewer, office) -> bool:
    """The office's money page with its totals: POS, its leads and its members."""
    return viewer.is_national or office.pk in (viewer.lead_office_ids | viewer.member_office_ids)


def can_manage_finances(viewer: Viewer, office) -> bool:
    """Set the legal form and the fee, record payments, income and spending, export the
    ledger: POS and the office's leads."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_see_payers(viewer: Viewer, office) -> bool:
    """Who paid the fee and who has not yet, by name: only who keeps the books."""
    return can_manage_finances(viewer, office)


def can_read_legal_form_guide(viewer: Viewer) -> bool:
    """The guide comparing legal forms is general know-how: anyone signed in."""
    return viewer.is_authenticated
