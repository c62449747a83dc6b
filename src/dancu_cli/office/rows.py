"""Rows in the columns of `dancu report list --format csv` (or its Excel output), back into unit reports.

Export and import share one format: what `report list` writes, `report import` reads.
Rows are grouped by plan, unit and period, one unit report per group. Columns that
`report list` derives (unit name, period name, file) are not read back.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any, Callable, Iterable

from ..core.cells import restore
from ..core.intake import CellProblem, FileRefused, FilledReport
from ..core.reports import ReportError, read_figure, read_status
from .reading import NOT_A_FORM

# Heading -> field, as report list writes them (cli/report_views.CSV_COLUMNS).
FIELDS = {
    "Kế hoạch": "plan", "Mã đơn vị": "unit", "Kỳ": "period", "Số, ký hiệu": "number", "Ngày ban hành": "issued_on",
    "Ngày nhận": "received_on", "Nhiệm vụ": "task", "Tình trạng": "status", "Kết quả": "results", "Số liệu": "figures",
    "Tồn tại, hạn chế": "shortcomings", "Phương hướng kỳ tới": "next_steps", "Đề xuất, kiến nghị": "proposals",
}
REQUIRED = ("Kế hoạch", "Mã đơn vị", "Kỳ", "Nhiệm vụ", "Tình trạng", "Kết quả")
HEADER_FIELDS = ("number", "issued_on", "received_on")
ENTRY_TEXT = ("results", "shortcomings", "next_steps", "proposals")
MAX_BYTES = 50 * 1024 * 1024


def _text(value: Any) -> str | None:
    from .xlsx_cells import cell_text

    text = cell_text(value)
    return restore(text) if text is not None else None


def read_csv(path: Path) -> list[FilledReport]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FileRefused([CellProblem(None, "Tệp quá lớn để là tệp báo cáo")])
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefused([CellProblem(None, f"Không đọc được tệp ({exc.strerror or exc})")]) from None
    if b"\0" in data[:4096]:
        raise FileRefused([CellProblem(None, NOT_A_FORM)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on a Vietnamese Windows saves in Windows-1258, with combining accents.
        text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileRefused([CellProblem(None, f"Tệp CSV hỏng: {exc}")]) from None
    if not lines:
        raise FileRefused([CellProblem(None, "Tệp rỗng")])
    headings = [unicodedata.normalize("NFC", h).strip() for h in lines[0]]

    def where(line: int, col: int) -> str:
        return f"dòng {line}, cột “{headings[col]}”" if col < len(headings) else f"dòng {line}"

    return _reports(headings, ((n, row) for n, row in enumerate(lines[1:], 2)), where)


def read_sheet_rows(workbook) -> list[FilledReport]:
    """The first sheet of a workbook written by `report list --format xlsx`."""
    ws = workbook.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    headings = [unicodedata.normalize("NFC", str(h)).strip() if h is not None else "" for h in header]
    from openpyxl.utils import get_column_letter

    def where(line: int, col: int) -> str:
        return f"{ws.title}!{get_column_letter(col + 1)}{line}"

    return _reports(headings, ((n, list(row)) for n, row in enumerate(rows, 2)), where)


def _reports(headings: list[str], rows: Iterable[tuple[int, list]], where: Callable[[int, int], str]) -> list[FilledReport]:
    if not all(h in headings for h in REQUIRED):
        raise FileRefused([CellProblem(None, NOT_A_FORM)])
    column = {FIELDS[h]: i for i, h in enumerate(headings) if h in FIELDS}
    groups: dict[tuple, FilledReport] = {}
    problems: list[CellProblem] = []
    for line, row in rows:
        cells = {name: _text(row[i]) if i < len(row) else None for name, i in column.items()}
        if not any(cells.values()):
            continue  # an empty line
        at = {name: where(line, i) for name, i in column.items()}
        key = (cells["plan"], cells["unit"], cells["period"])
        filled = groups.get(key)
        if filled is None:
            raw = {"plan": cells["plan"], "unit": cells["unit"], "period": cells["period"], "entries": []}
            filled = groups[key] = FilledReport(raw, where=where(line, column["unit"]), receipt=False)
            filled.places.update({("plan",): at["plan"], ("unit",): at["unit"], ("period",): at["period"]})
        raw = filled.raw
        for name in HEADER_FIELDS:
            value = cells.get(name)
            if value is None:
                continue
            if raw.get(name) is not None and raw[name] != value:
                problems.append(CellProblem(at[name], f"Cùng báo cáo của {cells['unit']}, kỳ {cells['period']} nhưng "
                                            f"ghi “{value}”, khác “{raw[name]}” ở dòng trên"))
                continue
            raw[name] = value
            filled.places.setdefault((name,), at[name])
        if cells["task"] is None and cells["status"] is None and cells["results"] is None:
            continue  # a report with no entries yet: its header only
        index = len(raw["entries"])
        entry: dict = {}
        filled.places[("entries", index)] = at["task"]
        for name in ("task", "status", *ENTRY_TEXT, "figures"):
            if name in at:
                filled.places[("entries", index, name)] = at[name]
        task = cells["task"]
        entry["task"] = int(task) if task is not None and task.isdigit() else task
        try:
            if cells["status"] is not None:
                entry["status"] = read_status(cells["status"])
        except ReportError as exc:
            filled.problems.append(CellProblem(at["status"], str(exc)))
        entry.update({k: cells[k] for k in ENTRY_TEXT if cells.get(k) is not None})
        if cells.get("figures"):
            figures: dict = {}
            for part in cells["figures"].split(";"):
                if not part.strip():
                    continue
                try:
                    name, value = read_figure(part)
                except ReportError as exc:
                    filled.problems.append(CellProblem(at["figures"], str(exc)))
                    continue
                if name in figures:
                    filled.problems.append(CellProblem(at["figures"], f"Số liệu “{name}” được ghi hai lần"))
                figures[name] = value
                filled.places[("entries", index, "figures", name)] = at["figures"]
            entry["figures"] = figures
        raw["entries"].append(entry)
    if problems:
        raise FileRefused(problems)
    if not groups:
        raise FileRefused([CellProblem(None, "Tệp không có dòng báo cáo nào")])
    return list(groups.values())
