"""`dancu validate`: the repo's plan is clean, faults are found at their lines, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import PLAN_FILE, REPO, run, run_process


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing needle, found in the test's own text."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[occurrence - 1]


def test_repo_validates_clean():
    result = run_process("validate", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "không có lỗi" in result.stdout
    assert "Traceback" not in result.stderr


def test_three_faults_reported_at_their_lines(workspace: Path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8")
    # Fault 1: task 4's lead names a unit that does not exist.
    text = text.replace("    lead: van-phong-so\n", "    lead: phong-khong-ton-tai\n", 1)
    # Fault 2: a duplicated key in the document header.
    text = text.replace("  code: KH-SKHCN\n", "  code: KH-SKHCN\n  code: KH-SKHCN\n", 1)
    # Fault 3: a date that does not exist.
    text = text.replace("  issued_on: 2025-11-04\n", "  issued_on: 31/02/2025\n", 1)
    plan.write_text(text, encoding="utf-8")

    result = run("validate", "--format", "json", root=workspace)
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert len(problems) == 3, problems
    by_code = {p["code"]: p for p in problems}

    unknown = by_code["unknown-unit"]
    assert unknown["line"] == line_of(text, "lead: phong-khong-ton-tai")
    assert unknown["path"] == "tasks[3].lead"
    assert "phong-khong-ton-tai" in unknown["message"]

    dup = by_code["duplicate-key"]
    assert dup["line"] == line_of(text, "code: KH-SKHCN", 2)
    assert dup["column"] == 3
    assert "code" in dup["message"]

    date_problem = next(p for p in problems if p["path"] == "document.issued_on")
    assert date_problem["line"] == line_of(text, "issued_on: 31/02/2025")
    assert "31/02/2025" in date_problem["message"]


def test_text_format_has_location_excerpt_and_caret(workspace: Path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8").replace("    lead: van-phong-so\n", "    lead: van-phong-sox\n", 1)
    plan.write_text(text, encoding="utf-8")
    result = run_process("validate", "--format", "text", cwd=workspace)
    assert result.returncode == 1
    line = line_of(text, "lead: van-phong-sox")
    out = result.stdout.splitlines()
    head = next(o for o in out if o.startswith("plans/2599-KH-SKHCN.yaml:"))
    assert head.startswith(f"plans/2599-KH-SKHCN.yaml:{line}:11: lỗi:")
    assert "có phải ý bạn là “van-phong-so”" in head
    assert "[tasks[3].lead]" in head
    excerpt = out[out.index(head) + 1]
    caret = out[out.index(head) + 2]
    assert excerpt.endswith("lead: van-phong-sox")
    # The caret sits under the value's first character.
    assert caret.index("^") == excerpt.index("van-phong-sox")
    assert out[-1].startswith("Có 1 lỗi")


def test_unknown_key_gets_did_you_mean(workspace: Path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8").replace("    heading:", "    headin:", 1)
    plan.write_text(text, encoding="utf-8")
    result = run("validate", "--format", "json", root=workspace)
    problems = json.loads(result.output)["problems"]
    assert result.exit_code == 1
    unknown = [p for p in problems if p["code"] == "unknown-key"]
    assert len(unknown) == 1
    assert "“heading”" in unknown[0]["message"]
    assert unknown[0]["line"] == line_of(text, "headin:")


def test_github_format_and_auto_selection(workspace: Path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8").replace("  issued_on: 2025-11-04\n", "  issued_on: 2025-13-01\n", 1)
    plan.write_text(text, encoding="utf-8")
    line = line_of(text, "issued_on: 2025-13-01")
    explicit = run_process("validate", "--format", "github", cwd=workspace)
    auto = run_process("validate", cwd=workspace, env={"GITHUB_ACTIONS": "true"})
    for result in (explicit, auto):
        assert result.returncode == 1
        annotations = [l for l in result.stdout.splitlines() if l.startswith("::error ")]
        assert annotations == [
            f"::error file=plans/2599-KH-SKHCN.yaml,line={line},col=14,title=document.issued_on::Ngày 01/13/2025 không tồn tại"
        ]


def test_invalid_report_and_exit_codes(workspace: Path):
    assert run("validate", root=workspace).exit_code == 0
    assert run("validate", "--format", "xml", root=workspace).exit_code == 2
    assert run("validate", str(workspace / "khong-co.yaml"), root=workspace).exit_code == 2


def test_validate_given_file_outside_workspace(workspace: Path, tmp_path: Path):
    copy = tmp_path / "ban-sao.yaml"
    copy.write_text(PLAN_FILE.read_text(encoding="utf-8").replace("number: 7", "number: 8"), encoding="utf-8")
    result = run("validate", "--format", "json", str(copy), root=workspace)
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["files_checked"] == 1
    assert [p["code"] for p in doc["problems"]] == ["task-numbering"]
    assert all(Path(p["file"]).name == "ban-sao.yaml" for p in doc["problems"])


@pytest.mark.parametrize(
    "edit, code, path",
    [
        (("number: 3\n", "number: 2\n"), "duplicate-task", "tasks[2].number"),
        (("      due: 2025-12-31", "      due: 2026-03-31"), "timeframe-mismatch", "tasks[4].timeframe"),
        (("  starts_on: 2025-11-04", "  starts_on: 2026-01-04"), "window-order", "window"),
        (("basis: [\"67/KH-UBND\"]", "basis: [\"68/KH-UBND\"]"), "unknown-document", "basis[0]"),
        (("  name: Mai Thoan\n", "\n"), "missing", "signer.name"),
        (("  - number: 2\n", "  - number: hai\n"), "wrong-type", "tasks[1].number"),
        (("  frequency: quarterly", "  frequency: weekly"), "invalid-choice", "reporting.frequency"),
    ],
)
def test_plan_rules(workspace: Path, edit, code, path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8")
    assert edit[0] in text
    plan.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    problems = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"]
    assert (code, path) in [(p["code"], p["path"]) for p in problems], problems


def test_deadline_outside_window(workspace: Path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("      text: Năm 2025\n      kind: deadline\n      due: 2025-12-31",
                        "      text: Quý I/2026\n      kind: deadline\n      due: 2026-03-31")
    plan.write_text(text, encoding="utf-8")
    problems = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"]
    assert [(p["code"], p["path"]) for p in problems] == [("deadline-outside-window", "tasks[4].timeframe.due")]
    assert "31/03/2026" in problems[0]["message"]


def test_registry_problems(workspace: Path):
    units = workspace / "plans" / "units.yaml"
    text = units.read_text(encoding="utf-8").replace("abbr: KHTC", "abbr: VP", 1)
    units.write_text(text, encoding="utf-8")
    problems = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("duplicate-abbr", line_of(text, "abbr: VP", 2))]


def test_missing_registry_is_reported(workspace: Path):
    (workspace / "plans" / "units.yaml").unlink()
    result = run("validate", "--format", "json", root=workspace)
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.output)["problems"]] == ["missing-registry"]


def test_no_ansi_when_piped(workspace: Path):
    result = run_process("plan", "show", cwd=workspace)
    assert result.returncode == 0
    assert not re.search(r"\x1b\[", result.stdout)


def test_report_for_a_period_the_plan_does_not_use(workspace: Path):
    """A monthly report in a quarterly plan would never be counted: it is refused, with the right period named."""
    folder = workspace / "reports" / "2599-KH-SKHCN" / "2025-11"
    folder.mkdir(parents=True)
    text = ("plan: 2599-KH-SKHCN\nunit: van-phong-so\nperiod: 2025-11\nentries:\n  - task: 4\n    status: dang-thuc-hien\n"
            "    results: x\nreceived_on: 2025-12-05\n")
    (folder / "van-phong-so.yaml").write_text(text, encoding="utf-8")
    problems = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("wrong-period-kind", 3)]
    assert "Có phải ý bạn là kỳ 2025-Q4 (quý IV năm 2025: 01/10/2025 – 31/12/2025)?" in problems[0]["message"]

    added = run("report", "add", "--unit", "VP", "--period", "tháng 12/2025", "--task", "4", "--status", "hoàn thành",
                "--results", "x", root=workspace, env={"DANCU_TODAY": "2026-01-10"})
    assert added.exit_code == 1
    assert "2025-Q4" in added.output
    assert not (workspace / "reports" / "2599-KH-SKHCN" / "2025-12").exists()


def test_a_wrong_choice_names_the_choices(workspace: Path):
    """A typo in a fixed word is answered with the words the field takes, in the model's order."""
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  frequency: quarterly", "  frequency: weekly"),
                    encoding="utf-8")
    problems = json.loads(run("validate", "--format", "json", root=workspace).output)["problems"]
    assert [p["message"] for p in problems if p["code"] == "invalid-choice"] == [
        "Giá trị “weekly” không hợp lệ; chỉ nhận: monthly, quarterly, half_yearly, yearly"]
