"""The access layer: the only place that decides who may see or change what.

Every view, queryset and API endpoint asks this module. A person's grants are read once per
request into a `Viewer`; the `can_*` predicates answer for one object and the `*_visible_to`
functions return querysets already scoped to the viewer. `get_office_for`,
`get_session_for` and `get_entrepreneur_for` are the access helpers views call to load a
protected object: they return it or raise 404/403, so a view cannot forget the check.

Who sees an office's members, and how much of them (`MemberDetail`):
- POS staff, site admins and the office's leads: everything (contact details included);
- members of the office: their fellow members' business name, branches and website;
- the municipality's contacts and assigned partners: only the members who chose to be listed
  publicly, with public fields, plus counts per branch;
- anyone else: 403.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Role


class MemberDetail(enum.IntEnum):
    """How much of an office's member list a viewer may see, in increasing order."""

    NONE = 0
    PUBLIC = 1  # members listed publicly, public fields only
    NETWORK = 2  # every member's name, branches and website
    FULL = 3  # contact details and KvK data too


@dataclass(frozen=True)
class Viewer:
    """What one person may see, computed once from their grants."""

    user_id: int | None = None
    is_pos: bool = False
    is_site_admin: bool = False
    is_researcher: bool = False
    lead_office_ids: frozenset[int] = field(default_factory=frozenset)
    member_office_ids: frozenset[int] = field(default_factory=frozenset)
    entrepreneur_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_office_ids: frozenset[int] = field(default_factory=frozenset)
    partner_ids: frozenset[int] = field(default_factory=frozenset)
    partner_office_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_national(self) -> bool:
        """POS staff and site admins see the whole network."""
        return self.is_pos or self.is_site_admin

    @property
    def office_ids(self) -> frozenset[int]:
        """Every office this viewer has any internal view of."""
        return (
            self.lead_office_ids
            | self.member_office_ids
            | self.municipality_office_ids
            | self.partner_office_ids
        )

    @property
    def roles(self) -> list[str]:
        roles = []
        flags = [
            (self.is_pos, Role.POS_STAFF),
            (bool(self.lead_office_ids), Role.LEAD),
            (bool(self.entrepreneur_ids), Role.MEMBER),
            (bool(self.municipality_ids), Role.CIVIL_SERVANT),
            (bool(self.partner_ids), Role.PARTNER_STAFF),
            (self.is_researcher, Role.RESEARCHER),
            (self.is_site_admin, Role.SITE_ADMIN),
        ]
        for present, role in flags:
            if present:
                roles.append(role)
        return roles


ANONYMOUS = Viewer()


