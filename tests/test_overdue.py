"""`dancu overdue`: every obligation not met by its due date, as of a fixed date."""

from __future__ import annotations

from collections import Counter

from conftest import PLAN_ID, run, run_process
from deadline_helpers import TASKS, UNITS, all_tasks, overdue_rows, write_plan, write_report

AS_OF = "2026-01-15"
# Q4/2025 ends Wed 31/12/2025; Thu 01/01 is New Year's Day and Fri 02/01/2026 the day off swapped for
# Saturday 10/01 (letter 12729/VPCP-KGVX): the 5th working day after is Fri 09/01/2026.
Q4_DUE = "2026-01-09"


def test_no_reports_everything_owed_is_overdue(workspace):
    rows = overdue_rows(workspace, "--as-of", AS_OF)
    # Every task names “Các phòng, đơn vị” (all 9 units); Văn phòng Sở, lead of tasks 4, 5 and 7, is one of
    # them, so one obligation per unit and task: 7 x 9 = 63, plus task 5's deadline (31/12/2025) for its lead.
    missing = [r for r in rows if r["row_kind"] == "missing"]
    assert len(missing) == 63
    assert {(r["task"], r["unit"]) for r in missing} == {(t, u) for t in TASKS for u in UNITS}
    assert {(r["period"], r["due"], r["days_overdue"], r["row_kind_label"]) for r in missing} == {
        ("2025-Q4", Q4_DUE, 6, "Thiếu báo cáo")
    }
    deadline = [r for r in rows if r["row_kind"] == "deadline"]
    assert [(r["task"], r["unit"], r["due"], r["days_overdue"], r["row_kind_label"]) for r in deadline] == [
        (5, "van-phong-so", "2025-12-31", 15, "Quá hạn hoàn thành")
    ]
    assert len(rows) == 64
    assert rows[0]["row_kind"] == "deadline"  # most overdue first


def test_counts_and_text(workspace):
    result = run("overdue", "--as-of", AS_OF, root=workspace)
    assert result.exit_code == 0
    out = result.output
    assert "Thiếu báo cáo" in out and "Quá hạn hoàn thành" in out
    assert "Tổng cộng 64 việc không đúng hạn tính đến ngày 15/01/2026: 63 thiếu báo cáo, 0 báo cáo trễ, 1 quá hạn hoàn thành." in " ".join(out.split())
    doc_counts = run("overdue", "--as-of", AS_OF, "--format", "json", root=workspace)
    assert '"total": 64' in doc_counts.stdout


def test_nothing_overdue_on_the_due_day(workspace):
    assert overdue_rows(workspace, "--as-of", "2025-12-31") == []
    # On the reports' due day only the deadline (31/12/2025) has passed.
    assert [(r["row_kind"], r["days_overdue"]) for r in overdue_rows(workspace, "--as-of", Q4_DUE)] == [("deadline", 9)]
    result = run("overdue", "--as-of", "2025-12-31", root=workspace)
    assert "Không có việc nào quá hạn tính đến ngày 31/12/2025." in result.output


def _some_reports(root):
    # Văn phòng Sở: received before the deadline, task 5 done -> everything on time.
    write_report(root, "van-phong-so", all_tasks(t5="hoan-thanh"), received_on="2025-12-30")
    # Kế hoạch - Tài chính: received 12/01/2026, 3 days after the due date 09/01 -> 7 late entries.
    write_report(root, "phong-ke-hoach-tai-chinh", all_tasks(), received_on="2026-01-12")
    # Quản lý khoa học: only issued_on (counts when received_on is missing), covers tasks 1-3 only.
    write_report(root, "phong-quan-ly-khoa-hoc", {1: "dang-thuc-hien", 2: "hoan-thanh", 3: "chua-trien-khai"},
                 issued_on="2026-01-05")


def test_some_reports_on_time_some_late(workspace):
    _some_reports(workspace)
    rows = overdue_rows(workspace, "--as-of", AS_OF)
    late = [r for r in rows if r["row_kind"] == "late"]
    assert {(r["task"], r["unit"], r["met_on"], r["days_overdue"], r["row_kind_label"]) for r in late} == {
        (t, "phong-ke-hoach-tai-chinh", "2026-01-12", 3, "Báo cáo trễ") for t in TASKS
    }
    missing = {(r["task"], r["unit"]) for r in rows if r["row_kind"] == "missing"}
    others = UNITS[3:]
    assert missing == {(t, u) for t in TASKS for u in others} | {(t, "phong-quan-ly-khoa-hoc") for t in (4, 5, 6, 7)}
    assert not any(r["row_kind"] == "deadline" for r in rows)
    assert len(rows) == 7 + 6 * 7 + 4
    # Sorted most overdue first: the 6-day missing rows before the 3-day late ones.
    assert [r["days_overdue"] for r in rows] == sorted((r["days_overdue"] for r in rows), reverse=True)


def test_a_report_counts_from_the_day_it_arrived(workspace):
    _some_reports(workspace)
    # On 10/01/2026 Kế hoạch - Tài chính's report (received 12/01) had not arrived: still missing, 1 day over.
    rows = overdue_rows(workspace, "--as-of", "2026-01-10", "--unit", "KHTC")
    assert {(r["row_kind"], r["days_overdue"]) for r in rows} == {("missing", 1)}
    assert len(rows) == 7


