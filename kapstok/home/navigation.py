"""The one navigation bar of an office: the same links, in the same words, on every page of it.

Each link is shown only to a viewer who may open the page it leads to, asked of the same
rule as that page's view asks (`kapstok.accounts.access`, or the app's own `rules.py`).
`base.html` shows the bar on every internal page of an office (an address under `/netwerk/`
whose `slug` is the office's).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kapstok.accounts import access
from kapstok.branches import rules as branches_rules
from kapstok.clubs import rules as clubs_rules
from kapstok.community import rules as community_rules
from kapstok.finances import rules as finances_rules
from kapstok.founding import rules as founding_rules
from kapstok.influence import rules as influence_rules
from kapstok.membercheck import rules as membercheck_rules
from kapstok.municall import rules as municall_rules
from kapstok.municipality import rules as municipality_rules
from kapstok.network import rules as network_rules
from kapstok.peers import rules as peers_rules
from kapstok.support import rules as support_rules


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


# (label, URL name taking the office's slug, the access rule of that page's view)
OFFICE_PAGES = (
    (_("Kantoor en leden"), "network:office_detail", access.can_view_office),
    (_("Oprichting"), "founding:checklist", founding_rules.shows_founding_link),
    (_("Dashboard"), "progress:office_dashboard", access.can_view_office),
    (_("Kapstok"), "goals:overview", access.can_view_office),
    (_("Strategische sessies"), "strategy:session_list", access.can_view_sessions),
    (_("Tijdlijn"), "goals:timeline", access.can_view_office),
    (_("Afspiegeling"), "representation:office", access.can_view_coverage),
    (_("Invloed"), "influence:office", access.can_view_office),
    (_("Voor de buurt"), "community:office", community_rules.can_view_community),
    (_("Rollenafspraak"), "agreements:office", access.can_view_office),
    (_("Structuur en geld"), "finances:office", finances_rules.can_view_finances),
    (_("Berichten"), "messaging:archive", access.can_view_message_archive),
    (_("Oproepen"), "municall:call_list", municall_rules.can_view_calls),
    (_("Uitwisselbord"), "peers:exchange", peers_rules.can_use_exchange),
    (_("Collega-kantoren"), "peers:office_peers", peers_rules.can_view_peers),
    (_("Ondersteuning"), "support:office_requests", support_rules.can_file_support),
    (_("Ledencheck"), "membercheck:results", membercheck_rules.can_view_results),
    (_("Rollen"), "network:office_roles", access.can_manage_office_roles),
)


def office_navigation(viewer, office, path: str) -> list[NavLink]:
    """The links of the office's bar this viewer may follow; the one `path` is on is current.

    A link is current for its own page and the pages below it (a session is part of
    "Strategische sessies"); where two match (the timeline lies below the kapstok), the
    longer one. The office page itself is current only at its own address.
    """
    pages = [
        (label, reverse(name, args=[office.slug]))
        for label, name, allowed in OFFICE_PAGES
        if allowed(viewer, office)
    ]
    office_url = reverse("network:office_detail", args=[office.slug])
    matching = [
        url for _label, url in pages if path == url or (url != office_url and path.startswith(url))
    ]
    current = max(matching, key=len, default=None)
    return [NavLink(label=label, url=url, current=url == current) for label, url in pages]


def shows_office_navigation(request, office) -> bool:
    """An internal page of this office: under /netwerk/, with the office's slug in its address."""
    match = getattr(request, "resolver_match", None)
    return bool(
        office is not None
        and getattr(office, "slug", None)
        and request.user.is_authenticated
        and request.path.startswith("/netwerk/")
        and match is not None
        and match.kwargs.get("slug") == office.slug
    )


def _always(viewer) -> bool:
    return True


# The main menu: (label, URL name, the access rule of that page's view).
MAIN_PAGES = (
    (_("Kantoren"), "network:office_list", network_rules.sees_office_list),
    (_("Ondernemers"), "network:entrepreneur_list", network_rules.can_list_entrepreneurs),
    (_("Gemeenten"), "network:municipality_list", _always),
    (_("Gemeenteportaal"), "municipality:portal_list", municipality_rules.can_open_portal_list),
    (
        _("Brancheorganisaties"),
        "branches:organisation_list",
        branches_rules.can_list_branch_organisations,
    ),
    (_("Sportverenigingen"), "clubs:list", clubs_rules.can_view_clubs),
    (_("Invloed"), "influence:national", access.can_view_national_overview),
    (
        _("Landelijke standpunten"),
        "influence:national_positions",
        influence_rules.can_write_national_positions,
    ),
    (_("Berichten"), "messaging:inbox", access.can_use_inbox),
    (_("Onderzoek"), "home:research_home", access.can_view_research),
    (_("Rollen"), "network:role_list", access.can_manage_all_roles),
    (_("In oprichting"), "founding:overview", founding_rules.can_view_founding_overview),
)


def main_navigation(viewer) -> list[NavLink]:
    """The main menu of a signed-in person: only the pages their rules let them open."""
    return [
        NavLink(label=label, url=reverse(name), current=False)
        for label, name, allowed in MAIN_PAGES
        if allowed(viewer)
    ]
