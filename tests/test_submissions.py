"""Timeliness the Office can trust: every entry has a received date, dates are sane, a report holds several
documents (submissions), and the interactive `report add` checks each answer at its prompt.

Each test is one of the broken cases of issue 11's "Why", with dates worked out by hand.
"""

from __future__ import annotations

import json

import yaml

from conftest import PLAN_ID, run
from deadline_helpers import command_json, overdue_rows
from reports_support import add_args, report_file


def stored(root, unit="van-phong-so"):
    return yaml.safe_load(report_file(root, unit).read_text(encoding="utf-8"))


# --- 1. No received date no longer means "on time" -----------------------------------------------

def test_scripted_add_records_todays_received_date_and_says_so(workspace):
    result = run("report", "add", "--unit", "TDC", "--period", "2025-Q4", "--task", "2", "--status", "dang thuc hien",
                 "--results", "Đang triển khai.", root=workspace, env={"DANCU_TODAY": "2026-11-29"})
    assert result.exit_code == 0, result.output
    assert "Ngày tính đúng hạn: 29/11/2026 (hôm nay theo giờ Việt Nam; ghi ngày khác bằng --received-on)." in result.stdout
    data = stored(workspace, "phong-tieu-chuan-do-luong-chat-luong")
    assert data["received_on"].isoformat() == "2026-11-29"
    # As of 20/12/2025 that report had not arrived: TĐC's cell is "not yet due" (due 09/01/2026), not ✓.
    doc = command_json(workspace, "status", "--as-of", "2025-12-20")
    cell = next(t for t in doc["tasks"] if t["number"] == 2)["cells"]["phong-tieu-chuan-do-luong-chat-luong"]
    assert cell["state"] == "pending" and cell["met_on"] is None


# --- 2. Impossible dates are refused, by the same rules everywhere --------------------------------

def test_january_year_typo_is_refused(workspace):
    result = run(*add_args(issued_on="10/01/2024", received_on="10/01/2024"), root=workspace,
                 env={"DANCU_TODAY": "2026-01-12"})
    assert result.exit_code == 1
    # Before both the quarter (01/10/2025) and the plan (04/11/2025): the later limit is named.
    assert ("Ngày ban hành 10/01/2024 trước ngày ban hành Kế hoạch 2599/KH-SKHCN (04/11/2025): chưa có kế hoạch thì "
            "chưa có báo cáo. Ngày ban hành hợp lệ: từ 04/11/2025 đến 12/01/2026 (hôm nay).") in result.stderr
    assert "Ngày nhận 10/01/2024 trước ngày ban hành Kế hoạch" in result.stderr
    assert not report_file(workspace).exists()


def test_received_before_the_plan_was_issued_is_refused(workspace):
    result = run(*add_args(received_on="20/09/2025"), root=workspace, env={"DANCU_TODAY": "2025-12-20"})
    assert result.exit_code == 1
    assert ("Ngày nhận 20/09/2025 trước ngày ban hành Kế hoạch 2599/KH-SKHCN (04/11/2025): chưa có kế hoạch thì chưa "
            "có báo cáo. Ngày nhận hợp lệ: từ 04/11/2025 đến 20/12/2025 (hôm nay).") in result.stderr
    assert not report_file(workspace).exists()


def test_validate_applies_the_same_date_rules_to_a_hand_written_file(workspace):
    path = report_file(workspace)
    path.parent.mkdir(parents=True)
    path.write_text(f"plan: {PLAN_ID}\nunit: van-phong-so\nperiod: 2025-Q4\nissued_on: 2025-12-18\n"
                    "received_on: 2025-12-16\nentries:\n  - task: 4\n    status: dang-thuc-hien\n    results: x\n",
                    encoding="utf-8")
    result = run("validate", "--format", "json", root=workspace, env={"DANCU_TODAY": "2025-12-20"})
    problems = json.loads(result.output)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("received-before-issued", 5)]
    assert "Ngày nhận hợp lệ: từ 18/12/2025 đến 20/12/2025 (hôm nay)." in problems[0]["message"]
    from_file = run("report", "add", "--from-file", str(path), root=workspace, env={"DANCU_TODAY": "2025-12-20"})
    assert from_file.exit_code == 1 and "received_on" in from_file.stderr


# --- 3. Several documents per file ----------------------------------------------------------------

