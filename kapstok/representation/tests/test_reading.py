"""Reading landscape files as Dutch offices save them: ;/, delimiters, BOM, Windows-1252, XLSX."""

import doctest

import pytest
from openpyxl import Workbook

from kapstok.representation import reading
from kapstok.representation.reading import LandscapeFileError, read_table

from .conftest import HEADER, business, csv_bytes


def rows_of(table):
    return [(line, cells) for line, cells in table.rows]


def test_docstring_examples_hold():
    assert doctest.testmod(reading).failed == 0


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_taken_from_the_header_line(write_file, delimiter):
    path = write_file(csv_bytes([business("12345678", "Padel, Tennis & Co")], delimiter=delimiter))
    table = read_table(path)
    assert table.header == HEADER
    [(line, cells)] = rows_of(table)
    assert (line, cells[2]) == (2, "Padel, Tennis & Co")


def test_windows_1252_is_read_when_the_file_is_not_utf8(write_file):
    data = csv_bytes([business("12345678", "Skiën & Zwemmen Café")], encoding="cp1252")
    table = read_table(write_file(data))
    assert table.encoding == "cp1252"
    assert rows_of(table)[0][1][2] == "Skiën & Zwemmen Café"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom(write_file, encoding):
    table = read_table(write_file(csv_bytes([business("12345678", "Skiën")], encoding=encoding)))
    assert table.header[0] == "KvK-nummer"  # no BOM glued to the first column name
    assert rows_of(table)[0][1][2] == "Skiën"


def test_an_excel_sep_line_sets_the_delimiter_and_line_numbers_stay_true(write_file):
    data = b"sep=;\r\n" + csv_bytes([business("12345678", "Padel")], encoding="utf-8")
    table = read_table(write_file(data))
    assert table.delimiter == ";"
    assert rows_of(table)[0][0] == 3


def test_empty_lines_before_the_header_are_skipped(write_file):
    table = read_table(write_file(b"\r\n;;\r\n" + csv_bytes([], encoding="utf-8")))
    assert table.header == HEADER


def test_an_xlsx_file_is_read_from_its_first_sheet(write_file, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([12345678, None, "Golfbaan Duin", 93129.0, "Duinweg", 3])
    path = tmp_path / "landschap.xlsx"
    book.save(path)
    table = read_table(path)
    [(line, cells)] = rows_of(table)
    assert line == 2
    assert cells[:4] == ["12345678", "", "Golfbaan Duin", "93129"]


def test_an_old_xls_file_is_refused_with_advice(write_file):
    with pytest.raises(LandscapeFileError, match=".xlsx"):
        read_table(write_file(reading.OLE_MAGIC + b"\x00" * 100, "oud.xls"))


def test_a_file_over_50_mb_is_refused(write_file, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(LandscapeFileError, match="50 MB"):
        read_table(write_file(b"x" * 101))


def test_an_empty_file_says_so(write_file):
    with pytest.raises(LandscapeFileError, match="leeg"):
        read_table(write_file(b"\r\n\r\n"))
