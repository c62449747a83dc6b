"""Excel output (.xlsx, openpyxl): one sheet of a table, for clerks who live in Excel.

Text that Excel would take for a formula (starting with = + - @) is stored as
text with Excel's quote prefix (what typing a leading apostrophe does), so
nothing a unit typed can run as a formula, even after the cell is edited.
Dates are real dates, shown dd/mm/yyyy.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"


def _cell_value(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return value, True
    return value, False


def table_xlsx(title: str, headings: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] | None = None,
               caption: str | None = None) -> bytes:
    """A workbook of one sheet: an optional caption line, a bold frozen heading row, then the rows."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]  # Excel's limit for a sheet name
    first = 1
    if caption:
        ws.cell(row=1, column=1, value=caption).font = Font(bold=True)
        first = 3
    for col, name in enumerate(headings, 1):
        cell = ws.cell(row=first, column=col, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, first + 1):
        for col, raw in enumerate(row, 1):
            value, literal = _cell_value(raw)
            cell = ws.cell(row=r, column=col)
            if literal:
                # Assigning .value would turn "=…" into a formula; store it as text, marked literal.
                cell._value, cell.data_type = value, TYPE_STRING
                cell.quotePrefix = True
            else:
                cell.value = value
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = ws.cell(row=first + 1, column=1)
    for col, width in enumerate(widths or [], 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.auto_filter.ref = f"A{first}:{get_column_letter(len(headings))}{max(first, ws.max_row)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
