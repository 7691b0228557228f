"""The access layer: the only place that decides who may see or change what.

Every view, queryset and API endpoint asks this module, or the `rules.py` of the app that owns
the object (network, influence, support, peers, strategy, coding), which builds on it. A
person's grants are read once per request into a `Viewer`; the `can_*` predicates answer for
one object and the `*_visible_to` functions return querysets already scoped to the viewer. The
`get_*_for` helpers in each app's rules (`network.rules.get_office_for` above all) are what
views call to load a protected object: they return it or raise 404/403, so a view cannot
forget the check.

This module imports no domain app: which offices a member, a civil servant or a partner reaches
is network's knowledge, which it registers here (`register_office_scope`).

Who sees an office's members, and how much of them (`MemberDetail`):
- POS staff, site admins and the office's leads: everything (contact details included);
- members of the office: their fellow members' business name, branches and website;
- the municipality's contacts and assigned partners: only the members who chose to be listed
  publicly, with public fields, plus counts per branch;
- anyone else: 403.

The staff of a branch organisation (`branch_organisation_ids`) reach no office through their
grant: they see their organisation's page (`kapstok.branches.rules`), with its members across
offices as counts, and by name only the members who chose to be listed publicly.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import QuerySet

from .models import ROLE_SCOPE, Role


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
    branch_organisation_ids: frozenset[int] = field(default_factory=frozenset)

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
            (bool(self.branch_organisation_ids), Role.BRANCH_STAFF),
            (self.is_researcher, Role.RESEARCHER),
            (self.is_site_admin, Role.SITE_ADMIN),
        ]
        for present, role in flags:
            if present:
                roles.append(role)
        return roles


ANONYMOUS = Viewer()


def can_administer_site(viewer: Viewer) -> bool:
    """The technical side (accounts, roles, the audit log's inventory): site administrators."""
    return viewer.is_site_admin


def needs_two_factor(viewer: Viewer) -> bool:
    """POS staff and site administrators reach every office's personal data: a second step
    at login, when two-factor authentication is switched on."""
    return viewer.is_pos or viewer.is_site_admin


def scope_only(viewer: Viewer) -> Viewer:
    """The viewer without who they are: the same grants, no user. A part computed for it can
    show only what follows from the grants (their offices, municipalities, partners and
    businesses), never what this one person did, so it may be shared with anyone holding the
    same grants (`scope_key`)."""
    return replace(viewer, user_id=None)


def scope_key(viewer: Viewer) -> str:
    """A short key that is equal for two viewers exactly when their grants reach the same:
    for caches of parts that depend on what a person may see but not on who they are.

    >>> scope_key(Viewer(user_id=1, lead_office_ids=frozenset({3, 1}))) == scope_key(
    ...     Viewer(user_id=2, lead_office_ids=frozenset({1, 3})))
    True
    >>> scope_key(Viewer(lead_office_ids=frozenset({1}))) == scope_key(
    ...     Viewer(member_office_ids=frozenset({1})))
    False
    """
    values = []
    for scope_field in fields(Viewer):
        if scope_field.name == "user_id":
            continue
        value = getattr(viewer, scope_field.name)
        if isinstance(value, frozenset):
            value = sorted(value)
        values.append(f"{scope_field.name}={value}")
    return hashlib.sha256(";".join(values).encode()).hexdigest()[:32]


def has_role(viewer: Viewer, role: str) -> bool:
    """Whether the person holds this role at all: for how a page is arranged (the start page's
    sections), never for what it shows; that is what the `can_*` rules decide."""
    return role in viewer.roles


def viewer_for(user) -> Viewer:
    """The `Viewer` of a user, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_kapstok_viewer", None)
    if cached is None:
        cached = _build_viewer(user)
        user._kapstok_viewer = cached
    return cached


# (entrepreneur ids, municipality ids, partner ids) → (member, municipality, partner office ids);
# set by `kapstok.network` when the apps are ready (`NetworkConfig.ready`).
OfficeScope = Callable[
    [frozenset[int], frozenset[int], frozenset[int]],
    tuple[frozenset[int], frozenset[int], frozenset[int]],
]
_office_scope: OfficeScope | None = None


def register_office_scope(scope: OfficeScope) -> None:
    """Let the app that owns offices say which offices a person's grants reach."""
    global _office_scope
    _office_scope = scope


def _build_viewer(user) -> Viewer:
    """Only current grants count: a role that ended yesterday or starts tomorrow gives nothing."""
    grants = list(
        user.grants.current().values_list(
            "role",
            "office_id",
            "municipality_id",
            "partner_id",
            "entrepreneur_id",
            "branch_organisation_id",
        )
    )
    roles = {g[0] for g in grants}

    def ids(role_set, index):
        return frozenset(g[index] for g in grants if g[0] in role_set and g[index] is not None)

    lead_offices = ids({Role.LEAD}, 1)
    municipalities = ids({Role.CIVIL_SERVANT, Role.ALDERMAN}, 2)
    partners = ids({Role.PARTNER_STAFF}, 3)
    entrepreneurs = ids({Role.MEMBER}, 4)
    branch_organisations = ids({Role.BRANCH_STAFF}, 5)

    member_offices = municipality_offices = partner_offices = frozenset()
    if entrepreneurs or municipalities or partners:
        if _office_scope is None:
            raise ImproperlyConfigured("kapstok.network registers the office scope when ready.")
        member_offices, municipality_offices, partner_offices = _office_scope(
            entrepreneurs, municipalities, partners
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
        branch_organisation_ids=branch_organisations,
    )


# --- roles --------------------------------------------------------------------------------


def can_manage_all_roles(viewer: Viewer) -> bool:
    """The page "Rollen" over the whole network: every role, national ones included. POS."""
    return viewer.is_national


def can_manage_office_roles(viewer: Viewer, office) -> bool:
    """An office's roles (its kartrekkers): POS and the office's own leads, who pass the
    role on when a kartrekker changes; never a lead of another office."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def office_roles_grantable_by(viewer: Viewer, office) -> list[str]:
    """The roles this viewer may grant on the office: only roles held on an office, so a lead
    cannot give anyone (themselves included) a national role."""
    if not can_manage_office_roles(viewer, office):
        return []
    return [role for role, scope in ROLE_SCOPE.items() if scope == "office"]


def can_manage_grant(viewer: Viewer, grant) -> bool:
    """Change the dates of one grant or end it: POS any; a lead only a role on their office."""
    if viewer.is_national:
        return True
    return grant.office_id is not None and grant.office_id in viewer.lead_office_ids


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


# --- strategy sessions ---------------------------------------------------------------------


# --- entrepreneurs -------------------------------------------------------------------------


def can_change_office_scope(viewer: Viewer) -> bool:
    """Which municipalities an office works in, and its status, are POS's to set: they decide
    which civil servants see the office and whose members' shared details they receive. A lead
    may ask POS; the edit form shows them the fields read-only."""
    return viewer.is_national


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


def require(allowed: bool) -> None:
    """Raise 403 unless allowed; keeps the checks in views one line long."""
    if not allowed:
        raise PermissionDenied


# --- peers and the practice library ---------------------------------------------------------


def is_network_insider(viewer: Viewer) -> bool:
    """Inside the POS network: POS, and the leads, members and partners of any office.

    Internal practices are written for fellow offices; the municipality, researchers and
    outsiders only see the public ones.
    """
    return viewer.is_national or bool(
        viewer.lead_office_ids | viewer.member_office_ids | viewer.partner_office_ids
    )


# --- support desk --------------------------------------------------------------------------


# --- the exchange board inside an office -------------------------------------------------


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


def can_decide_office_messages(viewer: Viewer, office) -> bool:
    """Only the office's own leads let the municipality speak to their members."""
    return office.pk in viewer.lead_office_ids


def can_approve_office_message(viewer: Viewer, message) -> bool:
    return message.office_id in viewer.lead_office_ids


def can_set_message_auto_approve(viewer: Viewer) -> bool:
    return viewer.is_national


def can_use_inbox(viewer: Viewer) -> bool:
    """Messages reach entrepreneurs: accounts with a member grant."""
    return bool(viewer.entrepreneur_ids)


# --- influence: positions, the influence register, role agreements --------------------------


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
