"""Request and response schemas of the JSON API.

Field names are English like the code; descriptions are Dutch like the interface, because they are
what a reader of the OpenAPI document sees. Internal office data sits in its own nested object
(`OfficeOut.internal`), so one glance at a response shows whether the caller got more than the
public page offers; see the module docstring of `kapstok.api.api` for why.
"""

import datetime
from typing import Literal

from ninja import Field, Schema

from kapstok.network.models import Initiative, LegalForm, OfficeStatus, SizeClass

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class ErrorOut(Schema):
    """Every error answer: one Dutch sentence, plus per-field details for invalid input."""

    detail: str = Field(description="Wat er mis is, in het Nederlands.")
    errors: list[dict] | None = Field(
        None, description="Bij ongeldige invoer: per parameter de plaats (`loc`) en de fout."
    )


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Paginanummer, vanaf 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Aantal resultaten per pagina (hoogstens {MAX_PAGE_SIZE}).",
    )


class PageOut(Schema):
    count: int = Field(description="Aantal resultaten over alle pagina's.")
    page: int = Field(description="Deze pagina.")
    pages: int = Field(description="Aantal pagina's.")
    page_size: int = Field(description="Resultaten per pagina.")


# The twelve provinces, spelled as in the CBS data; an unknown one is a 422 by the schema itself.
Province = Literal[
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]


# --- offices --------------------------------------------------------------------------------


class OfficeFilterParams(Schema):
    province: Province | None = Field(None, description="Provincie van een van de gemeenten.")
    status: OfficeStatus | None = Field(None, description="Status van het kantoor.")
    initiative: Initiative | None = Field(None, description="Op wiens initiatief opgericht.")
    size: SizeClass | None = Field(
        None, description="Grootteklasse, afgeleid van het huidige aantal leden."
    )
    q: str | None = Field(
        None,
        max_length=100,
        pattern=r"^[^\x00]*$",  # no NUL: PostgreSQL refuses it in text
        description="Zoek in de naam van het kantoor en van de gemeenten.",
    )


class MunicipalityRef(Schema):
    code: str = Field(description="CBS-gemeentecode, bijvoorbeeld GM0363.")
    name: str


class BranchCount(Schema):
    slug: str = Field(description="Code van de tak van sport (zie /branches).")
    name: str
    members: int = Field(description="Huidige leden in deze tak; een lid kan in meerdere tellen.")


class KartrekkerOut(Schema):
    name: str = Field(description="Naam van de kartrekker.")
    since: datetime.date = Field(description="Eerste dag in de rol.")


class OfficeInternal(Schema):
    """What the internal office page adds to the public one."""

    legal_form: LegalForm = Field(description="Rechtsvorm.")
    contact_name: str = Field(description="Contactpersoon van het kantoor.")
    contact_email: str | None = Field(
        description="Alleen voor wie de ledenlijst van het kantoor mag zien (kartrekkers, leden, "
        "POS); anders null."
    )
    contact_phone: str | None = Field(description="Zoals `contact_email`.")
    members_by_branch: list[BranchCount] = Field(
        description="Huidige leden per tak van sport, grootste eerst."
    )
    kartrekkers: list[KartrekkerOut] = Field(
        description="De huidige kartrekkers met de dag waarop hun rol begon, langst zittende "
        "eerst. Een beëindigde of nog niet begonnen rol staat er niet in."
    )


class OfficeOut(Schema):
    name: str
    slug: str = Field(description="Webadres van het kantoor; sleutel voor /offices/{slug}.")
    municipalities: list[MunicipalityRef]
    province: str = Field(
        description="Provincie; bij een kantoor over een provinciegrens de provincies, "
        "gescheiden door ' / '."
    )
    status: OfficeStatus
    initiative: Initiative
    founded_on: datetime.date | None = Field(
        description="Oprichtingsdatum; null zolang het kantoor in oprichting is (status "
        "`founding`)."
    )
    member_count: int = Field(description="Huidig aantal aangesloten ondernemers.")
    size_class: SizeClass = Field(
        description="Grootteklasse: klein tot 15 leden, groot vanaf 40 leden."
    )
    public_url: str = Field(description="De openbare pagina van het kantoor.")
    internal: OfficeInternal | None = Field(
        description="Interne gegevens: alleen voor ingelogde gebruikers die de interne "
        "kantoorpagina mogen zien; anders null."
    )


class OfficeDetailOut(OfficeOut):
    description: str = Field(description="Omschrijving zoals op de openbare pagina.")


class OfficePage(PageOut):
    items: list[OfficeOut]