def viewer_for(user) -> Viewer:
    """The `Viewer` of a user, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_kapstok_viewer", None)
    if cached is None:
        cached = _build_viewer(user)
        user._kapstok_viewer = cached
    return cached


def _build_viewer(user) -> Viewer:
    from kapstok.network.models import Membership, Office

    grants = list(
        user.grants.values_list(
            "role", "office_id", "municipality_id", "partner_id", "entrepreneur_id"
        )
    )
    roles = {g[0] for g in grants}

    def ids(role_set, index):
        return frozenset(g[index] for g in grants if g[0] in role_set and g[index] is not None)

    lead_offices = ids({Role.LEAD}, 1)
    municipalities = ids({Role.CIVIL_SERVANT, Role.ALDERMAN}, 2)
    partners = ids({Role.PARTNER_STAFF}, 3)
    entrepreneurs = ids({Role.MEMBER}, 4)

    member_offices = frozenset()
    if entrepreneurs:
        member_offices = frozenset(
            Membership.objects.current()
            .filter(entrepreneur_id__in=entrepreneurs)
            .values_list("office_id", flat=True)
        )
    municipality_offices = frozenset()
    if municipalities:
        municipality_offices = frozenset(
            Office.objects.filter(municipalities__in=municipalities).values_list("id", flat=True)
        )
    partner_offices = frozenset()
    if partners:
        partner_offices = frozenset(
            Office.objects.filter(partners__in=partners).values_list("id", flat=True)
        )
    return Viewer(
        user_id=user.pk,
        is_pos=Role.POS_STAFF in roles,
        is_site_admin=Role.SITE_ADMIN in roles or user.is_superuser,
        is_researcher=Role.RESEARCHER in roles,
        lead_office_ids=lead_offices,
        member_office_ids=member_offices,
        entrepreneur_ids=entrepreneurs,
        municipality_ids=municipalities,
        municipality_office_ids=municipality_offices,
        partner_ids=partners,
        partner_office_ids=partner_offices,
    )


# --- offices -------------------------------------------------------------------------------


def can_view_office(viewer: Viewer, office) -> bool:
    """The internal office page (not the public one, which everybody may read)."""
    return viewer.is_national or office.pk in viewer.office_ids


def can_edit_office(viewer: Viewer, office) -> bool:
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_create_office(viewer: Viewer) -> bool:
    return viewer.is_national


def can_manage_members(viewer: Viewer, office) -> bool:
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_edit_public_page(viewer: Viewer, office) -> bool:
    """The office's public texts and published successes: its leads and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_handle_join_requests(viewer: Viewer, office) -> bool:
    """See join requests (personal data of non-members) and accept or decline them."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_edit_kapstok(viewer: Viewer, office) -> bool:
    """Goals, strategies, projects and measurements are kept by the office's leads and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_facilitate_sessions(viewer: Viewer, office) -> bool:
    """Run an office's sessions: its leads, POS staff, and partners assigned to the office."""
    return viewer.is_national or office.pk in viewer.lead_office_ids | viewer.partner_office_ids


def can_view_sessions(viewer: Viewer, office) -> bool:
    """See an office's sessions and their reports: the facilitators and the office's members.

    The municipality is left out on purpose: the sessions are where members speak freely
    about the office's strategy, which the municipality supports but does not direct.
    """
    return can_facilitate_sessions(viewer, office) or office.pk in viewer.member_office_ids


def can_reopen_session(viewer: Viewer, office) -> bool:
    """Step a closed session back (which makes its join code work again): the office's leads
    and POS. Partners facilitate a session, but once closed its outcome is the office's."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def sees_internal_notes(viewer: Viewer, office) -> bool:
    """Outcome notes and signal notes stay inside the office and POS (not the municipality)."""
    return viewer.is_national or office.pk in viewer.lead_office_ids | viewer.member_office_ids


def can_view_coverage(viewer: Viewer, office) -> bool:
    """The office's coverage figures and representativeness index (not whom it courts).

    Leads and POS staff, and the municipality's contacts: the municipality wants the office
    to speak for all local sport entrepreneurs, so it may see how far it does. The pipeline
    with its named prospects and personal notes stays with `can_manage_landscape`.
    """
    return viewer.is_national or office.pk in (
        viewer.lead_office_ids | viewer.municipality_office_ids
    )


def can_manage_landscape(viewer: Viewer, office) -> bool:
    """Import the landscape, classify businesses, keep the recruitment pipeline and notes."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def member_detail(viewer: Viewer, office) -> MemberDetail:
    if viewer.is_national or office.pk in viewer.lead_office_ids:
        return MemberDetail.FULL
    if office.pk in viewer.member_office_ids:
        return MemberDetail.NETWORK
    if office.pk in viewer.municipality_office_ids | viewer.partner_office_ids:
        return MemberDetail.PUBLIC
    return MemberDetail.NONE


class EventShown(enum.IntEnum):
    """How much of one line of an office's timeline a viewer sees."""

    HIDDEN = 0
    ANONYMOUS = 1  # that it happened, not who (a member joined or left)
    FULL = 2


