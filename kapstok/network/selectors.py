"""Read-side queries for the registry pages and the API.

Each selector takes what the access layer allowed and returns plain data for one page, in a
fixed number of queries whatever the size of the office (the benchmark checks this).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts.access import MemberDetail
from kapstok.analysis.membership import monthly_counts
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import SHOWN, ToDo, Urgency, day

from . import page_parts, rules
from .models import (
    BranchOrganisation,
    ClaimStatus,
    Entrepreneur,
    Initiative,
    LeaveReason,
    Membership,
    Municipality,
    Office,
    OfficeStatus,
    SizeClass,
    SportBranch,
    size_class_for,
)


@dataclass(frozen=True)
class OfficeFilters:
    province: str = ""
    status: str = ""
    size: str = ""
    initiative: str = ""
    query: str = ""
    organisation: str = ""  # a branch organisation's slug


def office_list(offices: QuerySet, filters: OfficeFilters) -> QuerySet:
    """Offices with member counts and municipalities, filtered; the base set is pre-scoped."""
    qs = offices.with_member_count().prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.only("name", "code", "province"))
    )
    if filters.province:
        qs = qs.filter(municipalities__province=filters.province).distinct()
    if filters.status in OfficeStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.initiative in Initiative.values:
        qs = qs.filter(initiative=filters.initiative)
    if filters.size in SizeClass.values:
        qs = qs.of_size(filters.size)
    if filters.query:
        qs = qs.filter(
            Q(name__icontains=filters.query) | Q(municipalities__name__icontains=filters.query)
        ).distinct()
    if filters.organisation:
        qs = qs.filter(pk__in=offices_with_members_of(filters.organisation))
    return qs.order_by("name")


def offices_with_members_of(organisation_slug: str) -> QuerySet:
    """Ids of the offices with a current member belonging to this branch organisation."""
    return (
        Membership.objects.current()
        .filter(entrepreneur__branch_organisations__slug=organisation_slug)
        .values("office_id")
    )


def branch_organisation_choices() -> list[tuple[str, str]]:
    """(slug, name) of every branch organisation, for the filters of the member lists."""
    return list(BranchOrganisation.objects.order_by("name").values_list("slug", "name"))


def entrepreneurs_filtered(
    entrepreneurs: QuerySet, query: str = "", organisation: str = ""
) -> QuerySet:
    """The entrepreneurs list's filters on a pre-scoped set: name or KvK number, and
    membership of a branch organisation (by slug)."""
    if query:
        entrepreneurs = entrepreneurs.filter(
            Q(business_name__icontains=query) | Q(kvk_number__startswith=query)
        )
    if organisation:
        entrepreneurs = entrepreneurs.filter(branch_organisations__slug=organisation)
    return entrepreneurs


def provinces() -> list[str]:
    return list(
        Municipality.objects.current()
        .order_by("province")
        .values_list("province", flat=True)
        .distinct()
    )


def office_url(office_id: int) -> str:
    slug = Office.objects.values_list("slug", flat=True).get(pk=office_id)
    return reverse("network:office_detail", args=[slug])


def municipality_url(municipality_id: int) -> str:
    code = Municipality.objects.values_list("code", flat=True).get(pk=municipality_id)
    return reverse("network:municipality_detail", args=[code])


def branch_counts(office: Office, on: datetime.date | None = None) -> list[dict]:
    """Current members per branch of sport, largest first (a member can count in several)."""
    on = on or timezone.localdate()
    active = Membership.objects.active_on(on).filter(office=office)
    rows = (
        SportBranch.objects.filter(entrepreneurs__memberships__in=active)
        .annotate(members=Count("entrepreneurs", distinct=True))
        .order_by("-members", "name")
        .values("slug", "name", "members")
    )
    return list(rows)


def branch_counts_by_office(office_ids, on: datetime.date | None = None) -> dict[int, list[dict]]:
    """`branch_counts` for several offices in one query: {office_id: [{slug, name, members}]}."""
    on = on or timezone.localdate()
    rows = (
        Membership.objects.active_on(on)
        .filter(office_id__in=office_ids, entrepreneur__branches__isnull=False)
        .values(
            "office_id",
            slug=F("entrepreneur__branches__slug"),
            name=F("entrepreneur__branches__name"),
        )
        .annotate(members=Count("entrepreneur", distinct=True))
        .order_by("office_id", "-members", "name")
    )
    counts: dict[int, list[dict]] = {office_id: [] for office_id in office_ids}
    for row in rows:
        office_id = row.pop("office_id")
        counts[office_id].append(row)
    return counts


def _counted_from(office: Office, periods) -> datetime.date:
    """Where an office's member history starts: its founding date, or for an office still in
    founding (no date yet) the day its first member joined."""
    if office.founded_on is not None:
        return office.founded_on
    return min((joined for joined, _left in periods), default=timezone.localdate())


def membership_series(office: Office, until: datetime.date | None = None) -> list[dict]:
    until = until or timezone.localdate()
    periods = list(office.memberships.values_list("joined_on", "left_on"))
    series = monthly_counts(periods, until, since=min(_counted_from(office, periods), until))
    peak = max((count for _month, count in series), default=0) or 1
    return [
        {"date": month, "count": count, "percent": round(100 * count / peak)}
        for month, count in series
    ]


def members_for(office: Office, detail: MemberDetail) -> QuerySet:
    """The current members a viewer may see, with what they may see of them prefetched.

    Each entrepreneur's branches come as a plain list, `entrepreneur.branch_list`: prefetched
    into the related manager they cost a queryset per member, which for a page of 50 members
    took longer than reading the page itself.
    """
    memberships = (
        Membership.objects.current()
        .filter(office=office)
        .select_related("entrepreneur", "entrepreneur__municipality")
        .prefetch_related(
            Prefetch(
                "entrepreneur__branches",
                queryset=SportBranch.objects.order_by("sort_order"),
                to_attr="branch_list",
            )
        )
        .order_by("entrepreneur__business_name")
    )
    if detail <= MemberDetail.PUBLIC:
        memberships = memberships.filter(listed_publicly=True)
    if detail == MemberDetail.NONE:
        memberships = memberships.none()
    return memberships


def pending_claims(office: Office) -> QuerySet:
    """The office's requests that a known business has not answered yet (what the KvK register
    shows of it: name and number, nothing else)."""

    return office.claims.filter(status=ClaimStatus.PENDING).select_related("entrepreneur")


def former_members(office: Office) -> QuerySet:
    return (
        office.memberships.filter(left_on__isnull=False)
        .select_related("entrepreneur")
        .order_by("-left_on")
    )


def leave_reasons(office: Office, *, days: int = 365) -> list[tuple[str, int]]:
    """Why members left in the last `days`, most frequent first, as (label, count); memberships
    ended before the reason was asked count as "niet gevraagd". One query."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    rows = (
        office.memberships.filter(left_on__gte=since).values("left_reason").annotate(n=Count("pk"))
    )
    labels = dict(LeaveReason.choices)
    counted = [(labels.get(row["left_reason"], _("niet gevraagd")), row["n"]) for row in rows]
    return sorted(counted, key=lambda pair: (-pair[1], pair[0]))


