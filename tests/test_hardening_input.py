"""Hardening, input side: exact types, bounded numbers, clean text, Vietnamese messages, no traceback.

Each test is one finding of the adversarial pass (issue "Hardening"); each failed before its fix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAN_ID, run, run_process
from reports_support import TODAY, add_args, report_file

HEAD = f"plan: {PLAN_ID}\nunit: van-phong-so\nperiod: 2025-Q4\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)


def clean(result) -> None:
    """Exit 0, 1 or 2 (an unreadable value on the command line), no exception escaped, no traceback printed."""
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def write(root: Path, text: str, unit: str = "van-phong-so") -> Path:
    path = report_file(root, unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    if "received_on" not in text and "issued_on" not in text and "entries:" in text:
        # The day the Office received it, last, so the lines the tests count stay where they are (an undated
        # report is a warning of its own, tested in test_problem_codes.py).
        text = text.rstrip("\n") + "\nreceived_on: 2025-12-16\n"
    path.write_text(text, encoding="utf-8")
    return path


def problems(root: Path, *files: str) -> list[dict]:
    result = run("validate", "--format", "json", *files, root=root)
    clean(result)
    return json.loads(result.stdout)["problems"]


def entry(task: str, results: str = "Đã làm.") -> str:
    return f"  - task: {task}\n    status: dang-thuc-hien\n    results: {results}\n"


# --- 1. Exact types at the loader --------------------------------------------------------------

@pytest.mark.parametrize("written, hint", [('"4"', "viết 4 không có dấu ngoặc kép"), ("4.0", "viết 4"),
                                           ("99.0", "viết 99"), ("true", "true/false")])
def test_a_task_number_must_be_a_yaml_integer(workspace, written, hint):
    write(workspace, HEAD + "entries:\n" + entry(written))
    found = problems(workspace)
    assert [(p["path"], p["line"], p["column"]) for p in found] == [("entries[0].task", 5, 11)], found
    assert "số nguyên" in found[0]["message"] and hint in found[0]["message"]


def test_a_string_task_next_to_an_integer_one_blocks_add_and_remove(workspace):
    """The old coercion made "4" a second task 4: add dropped one, remove deleted both."""
    path = write(workspace, HEAD + "entries:\n" + entry("4", "Một.") + entry('"4"', "Hai."))
    before = path.read_bytes()
    added = run(*add_args(task=5), root=workspace)
    clean(added)
    assert added.exit_code == 1 and "có lỗi" in added.stderr and "entries[1].task" in added.stderr
    removed = run("report", "remove", "VP", "2025-Q4", "--task", "4", "--yes", root=workspace)
    clean(removed)
    assert removed.exit_code == 1 and "Đã xóa" not in removed.stdout
    assert path.read_bytes() == before


def test_remove_says_exactly_which_entry_it_removed(workspace):
    for task in (1, 4):
        assert run(*add_args(task=task), root=workspace).exit_code == 0
    done = run("report", "remove", "VP", "2025-Q4", "--task", "4", "--yes", root=workspace)
    assert done.stdout.startswith("Đã xóa mục nhiệm vụ 4 (Đang thực hiện: “Kết quả nhiệm vụ 4.”) khỏi tệp")
    assert "còn 1 mục" in done.stdout


@pytest.mark.parametrize("field, line", [("received_on", 4), ("issued_on", 4)])
def test_a_time_in_a_report_date_is_a_problem_with_a_hint(workspace, field, line):
    write(workspace, HEAD + f"{field}: 2025-12-16 10:00:00\nentries:\n" + entry("4"))
    found = problems(workspace)
    assert [(p["path"], p["line"]) for p in found] == [(field, line)], found
    assert "viết 2025-12-16 (bỏ phần giờ 10:00:00)" in found[0]["message"]


def test_a_time_in_the_plan_window_is_a_problem_not_a_crash(workspace):
    plan = workspace / "plans" / f"{PLAN_ID}.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "starts_on: 2025-11-04\n" in text
    plan.write_text(text.replace("starts_on: 2025-11-04\n", "starts_on: 2025-11-04 08:00:00\n"), encoding="utf-8")
    found = problems(workspace)
    assert [p["path"] for p in found] == ["window.starts_on"], found
    assert "bỏ phần giờ 08:00:00" in found[0]["message"]


# --- Numbers: bounded, never a crash -----------------------------------------------------------

def test_period_year_zero_is_a_problem_and_summary_says_it_in_vietnamese(workspace):
    write(workspace, f"plan: {PLAN_ID}\nunit: van-phong-so\nperiod: 0000-Q4\nentries:\n" + entry("4"))
    found = problems(workspace)
    assert any(p["path"] == "period" and "năm 0 nằm ngoài khoảng 1900–2200" in p["message"] for p in found), found
    result = run("summary", "--period", "0000", root=workspace)
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "năm 0 nằm ngoài khoảng 1900–2200" in result.stderr
    assert "out of range" not in result.output


def test_an_integer_of_5000_digits_is_a_problem(workspace):
    write(workspace, HEAD + "entries:\n" + entry("4") + "    figures:\n      Số lượt: " + "9" * 5000 + "\n")
    found = problems(workspace)
    assert [(p["code"], p["path"], p["line"]) for p in found] == [("number-too-large", "entries[0].figures.Số lượt", 9)]


@pytest.mark.parametrize("digits", [16, 400, 4000])
def test_a_huge_figure_in_a_file_is_too_large_not_inf(workspace, digits):
    write(workspace, HEAD + "entries:\n" + entry("4") + "    figures:\n      Số lượt: 1" + "0" * (digits - 1) + "\n")
    found = problems(workspace)
    assert len(found) == 1 and "quá lớn" in found[0]["message"] and "inf" not in found[0]["message"], found


@pytest.mark.parametrize("digits", [16, 400, 5000])
def test_a_huge_figure_typed_on_the_command_line_is_too_large(workspace, digits):
    result = run(*add_args(figure="Số lượt=" + "9" * digits), root=workspace)
    clean(result)
    assert result.exit_code == 1 and "quá lớn" in result.stderr and "inf" not in result.stderr
    assert not report_file(workspace).exists()


def test_figures_below_the_limit_are_kept(workspace):
    assert run(*add_args(figure="Tiền=999999999999999"), root=workspace).exit_code == 0
    assert "Tiền: 999999999999999" in report_file(workspace).read_text(encoding="utf-8")


def test_task_numbers_stop_below_ten_thousand(workspace):
    write(workspace, HEAD + "entries:\n" + entry("10000"))
    found = problems(workspace)
    assert any(p["path"] == "entries[0].task" and "9999" in p["message"] for p in found), found


def test_dates_outside_1900_to_2200_are_refused(workspace):
    write(workspace, HEAD + "issued_on: 1800-01-01\nreceived_on: 31/12/2300\nentries:\n" + entry("4"))
    found = {p["path"]: p["message"] for p in problems(workspace)}
    assert "1800 nằm ngoài khoảng 1900–2200" in found["issued_on"]
    assert "2300 nằm ngoài khoảng 1900–2200" in found["received_on"]


# --- Messages ----------------------------------------------------------------------------------

def test_keys_are_names_as_written(workspace):
    """A date-looking key is shown as written; `1:` and `true:` are two keys, not a duplicate "True"."""
    write(workspace, HEAD + "entries:\n" + entry("4") + "    2025-01-01: x\n    1: a\n    true: b\n")
    found = problems(workspace)
    assert sorted(p["path"] for p in found) == ["entries[0].1", "entries[0].2025-01-01", "entries[0].true"], found
    assert not any("datetime" in p["path"] or "True" in p["message"] or p["code"] == "duplicate-key" for p in found)


def test_invalid_utf8_on_the_command_line_is_named(workspace):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    args = [sys.executable, "-m", "dancu_cli", "--root", str(workspace), *add_args()[:-1], b"K\xe9t qu\xe1"]
    proc = subprocess.run(args, env=env, capture_output=True)
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1 and "không phải UTF-8" in stderr, stderr
    assert not report_file(workspace).exists()


def test_vietnamese_arguments_under_a_posix_locale(workspace):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG", "LC_CTYPE")}
    env.update(LC_ALL="POSIX", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    ok = subprocess.run([sys.executable, "-m", "dancu_cli", "--root", str(workspace),
                         *add_args(unit="Văn phòng Sở")], env=env, capture_output=True)
    assert ok.returncode == 0, ok.stderr
    assert "Kết quả nhiệm vụ 4." in report_file(workspace).read_text(encoding="utf-8")
    wrong = subprocess.run([sys.executable, "-m", "dancu_cli", "--root", str(workspace),
                            *add_args(unit="Văn phòng Sởx")], env=env, capture_output=True)
    assert wrong.returncode == 2 and b"lost sys.stderr" not in wrong.stderr
    assert "Văn phòng Sở (VP)" in wrong.stderr.decode("utf-8"), wrong.stderr


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\x1b", "\x07", "\r"])
def test_control_characters_are_refused_with_the_field_named(workspace, char):
    result = run(*add_args(results=f"Dòng một{char}dòng hai"), root=workspace)
    clean(result)
    assert result.exit_code == 1 and "kết quả" in result.stderr and "ký tự điều khiển" in result.stderr
    assert not report_file(workspace).exists()


def test_escaped_control_characters_in_a_file_are_refused(workspace):
    write(workspace, HEAD + "entries:\n" + entry("4", '"Xong\\e[2J\\e]52;c;aGk=\\a"'))
    found = problems(workspace)
    assert [(p["path"], p["code"]) for p in found] == [("entries[0].results", "control-character")], found


@pytest.mark.parametrize("reserved", ["con", "nul", "com1", "lpt9"])
def test_windows_reserved_names_are_refused_as_unit_ids(workspace, reserved):
    units = workspace / "plans" / "units.yaml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text + f"  - id: {reserved}\n    name: Đơn vị thử\n    abbr: DVT\n    kind: division\n"
                     if text.rstrip().endswith("division") else text, encoding="utf-8")
    write(workspace, HEAD.replace("van-phong-so", reserved) + "entries:\n" + entry("4"), unit=reserved)
    found = problems(workspace)
    assert any(p["path"] == "unit" and "tên dành riêng của Windows" in p["message"] for p in found), found


def test_windows_reserved_name_as_plan_id(workspace):
    plan = workspace / "plans" / f"{PLAN_ID}.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(f"id: {PLAN_ID}", "id: AUX", 1), encoding="utf-8")
    found = problems(workspace)
    assert any(p["path"] == "id" and "tên dành riêng của Windows" in p["message"] for p in found), found


def test_lock_timeout_that_is_not_a_number_is_a_message(workspace, monkeypatch):
    for value in ("abc", "nan", "inf", "-1"):
        monkeypatch.setenv("DANCU_LOCK_TIMEOUT", value)
        result = run(*add_args(), root=workspace)
        clean(result)
        assert result.exit_code == 1 and "DANCU_LOCK_TIMEOUT" in result.stderr, result.output
        assert not report_file(workspace).exists()


# --- Output safety -----------------------------------------------------------------------------

def test_no_raw_escape_reaches_the_terminal(workspace):
    """A broken file's excerpt, a typed unit name: control characters are shown escaped."""
    path = write(workspace, HEAD + "number: \x1b]52;c;aGk=\x07\x1b[2J\n")
    for result in (run("validate", root=workspace), run("validate", "--format", "github", root=workspace),
                   run("report", "list", "--unit", "\x1b[2J", root=workspace)):
        clean(result)
        assert "\x1b" not in result.output and "\x07" not in result.output, result.output
    assert "\\x1b" in run("validate", root=workspace).stdout
    assert path.exists()


def test_csv_cells_that_would_be_formulas_are_neutralised(workspace):
    formula = '=HYPERLINK("http://x.vn","Bấm")'
    assert run(*add_args(results=formula, number="@SUM(A1)", figure="+Số lượt=3"), root=workspace).exit_code == 0
    import csv
    import io

    result = run("report", "list", "--format", "csv", root=workspace)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["Kết quả"] == "'" + formula
    assert rows[0]["Số, ký hiệu"] == "'@SUM(A1)"
    assert rows[0]["Số liệu"] == "'+Số lượt=3"
    assert rows[0]["Đơn vị"] == "Văn phòng Sở"  # ordinary text is untouched
