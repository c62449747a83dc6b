"""Excel renderings of `report list`, `overdue` and `status`: real spreadsheets, from the same data.

Each renders the data the command's JSON output is made from (report records,
core.tracking.OverdueList, core.tracking.StatusMatrix), so the numbers cannot differ.
Vietnamese headers, a frozen header row, autofilter, column widths; dates are real
dates shown dd/mm/yyyy, numbers are numbers; the status matrix is coloured like the
terminal legend.
"""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .xlsx_cells import BORDER, CENTER, header_row, landscape, put, table_sheet, workbook_bytes

# Terminal styles of the status legend (cli/deadline_views.CELL_SYMBOLS) as cell fills and font colours.
STYLE_COLOURS = {"green": ("C6EFCE", "006100"), "yellow": ("FFEB9C", "9C5700"), "bold red": ("FFC7CE", "9C0006"),
                 "cyan": ("DDEBF7", "1F4E78"), "dim": ("F2F2F2", "808080")}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _figures_text(figures: dict) -> str:
    from ..cli.report_views import format_number

    return "; ".join(f"{k}={format_number(v)}" for k, v in figures.items())


def report_list_workbook(records: list[dict]) -> bytes:
    """`report list --format xlsx`: the CSV's columns, with dates and task numbers typed. `report import` reads it."""
    from ..cli.report_views import CSV_COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    dates = {"issued_on", "received_on"}
    rows = ([_day(r[k]) if k in dates else _figures_text(r[k]) if k == "figures" else r[k] for k in CSV_COLUMNS]
            for r in records)
    widths = {"plan": 16, "unit": 24, "unit_name": 30, "period": 10, "period_label": 18, "number": 14, "issued_on": 13,
              "received_on": 13, "task": 10, "status_label": 17, "results": 60, "figures": 36, "shortcomings": 36,
              "next_steps": 36, "proposals": 36, "file": 40}
    table_sheet(ws, list(CSV_COLUMNS.values()), rows, [widths[k] for k in CSV_COLUMNS])
    return workbook_bytes(wb)


OVERDUE_HEADINGS = ["Kế hoạch", "Loại", "Nhiệm vụ", "Mã đơn vị", "Đơn vị", "Kỳ", "Hạn", "Đã nhận", "Số, ký hiệu",
                    "Số ngày quá hạn"]


def overdue_workbook(result) -> bytes:
    """`overdue --format xlsx`: one row per obligation not met on time, then the counts on a second sheet."""
    from ..core.dates import format_date
    from ..core.obligations import ROW_KIND_LABELS

    names = result.unit_names()
    wb = Workbook()
    ws = wb.active
    ws.title = "Quá hạn"
    rows = ([o.plan, ROW_KIND_LABELS[o.row_kind], o.task, o.unit, names.get(o.unit, o.unit), o.period.key, o.due,
             o.met_on, o.report.number if o.report else None, o.days_overdue] for o in result.rows())
    table_sheet(ws, OVERDUE_HEADINGS, rows, [16, 20, 10, 24, 34, 10, 13, 13, 14, 16])
    counts = wb.create_sheet("Tổng hợp")
    header_row(counts, 1, ["Loại", "Số việc"])
    for row, (kind, label) in enumerate(ROW_KIND_LABELS.items(), 2):
        put(counts, f"A{row}", label)
        put(counts, f"B{row}", result.counts.get(kind, 0))
    total = len(ROW_KIND_LABELS) + 2
    put(counts, f"A{total}", "Tổng cộng", bold=True)
    put(counts, f"B{total}", result.total, bold=True)
    put(counts, f"A{total + 2}", f"Tính đến ngày {format_date(result.as_of)}.", italic=True)
    counts.column_dimensions["A"].width = 28
    counts.column_dimensions["B"].width = 12
    counts.freeze_panes = "A2"
    return workbook_bytes(wb)


