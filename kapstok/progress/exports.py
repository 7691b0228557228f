"""XLSX export of the national dashboard, written through `kapstok.core.spreadsheets` (every
cell neutralised against formulas)."""

from openpyxl.styles import Font

from kapstok.core.spreadsheets import workbook, workbook_bytes

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
    book = workbook()
    sheet = book.active
    sheet.title = "Kantoren"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        office = row["office"]
        municipalities = row["municipalities"]
        sheet.append(
            [
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
            ]
        )
    return workbook_bytes(book)
