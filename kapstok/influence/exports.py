"""XLSX export of the national influence overview, written through `kapstok.core.spreadsheets`
(every cell neutralised against formulas)."""

from openpyxl.styles import Font

from kapstok.core.spreadsheets import workbook, workbook_bytes

from .selectors import NationalOverview

OFFICE_HEADERS = ["Kantoor", "Zetels (nu)", "Behaalde resultaten", "Standpunten verstuurd",
                  "Standpunten beantwoord"]  # fmt: skip


def _sheet(book, title, headers, rows, first=False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)


def overview_workbook(overview: NationalOverview) -> bytes:
    book = workbook()
    office_rows = [
        (
            row["office"].name,
            "; ".join(f"{seat.get_kind_display()}: {seat.person}" for seat in row["seats"]),
            row["achievements"],
            row["sent"],
            row["answered"],
        )
        for row in overview.rows
    ]
    _sheet(book, "Kantoren", OFFICE_HEADERS, office_rows, first=True)
    _sheet(book, "Zetels per soort", ["Soort", "Zetels"], overview.seats_per_kind)
    _sheet(book, "Resultaten per jaar", ["Jaar", "Behaalde resultaten"],
           overview.achievements_per_year)  # fmt: skip
    _sheet(book, "Uitkomsten", ["Uitkomst", "Standpunten"], overview.outcomes)
    return workbook_bytes(book)
