"""Writing and reading cells with openpyxl the same way everywhere: text, numbers, dates, styles."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime
from typing import Any, Iterable

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..core.cells import formula_like

DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
IDENTITY_FILL = PatternFill("solid", fgColor="E7E6E6")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def put(ws, ref: str, value: Any, *, bold: bool = False, italic: bool = False, size: int = 12):
    """Write one cell: text as text (never a formula), dates as real dates shown dd/mm/yyyy, numbers as numbers."""
    cell = ws[ref]
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)
        cell.value = value
        if formula_like(value):
            # Stored as a string, and marked so that Excel keeps it text when someone edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, (date, datetime)):
            cell.number_format = DATE_FORMAT
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    return cell


def header_row(ws, row: int, headings: Iterable[str], size: int = 12) -> None:
    for col, text in enumerate(headings, 1):
        cell = put(ws, f"{get_column_letter(col)}{row}", text, bold=True, size=size)
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        cell.border = BORDER


def table_sheet(ws, headings: list[str], rows: Iterable[list[Any]], widths: list[int]) -> int:
    """A plain table: header on row 1, frozen, with autofilter and the given column widths. Returns rows written."""
    header_row(ws, 1, headings, size=11)
    count = 0
    for count, values in enumerate(rows, 1):
        for col, value in enumerate(values, 1):
            cell = put(ws, f"{get_column_letter(col)}{count + 1}", value, size=11)
            cell.alignment = WRAP_TOP
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{count + 1}"
    landscape(ws, title_rows="1:1")
    return count


def landscape(ws, title_rows: str | None = None) -> None:
    """Printed on A4 landscape, as wide as the page, the header repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def workbook_bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def cell_text(value: Any) -> str | None:
    """What a person typed in a cell, as text; None when blank. Whole numbers lose Excel's .0."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        from ..core.dates import format_date

        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def cell_date(value: Any) -> Any:
    """A date cell as a date; typed text is left for the model to read (and refuse with a clear message)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return cell_text(value)
