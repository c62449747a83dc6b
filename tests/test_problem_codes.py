"""Every problem code the checks can emit, triggered by a small inline file, at its line and column.

In the manner of yamllint's tests/rules: each case is a YAML text written here, the file kind, and
the (code, line, column) expected, counted by hand from the text. A last test reads the source for
every code it defines and fails when one has no case here: a new rule comes with its test.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from dancu_cli.core.checking import check_file
from dancu_cli.core.checks import CheckContext, registry_refs
from dancu_cli.core.workspace import load_workspace

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2025, 12, 20)

REGISTRY = """\
units:
  - id: van-phong-so
    name: Văn phòng Sở
    abbr: VP
    kind: division
  - id: phong-ke-hoach
    name: Phòng Kế hoạch
    abbr: KH
    kind: division
groups:
  - id: cac-phong
    name: Các phòng
    kinds: [division]
"""

# Line numbers of PLAN, for reading the cases below: 12 task number, 14 lead, 19 window start,
# 22 reporting, 24 frequency, 26 due_working_days, 28 recipients.
PLAN = """\
id: 1-KH-THU
document:
  type: Kế hoạch
  number: "1"
  code: KH-THU
  place: Quảng Ngãi
  issued_on: 2025-11-04
  title: Kế hoạch thử
issuer:
  name: Sở Thử
tasks:
  - number: 1
    heading: Việc một
    lead: van-phong-so
    timeframe:
      text: Thường xuyên
      kind: regular
window:
  starts_on: 2025-11-04
  ends_on: 2025-12-31
reporting:
  through: van-phong-so
  to: UBND tỉnh
  frequency: quarterly
  cutoff: calendar
  due_working_days: 5
  owing_roles: [lead]
recipients: [Như trên]
signer:
  title: PHÓ GIÁM ĐỐC
  name: Nguyễn Văn A
"""

REPORT = """\
plan: 1-KH-THU
unit: van-phong-so
period: 2025-Q4
received_on: 2025-12-16
entries:
  - task: 1
    status: dang-thuc-hien
    results: Đã làm.
"""

CALENDAR = """\
days:
  - date: 2026-01-02
    kind: day_off
    name: Nghỉ Tết Dương lịch
    reference: Công văn số 12729/VPCP-KGVX
"""

TASK_2 = """\
  - number: 2
    heading: Việc hai
    lead: van-phong-so
    timeframe:
      text: Thường xuyên
      kind: regular