def status_workbook(matrix) -> bytes:
    """`status --format xlsx`: tasks × units, each cell its symbol coloured as on the terminal, then the legend."""
    from ..cli.deadline_views import CELL_SYMBOLS
    from ..core.dates import format_date
    from ..core.forms import short_heading
    from ..core.obligations import STATE_LABELS

    ev, period = matrix.evaluation, matrix.period
    wb = Workbook()
    ws = wb.active
    ws.title = "Tình trạng"
    units = matrix.units
    headings = ["NV", "Nhiệm vụ", *[u.abbr for u in units], "Tình trạng nhiệm vụ"]
    header_row(ws, 1, headings, size=11)
    fills = {k: (PatternFill("solid", fgColor=STYLE_COLOURS[style][0]), STYLE_COLOURS[style][1])
             for k, (_, style) in CELL_SYMBOLS.items()}
    for r, row in enumerate(matrix.rows, 2):
        put(ws, f"A{r}", row.task.number, size=11).alignment = CENTER
        put(ws, f"B{r}", short_heading(row.task.heading, 90), size=11)
        for c, cell in enumerate(row.cells, 3):
            key = cell.state if cell is not None else None
            target = put(ws, f"{get_column_letter(c)}{r}", CELL_SYMBOLS[key][0], size=11)
            target.fill, colour = fills[key]
            target.font = Font(name="Times New Roman", size=11, bold=key == "overdue", color=colour)
            target.alignment = CENTER
            target.border = BORDER
        put(ws, f"{get_column_letter(len(units) + 3)}{r}", row.state_label, size=11)
    last = len(matrix.rows) + 1
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{last}"
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 60
    for c in range(3, len(units) + 3):
        ws.column_dimensions[get_column_letter(c)].width = max(7, len(units[c - 3].abbr) + 3)
    ws.column_dimensions[get_column_letter(len(units) + 3)].width = 30
    landscape(ws, title_rows="1:1")

    tally = matrix.tally
    notes = [
        f"Kế hoạch {ev.plan.reference}: báo cáo {period.label()} ({period.span()}); hạn gửi báo cáo "
        f"{format_date(period.due)}; tính đến ngày {format_date(ev.as_of)}.",
        f"Đã nhận {tally['on_time'] + tally['late']}/{matrix.owed} mục báo cáo ({tally['on_time']} đúng hạn, "
        f"{tally['late']} trễ hạn); {tally['overdue']} mục quá hạn, {tally['pending']} mục chưa đến hạn.",
        "Ký hiệu:",
    ]
    row = last + 2
    for text in notes:
        put(ws, f"A{row}", text, size=11)
        row += 1
    legend = [(k, f"{label[0].lower()}{label[1:]}") for k, label in STATE_LABELS.items()] + [(None, "không có vai trò")]
    for key, label in legend:
        symbol = put(ws, f"B{row}", f"{CELL_SYMBOLS[key][0]}  {label}", size=11)
        symbol.fill, colour = fills[key]
        symbol.font = Font(name="Times New Roman", size=11, color=colour)
        row += 1
    put(ws, f"A{row + 1}", "Viết tắt: " + "; ".join(f"{u.abbr} = {u.name}" for u in units) + ".", size=11)

    counts = wb.create_sheet("Số liệu")
    header_row(counts, 1, ["Mã đơn vị", "Đơn vị", "Phải báo cáo", "Đúng hạn", "Trễ hạn", "Quá hạn", "Chưa đến hạn"])
    for r, (i, unit) in enumerate(enumerate(units), 2):
        states = [row.cells[i].state for row in matrix.rows if row.cells[i] is not None]
        values = [unit.id, unit.name, len(states), *[states.count(k) for k in ("on_time", "late", "overdue", "pending")]]
        for c, value in enumerate(values, 1):
            put(counts, f"{get_column_letter(c)}{r}", value, size=11)
    for c, width in enumerate([28, 40, 13, 11, 11, 11, 13], 1):
        counts.column_dimensions[get_column_letter(c)].width = width
    counts.freeze_panes = "A2"
    counts.auto_filter.ref = f"A1:G{len(units) + 1}"
    return workbook_bytes(wb)
