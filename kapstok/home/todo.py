"""The start page: a to-do list per role, composed from what each domain app contributes.

Each domain app offers read-only selectors that take a `Viewer` and return `ToDo`s
(`kapstok.core.todo`), each linking to the page where the thing is done, only for what the
viewer may open there, in a fixed number of queries. This module decides which of them a
person sees, in which order, under which heading: one section per role the person has, in the
order below, with the sources in the order that serves that role. A source that serves more
than one role (meetings, the sessions a lead or partner runs, role agreements, the support
requests on the handler's side) runs once and lands in the first section that lists it.

Most sources show what waits in the offices a person leads or belongs to, the same for
everyone holding the same grants (`SHARED`): on the national data set they cost more than the
rest of the page together (issue #19), so they are kept as short cached parts
(`kapstok.core.part_cache`, at most a minute and renewed after every write), computed for the
viewer without who they are (`access.scope_only`) and keyed on their grants
(`access.scope_key`). The sources that depend on the person themselves (their own answers,
votes, reads, questions, the sessions they facilitate) are asked afresh on every visit.

Then the person's main pages: the dashboards, portals and overviews they work from.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kapstok.accounts.access import (
    Viewer,
    can_view_national_overview,
    can_view_research,
    has_role,
    scope_key,
    scope_only,
)
from kapstok.accounts.models import Role as RoleName
from kapstok.agreements.selectors import rounds_waiting_for
from kapstok.branches.rules import organisations_staffed_by
from kapstok.branches.selectors import offices_lacking_branch
from kapstok.coding.selectors import answers_to_code
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import ToDo, Urgency
from kapstok.founding.rules import can_view_founding_overview
from kapstok.founding.selectors import founding_to_finish, offices_being_founded
from kapstok.influence.selectors import (
    national_positions_to_endorse,
    positions_received,
    positions_to_endorse,
)
from kapstok.membercheck.selectors import checks_to_answer
from kapstok.messaging.selectors import (
    messages_awaiting_approval,
    messages_to_approve,
    unread_messages,
)
from kapstok.monitor.selectors import waves_to_close
from kapstok.municall.selectors import (
    calls_to_answer,
    calls_to_approve,
    own_calls_waiting,
    question_outcomes,
    questions_to_answer,
    questions_to_route,
)
from kapstok.network.rules import municipalities_served_by, offices_worked_for
from kapstok.network.selectors import claims_to_answer, claims_waiting
from kapstok.peers.selectors import meetings_to_answer
from kapstok.progress.selectors import next_steps, stalling_offices
from kapstok.public.selectors import join_requests_to_decide
from kapstok.representation.rules import can_view_landscape_status
from kapstok.representation.selectors import offices_without_landscape
from kapstok.strategy.selectors import sessions_to_run, sessions_to_take_part
from kapstok.support.selectors import answers_for_office, requests_to_handle

Source = Callable[[Viewer], list[ToDo]]


# Sources whose items follow from the viewer's grants alone, never from who they are: the
# offices' waiting join requests, messages, calls, questions, answers, signals, claims, founding
# checklists and agreement rounds; the open positions and calls their businesses have not
# answered. Each is computed for `scope_only(viewer)`, so one that started to need the person
# would show nothing rather than someone else's items (and its test would fail).
SHARED: frozenset[Source] = frozenset(
    {
        founding_to_finish,
        next_steps,
        join_requests_to_decide,
        messages_to_approve,
        calls_to_approve,
        questions_to_route,
        answers_for_office,
        rounds_waiting_for,
        claims_waiting,
        positions_to_endorse,
        national_positions_to_endorse,
        calls_to_answer,
        claims_to_answer,
    }
)


def items_of(source: Source, viewer: Viewer, scope: tuple[str, Viewer] | None = None) -> list[ToDo]:
    """The items of one source: from the short cache, keyed on the viewer's grants, for a
    `SHARED` source; asked afresh for one that depends on the person. `scope` is the viewer's
    `(scope_key, scope_only)`, when the caller has it for several sources."""
    if source not in SHARED:
        return source(viewer)
    key, without_person = scope or (scope_key(viewer), scope_only(viewer))
    name = f"todo-{source.__module__}.{source.__name__}"
    return cached_part(name, (key,), partial(source, without_person))


@dataclass(frozen=True)
class Role:
    """One section of the to-do list: for whom, under which heading, from which sources, and
    what an empty list means (what good looks like)."""

    key: str
    heading: Promise
    applies: Callable[[Viewer], bool]
    sources: tuple[Source, ...]
    empty: Promise


ROLES = (
    Role(
        "pos",
        gettext_lazy("Voor het POS"),
        lambda viewer: has_role(viewer, RoleName.POS_STAFF),
        (
            stalling_offices,
            requests_to_handle,
            offices_being_founded,
            offices_without_landscape,
            meetings_to_answer,
        ),
        gettext_lazy(
            "Niets te doen: geen kantoor stokt, elke ondersteuningsvraag ligt binnen de termijn "
            "en elk kantoor heeft een landschap."
        ),
    ),
    Role(
        "lead",
        gettext_lazy("Als kartrekker"),
        lambda viewer: has_role(viewer, RoleName.LEAD),
        (
            founding_to_finish,
            next_steps,
            join_requests_to_decide,
            messages_to_approve,
            calls_to_approve,
            questions_to_route,
            answers_for_office,
            sessions_to_run,
            rounds_waiting_for,
            meetings_to_answer,
            claims_waiting,
        ),
        gettext_lazy(
            "Niets te doen: geen doorpak-signalen, en geen aanmeldingen, berichten of vragen "
            "die op u wachten. Het kantoor is in beweging."
        ),
    ),
    Role(
        "partner",
        gettext_lazy("Als partner"),
        lambda viewer: has_role(viewer, RoleName.PARTNER_STAFF),
        (sessions_to_run, requests_to_handle, rounds_waiting_for, meetings_to_answer),
        gettext_lazy(
            "Niets te doen: geen sessies om te begeleiden en geen ondersteuningsvragen die op "
            "uw antwoord wachten."
        ),
    ),
    Role(
        "civil_servant",
        gettext_lazy("Als gemeente"),
        lambda viewer: has_role(viewer, RoleName.CIVIL_SERVANT),
        (
            questions_to_answer,
            positions_received,
            rounds_waiting_for,
            messages_awaiting_approval,
            own_calls_waiting,
            meetings_to_answer,
        ),
        gettext_lazy(
            "Niets te doen: geen standpunten of rollenafspraken die op de gemeente wachten."
        ),
    ),
    Role(
        "member",
        gettext_lazy("Als ondernemer"),
        lambda viewer: has_role(viewer, RoleName.MEMBER),
        (
            checks_to_answer,
            positions_to_endorse,
            national_positions_to_endorse,
            sessions_to_take_part,
            calls_to_answer,
            unread_messages,
            question_outcomes,
            meetings_to_answer,
            claims_to_answer,
        ),
        gettext_lazy(
            "Niets te doen: u steunde elk open standpunt, doet mee aan de lopende sessies en "
            "las al uw berichten."
        ),
    ),
    Role(
        "branch_staff",
        gettext_lazy("Als brancheorganisatie"),
        lambda viewer: has_role(viewer, RoleName.BRANCH_STAFF),
        (offices_lacking_branch, meetings_to_answer),
        gettext_lazy("Niets te doen: elk kantoor heeft leden in de takken van uw organisatie."),
    ),
    Role(
        "researcher",
        gettext_lazy("Als onderzoeker"),
        lambda viewer: has_role(viewer, RoleName.RESEARCHER),
        (waves_to_close, answers_to_code),
        gettext_lazy(
            "Niets te doen: geen meetronde om te sluiten, en alle antwoorden zijn gecodeerd."
        ),
    ),
    Role(
        "admin",
        gettext_lazy("Als sitebeheerder"),
        lambda viewer: (
            has_role(viewer, RoleName.SITE_ADMIN) and not has_role(viewer, RoleName.POS_STAFF)
        ),
        (),
        gettext_lazy(
            "Niets te doen hier: accounts, rollen en de technische instellingen beheert u in "
            "het beheer."
        ),
    ),
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    items: list[ToDo]
    empty: str


def _ordered(items: list[ToDo]) -> list[ToDo]:
    """Urgent items to the top and items for information to the bottom; the rest keep the
    order of their sources (a stable sort)."""
    return sorted(
        items,
        key=lambda item: (
            0 if item.urgency == Urgency.URGENT else 2 if item.urgency == Urgency.INFO else 1
        ),
    )


def sections_for(viewer: Viewer) -> list[Section]:
    """The to-do list of one person: a section per role they have, in the order of `ROLES`."""
    asked: set[Source] = set()
    scope = (scope_key(viewer), scope_only(viewer))
    sections = []
    for role in ROLES:
        if not role.applies(viewer):
            continue
        items = []
        for source in role.sources:
            if source in asked:
                continue
            asked.add(source)
            items.extend(items_of(source, viewer, scope))
        sections.append(Section(role.key, str(role.heading), _ordered(items), str(role.empty)))
    return sections


@dataclass(frozen=True)
class Page:
    title: str
    url: str
    detail: str = ""


def pages_for(viewer: Viewer, user) -> list[Page]:
    """`main_pages` as a short cached part: they follow from the person's grants (and whether
    they may use the admin) alone, and office or municipality names change only by a write."""
    return cached_part(
        "start-pages",
        (scope_key(viewer), user.is_staff),
        partial(main_pages, scope_only(viewer), user),
    )


def main_pages(viewer: Viewer, user) -> list[Page]:
    """The pages a person works from (two queries at most, one more for a branch
    organisation's staff): the national dashboard, the
    dashboards of their offices, their municipalities' portals, their branch organisations'
    pages, the research overview, and the admin for site administrators."""
    pages = []
    if can_view_national_overview(viewer):
        pages.append(
            Page(
                _("Landelijk dashboard"),
                reverse("progress:national_dashboard"),
                _("Alle kantoren: fasen, signalen en groei."),
            )
        )
    if can_view_founding_overview(viewer):
        pages.append(
            Page(
                _("Kantoren in oprichting"),
                reverse("founding:overview"),
                _("Elk kantoor in oprichting met zijn checklist en hoe lang het al loopt."),
            )
        )
    if can_view_landscape_status(viewer):
        pages.append(
            Page(
                _("Sportlandschappen"),
                reverse("representation:landscapes"),
                _("Welke kantoren een landschap hebben, en hoe oud elk is."),
            )
        )
    offices = offices_worked_for(viewer).order_by("name").only("name", "slug")
    for office in offices:
        pages.append(
            Page(
                _("Dashboard %(office)s") % {"office": office.name},
                reverse("progress:office_dashboard", args=[office.slug]),
                _("Fase, doorpak-signalen, doelen en wat eraan komt."),
            )
        )
    municipalities = municipalities_served_by(viewer).order_by("name")
    for municipality in municipalities.only("code", "name"):
        pages.append(
            Page(
                _("Gemeenteportaal %(name)s") % {"name": municipality.name},
                reverse("municipality:portal", args=[municipality.code]),
                _("De kantoren in de gemeente, hun leden en wat de gemeente bijdraagt."),
            )
        )
    organisations = (
        organisations_staffed_by(viewer) if has_role(viewer, RoleName.BRANCH_STAFF) else []
    )
    for organisation in organisations:
        pages.append(
            Page(
                _("Brancheorganisatie %(name)s") % {"name": organisation.name},
                reverse("branches:organisation_detail", args=[organisation.slug]),
                _("Uw leden bij de kantoren: aantallen, dekking en kantoren zonder uw branche."),
            )
        )
    if has_role(viewer, RoleName.RESEARCHER) and can_view_research(viewer):
        pages.append(
            Page(
                _("Onderzoeksoverzicht"),
                reverse("home:research_home"),
                _("Het netwerk in cijfers, de monitor en de codering."),
            )
        )
    if user.is_staff:
        pages.append(
            Page(
                _("Naar het beheer"),
                reverse("admin:index"),
                _("Accounts, rollen en de technische instellingen."),
            )
        )
    return pages
