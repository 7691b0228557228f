"""Turning a landscape file into checked rows: column mapping, validation, branch inference.

Nothing here writes to the database. `parse_table` reads every row once and returns the valid
rows (`ParsedRow`, plain data) and, for every other row, its line number and a Dutch reason.
The rules, per row:

- no cell holds a control character (a NUL byte, an escape) or looks like a spreadsheet formula
  (`=HYPERLINK(…)`, `@SUM(…)`); bidi and zero-width characters are removed
  (`kapstok.core.text`);
- the KvK number has 8 digits (Excel drops a leading zero, so 7 digits get it back);
- an establishment number, when given, has 12 digits (leading zeros restored likewise);
- a trade name is present;
- a website, when given, is an http or https address ("www.example.nl" gets https://);
- at least one SBI code is known, unless the file's `Tak van sport` column names the branch;
- the municipality (CBS code or name) is known and belongs to the office; without a
  municipality column, an office in one municipality takes its rows as its own;
- an exact duplicate line counts once; the same KvK + establishment number with different
  data is refused, naming the line it clashes with.

`ImportContext.for_office` loads what the checks need in a few queries, so the per-row work is
dictionary lookups: 100,000 rows take seconds.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kapstok.analysis.branch_inference import BranchInferrer, normalise
from kapstok.core.text import CONTROL, clean_text

from .reading import Table


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...]


# The fields a file can fill, with the header names (normalised) that map to them by default.
COLUMNS: tuple[Column, ...] = (
    Column("kvk_number", "KvK-nummer", True, ("kvk nummer", "kvk", "kvk nr", "kvknummer",
                                              "kamer van koophandel nummer", "dossiernummer")),
    Column("establishment_number", "Vestigingsnummer", False,
           ("vestigingsnummer", "vestigingsnr", "vestiging", "vestigings nummer")),
    Column("trade_name", "Handelsnaam", True,
           ("handelsnaam", "eerste handelsnaam", "naam", "bedrijfsnaam", "statutaire naam")),
    Column("sbi_codes", "SBI-code(s)", False,
           ("sbi code", "sbi codes", "sbi", "sbi code s", "sbi hoofdactiviteit",
            "hoofdactiviteit", "sbi activiteit", "activiteiten", "sbi codes activiteiten")),
    Column("street", "Straat", False, ("straat", "straatnaam", "adres", "bezoekadres")),
    Column("house_number", "Huisnummer", False,
           ("huisnummer", "huisnr", "nummer", "huisnummer toevoeging")),
    Column("postcode", "Postcode", False, ("postcode", "pc")),
    Column("place", "Plaats", False, ("plaats", "woonplaats", "vestigingsplaats", "plaatsnaam")),
    Column("municipality", "Gemeente", False,
           ("gemeente", "gemeentenaam", "gemeentecode", "cbs code", "gemeente code")),
    Column("website", "Website", False, ("website", "internetadres", "url", "www", "web")),
    Column("branch", "Tak van sport", False,
           ("tak van sport", "tak", "takken van sport", "sport", "branche")),
)  # fmt: skip
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
PROGRESS_EVERY = 2000
MAX_NAME = 200


def guess_mapping(header: list[str]) -> dict[str, int]:
    """Column index per field, from the header names; the first matching column wins.

    A name matches a field by one of its aliases, or else by its first word ("SBI-code
    hoofdactiviteit" is an SBI column, "KvK nr." a KvK column).

    >>> guess_mapping(["KvK-nummer", "Handelsnaam", "SBI-code", "Gemeente", "Onbekend"])
    {'kvk_number': 0, 'trade_name': 1, 'sbi_codes': 2, 'municipality': 3}
    """
    names = [normalise(name) for name in header]
    mapping: dict[str, int] = {}
    for matches in (_by_alias, _by_first_word):
        for column in COLUMNS:
            for index, name in enumerate(names):
                if column.key in mapping or index in mapping.values():
                    continue
                if matches(column, name):
                    mapping[column.key] = index
    return dict(sorted(mapping.items(), key=lambda item: item[1]))


def _by_alias(column: Column, name: str) -> bool:
    return name in column.aliases


def _by_first_word(column: Column, name: str) -> bool:
    first = name.split(" ")[0] if name else ""
    return first in FIRST_WORDS.get(column.key, ())


FIRST_WORDS = {"kvk_number": ("kvk", "kvknummer"), "sbi_codes": ("sbi",)}


def missing_required(mapping: dict[str, int]) -> list[str]:
    return [c.label for c in COLUMNS if c.required and c.key not in mapping]


@dataclass(slots=True)
class ParsedRow:
    """One valid row, ready to store or to count; `branch` is a slug or None (unknown)."""

    line: int
    kvk_number: str
    establishment_number: str
    trade_name: str
    address: str
    postcode: str
    place: str
    municipality_id: int
    website: str
    sbi_codes: str
    branch: str | None
    branch_source: str
    is_chain: bool = False
    entrepreneur_id: int | None = None
    match_kind: str = ""
    suggested_id: int | None = None
    suggestion_score: float | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kvk_number, self.establishment_number)


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str

    def as_dict(self) -> dict:
        return {"line": self.line, "reason": self.reason}


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (line, same as line)
    empty: int = 0


@dataclass
class ImportContext:
    """Reference data for the checks, loaded once per import (see `for_office`)."""

    office_municipalities: dict[int, str]  # id → name
    municipality_by_key: dict[str, int]  # CBS code, "0150", or normalised name → id
    sbi_dotted: dict[str, str]  # plain digits → dotted code, for every known SBI code
    inferrer: BranchInferrer
    remembered: dict[tuple[str, str], str] = field(default_factory=dict)
    _lookups: dict[str, int | None] = field(default_factory=dict, repr=False)

    def municipality_id(self, given: str) -> int | None:
        """A municipality by CBS code ("GM0344", "0344", "344") or name, any case or accent.

        Files repeat the same few values, so each distinct value is looked up once.
        """
        if given not in self._lookups:
            by_key = self.municipality_by_key
            self._lookups[given] = by_key.get(given.strip().lower()) or by_key.get(normalise(given))
        return self._lookups[given]

    @classmethod
    def for_office(cls, office) -> "ImportContext":
        from kapstok.network.models import Municipality, SbiCode, SportBranch

        from .models import BranchClassification

        branches = list(SportBranch.objects.order_by("sort_order", "name"))
        sbi_branches: dict[str, list[str]] = {}
        sbi_dotted = {}
        for code, slug in SbiCode.objects.values_list("code", "branches__slug").order_by(
            "version", "code", "branches__sort_order"
        ):
            plain = code.replace(".", "")
            sbi_dotted.setdefault(plain, code)
            if slug and slug not in sbi_branches.setdefault(plain, []):
                sbi_branches[plain].append(slug)
        by_key = {}
        for pk, code, name in Municipality.objects.values_list("pk", "code", "name"):
            by_key.update({code.lower(): pk, code[2:]: pk, str(int(code[2:])): pk})
            by_key.setdefault(normalise(name), pk)
        remembered = {
            (kvk, est): slug
            for kvk, est, slug in BranchClassification.objects.filter(
                office_id=office.pk
            ).values_list("kvk_number", "establishment_number", "branch__slug")
        }
        return cls(
            office_municipalities=dict(office.municipalities.values_list("pk", "name")),
            municipality_by_key=by_key,
            sbi_dotted=sbi_dotted,
            inferrer=BranchInferrer(
                labels={b.slug: b.name for b in branches},
                groups={b.slug: b.group for b in branches},
                sbi_branches=sbi_branches,
            ),
            remembered=remembered,
        )


class RowError(Exception):
    """A row that cannot be stored; the message is the reason shown to the lead."""


# --- one field at a time ---------------------------------------------------------------------

SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?e\+?\d+$", re.IGNORECASE)
SBI_TOKEN = re.compile(r"(?<![\d.])(\d{2}(?:\.?\d){0,4})(?!\d)")
POSTCODE = re.compile(r"^(\d{4})\s*([a-zA-Z]{2})$")


KVK_LABEL = gettext_lazy("KvK-nummer")
ESTABLISHMENT_LABEL = gettext_lazy("Vestigingsnummer")


def _digits(value: str, label) -> str:
    value = value.strip().replace(" ", "").replace(".", "")
    if not value.isdigit() and SCIENTIFIC.match(value):
        raise RowError(
            _(
                "%(label)s %(value)s is door Excel als getal opgeslagen (wetenschappelijke "
                "notatie); zet de kolom in Excel op 'Tekst' en sla opnieuw op."
            )
            % {"label": label, "value": value}
        )
    return value


def clean_kvk(value: str) -> str:
    """Eight digits; a 7-digit number lost its leading zero in Excel.

    >>> clean_kvk(" 1234 5678 "), clean_kvk("1234567")
    ('12345678', '01234567')
    """
    digits = _digits(value, KVK_LABEL)
    if not digits:
        raise RowError(_("Het KvK-nummer ontbreekt."))
    if len(digits) == 7 and digits.isdigit():
        digits = "0" + digits
    if len(digits) != 8 or not digits.isdigit():
        raise RowError(
            _("KvK-nummer '%(value)s' bestaat niet uit 8 cijfers.") % {"value": value.strip()}
        )
    return digits


def clean_establishment(value: str) -> str:
    """Twelve digits or empty; Excel drops the leading zeros most numbers have.

    >>> clean_establishment("12345678"), clean_establishment("")
    ('000012345678', '')
    """
    digits = _digits(value, ESTABLISHMENT_LABEL)
    if not digits:
        return ""
    if not digits.isdigit() or len(digits) > 12:
        raise RowError(
            _("Vestigingsnummer '%(value)s' bestaat niet uit 12 cijfers.")
            % {"value": value.strip()}
        )
    return digits.zfill(12)


# What a spreadsheet would run: "=…", or a function call or DDE link after + - @.
FORMULA = re.compile(r"^\s*(=|[+\-@]\s*[A-Za-z_][\w.]*\s*\(|[+\-@=].*\|)")
_CONTROL = re.compile(f"[{re.escape(CONTROL)}]")
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])
MAX_WEBSITE = 200


def check_cells(values: dict[str, str]) -> dict[str, str]:
    """Refuse a control character or a formula in any cell; remove bidi and zero-width marks.

    >>> check_cells({"trade_name": "Padel\u200b Domstad"})
    {'trade_name': 'Padel Domstad'}
    >>> check_cells({"trade_name": "=HYPERLINK(\\"http://x\\")"})
    Traceback (most recent call last):
    ...
    kapstok.representation.importer.RowError: Handelsnaam ziet eruit als een spreadsheetformule: '=HYPERLINK("http://x")'.
    """  # noqa: E501
    labels = {column.key: column.label for column in COLUMNS}
    cleaned = {}
    for key, value in values.items():
        label = labels.get(key, key)
        if _CONTROL.search(value):
            raise RowError(
                _("%(column)s bevat een onzichtbaar stuurteken (zoals een NUL-byte).")
                % {"column": label}
            )
        if FORMULA.match(value):
            raise RowError(
                _("%(column)s ziet eruit als een spreadsheetformule: '%(value)s'.")
                % {"column": label, "value": value.strip()[:60]}
            )
        cleaned[key] = clean_text(value)
    return cleaned


def clean_website(value: str) -> str:
    """An http or https address, or empty; a bare host name gets https://.

    >>> clean_website("www.padel.nl"), clean_website("http://padel.nl/"), clean_website("")
    ('https://www.padel.nl', 'http://padel.nl/', '')
    """
    value = value.strip()
    if not value:
        return ""
    address = value if "://" in value or ":" in value.split("/")[0] else f"https://{value}"
    try:
        if len(address) > MAX_WEBSITE:
            raise ValidationError("too long")
        _WEB_ADDRESS(address)
    except ValidationError:
        raise RowError(
            _("Website '%(value)s' is geen webadres dat begint met http:// of https://.")
            % {"value": value[:60]}
        ) from None
    return address


def sbi_tokens(value: str) -> list[str]:
    """SBI codes in a cell, as plain digits, in any of the usual spellings.

    >>> sbi_tokens("93.14.1 Sportscholen; 8551, 93199")
    ['93141', '8551', '93199']
    """
    return [token.replace(".", "") for token in SBI_TOKEN.findall(value or "")]


def clean_postcode(value: str) -> str:
    match = POSTCODE.match(value.strip())
    return f"{match[1]} {match[2].upper()}" if match else value.strip()[:10]


# --- one row ---------------------------------------------------------------------------------


def _municipality(values: dict[str, str], ctx: ImportContext) -> int:
    own = ctx.office_municipalities
    given = values.get("municipality", "").strip()
    if not given:
        if len(own) == 1:
            return next(iter(own))
        if ctx.municipality_id(values.get("place", "")) in own:
            return ctx.municipality_id(values["place"])
        raise RowError(
            _("De gemeente ontbreekt; dit kantoor beslaat meer gemeenten, voeg een kolom toe.")
        )
    found = ctx.municipality_id(given)
    if found is None:
        raise RowError(_("Onbekende gemeente '%(value)s'.") % {"value": given})
    if found not in own:
        raise RowError(
            _("Gemeente '%(value)s' hoort niet bij dit kantoor (%(own)s).")
            % {"value": given, "own": ", ".join(sorted(own.values()))}
        )
    return found


def _sbi(values: dict[str, str], ctx: ImportContext, has_branch: bool) -> list[str]:
    given = values.get("sbi_codes", "")
    tokens = sbi_tokens(given)
    known = [token for token in tokens if token in ctx.sbi_dotted]
    if tokens and not known:
        raise RowError(_("Onbekende SBI-code '%(value)s'.") % {"value": given.strip()})
    if not known and not has_branch:
        if given.strip():
            raise RowError(_("Onbekende SBI-code '%(value)s'.") % {"value": given.strip()})
        raise RowError(_("Er staat geen SBI-code en geen tak van sport in deze regel."))
    return known


def parse_row(line: int, values: dict[str, str], ctx: ImportContext) -> ParsedRow:
    """Check one row and infer its branch; raises `RowError` with the reason."""
    values = check_cells(values)
    kvk = clean_kvk(values.get("kvk_number", ""))
    establishment = clean_establishment(values.get("establishment_number", ""))
    name = " ".join(values.get("trade_name", "").split())
    if not name:
        raise RowError(_("De handelsnaam ontbreekt."))
    if len(name) > MAX_NAME:
        raise RowError(_("De handelsnaam is langer dan 200 tekens."))
    label = values.get("branch", "").strip()
    codes = _sbi(values, ctx, has_branch=bool(ctx.inferrer.from_label(label)))
    municipality_id = _municipality(values, ctx)
    inference = ctx.inferrer.infer(
        label=label,
        sbi_codes=codes,
        trade_name=name,
        remembered=ctx.remembered.get((kvk, establishment)),
    )
    address = " ".join(f"{values.get('street', '')} {values.get('house_number', '')}".split())
    return ParsedRow(
        line=line,
        kvk_number=kvk,
        establishment_number=establishment,
        trade_name=name,
        address=address[:200],
        postcode=clean_postcode(values.get("postcode", "")),
        place=values.get("place", "").strip()[:100],
        municipality_id=municipality_id,
        website=clean_website(values.get("website", "")),
        sbi_codes=",".join(ctx.sbi_dotted[code] for code in codes)[:100],
        branch=inference.branch,
        branch_source=inference.source,
    )


# --- the whole table -------------------------------------------------------------------------


def _values(cells: list[str], mapping: dict[str, int]) -> dict[str, str]:
    return {
        key: (cells[index].strip() if index < len(cells) else "") for key, index in mapping.items()
    }


def parse_table(
    table: Table,
    mapping: dict[str, int],
    ctx: ImportContext,
    progress: Callable[[float], None] | None = None,
) -> ParseResult:
    """Check every row of the table; see the module docstring for the rules."""
    result = ParseResult()
    seen_lines: dict[tuple, int] = {}
    seen_keys: dict[tuple[str, str], int] = {}
    for count, (line, cells) in enumerate(table.rows, start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(min(count / max(table.total, 1), 1.0))
        values = _values(cells, mapping)
        if not any(values.values()):
            result.empty += 1
            continue
        signature = tuple(values.get(key, "") for key in COLUMN_KEYS)
        if signature in seen_lines:
            result.duplicates.append((line, seen_lines[signature]))
            continue
        seen_lines[signature] = line
        try:
            row = parse_row(line, values, ctx)
        except RowError as error:
            result.rejected.append(Rejection(line, str(error)))
            continue
        if row.key in seen_keys:
            result.rejected.append(Rejection(line, _clash(seen_keys[row.key])))
            continue
        seen_keys[row.key] = line
        result.rows.append(row)
    mark_chains(result.rows)
    return result


def _clash(first_line: int) -> str:
    return _(
        "Hetzelfde KvK-nummer en vestigingsnummer staan al op regel %(line)s, met andere gegevens."
    ) % {"line": first_line}


def mark_chains(rows: Iterable[ParsedRow], chain_kvks: Iterable[str] = ()) -> None:
    """Several establishments under one KvK number make a chain (or a known chain's KvK)."""
    rows = list(rows)
    per_kvk = Counter(row.kvk_number for row in rows)
    known = set(chain_kvks)
    for row in rows:
        row.is_chain = per_kvk[row.kvk_number] > 1 or row.kvk_number in known
