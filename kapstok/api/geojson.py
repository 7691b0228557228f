"""GET /offices.geojson: every public POS-kantoor as a GeoJSON point, for maps elsewhere.

For the POS website and anyone drawing the offices on their own map. One Feature per office
that the public may find (dissolved offices are left out), at the office's label point (the
label point of its most populous municipality, see `kapstok.public.selectors.label_point`),
with the same public fields as `/offices`. Nothing internal, whoever asks: a map is public.
Served as `application/geo+json` (RFC 7946); coordinates are [longitude, latitude] in WGS84.
"""

from ninja import Field, Router, Schema

from django.http import JsonResponse

from kapstok.public.selectors import label_point, public_offices

from .offices import public_fields

router = Router(tags=["POS-kantoren"])


class PointGeometry(Schema):
    type: str = Field("Point", description="Altijd `Point`.")
    coordinates: list[float] = Field(description="[lengtegraad, breedtegraad] in WGS84.")


class OfficeFeature(Schema):
    type: str = Field("Feature", description="Altijd `Feature`.")
    id: str = Field(description="Slug van het kantoor.")
    geometry: PointGeometry
    properties: dict = Field(
        description="De openbare velden van het kantoor, zoals in /offices (zonder `internal`)."
    )


class OfficeCollection(Schema):
    type: str = Field("FeatureCollection", description="Altijd `FeatureCollection`.")
    features: list[OfficeFeature]


def office_feature(request, office) -> dict:
    lat, lon = label_point(office)
    properties = public_fields(request, office)
    properties["founded_on"] = office.founded_on.isoformat() if office.founded_on else None
    return {
        "type": "Feature",
        "id": office.slug,
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
        "properties": properties,
    }


@router.get(
    "/offices.geojson",
    response={200: OfficeCollection},
    operation_id="office_geojson",
    # Documents the content type actually sent (schemathesis ST105).
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "application/geo+json": {
                        "schema": {"$ref": "#/components/schemas/OfficeCollection"}
                    }
                }
            }
        }
    },
    summary="POS-kantoren als GeoJSON",
    description=(
        "Alle openbare POS-kantoren als GeoJSON FeatureCollection (RFC 7946), elk als punt op "
        "het labelpunt van zijn grootste gemeente, met de openbare velden. Inhoudstype "
        "`application/geo+json`. Opgeheven kantoren en interne gegevens staan er nooit in."
    ),
)
def office_geojson(request):
    features = [office_feature(request, office) for office in public_offices()]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )
