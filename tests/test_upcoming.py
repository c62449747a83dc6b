"""`dancu upcoming`: what falls due in the next days, warning 7, 3 and 1 days ahead.

Due dates are hand-computed: a report is due 5 working days after its period ends; Saturdays, Sundays
and Vietnamese holidays are off. Tết Bính Ngọ 2026: Mon 16/02 – Fri 20/02/2026 off.

- Monthly, calendar periods: January 2026 ends Sat 31/01 → Mon 02, Tue 03, Wed 04, Thu 05, Fri 06/02
  → due 06/02/2026, across the month boundary.
- Monthly, Decree 09 cut-off: February 2026 runs 15/01 – Sat 14/02 → (Tết, weekends) Mon 23, 24, 25, 26,
  Fri 27/02 → due 27/02/2026 (without Tết it would be 20/02).
Plan 2599's task 5 has a deadline of 31/12/2025, so periods of 2026 owe tasks 1–4, 6, 7: 6 tasks × 9 units.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run
from deadline_helpers import UNITS, write_plan, write_report

PLAN = "30-KH-SKHCN"
TASKS_2026 = [1, 2, 3, 4, 6, 7]


@pytest.fixture
def monthly(workspace: Path) -> Path:
    write_plan(workspace, PLAN, ends_on="2026-06-30", frequency="monthly")
    return workspace


@pytest.fixture
def monthly_decree09(workspace: Path) -> Path:
    write_plan(workspace, PLAN, ends_on="2026-06-30", frequency="monthly", cutoff="decree_09")
    return workspace


def upcoming(root: Path, as_of: str, *args: str):
    return run("upcoming", "--as-of", as_of, *args, root=root)


def rows(root: Path, as_of: str, *args: str) -> list[dict]:
    result = upcoming(root, as_of, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


def due_days(found: list[dict]) -> set[tuple[str, int, bool]]:
    return {(r["due"], r["days_left"], r["warn"]) for r in found}


@pytest.mark.parametrize(("as_of", "left"), [("30/01/2026", 7), ("03/02/2026", 3), ("05/02/2026", 1)])
def test_warning_marks_across_a_month_boundary(monthly: Path, as_of: str, left: int):
    found = rows(monthly, as_of)
    assert due_days(found) == {("2026-02-06", left, True)}
    assert {r["period"] for r in found} == {"2026-01"}
    assert sorted({r["task"] for r in found}) == TASKS_2026
    assert {r["unit"] for r in found} == set(UNITS)
    assert len(found) == len(TASKS_2026) * len(UNITS)
    assert upcoming(monthly, as_of, "--fail-on-due").exit_code == 1


@pytest.mark.parametrize(("as_of", "left"), [("20/02/2026", 7), ("24/02/2026", 3), ("26/02/2026", 1)])
def test_warning_marks_over_tet(monthly_decree09: Path, as_of: str, left: int):
    found = rows(monthly_decree09, as_of)
    assert due_days(found) == {("2026-02-27", left, True)}
    assert {r["period"] for r in found} == {"2026-02"}
    assert upcoming(monthly_decree09, as_of, "--fail-on-due").exit_code == 1


def test_nothing_falls_due_during_tet(monthly_decree09: Path):
    # From Fri 13/02 a week ahead spans Tết: February's report is not due on 20/02 but on 27/02.
    assert rows(monthly_decree09, "13/02/2026") == []
    found = rows(monthly_decree09, "13/02/2026", "--days", "14")
    assert due_days(found) == {("2026-02-27", 14, False)}
    result = upcoming(monthly_decree09, "13/02/2026", "--fail-on-due")
    assert result.exit_code == 0
    assert "Không có việc nào đến hạn trong 7 ngày tới (từ 13/02/2026 đến 20/02/2026)." in result.stdout


def test_between_marks_nothing_fails(monthly: Path):
    found = rows(monthly, "02/02/2026")
    assert due_days(found) == {("2026-02-06", 4, False)}
    assert upcoming(monthly, "02/02/2026", "--fail-on-due").exit_code == 0


def test_due_today_is_listed_and_tomorrow_is_overdue(monthly: Path):
    assert due_days(rows(monthly, "06/02/2026")) == {("2026-02-06", 0, False)}
    assert rows(monthly, "07/02/2026") == []  # past due: `dancu overdue`'s business


def test_a_unit_that_reported_is_not_listed(monthly: Path):
    write_report(monthly, "van-phong-so", {n: "dang-thuc-hien" for n in TASKS_2026}, received_on="2026-02-02",
                 period="2026-01", plan=PLAN)
    found = rows(monthly, "03/02/2026")
    assert "van-phong-so" not in {r["unit"] for r in found}
    assert len(found) == len(TASKS_2026) * (len(UNITS) - 1)
    # …but a report received after the as-of date had not arrived then.
    assert "van-phong-so" in {r["unit"] for r in rows(monthly, "30/01/2026")}


def test_text_is_soonest_first_per_unit_and_task(monthly: Path):
    result = upcoming(monthly, "30/01/2026", "--days", "40", "--unit", "VP")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Kế hoạch 30/KH-SKHCN: việc đến hạn trong 40 ngày tới, tính từ ngày 30/01/2026"
    table = [re.match(r"(\S+)\s+(\d+) ngày( \*)?\s+(\d+)\s+VP\s+(.+)$", line) for line in lines[4:16]]
    # January's report (due 06/02, 7 days: a mark) then February's (due Fri 06/03: Mar 2–6), task by task.
    assert [m.group(1, 2, 3, 4, 5) for m in table] == (
        [("06/02/2026", "7", " *", str(n), "Báo cáo tháng 1 năm 2026") for n in TASKS_2026]
        + [("06/03/2026", "35", None, str(n), "Báo cáo tháng 2 năm 2026") for n in TASKS_2026])
    assert "Tổng cộng 12 việc đến hạn trong 40 ngày tới (từ 30/01/2026 đến 11/03/2026); 6 việc ở mốc nhắc" in \
        " ".join(result.stdout.split())


def test_completion_deadline(workspace: Path):
    # Plan 2599's task 5: Văn phòng Sở must report it done by Wed 31/12/2025.
    found = [r for r in rows(workspace, "28/12/2025") if r["kind"] == "completion"]
    assert [(r["unit"], r["task"], r["due"], r["days_left"]) for r in found] == [("van-phong-so", 5, "2025-12-31", 3)]


def test_github_annotations(monthly: Path):
    result = upcoming(monthly, "03/02/2026", "--format", "github", "--unit", "VP")
    lines = result.stdout.splitlines()
    assert len([line for line in lines if re.match(r"::warning file=\S*30-KH-SKHCN\.yaml,line=\d+", line)]) == 6
    assert "Văn phòng Sở cần gửi báo cáo tháng 1 năm 2026 về nhiệm vụ 1, hạn 06/02/2026 (còn 3 ngày)" in lines[0]
    notices = upcoming(monthly, "02/02/2026", "--format", "github", "--unit", "VP").stdout
    assert notices.startswith("::notice file=")


def test_xlsx(monthly: Path, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "sap-den-han.xlsx"
    assert upcoming(monthly, "30/01/2026", "--format", "xlsx").exit_code == 2  # needs -o
    result = upcoming(monthly, "30/01/2026", "-o", str(out), "--unit", "KHTC")  # the suffix chooses Excel
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet.title == "Đến hạn từ 30-01-2026"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Kế hoạch", "Hạn", "Còn (ngày)", "Mốc nhắc", "Nhiệm vụ", "Đơn vị", "Việc"]
    body = values[1:]
    assert len(body) == 6
    assert body[0][1].date().isoformat() == "2026-02-06" and body[0][2] == 7 and body[0][3] == "có"
    assert {r[5] for r in body} == {"Phòng Kế hoạch - Tài chính"}
    assert [r[4] for r in body] == TASKS_2026
    assert upcoming(monthly, "30/01/2026", "--format", "xlsx", "-o", str(out)).exit_code == 1  # exists