def office_event_shown(viewer: Viewer, office, kind: str) -> EventShown:
    """A timeline line shows only what the page it speaks of would show this viewer.

    The timeline is read by everyone with an internal view of the office (`can_view_office`);
    per kind of line:
    - a member joined or left names a business: viewers who see every member's name
      (`member_detail` NETWORK or more) get the line; those who see only the members listed
      publicly (municipality, partners) learn that a member joined or left, not who;
    - sessions: only who may open the office's sessions (`can_view_sessions`);
    - brokered messages: who may read the archive (`can_view_message_archive`); positions:
      the office's viewers; for both the line is shown only when the viewer may open that very
      message or position, which the caller checks on the line's link;
    - municipal contributions: who sees all of them (POS, the office's leads and members): a
      municipality's contacts see only their own, on the contributions page;
    - goals, strategies, projects, measurements, meetings and office updates: every viewer of
      the office, as the pages they point to.
    Any other kind is hidden: a new kind needs a rule here first.
    """
    from kapstok.network.models import EventKind

    if not can_view_office(viewer, office):
        return EventShown.HIDDEN
    if kind in (EventKind.MEMBER_JOINED, EventKind.MEMBER_LEFT):
        detail = member_detail(viewer, office)
        if detail >= MemberDetail.NETWORK:
            return EventShown.FULL
        return EventShown.ANONYMOUS if detail == MemberDetail.PUBLIC else EventShown.HIDDEN
    if kind in (EventKind.SESSION_PLANNED, EventKind.SESSION_UPDATED):
        allowed = can_view_sessions(viewer, office)
    elif kind == EventKind.MESSAGE:
        allowed = can_view_message_archive(viewer, office)
    elif kind == EventKind.CONTRIBUTION:
        allowed = viewer.is_national or office.pk in (
            viewer.lead_office_ids | viewer.member_office_ids
        )
    else:
        allowed = kind in {
            EventKind.OFFICE_UPDATED,
            EventKind.GOAL_CREATED,
            EventKind.GOAL_UPDATED,
            EventKind.STRATEGY_CREATED,
            EventKind.PROJECT_CREATED,
            EventKind.PROJECT_UPDATED,
            EventKind.MEASUREMENT_ADDED,
            EventKind.MEETING_HELD,
            EventKind.POSITION,
        }
    return EventShown.FULL if allowed else EventShown.HIDDEN


def offices_visible_to(viewer: Viewer) -> QuerySet:
    from kapstok.network.models import Office

    if viewer.is_national:
        return Office.objects.all()
    return Office.objects.filter(pk__in=viewer.office_ids)


def offices_findable_by(viewer: Viewer) -> QuerySet:
    """Offices a person may find in lists and the API: all but dissolved ones, which only
    their own viewers still see (the public site hides them, the registry keeps them)."""
    from kapstok.network.models import Office, OfficeStatus

    visible = offices_visible_to(viewer).values("pk")
    return Office.objects.filter(~Q(status=OfficeStatus.DISSOLVED) | Q(pk__in=visible))


OFFICE_ACTIONS = {
    "view": can_view_office,
    "view_sessions": can_view_sessions,
    "facilitate_sessions": can_facilitate_sessions,
    "edit": can_edit_office,
    "edit_kapstok": can_edit_kapstok,
    "manage_members": can_manage_members,
    "edit_public_page": can_edit_public_page,
    "handle_join_requests": can_handle_join_requests,
    "view_coverage": can_view_coverage,
    "manage_landscape": can_manage_landscape,
}


def get_office_for(viewer: Viewer, slug: str, action: str = "view"):
    """Load an office for an internal page, or raise 404 (unknown) / 403 (not allowed)."""
    from kapstok.network.models import Office

    try:
        office = Office.objects.get(slug=slug)
    except Office.DoesNotExist as missing:
        raise Http404 from missing
    if not OFFICE_ACTIONS[action](viewer, office):
        raise PermissionDenied
    return office


# --- strategy sessions ---------------------------------------------------------------------


SESSION_ACTIONS = {"view": can_view_sessions, "facilitate": can_facilitate_sessions}


