"""What the municipality portal shows, in a fixed number of queries per municipality.

The municipality wants one point of contact among the local sport entrepreneurs (report 2.1):
it sees its offices with their phase and progress (never the office's internal notes or its
open signals' notes), the entrepreneurs who chose to be visible (public fields; email and phone
only for businesses whose own consent for this municipality stands), counts per branch, the
local landscape coverage, what the municipality itself contributed, the bodies and the partners.
"""

import hashlib
from collections import Counter, defaultdict

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils import timezone

from kapstok.analysis.phases import PHASES
from kapstok.community.selectors import published_stories, social_value
from kapstok.core.generation import generation_of_request
from kapstok.core.part_cache import cached_part
from kapstok.messaging.models import MessageStatus, OfficeMessage
from kapstok.municipality.models import Contribution
from kapstok.network.models import Entrepreneur, Membership, Municipality, Office, Partner
from kapstok.network.selectors import branch_counts_by_office
from kapstok.progress.facts import phases_and_smart_goals
from kapstok.progress.texts import PHASE_LABELS
from kapstok.representation.selectors import member_profiles, office_coverages
from kapstok.trust.consent import municipality_contact_stands

from . import rules


def portal_municipalities(viewer):
    """The portals the viewer may open (`rules.portal_municipalities`), with office counts."""
    municipalities = rules.portal_municipalities(viewer)
    return municipalities.annotate(office_count=Count("offices", distinct=True)).order_by("name")


# How many visible businesses each office's card on the portal lists; the rest are one link away
# (`visible_members_page`), so the portal of a city with hundreds of them stays small.
PORTAL_MEMBERS = 10
MEMBERS_PER_PAGE = 50


def _visible(office_ids, municipality_id: int) -> tuple[list[tuple[int, tuple]], set[int]]:
    """The current members this municipality may see (listed publicly, or the business shares
    its contact details with it) as (office id, business row) by business name, and the ids of
    the businesses that share.

    Two small queries: the memberships with whether each business's consent stands (asked in
    the same query, rather than sending hundreds of ids back to the database), then the
    businesses by key. Joining the memberships to the businesses instead made PostgreSQL scan
    all businesses of the country.
    """
    current = (
        Membership.objects.current()
        .filter(office_id__in=office_ids)
        .annotate(shares=municipality_contact_stands(municipality_id, "entrepreneur_id"))
        .filter(Q(listed_publicly=True) | Q(shares=True))
        .order_by()
        .values_list("office_id", "entrepreneur_id", "shares")
    )
    offices_of, sharing = defaultdict(list), set()
    for office_id, entrepreneur_id, shares in current:
        offices_of[entrepreneur_id].append(office_id)
        if shares:
            sharing.add(entrepreneur_id)
    businesses = (
        Entrepreneur.objects.filter(pk__in=list(offices_of))
        .order_by("business_name", "pk")
        .values_list("pk", "business_name", "website", "email", "phone")
    )
    rows = [(office_id, row) for row in businesses for office_id in offices_of[row[0]]]
    return rows, sharing


def _member_dicts(rows, sharing) -> list[tuple[int, dict]]:
    """(office id, what the municipality may see of the business) per row of `_visible`."""
    branches = _branch_names_of({business[0] for _office, business in rows})
    result = []
    for office_id, (entrepreneur_id, name, website, email, phone) in rows:
        shares = entrepreneur_id in sharing
        member = {
            "name": name,
            "branches": branches.get(entrepreneur_id, []),
            "website": website,
            "email": email if shares else "",
            "phone": phone if shares else "",
            "shares": shares,
        }
        result.append((office_id, member))
    return result


def visible_members(office_ids, municipality_id: int) -> dict[int, list[dict]]:
    """Per office, the current members this municipality may see, with what it may see.

    Listed publicly: name, branches, website. Consented to share with this municipality: email
    and phone too (and shown even when not listed publicly, since they chose to be known to it).
    Plain values, not model instances: the largest office lists hundreds.
    """
    rows, sharing = _visible(office_ids, municipality_id)
    members = defaultdict(list)
    for office_id, member in _member_dicts(rows, sharing):
        members[office_id].append(member)
    return members


def visible_members_first(office_ids, municipality_id: int, first: int) -> dict[int, dict]:
    """Per office, the `first` of `visible_members` by name and how many there are in all
    (`{"members": [...], "count": n}`), in four queries whatever the offices' size."""
    rows, sharing = _visible(office_ids, municipality_id)
    counts = Counter(office_id for office_id, _business in rows)
    shown, taken = [], Counter()
    for row in rows:
        if taken[row[0]] < first:
            shown.append(row)
            taken[row[0]] += 1
    result = {pk: {"members": [], "count": counts[pk]} for pk in office_ids}
    for office_id, member in _member_dicts(shown, sharing):
        result[office_id]["members"].append(member)
    return result


def visible_members_page(office, municipality_id: int, number) -> Page:
    """One page (`MEMBERS_PER_PAGE`) of the office's members this municipality may see."""
    rows, sharing = _visible([office.pk], municipality_id)
    page = Paginator(rows, MEMBERS_PER_PAGE).get_page(number)
    page.object_list = [member for _office, member in _member_dicts(page.object_list, sharing)]
    return page


