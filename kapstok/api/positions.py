"""GET /national-positions: POS-wide positions, and their totals per office and municipality.

Read-only, as the rest of the API: endorsing is done on the position's page. The same rules as
the pages (`kapstok.influence.rules`): POS reads concepts too and sees every count exactly; the
current members of any office, the leads and the municipalities' contacts read what was opened;
small counts reach them as a band (`count` null, `label` "< 5"), members and leads get the
counts per office and a civil servant only those of their own municipalities. Anyone else gets
an empty list and 404s. Never a business name: those are only in the municipality's PDF.
"""

import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.influence import rules, selectors
from kapstok.influence.models import NationalPosition

from .schemas import ErrorOut

router = Router(tags=["Landelijke standpunten"])


class NationalPositionOut(Schema):
    id: int
    title: str
    ask: str
    body: str
    status: str
    closes_on: datetime.date | None
    opened_at: datetime.datetime | None
    sent_at: datetime.datetime | None


class CountOut(Schema):
    key: str
    name: str
    count: int | None
    label: str


class TotalsOut(Schema):
    total: int | None
    total_label: str
    per_office: list[CountOut] | None
    per_municipality: list[CountOut]


def _position_fields(position: NationalPosition) -> dict:
    return {
        "id": position.pk,
        "title": position.title,
        "ask": position.ask,
        "body": position.body,
        "status": position.status,
        "closes_on": position.closes_on,
        "opened_at": position.opened_at,
        "sent_at": position.sent_at,
    }


def _visible_position(request, position_id: int) -> tuple[access.Viewer, NationalPosition]:
    viewer = access.viewer_for(request.user)
    try:
        position = rules.national_positions_visible_to(viewer).get(pk=position_id)
    except ObjectDoesNotExist as missing:
        raise HttpError(404, _("Standpunt niet gevonden.")) from missing
    return viewer, position


@router.get(
    "",
    response={200: list[NationalPositionOut]},
    operation_id="national_position_list",
    summary="Landelijke standpunten",
    description=(
        "De standpunten die POS namens alle kantoren inneemt, nieuwste eerst. Voor POS (ook "
        "concepten), leden van een kantoor, kartrekkers en gemeenten; anderen krijgen een "
        "lege lijst."
    ),
)
def national_position_list(request):
    viewer = access.viewer_for(request.user)
    return [_position_fields(p) for p in rules.national_positions_visible_to(viewer)]


@router.get(
    "/{position_id}",
    response={200: NationalPositionOut, 404: ErrorOut},
    operation_id="national_position_detail",
    summary="Eén landelijk standpunt",
    description=(
        "Titel, vraag, toelichting, status en sluitdatum. Een concept vindt alleen POS; wie "
        "het standpunt niet mag lezen krijgt 404."
    ),
)
def national_position_detail(request, position_id: int):
    _viewer, position = _visible_position(request, position_id)
    return _position_fields(position)


def _count(row, exact: bool, key: str) -> dict:
    return {
        "key": key,
        "name": row.place.name,
        "count": row.count if exact or row.label == str(row.count) else None,
        "label": row.label,
    }


@router.get(
    "/{position_id}/totals",
    response={200: TotalsOut, 404: ErrorOut},
    operation_id="national_position_totals",
    summary="Steun per kantoor en per gemeente",
    description=(
        "Het landelijke totaal, per kantoor (`key` is de slug) en per gemeente van het "
        "steunende bedrijf (`key` is de CBS-code). POS ziet alles exact; anderen zien kleine "
        'aantallen als bandbreedte (`count` leeg, `label` "< 5"), per kantoor alleen als lid '
        "of kartrekker, en als gemeente alleen de eigen gemeente."
    ),
)
def national_position_totals(request, position_id: int):
    viewer, position = _visible_position(request, position_id)
    exact = rules.sees_exact_national_counts(viewer)
    totals = selectors.national_totals(position, exact=exact)
    own = rules.national_municipalities_of(viewer)
    places = [
        _count(row, exact, row.place.code)
        for row in totals.per_municipality
        if exact or row.place.pk in own
    ]
    offices = None
    if rules.sees_office_totals(viewer):
        offices = [_count(row, exact, row.place.slug) for row in totals.per_office]
    return {
        "total": totals.total if exact or totals.total_label == str(totals.total) else None,
        "total_label": totals.total_label,
        "per_office": offices,
        "per_municipality": places,
    }
