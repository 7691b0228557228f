"""The recruitment pipeline as CSV and XLSX, and the rejected rows of an import as CSV.

Names and notes come from imported files and from people, so both are written through
`kapstok.core.spreadsheets` (every cell neutralised against formula injection). The CSV follows
Dutch Excel: semicolons and a byte-order mark, so a double click opens it in columns with the
accents intact.
"""

import io

from openpyxl.styles import Font

from django.utils.translation import gettext as _

from kapstok.core.spreadsheets import csv_writer, workbook, workbook_bytes

from .models import ProspectStage


def _headers() -> list[str]:
    return [
        _("Volgorde"),
        _("Handelsnaam"),
        _("KvK-nummer"),
        _("Vestigingsnummer"),
        _("Tak van sport"),
        _("Adres"),
        _("Postcode"),
        _("Plaats"),
        _("Website"),
        _("Fase"),
        _("Eigenaar"),
        _("Volgende stap"),
        _("Datum volgende stap"),
        _("Notities"),
        _("Winst voor de index (punten)"),
    ]


def pipeline_rows(businesses) -> list[list]:
    """One list of cells per business, in the pipeline's order."""
    rows = []
    for position, business in enumerate(businesses, start=1):
        prospect = business.pipeline
        stage = prospect.get_stage_display() if prospect else ProspectStage.TO_APPROACH.label
        gain = getattr(business, "gain", None)
        cells = [
            position,
            business.trade_name,
            business.kvk_number,
            business.establishment_number,
            business.branch.name if business.branch else _("onbekend"),
            business.address,
            business.postcode,
            business.place,
            business.website,
            stage,
            prospect.owner.get_full_name() if prospect and prospect.owner else "",
            prospect.next_step if prospect else "",
            prospect.next_step_on.isoformat() if prospect and prospect.next_step_on else "",
            prospect.notes if prospect else "",
            round(100 * gain, 1) if gain is not None else "",
        ]
        rows.append(cells)
    return rows


def as_csv(headers: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(headers: list[str], rows: list[list], title: str) -> bytes:
    book = workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(book)


def pipeline_csv(businesses) -> bytes:
    return as_csv(_headers(), pipeline_rows(businesses))


def pipeline_xlsx(businesses) -> bytes:
    return as_xlsx(_headers(), pipeline_rows(businesses), _("Werving"))


def rejected_csv(rejected: list[dict]) -> bytes:
    rows = [[item["line"], item["reason"]] for item in rejected]
    return as_csv([_("Regel"), _("Reden")], rows)
