"""Loading the public reference data shipped in `network/data/` (see its SOURCES.md).

Both loaders are idempotent: running them again updates rows in place. A municipality missing
from a newer file is given an end date instead of being deleted, because offices, entrepreneurs
and history still point to it (municipal mergers happen most years).
"""

import csv
import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Municipality, MunicipalityBoundary, SbiCode, SportBranch
from .taxonomy import BRANCHES
from .validators import cbs_code_validator

# Shown wherever municipal figures or boundaries appear (the licence asks for it).
DATA_ATTRIBUTION = "Bron: CBS / PDOK, CC BY 4.0"

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "gemeenten.csv"
MUNICIPALITIES_GEOJSON = DATA_DIR / "gemeenten.geojson"
SBI_CSV = DATA_DIR / "sbi_sport.csv"


REQUIRED_COLUMNS = {
    "code",
    "name",
    "province_code",
    "province",
    "population",
    "area_land_km2",
    "density",
    "urbanisation",
    "lat",
    "lon",
    "year",
}


class ReferenceDataError(Exception):
    """A reference file that cannot be loaded; the message is Dutch and names the problem."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    ended: int


def read_municipality_rows(path: Path) -> list[dict]:
    """Read and check the CBS municipality table before anything is written."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ReferenceDataError(f"{path} is geen leesbaar CSV-bestand ({error}).") from error
    missing = REQUIRED_COLUMNS - set(rows[0] if rows else ())
    if missing:
        raise ReferenceDataError(
            f"{path} mist de kolommen {', '.join(sorted(missing))}; "
            "verwacht wordt het CBS-gemeentebestand (gemeenten.csv)."
        )
    for line, row in enumerate(rows, start=2):
        try:
            cbs_code_validator(row["code"])
            int(row["population"])
        except (ValidationError, ValueError) as error:
            raise ReferenceDataError(
                f"Regel {line}: ongeldige gemeente {row['code']!r}."
            ) from error
    return rows


def read_boundaries(path: Path) -> dict[str, dict]:
    try:
        with path.open(encoding="utf-8") as handle:
            collection = json.load(handle)
        return {
            feature["properties"]["code"]: feature["geometry"] for feature in collection["features"]
        }
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ReferenceDataError(
            f"{path} is geen GeoJSON met gemeentegrenzen ({error})."
        ) from error


def _municipality_fields(row: dict) -> dict:
    return {
        "name": row["name"],
        "province_code": row["province_code"],
        "province": row["province"],
        "population": int(row["population"]),
        "area_land_km2": Decimal(row["area_land_km2"]),
        "density": int(row["density"]),
        "urbanisation": int(row["urbanisation"]),
        "label_lat": float(row["lat"]),
        "label_lon": float(row["lon"]),
        "statistics_year": int(row["year"]),
        "ended_on": None,
    }


@transaction.atomic
def municipalities_load(
    *,
    csv_path: Path = MUNICIPALITIES_CSV,
    geojson_path: Path | None = MUNICIPALITIES_GEOJSON,
    today: datetime.date,
) -> LoadResult:
    """Create or update every municipality in the file; end those that are no longer in it."""
    rows = read_municipality_rows(csv_path)
    boundaries = read_boundaries(geojson_path) if geojson_path else {}
    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    for row in rows:
        fields = _municipality_fields(row)
        municipality = existing.get(row["code"])
        if municipality is None:
            Municipality.objects.create(code=row["code"], **fields)
            created += 1
        elif any(getattr(municipality, key) != value for key, value in fields.items()):
            Municipality.objects.filter(pk=municipality.pk).update(**fields)
            updated += 1
    if boundaries:
        _boundaries_store(boundaries)
    seen = {row["code"] for row in rows}
    ended = (
        Municipality.objects.filter(ended_on__isnull=True)
        .exclude(code__in=seen)
        .update(ended_on=today)
    )
    return LoadResult(created=created, updated=updated, ended=ended)


def _boundaries_store(boundaries: dict[str, dict]) -> None:
    """Replace the stored outlines with those of the file (one query to delete, one to insert)."""
    ids = dict(Municipality.objects.filter(code__in=boundaries).values_list("code", "pk"))
    MunicipalityBoundary.objects.filter(municipality_id__in=ids.values()).delete()
    MunicipalityBoundary.objects.bulk_create(
        MunicipalityBoundary(municipality_id=ids[code], geometry=geometry)
        for code, geometry in boundaries.items()
        if code in ids
    )


@transaction.atomic
def taxonomy_load(*, sbi_path: Path = SBI_CSV) -> LoadResult:
    """Create or update the branches of sport and the SBI codes that point to them."""
    created = updated = 0
    for order, spec in enumerate(BRANCHES):
        _branch, was_created = SportBranch.objects.update_or_create(
            slug=spec.slug, defaults={"name": spec.name, "group": spec.group, "sort_order": order}
        )
        created += was_created
        updated += not was_created
    with sbi_path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            version = "SBI2008" if row["sbi_version"] == "SBI2008" else "SBI2025"
            SbiCode.objects.update_or_create(
                version=version,
                code=row["code"],
                defaults={
                    "label": row["label_nl"] or row["label_en"],
                    "relevance": row.get("relevance", ""),
                },
            )
    branches = {b.slug: b for b in SportBranch.objects.all()}
    codes = {c.code: c for c in SbiCode.objects.filter(version="SBI2008")}
    for spec in BRANCHES:
        wanted = [codes[code] for code in spec.sbi_codes if code in codes]
        branches[spec.slug].sbi_codes.set(wanted)
    return LoadResult(created=created, updated=updated, ended=0)