def test_a_later_entry_starts_its_own_submission_and_is_judged_by_its_date(workspace):
    first = run(*add_args(task=4, number="45/BC-VP", issued_on="15/12/2025", received_on="16/12/2025"),
                root=workspace, env={"DANCU_TODAY": "2025-12-20"})
    assert first.exit_code == 0, first.output
    # VP's task 7, typed on 20/01/2026 with no date: it is received today, not on 16/12/2025.
    later = run(*add_args(task=7), root=workspace, env={"DANCU_TODAY": "2026-01-20"})
    assert later.exit_code == 0, later.output
    assert "Mục được ghi vào văn bản mới, văn bản thứ 2 trong 2 văn bản của tệp" in later.stdout
    # A supplementary report with its own date is accepted without --replace.
    supplement = run(*add_args(task=5, number="50/BC-VP", received_on="21/01/2026"), root=workspace,
                     env={"DANCU_TODAY": "2026-01-21"})
    assert supplement.exit_code == 0, supplement.output
    data = stored(workspace)
    assert [(s.get("number"), s["received_on"].isoformat(), [e["task"] for e in s["entries"]])
            for s in data["submissions"]] == [("45/BC-VP", "2025-12-16", [4]), (None, "2026-01-20", [7]),
                                              ("50/BC-VP", "2026-01-21", [5])]
    # Due Fri 09/01/2026: task 4 on time; task 7 received 20/01/2026 (11 days late), task 5 on 21/01 (12 days).
    rows = overdue_rows(workspace, "--as-of", "2026-01-25", "--unit", "VP")
    late = {(r["task"], r["days_overdue"], r["met_on"]) for r in rows if r["row_kind"] == "late"}
    assert late == {(5, 12, "2026-01-21"), (7, 11, "2026-01-20")}
    assert 4 not in {r["task"] for r in rows if r["kind"] == "report"}
    # Each entry shows its own document.
    listed = json.loads(run("report", "list", "--format", "json", root=workspace).stdout)
    assert [(r["task"], r["number"], r["received_on"]) for r in listed] == [
        (4, "45/BC-VP", "2025-12-16"), (5, "50/BC-VP", "2026-01-21"), (7, None, "2026-01-20")]
    shown = run("report", "show", "VP", "2025-Q4", root=workspace).stdout
    assert "Gồm 3 văn bản." in shown and "Văn bản 3. Số: 50/BC-VP; Văn phòng Sở nhận ngày 21/01/2026." in shown
    assert run("validate", root=workspace, env={"DANCU_TODAY": "2026-01-25"}).exit_code == 0


def test_the_old_one_document_shape_still_loads(workspace):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "tests" / "data" / "summary-q4" / "reports", workspace / "reports")
    assert run("validate", root=workspace).exit_code == 0
    # Adding to it with the same date keeps the simple shape.
    added = run(*add_args(task=2, received_on="06/01/2026"), root=workspace, env={"DANCU_TODAY": "2026-01-15"})
    assert added.exit_code == 0, added.output
    data = stored(workspace)
    assert "submissions" not in data and data["number"] == "12/BC-VP" and 2 in [e["task"] for e in data["entries"]]


# --- 7. Interactive answers are checked at their prompt -------------------------------------------

def test_interactive_add_checks_period_and_figure_at_their_prompts(workspace, monkeypatch):
    monkeypatch.setattr("dancu_cli.cli.report_cmd.stdin_is_interactive", lambda: True)
    answers = ["VP", "quý III/2025", "quý IV/2025", "4", "2", "Đã tiếp dân.", "Số lượt=-1", "Số lượt=3", "",
               "", "", "", "45/BC-VP", "15/12/2025", "10/12/2025", "16/12/2025"]
    result = run("report", "add", root=workspace, input="\n".join(answers) + "\n", env={"DANCU_TODAY": "2025-12-20"})
    assert result.exit_code == 0, result.output
    assert "Kỳ quý III năm 2025 (01/07/2025 – 30/09/2025) nằm ngoài thời gian của kế hoạch" in result.stderr
    assert "Số liệu “Số lượt”: phải là số không âm (từ 0 trở lên), không phải -1" in result.stderr
    assert "Ngày nhận 10/12/2025 trước ngày ban hành văn bản (15/12/2025)" in result.stderr
    assert "Có 2 lỗi" not in result.output
    data = stored(workspace)
    assert data["entries"][0]["figures"] == {"Số lượt": 3} and data["received_on"].isoformat() == "2025-12-16"