def _branch_names_of(entrepreneur_ids) -> dict[int, list[str]]:
    """{entrepreneur id: names of its branches in the taxonomy's order}, from one query."""
    links = (
        Entrepreneur.branches.through.objects.filter(entrepreneur_id__in=entrepreneur_ids)
        .order_by("sportbranch__sort_order", "sportbranch_id")
        .values_list("entrepreneur_id", "sportbranch__name")
    )
    names = defaultdict(list)
    for entrepreneur_id, name in links:
        names[entrepreneur_id].append(name)
    return names


def coverages(offices) -> dict[int, object]:
    """`Coverage` per office with a landscape (`representation.selectors.office_coverages`: the
    counts without the ranking of prospects, which the portal does not show)."""
    ids = [office.pk for office in offices]
    return office_coverages(ids, member_profiles(ids))


# The offices' figures are counts that are the same for everyone who may open the portal, and
# the landscape coverage among them costs more than the rest of the page together (a grouped
# pass over thousands of landscape rows for a large office). So they are kept this long, and a
# write anywhere (the content generation) starts afresh.
FIGURES_SECONDS = 60


def office_figures(offices) -> dict[int, dict]:
    """Per office: its `phase` (key), `smart_goals`, `branch_counts` and `coverage` (None
    without a landscape), from the cache when they were computed less than `FIGURES_SECONDS`
    ago with nothing written since. Counts and branch names only: nothing personal lingers
    after an erasure, and nothing here depends on the viewer or the language."""
    ids = sorted(office.pk for office in offices)
    if not ids:
        return {}
    key = _figures_key(ids)
    figures = cache.get(key)
    if figures is None:
        figures = _office_figures_computed(offices)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def _office_figures_computed(offices) -> dict[int, dict]:
    ids = [office.pk for office in offices]
    phases = phases_and_smart_goals(offices)
    branch_counts = branch_counts_by_office(ids)
    coverage = coverages(offices)
    return {
        pk: {
            "phase": phases[pk][0].phase,
            "smart_goals": phases[pk][1],
            "branch_counts": branch_counts[pk],
            "coverage": coverage.get(pk),
        }
        for pk in ids
    }


def _figures_key(ids) -> str:
    offices = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
    return f"portal-figures:{generation_of_request()}:{timezone.localdate()}:{offices}"


def _progress(figures: dict) -> dict:
    return {
        "phase_label": PHASE_LABELS[figures["phase"]],
        "phase_index": PHASES.index(figures["phase"]),
        "phase_steps": [PHASE_LABELS[p] for p in PHASES],
        "smart_goals": figures["smart_goals"],
    }


def _messages(municipality: Municipality, ids) -> dict[int, dict]:
    rows = (
        OfficeMessage.objects.filter(office_id__in=ids, municipality=municipality)
        .values("office_id")
        .annotate(
            sent=Count("pk", filter=Q(status=MessageStatus.SENT)),
            pending=Count("pk", filter=Q(status=MessageStatus.PENDING)),
        )
        .order_by()
    )
    return {row["office_id"]: row for row in rows}


def positions_addressed_to(municipality: Municipality, ids) -> list:
    """Positions the offices sent to this municipality (never drafts): the office as mouthpiece,
    with the number of entrepreneurs behind it, as `influence_rules.positions_visible_to` allows."""
    from kapstok.influence.models import SENT_STATUSES, Position

    return list(
        Position.objects.filter(
            office_id__in=ids, municipality=municipality, status__in=SENT_STATUSES
        )
        .select_related("office")
        .order_by("-sent_at", "-pk")
    )


def portal(municipality: Municipality) -> dict:
    """Everything one municipality's portal page shows that is the same for everyone who may
    open it (`access.can_view_municipality_portal`: its civil servants and aldermen, and POS);
    what depends on the viewer (the POS-wide positions, the buttons) stays with the view and
    the template.

    Kept as a part (`kapstok.core.part_cache`): at most a minute, keyed on the content
    generation, the language and the municipality. Every write request raises the generation,
    so a consent withdrawn, a member who leaves or an erasure shows on the next view; the ids in
    the key keep one municipality's part from ever reaching another's portal.
    """
    return cached_part("municipality-portal", (municipality.pk,), lambda: _portal(municipality))


def _portal(municipality: Municipality) -> dict:
    offices = list(
        Office.objects.filter(municipalities=municipality).with_member_count().order_by("name")
    )
    ids = [office.pk for office in offices]
    figures = office_figures(offices)
    members = visible_members_first(ids, municipality.pk, PORTAL_MEMBERS)
    message_counts = _messages(municipality, ids)
    community = social_value(ids)
    stories = published_stories(ids)
    rows = [
        {
            "office": office,
            "progress": _progress(figures[office.pk]),
            "branch_counts": figures[office.pk]["branch_counts"],
            "members": members[office.pk]["members"],
            "member_count": members[office.pk]["count"],
            "coverage": figures[office.pk]["coverage"],
            "messages": message_counts.get(office.pk, {"sent": 0, "pending": 0}),
            "social_value": community[office.pk],
            "stories": stories[office.pk],
        }
        for office in offices
    ]
    contributions = list(
        Contribution.objects.filter(office_id__in=ids, municipality=municipality)
        .select_related("office")
        .order_by("-given_on", "-pk")
    )
    partners = (
        Partner.objects.filter(Q(municipalities=municipality) | Q(offices__in=ids))
        .distinct()
        .order_by("name")
    )
    return {
        "rows": rows,
        "contributions": contributions,
        "contributed_total": sum(c.amount or 0 for c in contributions),
        "positions": positions_addressed_to(municipality, ids),
        "bodies": list(municipality.bodies.order_by("kind", "name")),
        "partners": list(partners),
    }
