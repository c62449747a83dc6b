"""`dancu status`: the tasks x units matrix of one period, and each task's state."""

from __future__ import annotations

import re

from conftest import PLAN_ID, run, run_process
from deadline_helpers import TASKS, UNITS, all_tasks, command_json, overdue_rows, write_plan, write_report

AS_OF = "2026-01-15"
ANSI = re.compile(r"\x1b\[")
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)")


def _states(doc):
    return {t["number"]: t["state_label"] for t in doc["tasks"]}


def test_no_reports(workspace):
    doc = command_json(workspace, "status", "--as-of", AS_OF)
    assert doc["period"]["key"] == "2025-Q4" and doc["period"]["due"] == "2026-01-09"
    assert [u["id"] for u in doc["units"]] == UNITS
    assert {c["state"] for t in doc["tasks"] for c in t["cells"].values()} == {"overdue"}
    states = _states(doc)
    # Task 5 is judged on its completion (due 31/12/2025, none reported); a regular task is never "overdue"
    # as a task (its reports are, in the cells): nobody has reported on it in the period. As the summary says.
    assert states.pop(5) == "Chưa hoàn thành – quá hạn"
    assert set(states.values()) == {"Chưa có kết quả báo cáo trong kỳ"}


def test_before_the_due_date(workspace):
    doc = command_json(workspace, "status", "--as-of", "2026-01-05")
    assert {c["state"] for t in doc["tasks"] for c in t["cells"].values()} == {"pending"}
    states = _states(doc)
    # Task 5's own deadline (31/12/2025) has passed; the regular tasks have no report yet.
    assert states.pop(5) == "Chưa hoàn thành – quá hạn"
    assert set(states.values()) == {"Chưa có kết quả báo cáo trong kỳ"}


def test_all_reported_one_late(workspace):
    for unit in UNITS[1:]:
        write_report(workspace, unit, all_tasks(), received_on="2026-01-07")
    # Due Fri 09/01/2026; Monday 12/01 is late.
    write_report(workspace, "van-phong-so", all_tasks(t5="hoan-thanh"), received_on="2026-01-12")
    doc = command_json(workspace, "status", "--as-of", AS_OF, "--period", "quý IV/2025")
    cells = {(t["number"], u): c["state"] for t in doc["tasks"] for u, c in t["cells"].items()}
    assert {k for k, v in cells.items() if v == "late"} == {(t, "van-phong-so") for t in TASKS}
    states = _states(doc)
    assert states.pop(5) == "Đã hoàn thành quá hạn"  # reported done on 12/01/2026, after 31/12/2025
    # Every unit reports the regular tasks "đang thực hiện": carried out, never "done" (the summary's words).
    assert set(states.values()) == {"Đang triển khai thường xuyên"}
    # Had Văn phòng Sở been on time, task 5 would be done on time.
    write_report(workspace, "van-phong-so", all_tasks(t5="hoan-thanh"), received_on="2025-12-31")
    states = _states(command_json(workspace, "status", "--as-of", AS_OF))
    assert states.pop(5) == "Đã hoàn thành đúng hạn"
    assert set(states.values()) == {"Đang triển khai thường xuyên"}


def test_status_json_agrees_with_overdue_json(workspace):
    write_report(workspace, "van-phong-so", all_tasks(t5="hoan-thanh"), received_on="2026-01-06")
    write_report(workspace, "phong-ke-hoach-tai-chinh", all_tasks(), received_on="2026-01-12")
    write_report(workspace, "phong-quan-ly-khoa-hoc", {1: "dang-thuc-hien", 4: "hoan-thanh"}, issued_on="2026-01-08")
    status = command_json(workspace, "status", "--as-of", AS_OF)
    from_status = [c for t in status["tasks"] for c in [*t["cells"].values(), *t["completions"]] if c and c["row_kind"]]
    rows = [{k: v for k, v in r.items() if k != "unit_name"} for r in overdue_rows(workspace, "--as-of", AS_OF)]
    key = lambda r: (r["kind"], r["task"], r["unit"])  # noqa: E731
    assert sorted(from_status, key=key) == sorted(rows, key=key)
    assert len(rows) == 1 + 7 + 5 + 6 * 7  # VP's task 5 done late, KHTC late, QLKH missing 5 tasks, 6 units missing


