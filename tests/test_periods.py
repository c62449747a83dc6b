"""One period notion: validate, report add, the hints and the deadline commands agree on a plan's periods."""

from __future__ import annotations

import json

from conftest import run
from deadline_helpers import overdue_rows, write_plan, write_report


def test_decree_09_period_past_the_window_end_can_be_recorded_and_counts(workspace, monkeypatch):
    # Monthly, cut-off under Decree 09, window 04/11/2025 - 31/03/2027: "tháng 4/2027" runs 15/03 - 14/04/2027,
    # and its data from 15/03 to 31/03/2027 lies in the window, so the plan reports on it.
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2027-03-31", frequency="monthly", cutoff="decree_09")
    env = {"DANCU_TODAY": "2027-04-16"}
    monkeypatch.setenv("DANCU_TODAY", "2027-04-30")
    added = run("report", "add", "--unit", "VP", "--period", "tháng 4/2027", "--task", "4", "--status", "đang thực hiện",
                "--results", "Tiếp công dân.", "--received-on", "16/04/2027", root=workspace, env=env)
    assert added.exit_code == 0, added.output
    assert run("validate", root=workspace, env=env).exit_code == 0
    # Due 5 working days after Wed 14/04/2027: Thu 15; Fri 16/04 is Giỗ Tổ Hùng Vương (10/3 âm lịch);
    # Mon 19, Tue 20, Wed 21, Thu 22/04/2027.
    rows = overdue_rows(workspace, "--as-of", "2027-04-30", "--unit", "VP", "--task", "4")
    assert [(r["period"], r["due"], r["row_kind"]) for r in rows if r["period"] == "2027-04"] == []
    rows = overdue_rows(workspace, "--as-of", "2027-04-30", "--unit", "KHTC", "--task", "4")
    assert [(r["period"], r["due"], r["row_kind"]) for r in rows if r["period"] == "2027-04"] == [
        ("2027-04", "2027-04-22", "missing")]


def test_period_before_a_mid_month_window_start_is_refused_with_the_plan_period_named(workspace):
    # Window from 20/12/2025: "tháng 12/2025" under Decree 09 is 15/11 - 14/12/2025, wholly before it;
    # the plan's first period is "tháng 1/2026", 15/12/2025 - 14/01/2026.
    write_plan(workspace, "9-KH-DAINHAN", starts_on="2025-12-20", ends_on="2026-06-30", frequency="monthly",
               cutoff="decree_09")
    write_report(workspace, "van-phong-so", {4: "dang-thuc-hien"}, period="2025-12", plan="9-KH-DAINHAN",
                 received_on="2025-12-22")
    result = run("validate", "--format", "json", root=workspace, env={"DANCU_TODAY": "2026-01-05"})
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert [p["code"] for p in problems] == ["period-outside-window"]
    assert problems[0]["message"] == (
        "Kỳ tháng 12 năm 2025 (15/11/2025 – 14/12/2025) nằm ngoài thời gian của kế hoạch (20/12/2025 – 30/06/2026), "
        "nên kế hoạch không có kỳ báo cáo này. Có phải ý bạn là kỳ 2026-01 (tháng 1 năm 2026: 15/12/2025 – 14/01/2026)?")
    added = run("report", "add", "--unit", "KHTC", "--period", "2025-12", "--task", "4", "--status", "đang thực hiện",
                "--results", "x", "--received-on", "22/12/2025", root=workspace, env={"DANCU_TODAY": "2026-01-05"})
    assert added.exit_code == 1
    assert "Có phải ý bạn là kỳ 2026-01 (tháng 1 năm 2026: 15/12/2025 – 14/01/2026)?" in added.output


