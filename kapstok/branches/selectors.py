"""Read side of the branch organisations: their members across the offices, per office.

Every figure is counted in a fixed number of grouped queries, whatever the number of offices
or members (the tests count them):

- *members*: current members of an office whose business belongs to the organisation;
- *share*: those members among all the office's current members;
- *branch members*: the office's current members in one of the organisation's branches (a
  business can be in a branch without belonging to the organisation);
- *landscape* and *covered*: the businesses of the office's landscape (`representation`) in
  the organisation's branches, and those of them that are members of the office, with the
  one definition of "covered" of `kapstok.representation.selectors`;
- offices *lacking* the branch: offices (not dissolved) without one current member in any of
  the organisation's branches.

Counts of people are passed through `small_count` unless the caller may see them exactly
(`rules.sees_exact_counts`), so a count per office cannot point at one business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kapstok.accounts.access import MemberDetail
from kapstok.analysis.disclosure import small_count
from kapstok.core.todo import ToDo, Urgency
from kapstok.network.models import (
    BranchOrganisation,
    Entrepreneur,
    Membership,
    Office,
    OfficeStatus,
    SportBranch,
)
from kapstok.representation.models import LandscapeBusiness
from kapstok.representation.selectors import COVERED, with_coverage

from . import rules


def _percent(part: int, whole: int) -> int | None:
    return None if not whole else round(100 * part / whole)


@dataclass
class OfficeRow:
    """One office as the organisation's page shows it."""

    office_id: int
    name: str
    slug: str
    office_members: int
    members: int = 0
    branch_members: int = 0
    landscape: int = 0
    covered: int = 0
    exact: bool = True

    @property
    def members_shown(self) -> str:
        return str(self.members) if self.exact else small_count(self.members)

    @property
    def members_exact(self) -> int | None:
        """The count when it may be shown exactly, else None (the API's `members`)."""
        return self.members if self.members_shown == str(self.members) else None

    @property
    def share_percent(self) -> int | None:
        """The organisation's members among the office's; hidden with a banded count (the
        office's member count is public, so the share would give the count away)."""
        if self.members_exact is None:
            return None
        return _percent(self.members, self.office_members)

    @property
    def coverage_percent(self) -> int | None:
        return _percent(self.covered, self.landscape)

    @property
    def lacks_branch(self) -> bool:
        return self.branch_members == 0


@dataclass
class Overview:
    """The organisation's page: totals, a row per office, the offices lacking its branches."""

    organisation: BranchOrganisation
    branch_names: list[str]
    affiliated: int
    members: int
    exact: bool
    rows: list[OfficeRow] = field(default_factory=list)

    @property
    def members_shown(self) -> str:
        return str(self.members) if self.exact else small_count(self.members)

    @property
    def present(self) -> list[OfficeRow]:
        """Offices with members of the organisation or in its branches, most members first."""
        rows = [row for row in self.rows if row.members or row.branch_members]
        return sorted(rows, key=lambda row: (-row.members, -row.branch_members, row.name))

    @property
    def lacking(self) -> list[OfficeRow]:
        """Offices without a member in the organisation's branches, largest landscape first."""
        rows = [row for row in self.rows if row.lacks_branch]
        return sorted(rows, key=lambda row: (-row.landscape, row.name))

    @property
    def offices_reached(self) -> int:
        return sum(1 for row in self.rows if row.members)


def _grouped(queryset, key: str, value: str) -> dict[int, int]:
    return dict(queryset.values_list(key).annotate(n=Count(value, distinct=True)).order_by())


def organisation_overview(organisation: BranchOrganisation, *, exact: bool) -> Overview:
    """Everything the organisation's page and the API's detail show, in seven queries."""
    branches = list(organisation.branches.order_by("sort_order").values_list("pk", "name"))
    branch_ids = [pk for pk, _name in branches]
    offices = (
        Office.objects.working()
        .with_member_count()
        .order_by("name")
        .values_list("pk", "name", "slug", "member_count")
    )
    rows = {
        pk: OfficeRow(pk, name, slug, office_members=count, exact=exact)
        for pk, name, slug, count in offices
    }
    current = Membership.objects.current().filter(office_id__in=list(rows))
    of_organisation = current.filter(entrepreneur__branch_organisations=organisation)
    for office_id, count in _grouped(of_organisation, "office_id", "entrepreneur").items():
        rows[office_id].members = count
    if branch_ids:
        in_branches = current.filter(entrepreneur__branches__in=branch_ids)
        for office_id, count in _grouped(in_branches, "office_id", "entrepreneur").items():
            rows[office_id].branch_members = count
        landscape = (
            with_coverage(
                LandscapeBusiness.objects.filter(office_id__in=list(rows), branch_id__in=branch_ids)
            )
            .values("office_id")
            .annotate(total=Count("pk"), covered=Count("pk", filter=COVERED))
            .order_by()
        )
        for row in landscape:
            rows[row["office_id"]].landscape = row["total"]
            rows[row["office_id"]].covered = row["covered"]
    totals = Entrepreneur.objects.filter(branch_organisations=organisation).aggregate(
        affiliated=Count("pk", distinct=True)
    )
    return Overview(
        organisation=organisation,
        branch_names=[name for _pk, name in branches],
        affiliated=totals["affiliated"],
        members=of_organisation.values("entrepreneur_id").distinct().count(),
        exact=exact,
        rows=list(rows.values()),
    )