def leave_reasons_cached(office: Office) -> list[tuple[str, int]]:
    """`leave_reasons` for the office page, kept like its other facts (`office_facts`)."""
    return cached_part("leave-reasons", (office.pk,), lambda: leave_reasons(office))


def _active_on(on: datetime.date) -> Q:
    """`MembershipQuerySet.active_on` as a condition, for counting inside one aggregate."""
    return Q(joined_on__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on))


def office_figures(office: Office) -> dict:
    """Members now and a year ago, and who joined and left in that year: one aggregate query
    (the office page and the dashboard of an office with 350 members show it)."""
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    counts = office.memberships.aggregate(
        members=Count("pk", filter=_active_on(today)),
        members_year_ago=Count("pk", filter=_active_on(year_ago)),
        joined_last_year=Count("pk", filter=Q(joined_on__gt=year_ago)),
        left_last_year=Count("pk", filter=Q(left_on__gt=year_ago, left_on__lte=today)),
    )
    return {
        "members": counts["members"],
        "size_label": SizeClass(size_class_for(counts["members"])).label,
        "members_year_ago": counts["members_year_ago"],
        "joined_last_year": counts["joined_last_year"],
        "left_last_year": counts["left_last_year"],
    }


def office_facts(office: Office) -> dict:
    """What the office page shows of the office itself, the same for everyone who may open
    the page: its figures, members per branch, members through time, its kartrekkers,
    municipalities and partners, and what the apps above network add (`page_parts`: phase,
    founding, social value).

    Kept at most a minute and computed afresh after any write on the site
    (`core.part_cache`): for an office with 350 members these were a third of the page's time
    (issue #19), and they are the same for every visit in between.
    """
    return cached_part("office-facts", (office.pk,), lambda: _office_facts(office))


def _office_facts(office: Office) -> dict:
    return {
        "figures": office_figures(office),
        "branch_counts": branch_counts(office),
        "series": membership_series(office),
        "kartrekkers": kartrekkers_by_office([office.pk]).get(office.pk, []),
        "municipalities": list(office.municipalities.order_by("name")),
        "partners": list(office.partners.order_by("name")),
        **page_parts.office_page_context(office),
    }


