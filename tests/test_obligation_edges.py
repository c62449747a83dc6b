"""Edges of the deadline engine that a clerk would notice, on the shipped plan (Q4/2025 due Friday 09/01/2026:
five working days after 31/12/2025, with Friday 02/01/2026 an official day off)."""

from __future__ import annotations

import json

import yaml

from conftest import PLAN_ID, run

REPORT = """plan: 2599-KH-SKHCN
unit: van-phong-so
period: 2025-Q4
received_on: {received}
entries:
  - task: 1
    status: dang-thuc-hien
    results: Đã quán triệt kế hoạch.
"""


def _status_cell(workspace, as_of: str) -> dict:
    result = run("status", "--as-of", as_of, "--period", "2025-Q4", "--format", "json", root=workspace,
                 env={"DANCU_TODAY": "2026-01-20"})
    assert result.exit_code == 0, result.output
    task1 = next(t for t in json.loads(result.output)["tasks"] if t["number"] == 1)
    return task1["cells"]["van-phong-so"]


def _write(workspace, received: str) -> None:
    folder = workspace / "reports" / PLAN_ID / "2025-Q4"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "van-phong-so.yaml").write_text(REPORT.format(received=received), encoding="utf-8")


def test_a_report_received_on_the_as_of_day_counts_that_day(workspace):
    _write(workspace, "2026-01-09")
    cell = _status_cell(workspace, "09/01/2026")
    assert (cell["state"], cell["days_overdue"], cell["met_on"]) == ("on_time", 0, "2026-01-09")


def test_a_report_not_yet_due_is_pending_with_no_days(workspace):
    cell = _status_cell(workspace, "05/01/2026")
    assert (cell["state"], cell["days_overdue"]) == ("pending", 0)


def test_the_deadline_is_owed_by_the_lead_as_lead(workspace):
    result = run("overdue", "--as-of", "2026-01-15", "--task", "5", "--unit", "VP", "--format", "json", root=workspace)
    rows = json.loads(result.output)["rows"]
    deadline = [r for r in rows if r["kind"] == "completion"]
    # 31/12/2025 is a Wednesday, a working day: 15 days overdue on 15/01/2026.
    assert [(r["roles"], r["due"], r["days_overdue"]) for r in deadline] == [(["lead"], "2025-12-31", 15)]


def test_rows_equally_late_follow_the_registry_order(workspace):
    result = run("overdue", "--as-of", "2026-01-15", "--task", "1", "--format", "json", root=workspace)
    units = [r["unit"] for r in json.loads(result.output)["rows"]]
    registry = [u["id"] for u in yaml.safe_load((workspace / "plans" / "units.yaml").read_text(encoding="utf-8"))["units"]]
    assert len(units) > 2 and units == [u for u in registry if u in units]
