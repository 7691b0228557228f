"""Importing sports clubs from a file a municipality or an office provides.

CSV (UTF-8, with or without BOM; comma, semicolon or tab; an Excel `sep=` line) or XLSX (the
first sheet). The header row names the columns; Dutch and English names are understood
(`COLUMNS`). Every row that is not stored is reported with its row number and a Dutch reason;
nothing is stored when the file itself cannot be read or is over a limit.

Encoding: each line is decoded on its own. A line that is not valid UTF-8 is, in practice,
Windows-1252 (Latin-1 as Excel saves it): it is read as that and the report says so, with the
row numbers, so "Café" never turns into "CafÃ©" silently. A row that still holds bytes no
encoding defines is skipped with that reason rather than stored garbled.

Re-importing the same file updates the clubs it named (same name, any case, in the same
municipality) instead of adding them again.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kapstok.network.models import Municipality, SportBranch
from kapstok.representation.reading import cell_text, sniff_delimiter

from . import rules
from .models import SportsClub
from .services import normalise_name

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
REPLACEMENT = "\ufffd"

# field → header names (compared lower-case, with "_" and "-" as spaces)
COLUMNS = {
    "name": ("naam", "vereniging", "naam vereniging", "verenigingsnaam", "club", "name"),
    "sports": ("sport", "sporten", "tak van sport", "takken van sport", "sports"),
    "municipality": ("gemeente", "gemeentecode", "gemeente code", "municipality"),
    "website": ("website", "webadres", "url", "internet"),
    "email": (
        "e mail secretariaat",
        "email secretariaat",
        "secretariaat",
        "e mail",
        "email",
        "mail",
    ),
    "kvk": ("kvk", "kvk nummer", "kvknummer", "kvk nr"),
}
SPORT_SEPARATORS = re.compile(r"\s*(?:,|/|\||\+|;|\sen\s)\s*")
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")


class ClubFileError(Exception):
    """A file that cannot be imported at all; the message is Dutch and says what to do."""


@dataclass
class RowNote:
    number: int
    name: str
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    saved: bool = False
    skipped: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ClubRow:
    number: int
    name: str
    municipality: Municipality
    sports: list[SportBranch] | None  # None: the file says nothing about sports
    other_sports: str
    website: str
    email: str
    kvk: str


# --- reading the file -------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header cell as compared with `COLUMNS`.

    >>> header_key(" E-mail_Secretariaat "), header_key("KvK-nummer")
    ('e mail secretariaat', 'kvk nummer')
    """
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def decode_lines(data: bytes) -> tuple[list[str], list[int]]:
    """The file's lines as text, and the numbers of the lines read as Windows-1252.

    >>> decode_lines("naam\\nCafé".encode("utf-8-sig"))
    (['naam', 'Café'], [])
    >>> decode_lines(b"naam\\nCaf\\xe9\\n")
    (['naam', 'Café'], [2])
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines, fallback = [], []
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            # Five byte values are undefined in cp1252; they become U+FFFD and skip the row.
            lines.append(raw.decode("cp1252", errors="replace"))
            fallback.append(number)
    return lines, fallback


def read_csv(data: bytes) -> tuple[list[tuple[int, list[str]]], list[int]]:
    lines, fallback = decode_lines(data)
    offset = 0
    if lines and lines[0].strip().lower().startswith("sep="):
        delimiter = lines[0].strip()[4:5] or ","
        lines, offset = lines[1:], 1
    else:
        first = next((line for line in lines if line.strip()), "")
        delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO("\n".join(lines), newline=""), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num + offset, cells))
        if len(rows) > MAX_ROWS + 1:
            break
    return rows, fallback


def read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise ClubFileError(
            _("Dit Excel-bestand kan niet worden gelezen. Sla het opnieuw op als .xlsx of als CSV.")
        ) from error
    try:
        rows = []
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [cell_text(value) for value in values]))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def read_file(data: bytes) -> tuple[list[tuple[int, list[str]]], list[int], str]:
    """Rows as (row number, cells), the lines read as Windows-1252, and the kind of file."""
    if len(data) > MAX_BYTES:
        raise ClubFileError(
            _("Het bestand is groter dan 2 MB. Splits het op of laat overbodige kolommen weg.")
        )
    if data.startswith(ZIP_MAGIC):
        return read_xlsx(data), [], "xlsx"
    if data.startswith(OLE_MAGIC):
        raise ClubFileError(
            _("Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV.")
        )
    if b"\x00" in data[:4096]:
        raise ClubFileError(
            _("Dit is geen CSV- of Excel-bestand. Sla de lijst op als .xlsx of als CSV.")
        )
    rows, fallback = read_csv(data)
    return rows, fallback, "csv"


def column_positions(header: list[str]) -> dict[str, int]:
    """Which cell holds which field; raises when there is no name column."""
    keys = [header_key(cell) for cell in header]
    positions = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in keys:
                positions[name] = keys.index(alias)
                break
    if "name" not in positions:
        raise ClubFileError(
            _(
                "De kopregel heeft geen kolom 'naam'. Zet in de eerste regel de kolomnamen: "
                "naam, sport, gemeente, website, e-mail secretariaat, KvK-nummer."
            )
        )
    return positions


# --- checking rows ----------------------------------------------------------------------------


class RowChecker:
    """Checks one row after another against the municipalities, the viewer's rights and the
    rows before it; gives a `ClubRow` or the Dutch reason to skip it."""

    def __init__(self, viewer, positions: dict[str, int]):
        self.positions = positions
        municipalities = list(Municipality.objects.current())
        self.by_code = {m.code.upper(): m for m in municipalities}
        self.by_name = {m.name.casefold(): m for m in municipalities}
        self.allowed = rules.managed_municipality_ids(viewer)
        managed = rules.municipalities_managed_by(viewer)
        self.only = managed.first() if self.allowed is not None and len(self.allowed) == 1 else None
        self.sports = {}
        for branch in SportBranch.objects.all():
            self.sports[branch.name.casefold()] = branch
            self.sports[branch.slug.casefold()] = branch
        self.seen: dict[tuple[str, int], int] = {}

    def cell(self, cells: list[str], name: str) -> str:
        position = self.positions.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    def check(self, number: int, cells: list[str], warnings: list[RowNote]) -> ClubRow | str:
        name = normalise_name(self.cell(cells, "name"))
        if any(REPLACEMENT in cell for cell in cells):
            return _("bevat tekens die niet te lezen zijn; sla het bestand op als UTF-8")
        if not name:
            return _("naam ontbreekt")
        if len(name) > 150:
            return _("de naam is langer dan 150 tekens")
        municipality = self.municipality(self.cell(cells, "municipality"))
        if isinstance(municipality, str):
            return municipality
        key = (name.casefold(), municipality.pk)
        if key in self.seen:
            return _("dubbel: dezelfde vereniging staat al in rij %(row)s") % {
                "row": self.seen[key]
            }
        details = self.details(cells)
        if isinstance(details, str):
            return details
        self.seen[key] = number
        website, email, kvk = details
        sports, other = self.sports_of(number, name, cells, warnings)
        if len(other) > 200:
            return _("de sporten zijn samen langer dan 200 tekens")
        return ClubRow(number, name, municipality, sports, other, website, email, kvk)

    def municipality(self, text: str) -> Municipality | str:
        if not text:
            if self.only is not None:
                return self.only
            return _("gemeente ontbreekt")
        municipality = self.by_code.get(text.upper()) or self.by_name.get(text.casefold())
        if municipality is None:
            return _("onbekende gemeente: %(name)s") % {"name": text}
        if self.allowed is not None and municipality.pk not in self.allowed:
            return _(
                "gemeente %(name)s is niet van u: u kunt alleen verenigingen importeren in de "
                "gemeenten waarvoor u werkt"
            ) % {"name": municipality.name}
        return municipality

    def details(self, cells: list[str]) -> tuple[str, str, str] | str:
        website = self.cell(cells, "website")
        if website and "://" not in website:
            website = f"https://{website}"
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                return _("ongeldig webadres: %(value)s") % {"value": website}
        email = self.cell(cells, "email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                return _("ongeldig e-mailadres: %(value)s") % {"value": email}
        kvk = re.sub(r"[\s.]", "", self.cell(cells, "kvk"))
        if kvk and not re.fullmatch(r"\d{8}", kvk):
            return _("ongeldig KvK-nummer (8 cijfers): %(value)s") % {"value": kvk}
        return website, email, kvk

    def sports_of(self, number, name, cells, warnings) -> tuple[list | None, str]:
        """The branches of sport the cell names, and the other sports as text.

        A club sport outside the taxonomy of commercial sport (voetbal, korfbal) is kept as an
        other sport, and the report says so, so a typo ("Tenis") can be corrected.
        """
        text = self.cell(cells, "sports")
        if "sports" not in self.positions or not text:
            return None, ""
        found, other = [], []
        for part in filter(None, SPORT_SEPARATORS.split(text)):
            branch = self.sports.get(part.casefold())
            if branch is None:
                if part not in other:
                    other.append(part)
                    reason = _(
                        "%(sport)s staat niet in de lijst van takken van sport; opgeslagen als "
                        "andere sport"
                    ) % {"sport": part}
                    warnings.append(RowNote(number, name, reason))
            elif branch not in found:
                found.append(branch)
        return found, ", ".join(other)


def check_rows(rows, viewer, report: ImportReport) -> list[ClubRow]:
    """The header and the data rows: the rows that may be stored; the others in the report."""
    filled = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    if not filled:
        raise ClubFileError(_("Het bestand is leeg: er staat geen kopregel met kolomnamen in."))
    (_header_number, header), body = filled[0], filled[1:]
    if len(body) > MAX_ROWS:
        raise ClubFileError(
            _("Het bestand heeft meer dan %(max)s verenigingen. Splits het op in kleinere delen.")
            % {"max": MAX_ROWS}
        )
    checker = RowChecker(viewer, column_positions(header))
    good = []
    for number, cells in body:
        outcome = checker.check(number, cells, report.warnings)
        if isinstance(outcome, str):
            name = normalise_name(checker.cell(cells, "name"))
            report.skipped.append(RowNote(number, name, outcome))
        else:
            good.append(outcome)
    return good


# --- storing ------------------------------------------------------------------------------------


def clubs_import(*, data: bytes, viewer, user, save: bool = True) -> ImportReport:
    """Read, check and (with `save`) store a file of clubs; raises `ClubFileError`.

    The good rows are stored in one transaction; with `save=False` the report says what would
    happen (the check before the real import).
    """
    report = ImportReport()
    rows, fallback, _kind = read_file(data)
    if fallback:
        report.notes.append(
            _(
                "Het bestand is niet (helemaal) in UTF-8 opgeslagen. Regel %(lines)s is gelezen "
                "als Windows-1252 (Latin-1), zoals Excel het opslaat: controleer de namen met "
                "accenten."
            )
            % {"lines": ", ".join(str(number) for number in fallback[:20])}
            + (" …" if len(fallback) > 20 else "")
        )
    good = check_rows(rows, viewer, report)
    known = known_clubs(good)
    try:
        with transaction.atomic():
            for row in good:
                store_row(row, user, report, known)
            if not save:
                transaction.set_rollback(True)
    except IntegrityError as clash:  # another import stored the same club at the same moment
        raise ClubFileError(
            _(
                "Tegelijk met dit bestand zijn dezelfde verenigingen opgeslagen; er is niets "
                "bewaard. Lees het bestand opnieuw in: bekende verenigingen worden dan bijgewerkt."
            )
        ) from clash
    report.saved = save
    return report


def known_clubs(rows: list[ClubRow]) -> dict[tuple[str, int], SportsClub]:
    """The clubs already registered in the file's municipalities, by (name, municipality), with
    their sports: one query for the whole file, so a re-import writes only what changed."""
    municipality_ids = {row.municipality.pk for row in rows}
    clubs = SportsClub.objects.filter(municipality_id__in=municipality_ids).prefetch_related(
        "sports"
    )
    return {(club.name.casefold(), club.municipality_id): club for club in clubs}


def store_row(row: ClubRow, user, report: ImportReport, known: dict) -> None:
    """Create the club, or update the one with the same name in the same municipality."""
    club = known.get((row.name.casefold(), row.municipality.pk))
    values = {"website": row.website, "secretary_email": row.email, "kvk_number": row.kvk}
    if row.sports is not None:
        values["other_sports"] = row.other_sports
    if club is None:
        club = SportsClub.objects.create(
            name=row.name, municipality=row.municipality, created_by=user, **values
        )
        report.created += 1
        if row.sports:
            club.sports.set(row.sports)
        return
    # An empty cell keeps what is known; the sports column, when filled, replaces the sports.
    changed = {
        key: value
        for key, value in values.items()
        if (value or key == "other_sports") and getattr(club, key) != value
    }
    sports_changed = row.sports is not None and {s.pk for s in row.sports} != {
        sport.pk for sport in club.sports.all()
    }
    if not changed and not sports_changed:
        report.unchanged += 1
        return
    for key, value in changed.items():
        setattr(club, key, value)
    if changed:
        club.save(update_fields=[*changed, "updated_at"])
    if sports_changed:
        club.sports.set(row.sports)
    report.updated += 1