"""


def context(location=None) -> CheckContext:
    registry_src, _ = load_yaml_text(REGISTRY)
    ctx = CheckContext(plans={}, registry=None, today=TODAY, location=location)
    registry = check_file(REGISTRY, "units", ctx).model
    ctx.registry = registry
    ids, groups = registry_refs(registry_src.data)
    ctx.known_refs = ids | groups
    ctx.plans = {"1-KH-THU": check_file(PLAN, "plan", ctx).model}
    return ctx


def load_yaml_text(text: str):
    from dancu_cli.core.yamlsource import parse_yaml

    return parse_yaml(text.encode("utf-8"), "t.yaml")


def found(kind: str, text: str | bytes, location=None) -> list[tuple[str, int, int]]:
    ctx = context(location)
    if isinstance(text, bytes):  # bytes that are not UTF-8 text
        from dancu_cli.core.checking import check_source
        from dancu_cli.core.yamlsource import parse_yaml

        checked = check_source(*parse_yaml(text, "t.yaml"), kind, ctx)
    else:
        checked = check_file(text, kind, ctx)
    return [(p.code, p.line, p.column) for p in checked.problems]


def test_the_base_files_are_clean():
    for kind, text in (("units", REGISTRY), ("plan", PLAN), ("report", REPORT), ("calendar", CALENDAR)):
        assert found(kind, text) == [], kind


# (code, kind, text, line, column): the text is the base file with one fault.
CASES = [
    # The loader: bytes and YAML.
    ("encoding", "report", "\ufeff".encode("utf-16-le") + b"plan: x", 1, 1),
    ("syntax", "report", "plan: [1-KH-THU\n", 2, 1),
    ("empty", "report", "# chỉ có chú thích\n", 1, 1),
    ("duplicate-key", "report", REPORT.replace("unit: van-phong-so\n", "unit: van-phong-so\nunit: van-phong-so\n"), 3, 1),
    ("tag", "report", REPORT.replace("results: Đã làm.", "results: !!python/name:os.system ''"), 8, 14),
    # A cycle is shown at the anchored node that contains itself.
    ("alias-cycle", "report", "a: &x [*x]\n", 1, 4),
    ("alias-bomb", "report", "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" if i else "l0: &l0 [x]\n"
                                     for i in range(8)), 7, 5),  # l6 stands for 10^6 nodes: the cap
    ("key-type", "report", REPORT.replace("entries:", "[1]: 2\nentries:"), 5, 1),
    ("number-too-large", "report", REPORT.replace("task: 1", "task: " + "9" * 50), 6, 11),
    # The models.
    ("unknown-key", "report", REPORT.replace("received_on:", "recieved_on:"), 4, 1),
    ("missing", "report", REPORT.replace("period: 2025-Q4\n", ""), 1, 1),
    ("invalid-choice", "report", REPORT.replace("dang-thuc-hien", "dang-lam"), 7, 13),
    ("invalid-id", "report", REPORT.replace("unit: van-phong-so", "unit: Văn Phòng"), 2, 7),
    ("wrong-type", "report", REPORT.replace("results: Đã làm.", "results: [a, b]"), 8, 14),
    ("invalid-date", "report", REPORT.replace("2025-12-16", "31/02/2025"), 4, 14),
    ("datetime-in-date", "report", REPORT.replace("2025-12-16", "2025-12-16 10:00:00"), 4, 14),
    ("invalid-period", "report", REPORT.replace("2025-Q4", "2025-Q9"), 3, 9),
    ("not-a-number", "report", REPORT.replace("results: Đã làm.", "results: Đã làm.\n    figures: {Số lượt: nhiều}"), 9, 24),
    ("negative-figure", "report", REPORT.replace("results: Đã làm.", "results: Đã làm.\n    figures: {Số lượt: -3}"), 9, 24),
    ("figure-too-large", "report", REPORT.replace("results: Đã làm.", "results: Đã làm.\n    figures: {Số lượt: 10000000000000000}"), 9, 24),
    ("control-character", "report", REPORT.replace("Đã làm.", '"Đã\\x1b[2J làm."'), 8, 14),
    ("reserved-name", "units", REGISTRY.replace("id: phong-ke-hoach", "id: con"), 6, 9),
    ("missing-date", "plan", PLAN.replace("signer:", "legal_documents:\n  - type: Luật\n    issuer: Quốc hội\n"
                                                    "    subject: Luật thử\nsigner:"), 30, 5),
    ("year-mismatch", "plan", PLAN.replace("signer:", "legal_documents:\n  - type: Luật\n    issuer: Quốc hội\n"
                                                      "    subject: Luật thử\n    issued_on: 2022-11-10\n"
                                                      "    year: 2023\nsigner:"), 30, 5),
    ("missing-due", "plan", PLAN.replace("      text: Thường xuyên\n      kind: regular",
                                         "      text: Năm 2025\n      kind: deadline"), 16, 7),
    ("unexpected-due", "plan", PLAN.replace("      kind: regular", "      kind: regular\n      due: 2025-12-31"), 16, 7),
    ("timeframe-mismatch", "plan", PLAN.replace("      kind: regular", "      kind: deadline\n      due: 2025-12-31"), 16, 7),
    ("window-order", "plan", PLAN.replace("ends_on: 2025-12-31", "ends_on: 2025-10-31"), 19, 3),
    ("due-rules", "plan", PLAN.replace("  due_working_days: 5", "  due_working_days: 5\n  due_day_of_next_month: 10"), 22, 3),
    # The rules across fields and files.
    ("duplicate-id", "units", REGISTRY.replace("id: phong-ke-hoach", "id: van-phong-so"), 6, 9),
    ("duplicate-abbr", "units", REGISTRY.replace("abbr: KH", "abbr: vp"), 8, 11),
    ("unknown-unit", "plan", PLAN.replace("lead: van-phong-so", "lead: van-phong-soo"), 14, 11),
    ("empty-group", "units", REGISTRY.replace("    kinds: [division]\n", ""), 11, 5),
    ("duplicate-task", "plan", PLAN.replace("window:", TASK_2.replace("number: 2", "number: 1") + "window:"), 18, 13),
    ("task-numbering", "plan", PLAN.replace("window:", TASK_2.replace("number: 2", "number: 3") + "window:"), 18, 13),
    ("no-units", "plan", PLAN.replace("    lead: van-phong-so\n", ""), 12, 5),
    ("deadline-outside-window", "plan", PLAN.replace("      text: Thường xuyên\n      kind: regular",
                                                     "      text: Năm 2026\n      kind: deadline\n      due: 2026-12-31"),
     18, 12),
    ("unknown-document", "plan", PLAN.replace("issuer:", "basis: [99/QĐ-X]\nissuer:"), 9, 9),
    ("deadline-too-close", "plan", PLAN.replace("  due_working_days: 5", "  due_day_of_last_month: 31"), 21, 1),
    ("unknown-plan", "report", REPORT.replace("plan: 1-KH-THU", "plan: 2-KH-THU"), 1, 7),
    ("unknown-task", "report", REPORT.replace("task: 1", "task: 9"), 6, 11),
    ("no-role", "report", REPORT.replace("unit: van-phong-so", "unit: phong-ke-hoach"), 6, 11),
    ("duplicate-entry", "report", REPORT + "  - task: 1\n    status: hoan-thanh\n    results: Xong.\n", 9, 11),
    ("wrong-period-kind", "report", REPORT.replace("2025-Q4", "2025-11"), 3, 9),
    ("period-outside-window", "report", REPORT.replace("2025-Q4", "2025-Q2").replace("2025-12-16", "2025-11-10"), 3, 9),
    ("future-date", "report", REPORT.replace("2025-12-16", "2025-12-21"), 4, 14),
    ("received-before-issued", "report", REPORT.replace("received_on: 2025-12-16",
                                                        "issued_on: 2025-12-16\nreceived_on: 2025-12-15"), 5, 14),
    ("mixed-shapes", "report", REPORT + "submissions:\n  - received_on: 2025-12-17\n    entries:\n      - task: 1\n"
                                         "        status: hoan-thanh\n        results: Xong.\n", 1, 1),
    ("duplicate-day", "calendar", CALENDAR + CALENDAR.replace("days:\n", ""), 6, 11),
    # Counted 1-based: `entries:` is line 4 once the received date is gone.
    ("undated", "report", REPORT.replace("received_on: 2025-12-16\n", ""), 4, 1),
    ("weekend-day-off", "calendar", CALENDAR.replace("2026-01-02", "2026-01-03"), 3, 11),
    ("weekday-working-day", "calendar", CALENDAR.replace("2026-01-02", "2026-01-05").replace("day_off", "working_day"),
     3, 11),
]


@pytest.mark.parametrize("code, kind, text, line, column", CASES, ids=[c[0] for c in CASES])
def test_code_at_its_place(code, kind, text, line, column):
    assert (code, line, column) in found(kind, text)


def test_wrong_folder():
    """A report filed under another period's folder names the period line."""
    assert ("wrong-folder", 3, 9) in found("report", REPORT, location=("1-KH-THU", "2025-Q3", "van-phong-so"))