def get_session_for(viewer: Viewer, slug: str, pk: int, action: str = "view"):
    """Load an office's strategy session, or raise 404 (unknown) / 403 (not allowed)."""
    from kapstok.strategy.models import StrategySession

    try:
        session = StrategySession.objects.select_related("office", "facilitator").get(
            pk=pk, office__slug=slug
        )
    except StrategySession.DoesNotExist as missing:
        raise Http404 from missing
    if not SESSION_ACTIONS[action](viewer, session.office):
        raise PermissionDenied
    return session


# --- entrepreneurs -------------------------------------------------------------------------


def _led_current_members(viewer: Viewer) -> QuerySet:
    """Ids of entrepreneurs who are *current* members of an office this viewer leads.

    Only a current membership (confirmed by the business, see `MembershipClaim`) gives a lead
    the contact details: ending the membership ends that at once, and a business another office
    merely asked about is not reached.
    """
    from kapstok.network.models import Membership

    return (
        Membership.objects.current()
        .filter(office_id__in=viewer.lead_office_ids)
        .values("entrepreneur_id")
    )


def entrepreneurs_visible_to(viewer: Viewer) -> QuerySet:
    """Entrepreneurs whose page (with personal data) the viewer may open."""
    from kapstok.network.models import Entrepreneur

    if viewer.is_national:
        return Entrepreneur.objects.all()
    if not viewer.is_authenticated:
        return Entrepreneur.objects.none()
    scope = Q(pk__in=viewer.entrepreneur_ids)
    if viewer.lead_office_ids:
        scope |= Q(pk__in=_led_current_members(viewer))
    return Entrepreneur.objects.filter(scope)


def can_view_entrepreneur(viewer: Viewer, entrepreneur) -> bool:
    if viewer.is_national or entrepreneur.pk in viewer.entrepreneur_ids:
        return True
    if not viewer.lead_office_ids:
        return False
    return _led_current_members(viewer).filter(entrepreneur_id=entrepreneur.pk).exists()


def can_edit_entrepreneur(viewer: Viewer, entrepreneur) -> bool:
    return can_view_entrepreneur(viewer, entrepreneur)


def can_create_entrepreneur(viewer: Viewer) -> bool:
    return viewer.is_national or bool(viewer.lead_office_ids)


def can_answer_membership_claim(viewer: Viewer, claim) -> bool:
    """Confirm or refuse an office's request to count a business as its member: the business
    itself (an account with a member grant for it), or POS on its behalf (after a phone call,
    say; audit-logged). Never the office that asked."""
    return viewer.is_national or claim.entrepreneur_id in viewer.entrepreneur_ids


def can_withdraw_membership_claim(viewer: Viewer, claim) -> bool:
    return can_manage_members(viewer, claim.office)


def can_change_office_scope(viewer: Viewer) -> bool:
    """Which municipalities an office works in, and its status, are POS's to set: they decide
    which civil servants see the office and whose members' shared details they receive. A lead
    may ask POS; the edit form shows them the fields read-only."""
    return viewer.is_national


ENTREPRENEUR_ACTIONS = {"view": can_view_entrepreneur, "edit": can_edit_entrepreneur}


def get_entrepreneur_for(viewer: Viewer, pk: int, action: str = "view"):
    from kapstok.network.models import Entrepreneur

    try:
        entrepreneur = Entrepreneur.objects.select_related("municipality").get(pk=pk)
    except Entrepreneur.DoesNotExist as missing:
        raise Http404 from missing
    if not ENTREPRENEUR_ACTIONS[action](viewer, entrepreneur):
        raise PermissionDenied
    return entrepreneur


# --- municipalities and national pages ----------------------------------------------------


def can_view_municipality(viewer: Viewer, municipality) -> bool:
    """Municipality pages hold public facts and public office data: any signed-in person."""
    return viewer.is_authenticated


def can_view_national_overview(viewer: Viewer) -> bool:
    return viewer.is_national


def can_change_stall_settings(viewer: Viewer) -> bool:
    """The thresholds of the stall signals are POS's to set (not the site admin's)."""
    return viewer.is_pos


