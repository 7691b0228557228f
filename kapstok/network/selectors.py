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
from kapstok.core.todo import SHOWN, ToDo, Urgency, day

from . import rules
from .models import (
    ClaimStatus,
    Entrepreneur,
    Initiative,
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
    return qs.order_by("name")


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


def membership_series(office: Office, until: datetime.date | None = None) -> list[dict]:
    until = until or timezone.localdate()
    periods = list(office.memberships.values_list("joined_on", "left_on"))
    series = monthly_counts(periods, until, since=min(office.founded_on, until))
    peak = max((count for _month, count in series), default=0) or 1
    return [
        {"date": month, "count": count, "percent": round(100 * count / peak)}
        for month, count in series
    ]


def members_for(office: Office, detail: MemberDetail) -> QuerySet:
    """The current members a viewer may see, with what they may see of them prefetched."""
    memberships = (
        Membership.objects.current()
        .filter(office=office)
        .select_related("entrepreneur", "entrepreneur__municipality")
        .prefetch_related(
            Prefetch("entrepreneur__branches", queryset=SportBranch.objects.order_by("sort_order"))
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


def office_figures(office: Office) -> dict:
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    current = office.memberships.active_on(today).count()
    return {
        "members": current,
        "size_label": SizeClass(size_class_for(current)).label,
        "members_year_ago": office.memberships.active_on(year_ago).count(),
        "joined_last_year": office.memberships.filter(joined_on__gt=year_ago).count(),
        "left_last_year": office.memberships.filter(
            left_on__gt=year_ago, left_on__lte=today
        ).count(),
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
    offices = Office.objects.with_member_count()
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
        pk__in=Office.municipalities.through.objects.values("municipality_id")
    )
    return {
        "office_count": Office.objects.count(),
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
