"""The department-scale benchmark workspace: what the performance targets of an office's size are measured on.

Expected values come from the shipped files read by hand: the registry lists 9 units (7 divisions, 2 service
units), and each of the plan's 7 tasks names the group “Các phòng, đơn vị” (every division and service unit)
as implementing or coordinating, so every unit owes an entry for all 7 tasks in each quarter of 2025.
"""

from __future__ import annotations

import difflib
import json
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run

sys.path.insert(0, str(REPO / "benchmarks"))
from department import generate_department  # noqa: E402

UNITS = [
    "van-phong-so", "phong-ke-hoach-tai-chinh", "phong-quan-ly-khoa-hoc",
    "phong-quan-ly-cong-nghe-va-doi-moi-sang-tao", "phong-chuyen-doi-so", "phong-buu-chinh-vien-thong",
    "phong-tieu-chuan-do-luong-chat-luong", "trung-tam-ung-dung-va-thu-nghiem-khoa-hoc-va-cong-nghe",
    "trung-tam-cong-nghe-thong-tin-va-truyen-thong",
]
PERIODS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
TODAY = {"DANCU_TODAY": "2026-01-20"}


@pytest.fixture(scope="module")
def department(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dept") / "ws"
    generate_department(root)
    return root


def test_every_unit_reports_every_quarter_on_every_task(department):
    reports = department / "reports" / "2599-KH-SKHCN"
    assert sorted(p.name for p in reports.iterdir()) == PERIODS
    for period in PERIODS:
        assert sorted(p.stem for p in (reports / period).glob("*.yaml")) == sorted(UNITS)
        for unit in UNITS:
            data = yaml.safe_load((reports / period / f"{unit}.yaml").read_text(encoding="utf-8"))
            assert (data["plan"], data["unit"], data["period"]) == ("2599-KH-SKHCN", unit, period)
            assert [e["task"] for e in data["entries"]] == [1, 2, 3, 4, 5, 6, 7]
            assert all(e["results"].strip() for e in data["entries"])


def test_the_whole_workspace_is_valid(department):
    result = run("validate", root=department, env=TODAY)
    assert result.exit_code == 0, result.output
    assert "38 tệp" in result.output  # registry, plan, 36 reports


def test_the_registry_is_the_shipped_one_and_the_plan_differs_only_in_its_two_dates(department):
    assert (department / "plans" / "units.yaml").read_bytes() == (REPO / "plans" / "units.yaml").read_bytes()
    shipped = (REPO / "plans" / "2599-KH-SKHCN.yaml").read_text(encoding="utf-8").splitlines()
    copied = (department / "plans" / "2599-KH-SKHCN.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(shipped, copied, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-  issued_on: 2025-11-04", "+  issued_on: 2025-01-02",
                       "-  starts_on: 2025-11-04", "+  starts_on: 2025-01-01"]


# Five working days after each quarter (plan: due_working_days: 5), counted by hand: Q1 skips the Hùng Kings'
# day (07/04/2025), Q4 the New Year holiday (01/01/2026) and the official day off of 02/01/2026.
DUE = {"2025-Q1": "2025-04-08", "2025-Q2": "2025-07-07", "2025-Q3": "2025-10-07", "2025-Q4": "2026-01-09"}


def test_most_reports_arrive_on_time_and_a_few_late(department):
    late_by_hand = set()
    for period in PERIODS:
        for unit in UNITS:
            path = department / "reports" / "2599-KH-SKHCN" / period / f"{unit}.yaml"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert data["issued_on"] <= data["received_on"] <= date(2026, 1, 20)
            if data["received_on"] > date.fromisoformat(DUE[period]):
                late_by_hand.add((unit, period))
    # A few of the 36 reports are late (one in eight on average), none is missing.
    assert 1 <= len(late_by_hand) <= 8, late_by_hand

    result = run("overdue", "--as-of", "2026-01-20", "--format", "json", root=department, env=TODAY)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    assert {r["row_kind"] for r in rows} == {"late"}
    assert {(r["unit"], r["period"]) for r in rows} == late_by_hand


def test_the_same_workspace_on_every_run(department, tmp_path):
    again = tmp_path / "ws"
    generate_department(again)
    first = {p.relative_to(department): p.read_bytes() for p in sorted(department.rglob("*.yaml"))
             if ".dancu-cache" not in p.parts}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*.yaml"))}
    assert first == second