# --- municipalities -------------------------------------------------------------------------


class MunicipalityFilterParams(Schema):
    province: Province | None = Field(None, description="Alleen gemeenten in deze provincie.")


class MunicipalityDetailParams(Schema):
    include: Literal["boundary"] | None = Field(
        None, description="`boundary` voegt de gemeentegrens toe (GeoJSON, groot)."
    )


class Urbanisation(Schema):
    code: int = Field(
        description="CBS-stedelijkheidsklasse, 1 (zeer sterk) tot 5 (niet stedelijk)."
    )
    label: str


class LabelPoint(Schema):
    lat: float
    lon: float


class MunicipalityOut(Schema):
    code: str = Field(description="CBS-gemeentecode, bijvoorbeeld GM0363.")
    name: str
    province: str
    population: int = Field(description="Inwoners.")
    area_land_km2: float = Field(description="Landoppervlakte in km².")
    density: int = Field(description="Inwoners per km² land.")
    urbanisation: Urbanisation
    label_point: LabelPoint = Field(description="Punt voor het label op een kaart (WGS84).")
    statistics_year: int = Field(description="Jaar waarop de cijfers betrekking hebben.")
    ended_on: datetime.date | None = Field(
        description="Opgeheven op (bij herindeling), anders null."
    )
    offices: list[str] = Field(description="Slugs van de POS-kantoren in deze gemeente.")


class MunicipalityDetailOut(MunicipalityOut):
    boundary: dict | None = Field(
        description="Gemeentegrens als GeoJSON-geometrie; alleen met `?include=boundary`."
    )


class MunicipalityPage(PageOut):
    items: list[MunicipalityOut]


# --- branches of sport ----------------------------------------------------------------------


class BranchOut(Schema):
    slug: str = Field(description="Code van de tak van sport.")
    name: str
    group: str = Field(description="Code van de groep takken.")
    group_label: str = Field(description="Naam van de groep takken.")


# --- branch organisations ----------------------------------------------------------------


class OrganisationTotalsOut(Schema):
    """What the list of branch organisations shows of one (for who may open it)."""

    affiliated: int = Field(
        description="Bekende bedrijven die bij de organisatie zijn aangesloten."
    )
    members: int | None = Field(
        description="Daarvan huidige leden van een POS-kantoor; null wanneer het minder dan 5 "
        "zijn en de vrager geen POS-medewerker is (zie `members_shown`)."
    )
    members_shown: str = Field(description="Het aantal zoals de pagina het toont, bv. '< 5'.")
    offices: int = Field(description="Kantoren met ten minste één lid van de organisatie.")


class OrganisationOut(Schema):
    name: str
    slug: str = Field(description="Sleutel voor /branch-organisations/{slug}.")
    website: str
    branches: list[str] = Field(description="Codes van haar takken van sport (zie /branches).")
    totals: OrganisationTotalsOut | None = Field(
        description="Alleen voor het POS en de medewerkers van deze organisatie; anders null."
    )


class OrganisationOfficeOut(Schema):
    """The organisation's members and coverage in one office."""

    slug: str = Field(description="Webadres van het kantoor (zie /offices/{slug}).")
    name: str
    office_members: int = Field(description="Huidige leden van het kantoor.")
    members: int | None = Field(
        description="Leden van het kantoor die bij de organisatie horen; null onder de 5 voor "
        "wie geen POS-medewerker is (zie `members_shown`)."
    )
    members_shown: str = Field(description="Het aantal zoals de pagina het toont, bv. '< 5'.")
    share_percent: int | None = Field(
        description="Die leden als percentage van alle leden; null als `members` null is."
    )
    branch_members: int = Field(
        description="Leden van het kantoor in de takken van de organisatie."
    )
    landscape: int = Field(description="Bedrijven in die takken in het landschap van het kantoor.")
    covered: int = Field(description="Daarvan leden van het kantoor.")
    coverage_percent: int | None = Field(description="`covered` van `landscape`; null zonder.")
    lacks_branch: bool = Field(description="Geen enkel lid in de takken van de organisatie.")


class OrganisationInternal(Schema):
    affiliated: int
    members: int | None
    members_shown: str
    offices: list[OrganisationOfficeOut] = Field(
        description="Elk kantoor dat niet is opgeheven, op naam."
    )


class OrganisationDetailOut(Schema):
    name: str
    slug: str
    website: str
    branches: list[str]
    internal: OrganisationInternal | None = Field(
        description="Alleen voor het POS en de medewerkers van deze organisatie; anders null."
    )
