"""More files as offices save them, and what the coverage and national pages show of them."""

import datetime

import pytest
from openpyxl import Workbook

from django.core.files.base import ContentFile

from kapstok.network.factories import SportBranchFactory
from kapstok.representation.factories import ImportJobFactory, LandscapeBusinessFactory
from kapstok.representation.models import ImportStatus
from kapstok.representation.reading import LandscapeFileError, cell_text, decode, read_table

from .conftest import HEADER, business, csv_bytes

OFFICE = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"


def test_an_xlsx_header_below_empty_rows_and_cells_of_every_kind(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append([None, None])
    sheet.append(HEADER)
    sheet.append([1234567, None, "Manege De Hoef", "93.12.5", "Laan", 2.5, True])
    sheet.append([87654321, None, "Zeilschool", datetime.date(2024, 5, 1)])
    path = tmp_path / "landschap.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.header == HEADER
    rows = list(table.rows)
    assert [line for line, _cells in rows] == [4, 5]
    assert rows[0][1][:7] == ["1234567", "", "Manege De Hoef", "93.12.5", "Laan", "2.5", "ja"]
    assert rows[1][1][3].startswith("2024-05-01")


def test_a_broken_xlsx_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"geen echte zip" * 10)
    with pytest.raises(LandscapeFileError, match="kan niet worden gelezen"):
        read_table(path)


def test_bytes_windows_1252_cannot_show_do_not_stop_the_import():
    text, encoding = decode(b"Caf\xe9 \x81")
    assert (text, encoding) == ("Café \ufffd", "cp1252")


def test_a_sep_line_with_a_comma_wins_over_semicolons_in_the_data(write_file):
    data = b"sep=,\r\nkvk,naam\r\n12345678,Padel; Tennis\r\n"
    table = read_table(write_file(data))
    assert (table.header, list(table.rows)) == (
        ["kvk", "naam"],
        [(3, ["12345678", "Padel; Tennis"])],
    )


def test_yes_and_no_cells_read_in_dutch():
    assert (cell_text(True), cell_text(False)) == ("ja", "nee")


def test_a_header_without_a_delimiter_is_one_column(write_file):
    table = read_table(write_file(b"KvK-nummer\r\n12345678\r\n"))
    assert (table.header, table.delimiter) == (["KvK-nummer"], ",")


# --- what the pages show ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_mapping_preview_pads_short_lines_to_the_header(world, login, taxonomy):
    job = ImportJobFactory(office=world.office, status=ImportStatus.UPLOADED)
    data = csv_bytes([business("12345678", "Padelhal")[:3]])
    job.file.save("landschap.csv", ContentFile(data))
    page = login(world.users["lead"]).get(job.get_absolute_url())
    [row] = page.context["rows"]
    assert row == ["12345678", "", "Padelhal"] + [""] * (len(HEADER) - 3)


@pytest.mark.django_db
def test_the_coverage_page_names_the_chains_that_did_not_join(world, login):
    for number in (1, 2):
        LandscapeBusinessFactory(
            office=world.office,
            kvk_number="90000001",
            establishment_number=f"{number:012d}",
            trade_name=f"Zwaluw Fitness {number}",
            is_chain=True,
        )
    html = login(world.users["lead"]).get(OFFICE).content.decode()
    assert "Grote ketens niet aangesloten" in html
    assert "Zwaluw Fitness 1" in html and "90000001" in html


@pytest.mark.django_db
def test_the_national_page_lists_the_offices_still_without_landscape(world, login):
    LandscapeBusinessFactory(office=world.office, branch=SportBranchFactory(slug="padel"))
    html = login(world.users["pos"]).get("/netwerk/afspiegeling/").content.decode()
    without = html[html.index("Kantoren zonder landschap") :]
    assert "Kantoor Zwolle" in without and "Kantoor Utrecht" not in without


@pytest.mark.django_db
def test_the_upload_page_lists_only_this_offices_last_five_imports(world, login, taxonomy):
    for number in range(7):
        ImportJobFactory(office=world.office, filename=f"export-{number}.csv")
    ImportJobFactory(office=world.other_office, filename="zwolle.csv")
    page = login(world.users["lead"]).get(OFFICE + "importeren/")
    names = [job.filename for job in page.context["imports"]]
    assert len(names) == 5 and "zwolle.csv" not in names
