"""Every CSV and XLSX file Kapstok writes neutralises formulas and survives control characters.

The exports are fed the texts a spreadsheet would run (`=HYPERLINK(...)`, `+1`, `-1` as text,
`@SUM`, a leading tab or carriage return) and characters openpyxl refuses (NUL, \\x01); no cell of
the written file may start with a formula character, numbers must stay numbers, and the XLSX must
open. A second test reads the source: no module writes CSV or XLSX but through the helper.
"""

import csv
import datetime
import doctest
import io
import pathlib
import re
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from kapstok.analysis.sla import CategoryFigures
from kapstok.core import spreadsheets
from kapstok.core.spreadsheets import FORMULA_STARTS, csv_writer, safe_cell, workbook

NASTY = ['=HYPERLINK("http://x","klik")', "+1", "-1", "@SUM(A1:A9)", "\tX", "\r=1+1", "a\x00b\x01c"]
NUMBER = re.compile(r"-\d+(\.\d+)?")
NAME = '=HYPERLINK("x")\x00'


def _assert_csv_safe(data: bytes | str, delimiter=","):
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    assert cells
    for cell in cells:
        # A CSV has no types: a negative number is written as one, and read as one.
        assert not cell.startswith(FORMULA_STARTS) or NUMBER.fullmatch(cell), cell
        assert "\x00" not in cell and "\x01" not in cell
    return cells


def _assert_xlsx_safe(data: bytes):
    book = load_workbook(io.BytesIO(data))
    values = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert values
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value
                    assert "\x00" not in cell.value and "\x01" not in cell.value
    return values


def test_doctests_hold():
    assert doctest.testmod(spreadsheets).failed == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tX", "'\tX"),
        ("\rX", "'\rX"),
        ("a\x00b", "ab"),
        ("\x01=1", "'=1"),
        ("Padel - Utrecht", "Padel - Utrecht"),
        ("regel\nregel", "regel\nregel"),
        (-1, -1),
        (-2.5, -2.5),
        (True, True),
        (None, None),
        (datetime.date(2025, 1, 2), datetime.date(2025, 1, 2)),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
    assert type(safe_cell(value)) is type(expected)


def test_csv_writer_neutralises_every_cell_and_keeps_numbers():
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(NASTY)
    writer.writerows([[-1, 2.5, "-1"]])
    cells = _assert_csv_safe(out.getvalue())
    assert cells[-3:] == ["-1", "2.5", "'-1"]


def test_workbook_neutralises_every_cell_however_it_is_set():
    book = workbook()
    book.active.append(NASTY + [-1])
    other = book.create_sheet("Tweede")
    other.append({"A": "=1+1", "C": "@x"})
    other.cell(row=3, column=1, value="+31 6 1234")
    other["B5"] = "=SUM(A1:A2)"
    other["B6"].value = "-kop"
    values = _assert_xlsx_safe(spreadsheets.workbook_bytes(book))
    assert -1 in values
    assert "'=SUM(A1:A2)" in values and "'-kop" in values and "'+31 6 1234" in values


# --- each export, fed the nasty texts -------------------------------------------------------


def test_pipeline_and_rejected_rows_exports():
    from kapstok.representation import exports

    headers = ["=kop", "Gewoon"]
    rows = [[value, -1] for value in NASTY]
    _assert_csv_safe(exports.as_csv(headers, rows), delimiter=";")
    values = _assert_xlsx_safe(exports.as_xlsx(headers, rows, "=Werving"))
    assert values.count(-1) == len(NASTY)
    _assert_csv_safe(
        exports.rejected_csv([{"line": n, "reason": v} for n, v in enumerate(NASTY)]),
        delimiter=";",
    )


def test_research_exports():
    from kapstok.coding.exports import Table, Variable, as_csv, as_xlsx

    table = Table(
        "codes",
        "Codes",
        [Variable("=naam", "label", "text"), Variable("getal", "getal", "number")],
        [[value, -3] for value in NASTY],
    )
    _assert_csv_safe(as_csv(table), delimiter=";")
    values = _assert_xlsx_safe(as_xlsx([table]))
    assert -3 in values


def test_audit_log_csv():
    from kapstok.trust.audit import audit_csv
    from kapstok.trust.models import AuditEntry

    entries = [
        AuditEntry(
            occurred_at=datetime.datetime(2025, 1, 2, tzinfo=datetime.UTC),
            actor_label=value,
            action="update",
            model="-model",
            object_id="+1",
            summary=value,
            before={},
            after={"naam": value},
        )
        for value in NASTY
    ]
    _assert_csv_safe(audit_csv(entries))


def test_influence_overview_xlsx():
    from kapstok.influence.exports import overview_workbook
    from kapstok.influence.selectors import NationalOverview

    seat = SimpleNamespace(get_kind_display=lambda: "=kind", person="+persoon")
    overview = NationalOverview(
        seats_per_kind=[(value, 1) for value in NASTY],
        achievements_per_year=[(2025, -1)],
        positions_sent=1,
        positions_answered=0,
        outcomes=[("@uitkomst", 2)],
        rows=[
            {
                "office": SimpleNamespace(name=value),
                "seats": [seat],
                "achievements": 1,
                "sent": 2,
                "answered": 3,
            }
            for value in NASTY
        ],
    )
    assert -1 in _assert_xlsx_safe(overview_workbook(overview))


def test_national_dashboard_xlsx():
    from kapstok.progress.exports import dashboard_workbook

    municipality = SimpleNamespace(name="=Gemeente", province="-Provincie")
    rows = [
        {
            "office": SimpleNamespace(
                name=value,
                member_count=-1,
                get_size_class_display=lambda: "+groot",
                get_initiative_display=lambda: "@initiatief",
            ),
            "municipalities": [municipality],
            "phase_label": "\tfase",
            "smart_goals": 2,
            "signals": 0,
            "severity": NAME,
        }
        for value in NASTY
    ]
    assert -1 in _assert_xlsx_safe(dashboard_workbook(rows))


def test_supply_and_demand_report_xlsx():
    from kapstok.support.report import report_workbook

    rows = [
        CategoryFigures(
            category=value,
            requests=1,
            no_offer=0,
            response_median=-1.5,
            response_p90=None,
            resolution_median=None,
            resolution_p90=None,
            within_target=None,
            backlog=0,
            satisfaction=None,
            ratings=0,
            by_phase={"=fase": 1},
            by_size={},
            capacity=0,
            capacity_used=0,
        )
        for value in NASTY
    ]
    assert -1.5 in _assert_xlsx_safe(report_workbook(rows))


# --- nothing writes around the helper -------------------------------------------------------

KAPSTOK = pathlib.Path(spreadsheets.__file__).resolve().parents[1]
WRITERS = re.compile(
    r"csv\.writer\(|csv\.DictWriter\(|\bWorkbook\(|import xlsxwriter|from xlsxwriter"
)


def _is_test_code(path: pathlib.Path) -> bool:
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def test_every_spreadsheet_writer_goes_through_the_helper():
    helper = pathlib.Path(spreadsheets.__file__).resolve()
    bypassing = [
        f"{path.relative_to(KAPSTOK.parent)}:{number}: {line.strip()}"
        for path in sorted(KAPSTOK.rglob("*.py"))
        if path.resolve() != helper and not _is_test_code(path) and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WRITERS.search(line)
    ]
    assert bypassing == [], "write CSV/XLSX through kapstok.core.spreadsheets:\n" + "\n".join(
        bypassing
    )
