"""Writing spreadsheets (XLSX and CSV exports), safe against formula injection.

A cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return) is run as a formula by
Excel and LibreOffice when the file is opened; a trade name like `=HYPERLINK(...)` from an
imported file must stay text (OWASP, "CSV injection"). Control characters other than tab, line
feed and carriage return cannot be stored in an XLSX file (openpyxl refuses them), so they are
dropped.

Every CSV or XLSX file Kapstok writes is written through this module, never with `csv.writer`
or `openpyxl.Workbook` directly (a test greps for that):

- `csv_writer(file, **options)`: a `csv.writer` whose `writerow`/`writerows` pass every cell
  through `safe_cell`.
- `workbook()`: an openpyxl workbook whose sheets pass every appended cell (`append`, `cell`)
  through `safe_cell`; `workbook_bytes(book)` neutralises whatever was set another way and
  returns the `.xlsx` file.
"""

import csv
import datetime
import decimal
import io
import re

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What openpyxl refuses in a cell (its own ILLEGAL_CHARACTERS_RE): C0 controls except tab, line
# feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Values a spreadsheet stores as what they are; anything else is written as its text.
PLAIN_VALUES = (
    int,
    float,
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    type(None),
)


def safe_cell(value):
    """The value as a cell: text that a spreadsheet would run as a formula gets a leading
    apostrophe, control characters are dropped; numbers, dates and empty cells stay as they are.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Padel"), safe_cell(3), safe_cell(-3)
    ("'=HYPERLINK(1)", 'Padel', 3, -3)
    >>> safe_cell("-1"), safe_cell("\\tX"), safe_cell("a\\x00b"), safe_cell("\\x01=1")
    ("'-1", "'\\tX", 'ab', "'=1")
    """
    if isinstance(value, PLAIN_VALUES):  # bool is an int
        return value
    if not isinstance(value, str):  # lazy translations, and whatever a writer would str()
        value = str(value)
    value = CONTROL_CHARACTERS.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row):
    """A row (a sequence, or a dict of column → value as openpyxl's `append` takes it)."""
    if isinstance(row, dict):
        return {key: safe_cell(value) for key, value in row.items()}
    return [safe_cell(value) for value in row]


# --- CSV ------------------------------------------------------------------------------------


class SafeCsvWriter:
    """`csv.writer` with every cell through `safe_cell`."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> SafeCsvWriter:
    """A CSV writer on `file` (options as for `csv.writer`) that neutralises every cell.

    >>> out = io.StringIO()
    >>> writer = csv_writer(out, lineterminator="\\n")
    >>> writer.writerow(["=1+1", -1, "-1", "@SUM(A1)"])
    23
    >>> out.getvalue()
    "'=1+1,-1,'-1,'@SUM(A1)\\n"
    """
    return SafeCsvWriter(file, **options)


# --- XLSX -----------------------------------------------------------------------------------


class SafeWorksheet(Worksheet):
    """A worksheet whose `append` and `cell` neutralise their values."""

    def append(self, iterable):
        super().append(safe_row(iterable))

    def cell(self, row, column, value=None):
        return super().cell(row, column, value if value is None else safe_cell(value))


class SafeWorkbook(Workbook):
    """A workbook whose sheets (the first one and every created one) are `SafeWorksheet`s."""

    def __init__(self):
        super().__init__()
        self._sheets = [SafeWorksheet(self)]

    def create_sheet(self, title=None, index=None):
        sheet = SafeWorksheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet


def workbook() -> SafeWorkbook:
    """A new workbook with one (active) sheet; write it with `workbook_bytes`."""
    return SafeWorkbook()


def workbook_bytes(book: Workbook) -> bytes:
    """The `.xlsx` file, after neutralising any text cell that was set without `append`/`cell`
    (`sheet["A1"] = ...`, `cell.value = ...`), formulas included."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cleaned = safe_cell(cell.value)
                    if cleaned != cell.value:
                        cell.value = cleaned
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