def _workspace(tmp_path: Path, plan: str = PLAN, registry: str | None = REGISTRY) -> Path:
    (tmp_path / "plans").mkdir(parents=True)
    (tmp_path / "plans" / "1-KH-THU.yaml").write_text(plan, encoding="utf-8")
    if registry is not None:
        (tmp_path / "plans" / "units.yaml").write_text(registry, encoding="utf-8")
    return tmp_path


def _codes(root: Path) -> list[tuple[str, str, int, int]]:
    ws = load_workspace(root, today=TODAY)
    return [(p.code, Path(p.file).name, p.line, p.column) for p in ws.problems]


def test_workspace_codes(tmp_path, monkeypatch):
    """Codes only a whole workspace can show: a second plan with the same id, two files for one report,
    no registry, a file too large, a symlink, a file where a folder belongs."""
    monkeypatch.chdir(tmp_path)
    root = _workspace(tmp_path / "a")
    (root / "plans" / "copy.yaml").write_text(PLAN, encoding="utf-8")
    folder = root / "reports" / "1-KH-THU" / "2025-Q4"
    folder.mkdir(parents=True)
    (folder / "van-phong-so.yaml").write_text(REPORT, encoding="utf-8")
    (folder / "van-phong-so.yml").write_text(REPORT, encoding="utf-8")
    codes = _codes(root)
    assert ("duplicate-plan", "copy.yaml", 1, 5) in codes
    assert ("duplicate-report", "van-phong-so.yml", 2, 7) in codes

    root = _workspace(tmp_path / "b", registry=None)
    assert ("missing-registry", "units.yaml", 0, 0) in _codes(root)

    root = _workspace(tmp_path / "c")
    (root / "plans" / "big.yaml").write_bytes(b"# " + b"x" * (6 * 1024 * 1024))
    (root / "reports").mkdir()
    (root / "reports" / "1-KH-THU").symlink_to(tmp_path / "a" / "reports" / "1-KH-THU")
    codes = {c[0] for c in _codes(root)}
    assert {"too-large", "symlink"} <= codes

    root = _workspace(tmp_path / "d")
    (root / "reports").write_text("không phải thư mục", encoding="utf-8")
    assert "not-a-folder" in {c[0] for c in _codes(root)}