def test_completion_reported_after_the_deadline_is_late(workspace):
    write_report(workspace, "van-phong-so", all_tasks(t5="hoan-thanh"), received_on="2026-01-06")
    rows = overdue_rows(workspace, "--as-of", AS_OF, "--unit", "van-phong-so")
    # The entries arrived before the due date 09/01: on time. Task 5 was reported done 6 days after 31/12/2025.
    assert [(r["kind"], r["task"], r["state"], r["state_label"], r["met_on"], r["days_overdue"]) for r in rows] == [
        ("completion", 5, "late", "Đã hoàn thành quá hạn", "2026-01-06", 6)
    ]


def test_filters(workspace):
    rows = overdue_rows(workspace, "--as-of", AS_OF, "--task", "5")
    assert Counter(r["row_kind"] for r in rows) == {"missing": 9, "deadline": 1}
    rows = overdue_rows(workspace, "--as-of", AS_OF, "--unit", "Phòng Chuyển đổi số", "--plan", PLAN_ID)
    assert {r["unit"] for r in rows} == {"phong-chuyen-doi-so"} and len(rows) == 7
    bad = run("overdue", "--as-of", AS_OF, "--unit", "QLK", root=workspace)
    assert bad.exit_code == 2 and "đơn vị “QLK”" in bad.output and "(QLKH)" in bad.output
    assert run("overdue", "--as-of", AS_OF, "--task", "8", root=workspace).exit_code == 2
    assert run("overdue", "--as-of", AS_OF, "--plan", "khong-co", root=workspace).exit_code == 2


def test_fail_on_overdue_exit_codes(workspace):
    assert run("overdue", "--as-of", AS_OF, root=workspace).exit_code == 0
    assert run("overdue", "--as-of", AS_OF, "--fail-on-overdue", root=workspace).exit_code == 1
    assert run("overdue", "--as-of", "2025-12-01", "--fail-on-overdue", root=workspace).exit_code == 0
    # Filtered down to nothing: nothing to fail on.
    for unit in UNITS:
        write_report(workspace, unit, all_tasks(t5="hoan-thanh"), received_on="2025-12-30")
    assert run("overdue", "--as-of", AS_OF, "--fail-on-overdue", root=workspace).exit_code == 0
    write_report(workspace, "van-phong-so", all_tasks(), received_on="2026-01-09")  # task 5 no longer done
    result = run("overdue", "--as-of", AS_OF, "--fail-on-overdue", "--format", "json", root=workspace)
    assert result.exit_code == 1


def test_github_annotations_point_at_the_task(workspace):
    _some_reports(workspace)
    result = run_process("overdue", "--as-of", AS_OF, "--format", "github", "--task", "5", cwd=workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    task5, _ = _task5_lines(workspace)
    assert f"::error file=plans/2599-KH-SKHCN.yaml,line={task5},col=5,title=Thiếu báo cáo::" in lines[0]
    assert any(line.startswith(f"::warning file=plans/2599-KH-SKHCN.yaml,line={task5},col=5,title=Báo cáo trễ::"
                               "Phòng Kế hoạch - Tài chính gửi báo cáo quý IV năm 2025 về nhiệm vụ 5 ngày 12/01/2026")
               for line in lines)
    assert lines[-1].startswith("Tổng cộng 8 việc")


def _task5_lines(workspace) -> tuple[int, int]:
    """Lines of task 5's list item and of its due date in the plan file, found in the file itself."""
    lines = (workspace / "plans" / "2599-KH-SKHCN.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  - number: 5") + 1
    due = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("due:")) + 1
    return start, due


def test_github_deadline_annotation(workspace):
    result = run_process("overdue", "--as-of", AS_OF, "--task", "5", "--unit", "VP", cwd=workspace,
                         env={"GITHUB_ACTIONS": "true"})
    _, due = _task5_lines(workspace)
    assert result.stdout.splitlines()[0] == (
        f"::error file=plans/2599-KH-SKHCN.yaml,line={due},col=12,title=Quá hạn hoàn thành::"
        "Văn phòng Sở chưa báo cáo hoàn thành nhiệm vụ 5 (hạn 31/12/2025): quá hạn 15 ngày"
    )


def test_every_plan_by_default(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31", alone=False)
    rows = overdue_rows(workspace, "--as-of", "2026-05-01")
    per_plan = Counter((r["plan"], r["period"], r["row_kind"]) for r in rows)
    assert per_plan == {
        (PLAN_ID, "2025-Q4", "missing"): 63,
        (PLAN_ID, "2025-Q4", "deadline"): 1,
        ("9-KH-DAINHAN", "2025-Q4", "missing"): 63,
        ("9-KH-DAINHAN", "2025-Q4", "deadline"): 1,
        # Task 5 ends on 31/12/2025, so it is not reported on in 2026: 6 tasks x 9 units.
        ("9-KH-DAINHAN", "2026-Q1", "missing"): 54,
    }
    text = run("overdue", "--as-of", "2026-05-01", root=workspace).output
    assert "Kế hoạch 2599/KH-SKHCN" in text and "Kế hoạch 9/KH-SKHCN" in text


def test_help_does_not_load_the_core():
    import subprocess
    import sys

    code = ("import sys\nfrom dancu_cli.cli import main\nsys.argv = ['dancu', 'overdue', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('jinja2', 'docxtpl', 'holidays', 'rich', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8").stdout
    assert "--fail-on-overdue" in out and out.splitlines()[-1] == "[]"


def test_bad_format(workspace):
    assert run("overdue", "--format", "csv", root=workspace).exit_code == 2
    assert run("status", "--format", "github", root=workspace).exit_code == 2
