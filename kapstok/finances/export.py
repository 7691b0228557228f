"""The ledger of one year as a file for the treasurer: CSV (semicolons and decimal commas, as
Dutch spreadsheets expect) or XLSX, both written through `kapstok.core.spreadsheets`
(formula-safe). Money in and money out stand in their own columns, so no amount needs a minus
sign (which the formula guard would turn into text)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _

from kapstok.core.spreadsheets import csv_writer, workbook, workbook_bytes

from .selectors import Entry, YearLedger


def header() -> list[str]:
    return [_("Datum"), _("Soort"), _("Omschrijving"), _("Project"), _("In (€)"), _("Uit (€)")]


def _in_out(amount: Decimal) -> list:
    return [amount, None] if amount >= 0 else [None, -amount]


def entry_rows(entries: list[Entry]) -> list[list]:
    return [[e.day, e.kind, e.description, e.project, *_in_out(e.amount)] for e in entries]


def total_rows(ledger: YearLedger) -> list[list]:
    """The year's totals as (label, in, out): the balances in whichever column their sign says."""
    spending = [
        [_("Uitgaven: %(project)s") % {"project": row.title}, None, row.amount]
        for row in ledger.spending
    ]
    return [
        [_("Beginsaldo"), *_in_out(ledger.opening_balance)],
        [_("Contributie"), ledger.fees, None],
        [_("Bijdragen gemeente"), ledger.contributions, None],
        [_("Overige inkomsten"), ledger.other_income, None],
        *spending,
        [_("Totaal %(year)s") % {"year": ledger.year}, ledger.income, ledger.spent],
        [_("Eindsaldo"), *_in_out(ledger.closing_balance)],
    ]


def _comma(amount) -> str:
    return "" if amount is None else f"{amount:.2f}".replace(".", ",")


def ledger_csv(ledger: YearLedger, entries: list[Entry]) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(header())
    for day, kind, description, project, money_in, money_out in entry_rows(entries):
        writer.writerow(
            [day.isoformat(), kind, description, project, _comma(money_in), _comma(money_out)]
        )
    writer.writerow([])
    for label, money_in, money_out in total_rows(ledger):
        writer.writerow(["", "", label, "", _comma(money_in), _comma(money_out)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def ledger_xlsx(ledger: YearLedger, entries: list[Entry]) -> bytes:
    """Two sheets: every line of the year, and the totals."""
    book = workbook()
    lines = book.active
    lines.title = _("Kasboek %(year)s") % {"year": ledger.year}
    lines.append(header())
    for row in entry_rows(entries):
        lines.append(row)
    totals = book.create_sheet(_("Totalen"))
    totals.append([_("Post"), _("In (€)"), _("Uit (€)")])
    for row in total_rows(ledger):
        totals.append(row)
    return workbook_bytes(book)
