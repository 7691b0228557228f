"""GET /branch-organisations and /branch-organisations/{slug}: the 18 branch organisations.

Their names, websites and branches are public (they are POS's members); their figures are for
who may open their page (`kapstok.branches.rules`): POS and the organisation's own staff, with
small counts banded for the latter as on the page. Names of businesses are never in the API.
"""

from typing import Annotated

from ninja import Path, Router
from ninja.errors import HttpError

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.branches import rules, selectors
from kapstok.network.models import BranchOrganisation, SportBranch

from .offices import SLUG_PATTERN
from .schemas import ErrorOut, OrganisationDetailOut, OrganisationOut

router = Router(tags=["Brancheorganisaties"])

BRANCHES = Prefetch("branches", queryset=SportBranch.objects.order_by("sort_order"))


def _public(organisation) -> dict:
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "website": organisation.website,
        "branches": [branch.slug for branch in organisation.branches.all()],
    }


@router.get(
    "",
    response=list[OrganisationOut],
    operation_id="branch_organisation_list",
    summary="Brancheorganisaties",
    description=(
        "Alle brancheorganisaties op naam, met hun takken van sport. Het blok `totals` is "
        "gevuld voor het POS en voor de medewerkers van die organisatie, anders null."
    ),
)
def organisation_list(request):
    viewer = access.viewer_for(request.user)
    organisations = BranchOrganisation.objects.prefetch_related(BRANCHES).order_by("name")
    visible = rules.branch_organisations_visible_to(viewer)
    totals = {
        row.organisation.pk: row
        for row in selectors.organisation_totals(visible, exact=rules.sees_exact_counts(viewer))
    }
    return [
        {**_public(organisation), "totals": _totals(totals.get(organisation.pk))}
        for organisation in organisations
    ]


def _totals(row) -> dict | None:
    if row is None:
        return None
    return {
        "affiliated": row.affiliated,
        "members": row.members_exact,
        "members_shown": row.members_shown,
        "offices": row.offices,
    }


@router.get(
    "/{slug}",
    response={200: OrganisationDetailOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="branch_organisation_detail",
    summary="Eén brancheorganisatie",
    description=(
        "Een brancheorganisatie met haar takken, en voor het POS en haar eigen medewerkers het "
        "blok `internal`: per kantoor haar leden, hun aandeel, de dekking in haar takken en of "
        "het kantoor haar branche mist. Aantallen onder de 5 staan er voor haar medewerkers als "
        "'< 5'. Namen van bedrijven staan nooit in de API."
    ),
)
def organisation_detail(
    request,
    slug: Annotated[str, Path(pattern=SLUG_PATTERN, description="Sleutel van de organisatie.")],
):
    viewer = access.viewer_for(request.user)
    organisation = BranchOrganisation.objects.prefetch_related(BRANCHES).filter(slug=slug).first()
    if organisation is None:
        raise HttpError(404, _("Brancheorganisatie niet gevonden."))
    internal = None
    if rules.can_view_branch_organisation(viewer, organisation):
        internal = _internal(
            selectors.organisation_overview(organisation, exact=rules.sees_exact_counts(viewer))
        )
    return {**_public(organisation), "internal": internal}


def _internal(overview) -> dict:
    return {
        "affiliated": overview.affiliated,
        "members": overview.members if overview.members_shown == str(overview.members) else None,
        "members_shown": overview.members_shown,
        "offices": [
            {
                "slug": row.slug,
                "name": row.name,
                "office_members": row.office_members,
                "members": row.members_exact,
                "members_shown": row.members_shown,
                "share_percent": row.share_percent,
                "branch_members": row.branch_members,
                "landscape": row.landscape,
                "covered": row.covered,
                "coverage_percent": row.coverage_percent,
                "lacks_branch": row.lacks_branch,
            }
            for row in overview.rows
        ],
    }