def can_view_research(viewer: Viewer) -> bool:
    return viewer.is_researcher or viewer.is_national


def can_run_monitor(viewer: Viewer) -> bool:
    """Build questionnaires, start and close waves, read answers: researchers and POS."""
    return viewer.is_researcher or viewer.is_national


def sees_monitor_identities(viewer: Viewer) -> bool:
    """Real office and respondent names in the monitor: POS only; researchers see pseudonyms."""
    return viewer.is_national


def can_invite_to_monitor(viewer: Viewer) -> bool:
    """Adding a respondent by email means handling their address: POS only."""
    return viewer.is_national


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


def require(allowed: bool) -> None:
    """Raise 403 unless allowed; keeps the checks in views one line long."""
    if not allowed:
        raise PermissionDenied


# --- peers and the practice library ---------------------------------------------------------


def can_view_peers(viewer: Viewer, office) -> bool:
    """An office's peer offices: its own people (who learn from them) and POS."""
    return can_view_office(viewer, office)


def can_edit_peer_weights(viewer: Viewer) -> bool:
    return viewer.is_national


def is_network_insider(viewer: Viewer) -> bool:
    """Inside the POS network: POS, and the leads, members and partners of any office.

    Internal practices are written for fellow offices; the municipality, researchers and
    outsiders only see the public ones.
    """
    return viewer.is_national or bool(
        viewer.lead_office_ids | viewer.member_office_ids | viewer.partner_office_ids
    )


def practices_visible_to(viewer: Viewer) -> QuerySet:
    """Published practices the viewer may read, plus drafts of offices they lead (or all, POS)."""
    from kapstok.peers.models import Practice, PracticeStatus, Visibility

    if viewer.is_national:
        return Practice.objects.all()
    published = Q(status=PracticeStatus.PUBLISHED)
    if not is_network_insider(viewer):
        published &= Q(visibility=Visibility.PUBLIC)
    drafts = Q(office_id__in=viewer.lead_office_ids)
    return Practice.objects.filter(published | drafts)


def can_write_practice(viewer: Viewer, office) -> bool:
    """Write or edit an office's practices: its leads and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_record_trial(viewer: Viewer) -> bool:
    """Say 'dit hebben wij ook geprobeerd' on behalf of an office one leads."""
    return bool(viewer.lead_office_ids) or viewer.is_national


def get_practice_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a practice, or raise 404 (unknown or not visible) / 403 (may not edit)."""
    try:
        practice = practices_visible_to(viewer).select_related("office").get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action == "edit" and not can_write_practice(viewer, practice.office):
        raise PermissionDenied
    return practice


# --- support desk --------------------------------------------------------------------------


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


# --- the exchange board inside an office -------------------------------------------------


def can_use_exchange(viewer: Viewer, office) -> bool:
    """The exchange board is for the office's own people: its members and leads only.

    Entrepreneurs write about their spare space or staff shortage there; neither POS, the
    municipality nor partners read along.
    """
    return office.pk in viewer.lead_office_ids | viewer.member_office_ids


def can_solve_post(viewer: Viewer, post) -> bool:
    """The author marks their own post solved; the office's leads may tidy up any post."""
    return post.author_id == viewer.user_id or post.office_id in viewer.lead_office_ids


def get_exchange_office_for(viewer: Viewer, slug: str):
    """Load an office for its exchange board, or raise 404 / 403."""
    from kapstok.network.models import Office

    try:
        office = Office.objects.get(slug=slug)
    except Office.DoesNotExist as missing:
        raise Http404 from missing
    require(can_use_exchange(viewer, office))
    return office


def can_view_contributions(viewer: Viewer, office) -> bool:
    """What municipalities give an office: POS, the office's people and its municipalities."""
    return viewer.is_national or office.pk in (
        viewer.lead_office_ids | viewer.member_office_ids | viewer.municipality_office_ids
    )


def can_record_contribution(viewer: Viewer, office) -> bool:
    """POS, the office's leads and the contacts of one of its municipalities."""
    return viewer.is_national or office.pk in (
        viewer.lead_office_ids | viewer.municipality_office_ids
    )


