"""`--format xlsx`: real spreadsheets with the same numbers as the JSON output."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime

import pytest
import yaml

from conftest import REPO, run
from reports_support import report_files

openpyxl = pytest.importorskip("openpyxl")
SAMPLE = REPO / "tests" / "data" / "summary-q4"


@pytest.fixture
def sample(workspace, monkeypatch):
    """Plan 2599 with the three sample reports of 2025-Q4 (VP on time, KHTC late, QLKH on time)."""
    monkeypatch.setenv("DANCU_TODAY", "2026-01-20")
    shutil.copytree(SAMPLE / "reports", workspace / "reports")
    return workspace


def test_overdue_xlsx_has_the_json_rows_typed(sample, tmp_path):
    target = tmp_path / "qua-han.xlsx"
    made = run("overdue", "--as-of", "15/01/2026", "-o", str(target), root=sample)
    assert made.exit_code == 0, made.output
    rows = json.loads(run("overdue", "--as-of", "15/01/2026", "--format", "json", root=sample).stdout)["rows"]
    wb = openpyxl.load_workbook(target)
    ws = wb["Quá hạn"]
    header = [c.value for c in ws[1]]
    assert header == ["Kế hoạch", "Loại", "Nhiệm vụ", "Mã đơn vị", "Đơn vị", "Kỳ", "Hạn", "Đã nhận", "Số, ký hiệu",
                      "Số ngày quá hạn"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{len(rows) + 1}"
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(rows)
    for cells, row in zip(body, rows):
        assert (cells[2], cells[3], cells[9]) == (row["task"], row["unit"], row["days_overdue"])
        assert isinstance(cells[2], int) and isinstance(cells[9], int)
        assert isinstance(cells[6], datetime) and cells[6].date().isoformat() == row["due"]
        assert (cells[7].date().isoformat() if cells[7] else None) == row["met_on"]
    assert ws["G2"].number_format == "dd/mm/yyyy"
    # KHTC's report arrived on 12/01/2026, three days after the due date 09/01/2026 (02/01/2026 was an
    # official day off, letter 12729/VPCP-KGVX).
    late = [c for c in body if c[1] == "Báo cáo trễ"]
    assert late and all(c[3] == "phong-ke-hoach-tai-chinh" and c[7].date() == date(2026, 1, 12) and c[9] == 3
                        for c in late)
    counts = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True) if r[0]}
    totals = json.loads(run("overdue", "--as-of", "15/01/2026", "--format", "json", root=sample).stdout)["counts"]
    assert counts["Tổng cộng"] == totals["total"] == len(rows)
    assert counts["Thiếu báo cáo"] == totals["missing"]


def test_report_list_xlsx_reimports_into_an_empty_workspace(sample, tmp_path):
    target = tmp_path / "danh-sach.xlsx"
    made = run("report", "list", "--format", "xlsx", "-o", str(target), root=sample)
    assert made.exit_code == 0, made.output
    ws = openpyxl.load_workbook(target).active
    assert ws["A1"].value == "Kế hoạch" and ws.freeze_panes == "A2" and ws.auto_filter.ref
    tasks = [r[8] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(t, int) for t in tasks)
    received = [r[7] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(d, datetime) for d in received)

    empty = tmp_path / "empty"
    shutil.copytree(sample / "plans", empty / "plans")
    imported = run("report", "import", str(target), root=empty)
    assert imported.exit_code == 0, imported.output
    load = lambda root: {p.relative_to(root): yaml.safe_load(p.read_text(encoding="utf-8"))  # noqa: E731
                         for p in report_files(root)}
    assert load(empty) == load(sample)


def test_formula_like_text_stays_text_in_excel(workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", "2025-12-20")
    added = run("report", "add", "--unit", "VP", "--period", "2025-Q4", "--task", "4", "--status", "đang thực hiện",
                "--results", "=1+1", "--number", "@SUM(A1)", root=workspace)
    assert added.exit_code == 0, added.output
    target = tmp_path / "l.xlsx"
    assert run("report", "list", "-o", str(target), root=workspace).exit_code == 0
    ws = openpyxl.load_workbook(target).active
    results = ws.cell(row=2, column=11)
    assert results.value == "=1+1" and results.data_type == "s"  # shown as typed, never computed


def test_status_xlsx_matrix_matches_json_and_is_coloured(sample, tmp_path):
    target = tmp_path / "tinh-trang.xlsx"
    made = run("status", "--as-of", "15/01/2026", "--period", "2025-Q4", "-o", str(target), root=sample)
    assert made.exit_code == 0, made.output
    data = json.loads(run("status", "--as-of", "15/01/2026", "--period", "2025-Q4", "--format", "json", root=sample).stdout)
    wb = openpyxl.load_workbook(target)
    ws = wb["Tình trạng"]
    units = [u["abbr"] for u in data["units"]]
    header = [c.value for c in ws[1]]
    assert header == ["NV", "Nhiệm vụ", *units, "Tình trạng nhiệm vụ"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}8"
    symbols = {"on_time": "✓", "late": "T", "overdue": "✗", "pending": "○", None: "·"}
    fills = {}
    for r, task in enumerate(data["tasks"], 2):
        assert ws.cell(row=r, column=1).value == task["number"]
        assert ws.cell(row=r, column=len(header)).value == task["state_label"]
        for c, unit in enumerate(data["units"], 3):
            cell = data["tasks"][r - 2]["cells"][unit["id"]]
            state = cell["state"] if cell else None
            assert ws.cell(row=r, column=c).value == symbols[state]
            fills.setdefault(state, set()).add(ws.cell(row=r, column=c).fill.fgColor.rgb)
    # One colour per state, as the terminal legend: on time green, late yellow, overdue red.
    assert all(len(colours) == 1 for colours in fills.values())
    assert fills["on_time"] == {"00C6EFCE"} and fills["late"] == {"00FFEB9C"} and fills["overdue"] == {"00FFC7CE"}
    # Per-unit counts, as numbers, add up to the JSON cells.
    counts = {r[0]: r[2:] for r in wb["Số liệu"].iter_rows(min_row=2, values_only=True)}
    for unit in data["units"]:
        states = [t["cells"][unit["id"]]["state"] for t in data["tasks"] if t["cells"][unit["id"]]]
        assert counts[unit["id"]] == (len(states), states.count("on_time"), states.count("late"),
                                      states.count("overdue"), states.count("pending"))
    # Hand count from the sample: VP sent tasks 1, 4, 5, 7 on time; KHTC 1, 4, 5 late.
    assert counts["van-phong-so"][:3] == (7, 4, 0) and counts["phong-ke-hoach-tai-chinh"][:3] == (7, 0, 3)