def municipality_detail(municipality: Municipality) -> dict:
    offices = list(
        municipality.offices.with_member_count().prefetch_related("municipalities").order_by("name")
    )
    entrepreneurs = Entrepreneur.objects.filter(municipality=municipality)
    return {
        "offices": offices,
        "bodies": list(municipality.bodies.order_by("name")),
        "partners": list(municipality.partners.order_by("name")),
        "entrepreneur_count": entrepreneurs.count(),
        "member_count": sum(office.member_count for office in offices),
    }


def research_overview() -> dict:
    """National aggregates without names: what a researcher may see before pseudonymised exports."""
    today = timezone.localdate()
    offices = Office.objects.founded().with_member_count()
    by_initiative = {
        Initiative(row["initiative"]).label: row["count"]
        for row in offices.values("initiative")
        .annotate(count=Count("id", distinct=True))
        .order_by()
    }
    sizes = {label: 0 for label in SizeClass.labels}
    for office in offices.only("id"):
        sizes[office.get_size_class_display()] += 1
    covered = Municipality.objects.filter(
        pk__in=Office.municipalities.through.objects.exclude(
            office__status=OfficeStatus.FOUNDING
        ).values("municipality_id")
    )
    return {
        "office_count": Office.objects.founded().count(),
        "municipality_count": covered.count(),
        "member_count": Membership.objects.active_on(today).count(),
        "population_covered": covered.aggregate(total=Sum("population"))["total"] or 0,
        "by_initiative": by_initiative,
        "by_size": sizes,
    }


# --- the start page's to-do items (one query each) ------------------------------------------


def claims_to_answer(viewer) -> list[ToDo]:
    """Offices asking to count one of the viewer's businesses as a member: theirs to confirm
    or refuse (`network:claim_answer`)."""
    claims = (
        rules.claims_to_answer_by(viewer)
        .select_related("office", "entrepreneur")
        .order_by("created_at", "pk")[:SHOWN]
    )
    return [
        ToDo(
            title=_("%(office)s wil %(business)s als lid tellen: bevestig of weiger")
            % {"office": claim.office.name, "business": claim.entrepreneur.business_name},
            detail=_("Gevraagd op %(date)s. Zonder uw ja wordt u geen lid.")
            % {"date": day(claim.created_at)},
            url=reverse("network:claim_answer", args=[claim.pk]),
        )
        for claim in claims
    ]


def claims_waiting(viewer) -> list[ToDo]:
    """Per office the viewer leads: how many businesses have yet to confirm their membership
    (for information: the business decides, not the lead)."""
    rows = (
        rules.claims_of_led_offices(viewer)
        .values("office__name", "office__slug")
        .annotate(n=Count("pk"))
        .order_by("office__name")
    )
    return [
        ToDo(
            title=ngettext(
                "%(count)s ondernemer moet het lidmaatschap nog bevestigen",
                "%(count)s ondernemers moeten het lidmaatschap nog bevestigen",
                row["n"],
            )
            % {"count": row["n"]},
            detail=_("%(office)s vroeg het hun; zij beslissen zelf.")
            % {"office": row["office__name"]},
            url=reverse("network:office_detail", args=[row["office__slug"]]),
            count=row["n"],
            urgency=Urgency.INFO,
        )
        for row in rows
    ]


# --- roles -----------------------------------------------------------------------------------

GRANT_STATUSES = ("current", "future", "ended", "all")


def grants_listed(grants: QuerySet, status: str = "current", query: str = "") -> QuerySet:
    """Role grants for the pages "Rollen": current, future, ended or all, newest start first,
    each with the person and the scope it holds on in the same query."""
    if status not in GRANT_STATUSES:
        status = "current"
    if status != "all":
        grants = getattr(grants, status)()
    if query:
        grants = grants.filter(
            Q(user__email__icontains=query) | Q(user__full_name__icontains=query)
        )
    return grants.select_related(
        "user", "office", "municipality", "partner", "entrepreneur"
    ).order_by("-starts_on", "-pk")


def kartrekkers_by_office(office_ids) -> dict[int, list[dict]]:
    """Each office's current kartrekkers (name, first day in the role), longest serving first;
    one query for all the offices of a page."""
    from kapstok.accounts.models import Role, RoleGrant

    grants = (
        RoleGrant.objects.current()
        .filter(office_id__in=office_ids, role=Role.LEAD, user__is_active=True)
        .select_related("user")
        .order_by("starts_on", "pk")
    )
    found: dict[int, list[dict]] = {}
    for grant in grants:
        found.setdefault(grant.office_id, []).append(
            {"name": grant.user.get_full_name(), "since": grant.starts_on}
        )
    return found


def successors_for(grant):
    """Who may take over a role's open work: the people with a current role on the same
    office, the leaving person excluded."""
    from kapstok.accounts.models import RoleGrant, User

    holders = RoleGrant.objects.current().filter(office_id=grant.office_id).values("user_id")
    return (
        User.objects.filter(is_active=True, pk__in=holders)
        .exclude(pk=grant.user_id)
        .order_by("full_name", "email")
    )