def contributions_visible_to(viewer: Viewer, office) -> QuerySet:
    """An office's contributions; a municipality's contacts see only their own municipality's."""
    contributions = office.contributions.select_related("municipality")
    if viewer.is_national or office.pk in viewer.lead_office_ids | viewer.member_office_ids:
        return contributions
    return contributions.filter(municipality_id__in=viewer.municipality_ids)


# --- meetings ----------------------------------------------------------------------------


def is_invited(viewer: Viewer, meeting) -> bool:
    """Invited by office (any of its people, or the invited roles within it) or by role."""
    if not viewer.is_authenticated:
        return False
    offices = {office.pk for office in meeting.invited_offices.all()}
    roles = set(meeting.invited_roles)
    if not offices and not roles:
        return False
    offices_ok = not offices or bool(offices & viewer.office_ids)
    roles_ok = not roles or bool(roles & set(viewer.roles))
    return offices_ok and roles_ok


def can_manage_meeting(viewer: Viewer, meeting) -> bool:
    """POS runs national and regional meetings; an office meeting also by its host's leads."""
    return viewer.is_national or (
        meeting.office_id is not None and meeting.office_id in viewer.lead_office_ids
    )


def can_view_meeting(viewer: Viewer, meeting) -> bool:
    return can_manage_meeting(viewer, meeting) or is_invited(viewer, meeting)


def can_create_meeting(viewer: Viewer) -> bool:
    return viewer.is_national


def can_host_meeting(viewer: Viewer, office) -> bool:
    """Name an office as a meeting's host: POS any office, a lead only an office they lead."""
    return viewer.is_national or (office is not None and office.pk in viewer.lead_office_ids)


def meeting_offices_for(viewer: Viewer, meeting=None) -> QuerySet:
    """The offices a person may invite to a meeting: POS any; a lead the offices they lead,
    plus those already invited to this meeting (by POS), which the lead may keep or drop.

    Chosen on purpose: a lead reaches no further through regions or peer offices. An office
    meeting is the office's own; inviting other offices, regionally or nationally, is POS's.
    """
    from kapstok.network.models import Office

    if viewer.is_national:
        return Office.objects.all()
    invited = []
    if meeting is not None and meeting.pk is not None:
        invited = list(meeting.invited_offices.values_list("pk", flat=True))
    return Office.objects.filter(pk__in=set(viewer.lead_office_ids) | set(invited))


def get_meeting_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a meeting, or raise 404 (unknown, or not invited) / 403 (may not manage it)."""
    from kapstok.peers.models import Meeting

    try:
        meeting = Meeting.objects.prefetch_related("invited_offices").get(pk=pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    if not can_view_meeting(viewer, meeting):
        raise Http404
    if action == "manage" and not can_manage_meeting(viewer, meeting):
        raise PermissionDenied
    return meeting


def meetings_visible_to(viewer: Viewer) -> list:
    """The meetings a person may open (a list: the invitation rule is checked in Python)."""
    from kapstok.peers.models import Meeting

    meetings = Meeting.objects.prefetch_related("invited_offices").order_by("starts_at")
    return [meeting for meeting in meetings if can_view_meeting(viewer, meeting)]


def can_manage_regions(viewer: Viewer) -> bool:
    """Regions are drawn by POS staff: the start of regional POS-kantoren."""
    return viewer.is_national


# --- the municipality portal and brokered messages ------------------------------------------


def can_view_municipality_portal(viewer: Viewer, municipality) -> bool:
    """The portal of one municipality: its civil servants and aldermen, and POS."""
    return viewer.is_national or municipality.pk in viewer.municipality_ids


def can_open_contact_sharing(viewer: Viewer, office) -> bool:
    """The office's page on sharing contact details with its municipalities: its members (who
    choose for their own business), its leads and POS (who see the choices and may ask)."""
    return viewer.is_national or office.pk in viewer.lead_office_ids | viewer.member_office_ids


def can_ask_contact_consent(viewer: Viewer, office) -> bool:
    """Ask a member by mail to choose; the choice itself is only ever the member's own."""
    return can_manage_members(viewer, office)