def test_io_code(tmp_path, monkeypatch):
    """A file that cannot be read: its reading error is a problem, with the code io."""
    monkeypatch.chdir(tmp_path)
    root = _workspace(tmp_path)
    bad = root / "plans" / "2-KH-THU.yaml"
    bad.write_text(PLAN, encoding="utf-8")

    from dancu_cli.core import yamlsource

    def refuse(path, max_bytes):
        if Path(path).name == "2-KH-THU.yaml":
            raise PermissionError(13, "Permission denied")
        return original(path, max_bytes)

    original = yamlsource.read_limited
    monkeypatch.setattr(yamlsource, "read_limited", refuse)
    assert ("io", "2-KH-THU.yaml", 0, 0) in _codes(root)


EMITTERS = [
    re.compile(r'code\s*=\s*"([a-z0-9-]+)"'),
    re.compile(r'"dancu_([a-z0-9_]+)"'),
    re.compile(r',\s*"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"\s*(?:,\s*(?:severity|key|at_key)=[^)]*)?\)'),
    re.compile(r'(?:Finding|_Refused)\((?:[^()]|\([^()]*\))*?,\s*"([a-z]+)"\s*(?:,\s*(?:key|severity|at_key)=[^)]*)?\)', re.S),
]
# Codes that are defaults or pass-throughs, not emitted by a rule of their own: the generic "invalid" of a
# model error without a Vietnamese message, and the default of Problem.
NOT_RULES = {"cli", "invalid"}


def defined_codes() -> set[str]:
    core = REPO / "src" / "dancu_cli" / "core"
    codes: set[str] = set()
    for path in core.rglob("*.py"):
        if "plan_import" in path.parts:  # the import's notes about a document, not problems of workspace files
            continue
        text = path.read_text(encoding="utf-8")
        for i, pattern in enumerate(EMITTERS):
            codes |= {m.group(1).replace("_", "-") if i == 1 else m.group(1) for m in pattern.finditer(text)}
    return codes - NOT_RULES


def test_every_code_in_the_source_has_a_case():
    tested = {c[0] for c in CASES} | {"wrong-folder", "duplicate-plan", "duplicate-report", "missing-registry",
                                      "too-large", "symlink", "not-a-folder", "io"}
    missing = defined_codes() - tested
    assert not missing, f"problem codes with no test: {sorted(missing)}"
    assert len(defined_codes()) > 40  # the scan itself still finds the codes


def test_wrong_folder_for_plan_and_unit():
    """The folder names the plan, the period and (as the file name) the unit: each mismatch at its own line."""
    assert ("wrong-folder", 1, 7) in found("report", REPORT, location=("2-KH-THU", "2025-Q4", "van-phong-so"))
    assert ("wrong-folder", 2, 7) in found("report", REPORT, location=("1-KH-THU", "2025-Q4", "phong-ke-hoach"))
    assert [c for c in found("report", REPORT, location=("1-KH-THU", "2025-Q4", "van-phong-so"))] == []


def test_messages_name_what_is_known():
    """A group named as the reporting unit is called a group; an unknown plan lists the plans there are."""
    ctx = context()
    group = check_file(REPORT.replace("unit: van-phong-so", "unit: cac-phong"), "report", ctx).problems
    assert [(p.code, p.line, p.message) for p in group if p.code == "unknown-unit"] == [
        ("unknown-unit", 2, "Đơn vị “cac-phong” là một nhóm, không phải một đơn vị")]
    other = check_file(REPORT.replace("plan: 1-KH-THU", "plan: 2-KH-THU"), "report", ctx).problems
    assert [p.message for p in other if p.code == "unknown-plan"] == [
        "Không có kế hoạch “2-KH-THU” (các kế hoạch hiện có: 1-KH-THU)"]
