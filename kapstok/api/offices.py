"""GET /offices and /offices/{slug}: POS-kantoren, public fields for all, internal ones by access.

What a caller sees of one office is decided by `kapstok.accounts.access`, as on the pages:
`can_view_office` unlocks the `internal` block, `member_detail` >= NETWORK its contact details.
"""

from typing import Annotated

from ninja import Path, Query, Router
from ninja.errors import HttpError

from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.network import rules as network_rules
from kapstok.network import selectors
from kapstok.network.models import Office

from .errors import InvalidInput
from .pagination import page_of
from .schemas import ErrorOut, OfficeDetailOut, OfficeFilterParams, OfficePage, PageParams

router = Router(tags=["POS-kantoren"])

# Django's slug characters; in the schema, so a client knows what an office address may hold.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


def check_province(province: str | None) -> None:
    """Refuse a province that has no current municipality, naming the ones that do."""
    if not province:
        return
    known = selectors.provinces()
    if province not in known:
        raise InvalidInput(
            _("Onbekende provincie '%(province)s'. Kies uit: %(known)s.")
            % {"province": province, "known": ", ".join(known)}
        )


@router.get(
    "",
    response={200: OfficePage, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_list",
    summary="POS-kantoren zoeken",
    description=(
        "Alle POS-kantoren, op naam, per pagina. Opgeheven kantoren ziet alleen wie er intern "
        "toegang toe heeft. Het blok `internal` is gevuld voor ingelogde gebruikers die de "
        "interne pagina van dat kantoor mogen zien, anders null."
    ),
)
def office_list(request, filters: Query[OfficeFilterParams], paging: Query[PageParams]):
    viewer = access.viewer_for(request.user)
    check_province(filters.province)
    wanted = selectors.OfficeFilters(
        province=filters.province or "",
        status=filters.status or "",
        initiative=filters.initiative or "",
        size=filters.size or "",
        query=(filters.q or "").strip(),
    )
    page = page_of(selectors.office_list(network_rules.offices_findable_by(viewer), wanted), paging)
    return {**page.meta(), "items": office_rows(request, viewer, page.items)}


@router.get(
    "/{slug}",
    response={200: OfficeDetailOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="office_detail",
    summary="Eén POS-kantoor",
    description=(
        "Een POS-kantoor met de gegevens van zijn openbare pagina, en voor wie het kantoor intern "
        "mag zien het blok `internal`. Leden en hun persoonsgegevens staan nooit in de API."
    ),
)
def office_detail(
    request,
    slug: Annotated[str, Path(pattern=SLUG_PATTERN, description="Webadres van het kantoor.")],
):
    viewer = access.viewer_for(request.user)
    offices = selectors.office_list(
        network_rules.offices_findable_by(viewer), selectors.OfficeFilters()
    )
    office = offices.filter(slug=slug).first()
    if office is None:
        raise HttpError(404, _("Kantoor niet gevonden."))
    (row,) = office_rows(request, viewer, [office])
    return {**row, "description": office.description}


def office_rows(request, viewer: access.Viewer, offices: list[Office]) -> list[dict]:
    """Offices as response dicts; needs `with_member_count` and prefetched municipalities."""
    internal = {office.pk for office in offices if access.can_view_office(viewer, office)}
    branches = selectors.branch_counts_by_office(internal) if internal else {}
    leads = selectors.kartrekkers_by_office(internal) if internal else {}
    return [
        {
            **public_fields(request, office),
            "internal": (
                internal_fields(viewer, office, branches[office.pk], leads.get(office.pk, []))
                if office.pk in internal
                else None
            ),
        }
        for office in offices
    ]


def public_fields(request, office: Office) -> dict:
    municipalities = list(office.municipalities.all())
    return {
        "name": office.name,
        "slug": office.slug,
        "municipalities": [{"code": m.code, "name": m.name} for m in municipalities],
        "province": " / ".join(sorted({m.province for m in municipalities})),
        "status": office.status,
        "initiative": office.initiative,
        "founded_on": office.founded_on,
        "member_count": office.member_count,
        "size_class": office.size_class,
        "public_url": request.build_absolute_uri(office.get_public_url()),
    }


def internal_fields(
    viewer: access.Viewer, office: Office, branches: list[dict], kartrekkers: list[dict]
) -> dict:
    sees_contact = access.member_detail(viewer, office) >= access.MemberDetail.NETWORK
    return {
        "legal_form": office.legal_form,
        "contact_name": office.contact_name,
        "contact_email": office.contact_email if sees_contact else None,
        "contact_phone": office.contact_phone if sees_contact else None,
        "members_by_branch": branches,
        "kartrekkers": kartrekkers,
    }