def test_a_report_overdue_skips_is_not_counted(workspace):
    # Văn phòng Sở's report names task 9, which plan 2599 does not have: the file is invalid, skipped, and
    # Văn phòng Sở still owes every entry.
    path = write_report(workspace, "van-phong-so", {4: "dang-thuc-hien", 9: "dang-thuc-hien"}, received_on="2026-01-05")
    result = run("overdue", "--as-of", "2026-01-15", "--unit", "VP", "--format", "json", root=workspace)
    assert result.exit_code == 0
    assert "1 tệp báo cáo có lỗi nên bị bỏ qua" in result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert ("missing", 4) in {(r["row_kind"], r["task"]) for r in rows}
    assert path.exists()


def _reporting(root, **settings):
    """Plan 2599 with a window to the end of 2026 and these reporting settings (due_working_days dropped)."""
    import yaml

    from conftest import PLAN_FILE

    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    data["window"]["ends_on"] = "2026-12-31"
    data["reporting"].pop("due_working_days", None)
    data["reporting"].update(settings)
    (root / "plans" / PLAN_FILE.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                 encoding="utf-8")


def _dues(root):
    result = run("calendar", "2026", "--format", "json", root=root)
    assert result.exit_code == 0, result.output
    return [(p["key"], p["due"]) for p in json.loads(result.stdout)["plans"][0]["periods"]]


def _warnings(root):
    problems = json.loads(run("validate", "--format", "json", root=root).output)["problems"]
    return [(p["code"], p["severity"]) for p in problems]


def test_due_by_day_of_the_last_month(workspace):
    # Decree 09 art. 13: by the 25th of the period's last month. Wed 25/03, Thu 25/06, Fri 25/09, Fri 25/12/2026
    # and Thu 25/03/2027 are working days; the cut-off (14th) leaves ten days or more. (2025-Q4, due 25/12/2025,
    # is not a period of 2026.)
    _reporting(workspace, cutoff="decree_09", due_day_of_last_month=25)
    assert _dues(workspace) == [("2026-Q1", "2026-03-25"), ("2026-Q2", "2026-06-25"),
                                ("2026-Q3", "2026-09-25"), ("2026-Q4", "2026-12-25"), ("2027-Q1", "2027-03-25")]
    assert _warnings(workspace) == []


def test_due_by_day_of_the_next_month_rolls_off_days_off(workspace):
    # By the 3rd of the month after the quarter: Sat 03/01/2026 -> Mon 05/01/2026; Fri 03/04/2026; Fri 03/07/2026; Sat 03/10/2026 -> Mon 05/10/2026; Sun 03/01/2027 -> Mon 04/01/2027.
    _reporting(workspace, due_day_of_next_month=3)
    assert _dues(workspace) == [("2025-Q4", "2026-01-05"), ("2026-Q1", "2026-04-03"), ("2026-Q2", "2026-07-03"),
                                ("2026-Q3", "2026-10-05"), ("2026-Q4", "2027-01-04")]


def test_deadline_on_the_cut_off_day_warns_under_art_8_5(workspace):
    # Cut-off on the 14th, due by the 14th: no working day between them (Decree 09/2019, art. 8(5)).
    _reporting(workspace, cutoff="decree_09", due_day_of_last_month=14)
    assert _warnings(workspace) == [("deadline-too-close", "warning")]
    assert run("validate", root=workspace).exit_code == 0  # a warning, not an error
    # Due the very day a calendar quarter ends (0 working days after): Wed 31/12/2025 is a working day.
    _reporting(workspace, due_working_days=0)
    assert _warnings(workspace) == [("deadline-too-close", "warning")]
    message = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"][0]["message"]
    assert "Điều 8, khoản 5 Nghị định 09/2019/NĐ-CP" in message and "số liệu chốt ngày 31/12/2025, hạn gửi 31/12/2025" in message


def test_only_one_due_rule(workspace):
    _reporting(workspace, due_working_days=5, due_day_of_next_month=15)
    problems = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"]
    assert [p["code"] for p in problems] == ["due-rules"]
    assert "Chỉ ghi một cách tính hạn gửi báo cáo" in problems[0]["message"]
