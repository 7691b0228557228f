"""Who may see or change what at the support desk.

Support requests, the knowledge base, and the partners a request may be handed to. The rules
for an app's own objects live beside them (docs/architecture.md, "Floors");
`kapstok.accounts.access` keeps the `Viewer`, `require` and the office-level rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kapstok.accounts.access import Viewer, is_network_insider


def can_file_support(viewer: Viewer, office) -> bool:
    """Ask POS for help and see the office's requests: the office's own people and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids | viewer.member_office_ids


def can_handle_support(viewer: Viewer, request) -> bool:
    """Answer, assign, change status, read internal notes: POS and the assignee (person or
    partner). The municipality never sees requests: they are the office's questions to POS."""
    return (
        viewer.is_national
        or (viewer.user_id is not None and request.assignee_id == viewer.user_id)
        or (request.partner_id is not None and request.partner_id in viewer.partner_ids)
    )


def support_partners_for(request) -> QuerySet:
    """The partners a support request may be handed to: those assigned to its office (also
    when POS hands it on), and the partner that has it now. The request's internal notes and
    attachments never go to a partner that does not work for the office."""
    from kapstok.network.models import Partner

    current = Q(pk=request.partner_id) if request.partner_id else Q(pk__in=[])
    return Partner.objects.filter(Q(offices=request.office_id) | current).distinct()


def can_view_support_request(viewer: Viewer, request) -> bool:
    return can_handle_support(viewer, request) or (
        request.office_id in viewer.lead_office_ids | viewer.member_office_ids
    )


def can_view_support_queue(viewer: Viewer) -> bool:
    """The queue: POS staff see all requests, partners the ones assigned to them."""
    return viewer.is_national or bool(viewer.partner_ids)


def support_requests_visible_to(viewer: Viewer) -> QuerySet:
    from kapstok.support.models import SupportRequest

    if viewer.is_national:
        return SupportRequest.objects.all()
    if not viewer.is_authenticated:
        return SupportRequest.objects.none()
    scope = (
        Q(office_id__in=viewer.lead_office_ids | viewer.member_office_ids)
        | Q(assignee_id=viewer.user_id)
        | Q(partner_id__in=viewer.partner_ids)
    )
    return SupportRequest.objects.filter(scope)


def can_manage_knowledge(viewer: Viewer) -> bool:
    """Write and publish the support desk's knowledge articles: POS staff."""
    return viewer.is_national


def knowledge_articles_visible_to(viewer: Viewer) -> QuerySet:
    """Published articles for everyone inside the network (handlers link them to requests);
    drafts for POS only. Outsiders, the municipality and researchers see none."""
    from kapstok.support.models import KnowledgeArticle

    if viewer.is_national:
        return KnowledgeArticle.objects.all()
    if not is_network_insider(viewer):
        return KnowledgeArticle.objects.none()
    return KnowledgeArticle.objects.filter(published=True)


SUPPORT_ACTIONS = {"view": can_view_support_request, "handle": can_handle_support}


def get_support_request_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a support request, or raise 404 (unknown) / 403 (not allowed)."""
    from kapstok.support.models import SupportRequest

    try:
        request = SupportRequest.objects.select_related(
            "office", "category", "assignee", "partner", "offer", "created_by", "merged_into"
        ).get(pk=pk)
    except SupportRequest.DoesNotExist as missing:
        raise Http404 from missing
    if not SUPPORT_ACTIONS[action](viewer, request):
        raise PermissionDenied
    return request


def sees_whole_desk(viewer: Viewer) -> bool:
    """The whole desk (every office's requests, the supply-and-demand report): POS staff.
    Partners see the requests assigned to them; an office its own."""
    return viewer.is_national


def queue_of(viewer: Viewer) -> QuerySet:
    """The queue a handler works from: every request for POS; for a partner's staff what is
    assigned to the partner, not the requests of an office they also belong to."""
    visible = support_requests_visible_to(viewer)
    if sees_whole_desk(viewer):
        return visible
    return visible.filter(partner_id__in=viewer.partner_ids)


def can_rate_request(viewer: Viewer, request) -> bool:
    """The office that asked rates the answer: its leads and members."""
    return request.office_id in viewer.lead_office_ids | viewer.member_office_ids


def can_open_catalogue(viewer: Viewer) -> bool:
    """POS's catalogue of offers: for everyone inside an office, and POS."""
    return viewer.is_national or bool(viewer.office_ids)


def requests_of_led_offices(viewer: Viewer) -> QuerySet:
    """The requests of the offices the viewer leads (their office asked them)."""
    from .models import SupportRequest

    return SupportRequest.objects.filter(office_id__in=viewer.lead_office_ids)


def requests_to_handle_scope(viewer: Viewer):
    """The requests on the viewer's side as a handler: all for POS, else those assigned to
    them or to their partner; None for an anonymous viewer."""
    from django.db.models import Q

    if sees_whole_desk(viewer):
        return Q()
    if not viewer.is_authenticated:
        return None
    return Q(assignee_id=viewer.user_id) | Q(partner_id__in=viewer.partner_ids)
