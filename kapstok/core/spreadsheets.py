"""Cells for spreadsheets (XLSX and CSV exports), safe against formula injection.

A cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return) is run as a formula by
Excel and LibreOffice when the file is opened; a trade name like `=HYPERLINK(...)` from an
imported file must stay text. Every export writes its cells through `safe_cell`.
"""

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Padel"), safe_cell(3)
    ("'=HYPERLINK(1)", 'Padel', 3)
    """
    if isinstance(value, Promise):  # lazy translations
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