def test_text_matrix_fits_80_columns_with_legend(workspace):
    write_report(workspace, "phong-ke-hoach-tai-chinh", all_tasks(), received_on="2026-01-12")
    result = run_process("status", "--as-of", "15/01/2026", cwd=workspace, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80
    header = next(line for line in out.splitlines() if line.lstrip().startswith("NV"))
    assert header.split() == ["NV", "VP", "KHTC", "QLKH", "QLCN", "CĐS", "BCVT", "TĐC", "TTƯDTN", "TTCNTT", "Tình", "trạng"]
    row1 = next(line for line in out.splitlines() if line.split()[:1] == ["1"])
    assert row1.split()[1:3] == ["✗", "T"] and "Đang triển khai thường xuyên" in row1
    assert "Ký hiệu: ✓ đã báo cáo đúng hạn; T đã báo cáo trễ hạn" in out
    assert "hạn gửi báo cáo 09/01/2026" in out
    assert "Nhiệm vụ 5 có hạn 31/12/2025" in " ".join(out.split())


def test_no_colour_in_a_pipe_or_with_no_color(workspace):
    plain = run_process("status", "--as-of", AS_OF, cwd=workspace)
    assert not ANSI.search(plain.stdout)
    forced = run_process("status", "--as-of", AS_OF, cwd=workspace, env={"FORCE_COLOR": "1"})
    assert ANSI_COLOUR.search(forced.stdout)  # so the next check means something
    no_color = run_process("status", "--as-of", AS_OF, cwd=workspace, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ANSI_COLOUR.search(no_color.stdout)
    assert not ANSI.search(run_process("overdue", "--as-of", AS_OF, cwd=workspace).stdout)


def test_period_choice(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31")
    assert command_json(workspace, "status", "--as-of", "2026-05-01")["period"]["key"] == "2026-Q2"
    assert command_json(workspace, "status", "--as-of", "2025-10-20")["period"]["key"] == "2025-Q4"
    doc = command_json(workspace, "status", "--as-of", "2026-05-01", "--period", "Q1/2026")
    # Task 5's deadline was 31/12/2025: nobody reports on it in 2026.
    assert all(c is None for c in doc["tasks"][4]["cells"].values())
    bad = run("status", "--as-of", "2026-05-01", "--period", "2027-Q1", root=workspace)
    assert bad.exit_code == 2 and "không có kỳ 2027-Q1" in bad.output
    assert run("status", "--period", "quý V/2026", root=workspace).exit_code == 2


def test_several_plans_need_plan_option(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31", alone=False)
    assert run("status", "--as-of", AS_OF, root=workspace).exit_code == 2
    assert command_json(workspace, "status", "--as-of", AS_OF, "--plan", PLAN_ID)["plan"] == PLAN_ID


def test_no_role_cells(workspace):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8")
    # Task 4 with only Văn phòng Sở as lead and reports owed by leads alone.
    text = text.replace("    lead: van-phong-so\n    coordinating: [cac-phong-don-vi]\n", "    lead: van-phong-so\n")
    text = text.replace("owing_roles: [lead, coordinating, implementing]", "owing_roles: [lead]")
    plan.write_text(text, encoding="utf-8")
    doc = command_json(workspace, "status", "--as-of", AS_OF)
    owing = {t["number"]: [u for u, c in t["cells"].items() if c] for t in doc["tasks"]}
    assert owing == {1: [], 2: [], 3: [], 4: ["van-phong-so"], 5: ["van-phong-so"], 6: [], 7: ["van-phong-so"]}
    assert doc["tasks"][0]["state"] is None
    text_out = run("status", "--as-of", AS_OF, root=workspace).output
    assert "Không có đơn vị phải báo cáo" in text_out


def test_many_units_split_into_tables_that_fit(workspace):
    result = run_process("status", "--as-of", AS_OF, cwd=workspace, env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 60
    assert "báo cáo quý IV năm 2025 (1/2)" in result.stdout and "(2/2)" in result.stdout
    headers = [line.split() for line in lines if line.lstrip().startswith("NV ")]
    assert [abbr for h in headers for abbr in h[1:-2]] == ["VP", "KHTC", "QLKH", "QLCN", "CĐS", "BCVT", "TĐC", "TTƯDTN", "TTCNTT"]


def test_status_and_the_summary_say_the_same_of_every_task(tmp_path):
    """One notion, one place: the Office's status table and the report the leaders sign state each task alike.
    The three sample reports of Q4/2025: nobody reported on tasks 2 and 3; some unit reported work on 1, 4, 6
    and 7 (regular tasks: carried out, never "done"); Văn phòng Sở reported task 5 done after 31/12/2025."""
    import json
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "tests" / "data" / "summary-q4" / "reports", tmp_path / "reports")
    status = json.loads(run("status", "--as-of", AS_OF, "--format", "json", root=tmp_path).output)
    in_status = [t["state_label"] for t in status["tasks"]]
    summary = run("summary", "--period", "2025-Q4", "--as-of", AS_OF, root=tmp_path).output
    in_summary = re.findall(r"^- Tình trạng: (.+)\.$", summary, flags=re.M)
    active, none = "Đang triển khai thường xuyên", "Chưa có kết quả báo cáo trong kỳ"
    assert in_status == [active, none, none, active, "Đã hoàn thành quá hạn", active, active]
    assert in_summary == in_status
