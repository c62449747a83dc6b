"""Text bound for spreadsheet cells: never let it become a formula (OWASP "CSV injection").

Excel and LibreOffice run a cell that starts with = + - @ (or a tab or carriage return
before one) as a formula, also when it comes from a CSV file. One rule for every place
dancu writes cells: CSV text gets a leading apostrophe, the convention spreadsheet
programs show as "text"; Excel files store such text as text (see office/xlsx_cells.py).
Reading our own CSV back removes exactly the apostrophe `neutralise` added.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program would take this text for a formula."""
    return bool(text) and text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """Text safe for a CSV cell: a leading ' when it could start a formula.

    Text that already starts with ' before such a character gets one more, so that
    `restore` gives back exactly what was written.
    """
    if formula_like(text) or (text.startswith("'") and (formula_like(text[1:]) or text[1:2] == "'")):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The inverse of `neutralise`, for reading CSV that dancu (or a careful person) wrote."""
    if text.startswith("'") and (formula_like(text[1:]) or text[1:2] == "'"):
        return text[1:]
    return text
