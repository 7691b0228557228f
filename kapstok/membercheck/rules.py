"""Who may do what with the member check, built on the office-level rules of `accounts.access`.

Members answer for themselves; an office's leads and POS see the office's aggregates (never a
name); researchers reach the rounds through the monitor they already use (pseudonymised and
aggregated there); municipalities, partners and branch organisations see nothing of it: what
members tell their own office is not the municipality's business.
"""

from kapstok.accounts.access import Viewer


def can_answer(viewer: Viewer, office) -> bool:
    """A person answers for an office while a business they represent is a member of it."""
    return office.pk in viewer.member_office_ids


def can_view_results(viewer: Viewer, office) -> bool:
    return viewer.is_national or office.pk in viewer.lead_office_ids


def offices_answered_for(viewer: Viewer) -> frozenset[int]:
    """The offices whose member check this person answers: those they are a member of."""
    return viewer.member_office_ids
