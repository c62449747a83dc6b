"""The official calendar: the package's table of swaps, plans/calendar.yaml, and `dancu calendar YEAR`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from deadline_helpers import UNITS, all_tasks, command_json, overdue_rows, write_plan, write_report

REFERENCE = "Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"


def days_of(root: Path | None, year: str) -> dict[str, dict]:
    result = run("calendar", year, "--format", "json", root=root)
    assert result.exit_code == 0, result.output
    return {d["date"]: d for d in json.loads(result.stdout)["days"]}


def test_calendar_2026_lists_new_year_swap(workspace):
    result = run("calendar", "2026", root=workspace)
    assert result.exit_code == 0, result.output
    out = result.output
    days_off = out[out.index("Ngày nghỉ"):out.index("Ngày làm việc bù")]
    worked = out[out.index("Ngày làm việc bù"):]
    assert "Thứ Sáu   02/01/2026  Nghỉ Tết Dương lịch 2026" in days_off
    assert "Thứ Bảy   10/01/2026  Làm bù cho ngày nghỉ Tết Dương lịch 02/01/2026" in worked
    assert "  10/01/2026" not in days_off and REFERENCE in out
    # Plain weekends are not listed; weekday holidays are (Tết Bính Ngọ: Mon 16/02 to Fri 20/02/2026).
    assert "03/01/2026" not in out and "16/02/2026" in days_off and "20/02/2026" in days_off
    days = days_of(workspace, "2026")
    assert days["2026-01-02"] == {"date": "2026-01-02", "weekday": "Thứ Sáu", "working": False,
                                       "name": "Nghỉ Tết Dương lịch 2026 (hoán đổi với thứ Bảy 10/01/2026)",
                                       "reference": REFERENCE}
    assert days["2026-01-10"]["working"] is True and days["2026-01-10"]["weekday"] == "Thứ Bảy"


def test_calendar_shows_the_shipped_plan_q4_due_friday_9_january(workspace):
    # Q4/2025 ends Wed 31/12/2025. Thu 01/01 (New Year) and Fri 02/01 (swap) are off: the 5th working day
    # after is Fri 09/01/2026, not Thu 08/01 as with the `holidays` package alone.
    out = run("calendar", "2026", root=workspace).output
    assert "Kỳ báo cáo của kế hoạch 2599/KH-SKHCN (hằng quý, theo lịch; hạn gửi: 5 ngày làm việc sau khi kết thúc kỳ):" in out
    assert "2025-Q4  01/10/2025  31/12/2025  Thứ Sáu 09/01/2026" in out
    doc = json.loads(run("calendar", "2026", "--format", "json", root=workspace).stdout)
    assert doc["plans"][0]["periods"] == [{"key": "2025-Q4", "label": "quý IV năm 2025", "start": "2025-10-01",
                                           "end": "2025-12-31", "due": "2026-01-09", "due_weekday": "Thứ Sáu"}]
    assert command_json(workspace, "status", "--as-of", "2026-01-15")["period"]["due"] == "2026-01-09"


def test_calendar_works_outside_a_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DANCU_ROOT", raising=False)
    result = run("calendar", "2026")
    assert result.exit_code == 0, result.output
    assert "02/01/2026" in result.output and "Kỳ báo cáo" not in result.output


def test_calendar_is_a_group_with_show(workspace):
    assert run("calendar", "show", "2026", root=workspace).output == run("calendar", "2026", root=workspace).output
    bad = run("calendar", "1800", root=workspace)
    assert bad.exit_code == 2 and "1800 nằm ngoài khoảng 1990<=x<=2100" in bad.output
    assert "Traceback" not in bad.output


CALENDAR_YAML = """\
days:
  - date: 2026-01-05
    kind: day_off
    name: Nghỉ thử nghiệm
    reference: Thông báo số 1/TB-VPCP ngày 02/01/2026
"""


def test_office_adds_a_day_off_and_due_dates_follow(workspace):
    (workspace / "plans" / "calendar.yaml").write_text(CALENDAR_YAML, encoding="utf-8")
    assert run("validate", root=workspace).exit_code == 0
    # With Mon 05/01/2026 off too: Tue 06, 07, 08, Fri 09, Saturday 10/01 (make-up day) is the 5th working day.
    assert command_json(workspace, "status", "--as-of", "2026-01-15")["period"]["due"] == "2026-01-10"
    days = days_of(workspace, "2026")
    assert days["2026-01-05"] == {"date": "2026-01-05", "weekday": "Thứ Hai", "working": False,
                                  "name": "Nghỉ thử nghiệm", "reference": "Thông báo số 1/TB-VPCP ngày 02/01/2026"}


def test_report_received_on_a_working_saturday_due_that_day_is_on_time(workspace):
    # 6 working days after Wed 31/12/2025: Mon 05 to Fri 09/01 are the 1st to 5th, Saturday 10/01/2026 (worked
    # in exchange for Friday 02/01) the 6th. A report received on that Saturday is on time.
    write_plan(workspace, "2599-KH-SKHCN", ends_on="2025-12-31", due_working_days=6, alone=False)
    for unit in UNITS:
        write_report(workspace, unit, all_tasks(t5="hoan-thanh"), received_on="2025-12-30")
    write_report(workspace, "phong-ke-hoach-tai-chinh", all_tasks(), received_on="2026-01-10")
    assert overdue_rows(workspace, "--as-of", "2026-01-20") == []


BAD_CALENDAR = """\
days:
  - date: 2026-01-05
    kind: nghi
    name: Nghỉ
    reference: Thông báo số 1/TB-VPCP
  - date: 2026-01-05
    kind: day_off
    name: Nghỉ lần nữa
  - date: 2026-01-10
    kind: day_off
    name: Thứ Bảy
    reference: Thông báo số 2/TB-VPCP
"""


def test_calendar_file_is_validated_like_every_file(workspace):
    (workspace / "plans" / "calendar.yaml").write_text(BAD_CALENDAR, encoding="utf-8")
    result = run("validate", "--format", "json", root=workspace)
    assert result.exit_code == 1
    found = [(p["line"], p["code"], p["severity"]) for p in json.loads(result.output)["problems"]]
    assert sorted(found) == [(3, "invalid-choice", "error"), (6, "duplicate-day", "error"), (6, "missing", "error"),
                             (10, "weekend-day-off", "warning")]
    # A broken calendar stops the deadline commands: due dates would be wrong.
    overdue = run("overdue", "--as-of", "2026-01-15", root=workspace)
    assert overdue.exit_code == 1 and "plans/calendar.yaml" in overdue.output