@dataclass
class OrganisationTotals:
    """One line of the list of organisations."""

    organisation: BranchOrganisation
    affiliated: int
    members: int
    offices: int
    exact: bool

    @property
    def members_shown(self) -> str:
        return str(self.members) if self.exact else small_count(self.members)

    @property
    def members_exact(self) -> int | None:
        return self.members if self.members_shown == str(self.members) else None


def organisation_totals(organisations: QuerySet, *, exact: bool) -> list[OrganisationTotals]:
    """Per organisation: businesses affiliated, of them current members of an office, and the
    offices (not dissolved, as on its page) they are in; three queries for any number of
    organisations."""
    listed = list(
        organisations.annotate(affiliated=Count("entrepreneurs", distinct=True))
        .prefetch_related(Prefetch("branches", queryset=SportBranch.objects.order_by("sort_order")))
        .order_by("name")
    )
    in_offices = (
        Membership.objects.current()
        .exclude(office__status__in=[OfficeStatus.DISSOLVED, OfficeStatus.FOUNDING])
        .filter(entrepreneur__branch_organisations__in=[o.pk for o in listed])
        .values_list("entrepreneur__branch_organisations")
        .annotate(
            members=Count("entrepreneur", distinct=True), offices=Count("office", distinct=True)
        )
        .order_by()
    )
    counts = {pk: (members, offices) for pk, members, offices in in_offices}
    return [
        OrganisationTotals(
            organisation=organisation,
            affiliated=organisation.affiliated,
            members=counts.get(organisation.pk, (0, 0))[0],
            offices=counts.get(organisation.pk, (0, 0))[1],
            exact=exact,
        )
        for organisation in listed
    ]


def listed_members(organisation: BranchOrganisation, detail: MemberDetail) -> QuerySet:
    """The organisation's members in offices a viewer sees by name: only those listed
    publicly on their office's page unless `detail` is NETWORK or more. Public fields only
    (business name, branches, website, office): never contact details. Dissolved offices are
    left out, as everywhere on the page."""
    if detail <= MemberDetail.NONE:
        return Membership.objects.none()
    memberships = (
        Membership.objects.current()
        .filter(entrepreneur__branch_organisations=organisation)
        .exclude(office__status__in=[OfficeStatus.DISSOLVED, OfficeStatus.FOUNDING])
        .select_related("office", "entrepreneur")
        .prefetch_related(
            Prefetch("entrepreneur__branches", queryset=SportBranch.objects.order_by("sort_order"))
        )
        .order_by("entrepreneur__business_name", "office__name")
    )
    if detail <= MemberDetail.PUBLIC:
        memberships = memberships.filter(listed_publicly=True)
    return memberships


def offices_lacking_branch(viewer) -> list[ToDo]:
    """For a branch organisation's staff: per organisation, the offices without one member in
    its branches, as a line linking to its page (one query per organisation they work for,
    and nearly everyone works for one)."""
    items = []
    for organisation in rules.organisations_staffed_by(viewer).order_by("name"):
        in_branches = Membership.objects.current().filter(
            office=OuterRef("pk"),
            entrepreneur__branches__in=organisation.branches.values("pk"),
        )
        lacking = Office.objects.working().filter(~Exists(in_branches)).count()
        url = reverse("branches:organisation_detail", args=[organisation.slug])
        if not lacking:
            continue
        items.append(
            ToDo(
                title=ngettext(
                    "%(count)s kantoor heeft geen lid in de takken van %(name)s",
                    "%(count)s kantoren hebben geen lid in de takken van %(name)s",
                    lacking,
                )
                % {"count": lacking, "name": organisation.name},
                url=url,
                detail=_("Daar kan de organisatie haar leden wijzen op het kantoor."),
                count=lacking,
                urgency=Urgency.INFO,
            )
        )
    return items
