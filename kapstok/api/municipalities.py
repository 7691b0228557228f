"""GET /municipalities and /municipalities/{code}: CBS facts about Dutch municipalities.

These are public statistics (CBS, open licence), so any caller may read them; the office slugs
listed with a municipality follow the same visibility as GET /offices.
"""

from typing import Annotated

from ninja import Path, Query, Router
from ninja.errors import HttpError

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.network import rules as network_rules
from kapstok.network.models import Municipality, Urbanisation
from kapstok.network.validators import cbs_code_validator

from .errors import InvalidInput
from .offices import check_province
from .pagination import page_of
from .schemas import (
    ErrorOut,
    MunicipalityDetailOut,
    MunicipalityDetailParams,
    MunicipalityFilterParams,
    MunicipalityPage,
    PageParams,
)

router = Router(tags=["Gemeenten"])

# In the schema too, so that a client (and schemathesis) knows a malformed code is refused.
CODE_PATTERN = r"^[Gg][Mm][0-9]{4}$"


def municipalities_with_offices(viewer: access.Viewer) -> QuerySet:
    """Municipalities without their (large) boundary, with the offices this viewer may find."""
    offices = network_rules.offices_findable_by(viewer).only("slug").order_by("slug")
    return Municipality.objects.prefetch_related(Prefetch("offices", queryset=offices))


@router.get(
    "",
    response={200: MunicipalityPage, 404: ErrorOut, 422: ErrorOut},
    operation_id="municipality_list",
    summary="Gemeenten",
    description=(
        "De huidige Nederlandse gemeenten volgens het CBS, op naam, per pagina, zonder "
        "gemeentegrens. Opgeheven gemeenten zijn op te vragen met hun code."
    ),
)
def municipality_list(request, filters: Query[MunicipalityFilterParams], paging: Query[PageParams]):
    viewer = access.viewer_for(request.user)
    check_province(filters.province)
    municipalities = municipalities_with_offices(viewer).current().order_by("name")
    if filters.province:
        municipalities = municipalities.filter(province=filters.province)
    page = page_of(municipalities, paging)
    return {**page.meta(), "items": [municipality_fields(m) for m in page.items]}


@router.get(
    "/{code}",
    response={200: MunicipalityDetailOut, 404: ErrorOut, 422: ErrorOut},
    operation_id="municipality_detail",
    summary="Eén gemeente",
    description=(
        "Een gemeente op CBS-code (`GM` en vier cijfers), ook als ze is opgeheven. Met "
        "`?include=boundary` komt de gemeentegrens mee."
    ),
)
def municipality_detail(
    request,
    code: Annotated[str, Path(pattern=CODE_PATTERN, description="CBS-code, bijvoorbeeld GM0363.")],
    params: Query[MunicipalityDetailParams],
):
    code = code.upper()
    try:
        cbs_code_validator(code)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages)) from error
    viewer = access.viewer_for(request.user)
    municipalities = municipalities_with_offices(viewer)
    if params.include == "boundary":
        municipalities = municipalities.select_related("boundary")
    municipality = municipalities.filter(code=code).first()
    if municipality is None:
        raise HttpError(404, _("Gemeente niet gevonden."))
    boundary = None
    if params.include == "boundary" and hasattr(municipality, "boundary"):
        boundary = municipality.boundary.geometry
    return {**municipality_fields(municipality), "boundary": boundary}


def municipality_fields(municipality: Municipality) -> dict:
    return {
        "code": municipality.code,
        "name": municipality.name,
        "province": municipality.province,
        "population": municipality.population,
        "area_land_km2": float(municipality.area_land_km2),
        "density": municipality.density,
        "urbanisation": {
            "code": municipality.urbanisation,
            "label": str(Urbanisation(municipality.urbanisation).label),
        },
        "label_point": {"lat": municipality.label_lat, "lon": municipality.label_lon},
        "statistics_year": municipality.statistics_year,
        "ended_on": municipality.ended_on,
        "offices": [office.slug for office in municipality.offices.all()],
    }
