"""Who may see a branch organisation's page, and how much of its members.

A branch organisation (one of POS's 18 direct members) sees its members across the offices:
counts per office, coverage and the offices that lack its branches. Following the AVG logic of
`kapstok.accounts.access` for partners (data minimisation), its staff see aggregates, and by
name only the members who chose to be listed publicly; contact details never. Small counts
are shown as a band to its staff (`kapstok.analysis.disclosure.small_count`), so a count per
office cannot point at one business. POS sees every member's name (not their contact details,
which stay on the office and entrepreneur pages) and exact counts.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kapstok.accounts.access import MemberDetail, Viewer, require


def can_view_branch_organisation(viewer: Viewer, organisation) -> bool:
    """An organisation's page: POS (and site admins) and the organisation's own staff."""
    return viewer.is_national or organisation.pk in viewer.branch_organisation_ids


def can_list_branch_organisations(viewer: Viewer) -> bool:
    """The list of organisations: whoever may open at least one of them."""
    return viewer.is_national or bool(viewer.branch_organisation_ids)


def branch_organisations_visible_to(viewer: Viewer) -> QuerySet:
    from kapstok.network.models import BranchOrganisation

    if viewer.is_national:
        return BranchOrganisation.objects.all()
    return BranchOrganisation.objects.filter(pk__in=viewer.branch_organisation_ids)


def branch_member_detail(viewer: Viewer, organisation) -> MemberDetail:
    """How much of the organisation's members in offices this viewer sees by name: POS every
    member's public fields (NETWORK), the organisation's staff those listed publicly (PUBLIC)."""
    if viewer.is_national:
        return MemberDetail.NETWORK
    if organisation.pk in viewer.branch_organisation_ids:
        return MemberDetail.PUBLIC
    return MemberDetail.NONE


def sees_exact_counts(viewer: Viewer) -> bool:
    """Exact small counts per office are POS's; others see them as a band."""
    return viewer.is_national


def get_branch_organisation_for(viewer: Viewer, slug: str):
    """Load an organisation for its page, or raise 404 (unknown) / 403 (not allowed)."""
    from kapstok.network.models import BranchOrganisation

    try:
        organisation = BranchOrganisation.objects.get(slug=slug)
    except BranchOrganisation.DoesNotExist as missing:
        raise Http404 from missing
    require(can_view_branch_organisation(viewer, organisation))
    return organisation


def organisations_staffed_by(viewer: Viewer) -> QuerySet:
    """The organisations the viewer works for (their start page), not all POS sees."""
    from kapstok.network.models import BranchOrganisation

    return BranchOrganisation.objects.filter(pk__in=viewer.branch_organisation_ids)
