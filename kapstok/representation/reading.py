"""Reading a landscape file (CSV or XLSX) the way Dutch offices actually save them.

Excel in Dutch saves "CSV" with semicolons, in Windows-1252 unless told otherwise, sometimes
with a `sep=;` first line; UTF-8 exports from the KvK or a web tool may carry a byte-order mark.
So: try UTF-8 (with or without BOM), fall back to Windows-1252; take the delimiter from a
`sep=` line or else from the header line (the most frequent of `;`, `,` and tab). An XLSX file
is read from its first sheet, values only. The header is the first non-empty row.

No charset-detection library: a file that is not valid UTF-8 is, in practice, Windows-1252.
"""

import csv
import datetime
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
DELIMITERS = (";", ",", "\t")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class LandscapeFileError(Exception):
    """A file we cannot read; the message is Dutch and tells the lead what to do."""


@dataclass
class Table:
    """A file's header and its rows as (line number, cells); `total` estimates the rows."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total: int
    encoding: str = ""
    delimiter: str = ""


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise LandscapeFileError(
            "Het bestand is groter dan 50 MB. Splits het op, of laat kolommen weg die niet "
            "nodig zijn (alleen KvK-nummer, vestigingsnummer, handelsnaam, SBI-code, adres, "
            "gemeente en website worden gebruikt)."
        )


def read_table(path: Path) -> Table:
    """Open a CSV or XLSX landscape file; raises `LandscapeFileError` with a Dutch message."""
    path = Path(path)
    check_size(path.stat().st_size)
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(ZIP_MAGIC):
        return _read_xlsx(path)
    if start.startswith(OLE_MAGIC):
        raise LandscapeFileError(
            "Dit is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV."
        )
    return _read_csv(path.read_bytes())


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: UTF-8 (BOM or not), else Windows-1252.

    >>> decode("café".encode("cp1252")), decode(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9")
    (('café', 'cp1252'), ('café', 'utf-8'))
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        # Five byte values are undefined in cp1252; a replacement character beats a refusal.
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(line: str) -> str:
    """The most frequent delimiter in the header line; a comma when there is none.

    >>> sniff_delimiter("KvK-nummer;Handelsnaam;Plaats"), sniff_delimiter("kvk,naam")
    (';', ',')
    """
    counts = {delimiter: line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    del data
    lines = io.StringIO(text, newline="")
    first = lines.readline()
    line_offset = 0
    marker = first.rstrip("\r\n").lstrip(" ")  # not strip(): "sep=\t" names a tab
    if marker.lower().startswith("sep="):
        delimiter = marker[4:5] or ","
        line_offset = 1
    else:
        delimiter = sniff_delimiter(_first_text_line(text))
        lines.seek(0)
    reader = csv.reader(lines, delimiter=delimiter)
    rows = ((reader.line_num + line_offset, cells) for cells in reader)
    header, rows = _split_header(rows)
    return Table(header, rows, total=text.count("\n") + 1, encoding=encoding, delimiter=delimiter)


def _first_text_line(text: str, look: int = 50) -> str:
    """The first line with a letter or digit in it (the header), among the first lines."""
    for line in itertools.islice(io.StringIO(text), look):
        if any(char.isalnum() for char in line):
            return line
    return ""


def cell_text(value) -> str:
    """An XLSX cell as text: whole numbers without ".0", dates as ISO, None as "".

    >>> cell_text(12345678.0), cell_text(None), cell_text(" Padel "), cell_text(93.13)
    ('12345678', '', 'Padel', '93.13')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise LandscapeFileError(
            "Dit Excel-bestand kan niet worden gelezen. Sla het opnieuw op als .xlsx of als CSV."
        ) from error
    sheet = book.worksheets[0]
    total = sheet.max_row or 0

    def rows():
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value) for value in values]
        finally:
            book.close()

    header, body = _split_header(rows())
    return Table(header, body, total=total, encoding="xlsx", delimiter="")


def _split_header(rows: Iterator[tuple[int, list[str]]]):
    """The first row with any text is the header; the rows after it are the data."""
    for _number, cells in rows:
        if any(cell.strip() for cell in cells):
            return [cell.strip() for cell in cells], rows
    raise LandscapeFileError("Het bestand is leeg: er staat geen kopregel met kolomnamen in.")
