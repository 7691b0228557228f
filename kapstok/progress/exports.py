"""XLSX export of the national dashboard; every text cell is neutralised against formulas."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from kapstok.core.spreadsheets import safe_cell

HEADERS = [
    "Kantoor",
    "Gemeenten",
    "Provincie",
    "Leden",
    "Grootte",
    "Initiatief",
    "Fase",
    "SMART-doelen",
    "Open signalen",
    "Zwaarste signaal",
]


def dashboard_workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Kantoren"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        office = row["office"]
        municipalities = list(office.municipalities.all())
        sheet.append(
            [
                safe_cell(value)
                for value in (
                    office.name,
                    ", ".join(m.name for m in municipalities),
                    ", ".join(sorted({m.province for m in municipalities})),
                    office.member_count,
                    office.get_size_class_display(),
                    office.get_initiative_display(),
                    str(row["phase_label"]),
                    row["smart_goals"],
                    row["signals"],
                    row["severity"],
                )
            ]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
