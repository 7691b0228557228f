"""What the municipality portal shows, in a fixed number of queries per municipality.

The municipality wants one point of contact among the local sport entrepreneurs (report 2.1):
it sees its offices with their phase and progress (never the office's internal notes or its
open signals' notes), the entrepreneurs who chose to be visible (public fields; email and phone
only for businesses whose own consent for this municipality stands), counts per branch, the
local landscape coverage, what the municipality itself contributed, the bodies and the partners.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Prefetch, Q

from kapstok.analysis.phases import PHASES
from kapstok.community.selectors import published_stories, social_value
from kapstok.messaging.models import MessageStatus, OfficeMessage
from kapstok.municipality.models import Contribution
from kapstok.network.models import Membership, Municipality, Office, Partner, SportBranch
from kapstok.network.selectors import branch_counts_by_office
from kapstok.progress.facts import office_states
from kapstok.progress.models import StallSettings
from kapstok.progress.texts import PHASE_LABELS
from kapstok.representation.models import LandscapeBusiness
from kapstok.representation.selectors import COVERED, build_coverage, member_profiles, with_coverage
from kapstok.trust.consent import municipality_contact_holders

from . import rules


def portal_municipalities(viewer):
    """The portals the viewer may open (`rules.portal_municipalities`), with office counts."""
    municipalities = rules.portal_municipalities(viewer)
    return municipalities.annotate(office_count=Count("offices", distinct=True)).order_by("name")


def visible_members(office_ids, municipality_id: int) -> dict[int, list[dict]]:
    """Per office, the current members this municipality may see, with what it may see.

    Listed publicly: name, branches, website. Consented to share with this municipality: email
    and phone too (and shown even when not listed publicly, since they chose to be known to it).
    """
    current = Membership.objects.current().filter(office_id__in=office_ids)
    sharing = municipality_contact_holders(
        municipality_id, current.values_list("entrepreneur_id", flat=True)
    )
    memberships = (
        current.filter(Q(listed_publicly=True) | Q(entrepreneur_id__in=sharing))
        .select_related("entrepreneur")
        .prefetch_related(
            Prefetch("entrepreneur__branches", queryset=SportBranch.objects.order_by("sort_order"))
        )
        .order_by("entrepreneur__business_name")
    )
    members = defaultdict(list)
    for membership in memberships:
        membership.shares = membership.entrepreneur_id in sharing
        entrepreneur = membership.entrepreneur
        members[membership.office_id].append(
            {
                "name": entrepreneur.business_name,
                "branches": [branch.name for branch in entrepreneur.branches.all()],
                "website": entrepreneur.website,
                "email": entrepreneur.email if membership.shares else "",
                "phone": entrepreneur.phone if membership.shares else "",
                "shares": membership.shares,
            }
        )
    return members


def coverages(offices) -> dict[int, object]:
    """`Coverage` per office with a landscape, from two grouped queries for all offices."""
    ids = [office.pk for office in offices]
    grouped = (
        with_coverage(LandscapeBusiness.objects.filter(office_id__in=ids))
        .values("office_id", "branch__slug")
        .annotate(total=Count("pk"), covered=Count("pk", filter=COVERED))
        .order_by()
    )
    landscape, covered = defaultdict(Counter), defaultdict(Counter)
    for row in grouped:
        landscape[row["office_id"]][row["branch__slug"]] += row["total"]
        covered[row["office_id"]][row["branch__slug"]] += row["covered"]
    if not landscape:
        return {}
    profiles = member_profiles([pk for pk in ids if pk in landscape])
    names = dict(SportBranch.objects.values_list("slug", "name"))
    return {pk: build_coverage(profiles[pk], landscape[pk], covered[pk], names) for pk in landscape}


def _progress(offices) -> dict[int, dict]:
    states = office_states(offices, None, StallSettings.current().thresholds())
    return {
        pk: {
            "phase_label": PHASE_LABELS[state.phase.phase],
            "phase_index": state.phase.index,
            "phase_steps": [PHASE_LABELS[p] for p in PHASES],
            "smart_goals": state.smart_goals,
        }
        for pk, state in states.items()
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
    """Everything one municipality's portal page shows."""
    offices = list(
        Office.objects.filter(municipalities=municipality)
        .with_member_count()
        .prefetch_related("municipalities")
        .order_by("name")
    )
    ids = [office.pk for office in offices]
    progress = _progress(offices)
    branch_counts = branch_counts_by_office(ids)
    members = visible_members(ids, municipality.pk)
    coverage = coverages(offices)
    message_counts = _messages(municipality, ids)
    community = social_value(ids)
    stories = published_stories(ids)
    rows = [
        {
            "office": office,
            "progress": progress[office.pk],
            "branch_counts": branch_counts[office.pk],
            "members": members.get(office.pk, []),
            "coverage": coverage.get(office.pk),
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
