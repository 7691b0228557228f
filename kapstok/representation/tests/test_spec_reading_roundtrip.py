"""Any landscape table, saved the ways Dutch offices save it, reads back as it was (Hypothesis).

`test_reading.py` checks one file per habit. Here Hypothesis makes tables of any text (accents,
quotes, every delimiter inside cells) and saves them as Excel and web tools do: UTF-8 with or
without a byte-order mark or Windows-1252, with semicolons, commas or tabs, with or without
Excel's `sep=` line, after some empty lines, or as an XLSX workbook. Whatever the habit:

- the header and every cell come back exactly (an XLSX cell trimmed, as `cell_text` promises);
- each row keeps the line number it has in the file, so a lead can find a rejected row;
- the encoding and delimiter found are the ones used.
"""

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kapstok.representation.reading import read_table

SETTINGS = settings(max_examples=80, deadline=None)
# Lower-case accents only: in Windows-1252 their bytes are never valid UTF-8 after one another
# or after plain ASCII, so such a file is truly "not UTF-8" (the module's assumption).
CELL_TEXT = st.text(alphabet="abcdeklmnoprstz0123456789 .-/'\";,\tàçéëïöü", max_size=14)
HEADER_TEXT = st.text(alphabet="ABCDEKLMNOPRSTZabcdeklmnoprstz-", min_size=1, max_size=12)


@st.composite
def tables(draw):
    columns = draw(st.integers(1, 5))
    header = draw(st.lists(HEADER_TEXT, min_size=columns, max_size=columns, unique=True))
    rows = draw(st.lists(st.lists(CELL_TEXT, min_size=columns, max_size=columns), max_size=8))
    return header, rows


def saved_as_csv(header, rows, delimiter, encoding, sep_line, blank_lines):
    out = io.StringIO(newline="")
    if sep_line:
        out.write(f"sep={delimiter}\r\n")
    out.write("\r\n" * blank_lines)
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def read_bytes(data: bytes, suffix=".csv"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"landschap{suffix}"
        path.write_bytes(data)
        table = read_table(path)
        return table, list(table.rows)


@SETTINGS
@given(
    tables(),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    st.booleans(),
    st.integers(0, 2),
)
def test_a_csv_table_reads_back_cell_for_cell_on_its_own_lines(
    table, delimiter, encoding, sep_line, blank_lines
):
    header, rows = table
    if len(header) == 1:  # one column: nothing in the header line says which delimiter
        sep_line = True
    data = saved_as_csv(header, rows, delimiter, encoding, sep_line, blank_lines)
    found, body = read_bytes(data)
    assert found.header == header
    assert [cells for _line, cells in body] == rows
    header_line = 1 + int(sep_line) + blank_lines
    assert [line for line, _cells in body] == [header_line + 1 + i for i in range(len(rows))]
    assert found.delimiter == delimiter
    ascii_only = all(ch.isascii() for row in rows for cell in row for ch in cell)
    assert found.encoding == ("utf-8" if encoding != "cp1252" or ascii_only else "cp1252")
    assert found.total >= len(rows) + 1


@SETTINGS
@given(tables())
def test_an_xlsx_table_reads_back_with_trimmed_cells(table):
    from openpyxl import Workbook

    header, rows = table
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([cell or None for cell in row])
    data = io.BytesIO()
    book.save(data)
    found, body = read_bytes(data.getvalue(), suffix=".xlsx")
    assert found.header == header
    assert found.encoding == "xlsx"
    expected = [[cell.strip() for cell in row] for row in rows]
    assert [cells for _line, cells in body] == expected
    assert [line for line, _cells in body] == list(range(2, len(rows) + 2))