def can_send_office_message(viewer: Viewer, office) -> bool:
    """Write to the office's members through the office: POS, its leads, its municipality."""
    return viewer.is_national or office.pk in (
        viewer.lead_office_ids | viewer.municipality_office_ids
    )


def can_view_message_archive(viewer: Viewer, office) -> bool:
    """The office's sent messages (the municipality sees only its own in it)."""
    return can_send_office_message(viewer, office)


def can_view_office_message(viewer: Viewer, message) -> bool:
    """A message with its counts: POS, the office's leads, and the municipality that sent it."""
    if viewer.is_national or message.office_id in viewer.lead_office_ids:
        return True
    return message.municipality_id is not None and (
        message.municipality_id in viewer.municipality_ids
        and message.office_id in viewer.municipality_office_ids
    )


def can_approve_office_message(viewer: Viewer, message) -> bool:
    """Only the office's own leads let the municipality speak to their members."""
    return message.office_id in viewer.lead_office_ids


def can_set_message_auto_approve(viewer: Viewer) -> bool:
    return viewer.is_national


def can_use_inbox(viewer: Viewer) -> bool:
    """Messages reach entrepreneurs: accounts with a member grant."""
    return bool(viewer.entrepreneur_ids)


# --- influence: positions, the influence register, role agreements --------------------------


def can_speak_for_office(viewer: Viewer, office) -> bool:
    """Draft, open and send the office's positions and keep its influence register: its leads
    and POS. Members endorse; they do not speak for the office on their own."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def positions_visible_to(viewer: Viewer, office) -> QuerySet:
    """An office's positions as far as the viewer may read them.

    Leads and POS: all, concepts included; members: those opened for endorsement and later;
    the municipality's contacts: only the ones addressed to their municipality, once sent —
    never an internal draft; anyone else: none.
    """
    from kapstok.influence.models import SENT_STATUSES, PositionStatus

    positions = office.positions.all()
    if can_speak_for_office(viewer, office):
        return positions
    if office.pk in viewer.member_office_ids:
        return positions.exclude(status=PositionStatus.CONCEPT)
    if office.pk in viewer.municipality_office_ids:
        return positions.filter(
            status__in=SENT_STATUSES, municipality_id__in=viewer.municipality_ids
        )
    return positions.none()


def can_endorse_position(viewer: Viewer, position) -> bool:
    """Only the office's own members, and only while the position is open."""
    from kapstok.influence.models import PositionStatus

    return position.office_id in viewer.member_office_ids and position.status == PositionStatus.OPEN


def get_position_for(viewer: Viewer, slug: str, pk: int, action: str = "view"):
    """Load a position, or raise 404 (unknown or not visible) / 403 (may not do `action`)."""
    office = get_office_for(viewer, slug, "view")
    try:
        position = (
            positions_visible_to(viewer, office)
            .select_related("office", "municipality", "addressed_body")
            .get(pk=pk)
        )
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action == "edit":
        require(can_speak_for_office(viewer, office))
    elif action == "endorse":
        require(position.office_id in viewer.member_office_ids)
    return position


def agreement_parties_of(viewer: Viewer, office) -> list[str]:
    """The parties of a role agreement this viewer speaks for: POS (national staff), the office
    (its leads), the municipality (its contacts) and the partner (its staff)."""
    parties = []
    if viewer.is_national:
        parties.append("pos")
    if office.pk in viewer.lead_office_ids:
        parties.append("office")
    if office.pk in viewer.municipality_office_ids:
        parties.append("municipality")
    if office.pk in viewer.partner_office_ids:
        parties.append("partner")
    return parties


def can_manage_agreement(viewer: Viewer, office) -> bool:
    """Start a round, edit its tasks, draft the agreed version: the office's leads and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids
