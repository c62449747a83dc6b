"""Fuzzing: thousands of mutated plans and reports through `validate` and `report add --from-file`.

Each case starts from a valid file of the repository's own workspace and applies a few mutations
(hostile values in place of scalars, lines dropped, doubled or moved, bytes flipped, YAML
syntax spliced in). Whatever comes out, the contract holds: no traceback, exit code 0 or 1,
problems print in every format without a raw escape character, and a refused report writes
nothing. Cases are derived from a fixed seed (hypothesis, derandomised), so a failure repeats.

Most cases call the same core functions the commands call, on a workspace loaded once (a whole
process per case would take an hour); a sample of cases also runs the real commands in-process.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLAN_FILE, PLAN_ID, REPO, run

REPORT = f"""plan: {PLAN_ID}
unit: van-phong-so
period: 2025-Q4
number: 45/BC-VP
issued_on: 2025-12-15
received_on: 16/12/2025
entries:
  - task: 4
    status: dang-thuc-hien
    results: |
      Đã tiếp 12 lượt công dân.
      Giải quyết 3 đơn kiến nghị.
    figures:
      Số lượt tiếp công dân: 12
      Tỷ lệ: 2.5
  - task: 1
    status: hoan-thanh
    results: Đã quán triệt kế hoạch.
    proposals: Đề nghị bổ sung kinh phí.
"""

# Values a clerk, a broken editor or an attacker might put where a scalar was.
HOSTILE = [
    '"4"', "4.0", "99.0", "-1", "0", "10000", "1e999", ".nan", ".inf", "-.inf", "true", "null", "~", "[]", "{}",
    "2025-12-16 10:00:00", "2025-02-31", "0000-Q4", "0000-01-01", "31/12/2300", "2025-Q5", "quý V/2025",
    "9" * 50, "1" + "0" * 400, "1" * 5000, '"\\e[2J\\e]52;c;aGk=\\a"', '"a\\x85b"', '"\\u2028"', '"\\0"',
    "con", "NUL", "com1", "../../etc/passwd", "/etc/passwd", "van-phong-so/../../x", "&a [1, *a]", "*nothing",
    "!!python/object/apply:os.system ['echo x']", "!!binary aGVsbG8=", "!secret x", "<<: {a: 1}",
    '"' + "x" * 100_001 + '"', "[" * 300 + "]" * 300, "{a: [b: {c: d}]}", "'", '"', "|", ">", "- - -", "? x",
    "hoàn thành", "HOAN THANH", "chưa triển khai", "@SUM(A1)", "=1+1", "-2", "+3", "2.5", "1_000", "0x1F",
    "12:30:00", "1:2:3", "yes", "off", "'\t'", "\t", " ", "", "# chú thích", "ｔａｓｋ", "Ngày 31/02/2025",
]
SPLICE = ["\t", ": ", "- ", "&x ", "*x", "---\n", "...\n", "%YAML 1.1\n", "[", "{", "}", "]", '"', "'", "\\",
          "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "\r", "\r\n", "#", "!", "|", ">", "  ", "\n  - task: 4\n"]
SCALAR = re.compile(r"(?m)(:[ ]+|^[ ]*-[ ]+)([^\n]*)$")


def mutate(text: str, ops: list[tuple[int, int, int]]) -> bytes:
    """Apply mutations chosen by (kind, position, choice) triples; positions wrap around."""
    for kind, pos, choice in ops:
        lines = text.split("\n")
        if kind == 0:  # a hostile value in place of one scalar
            spots = list(SCALAR.finditer(text))
            if spots:
                m = spots[pos % len(spots)]
                text = text[:m.start(2)] + HOSTILE[choice % len(HOSTILE)] + text[m.end(2):]
        elif kind == 1 and len(lines) > 1:  # drop a line
            del lines[pos % len(lines)]
            text = "\n".join(lines)
        elif kind == 2:  # double a line (duplicate keys, duplicate entries)
            i = pos % len(lines)
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == 3 and len(lines) > 1:  # move a line elsewhere (indentation breaks)
            line = lines.pop(pos % len(lines))
            lines.insert(choice % (len(lines) + 1), line)
            text = "\n".join(lines)
        elif kind == 4:  # splice YAML syntax or control characters in
            at = pos % (len(text) + 1)
            text = text[:at] + SPLICE[choice % len(SPLICE)] + text[at:]
        elif kind == 5:  # re-indent a line
            i = pos % len(lines)
            lines[i] = " " * (choice % 7) + lines[i].lstrip(" ")
            text = "\n".join(lines)
    raw = text.encode("utf-8", "surrogatepass")
    if ops and ops[0][0] == 6:  # a flipped byte: invalid UTF-8, a BOM, NUL…
        at = ops[0][1] % (len(raw) + 1)
        raw = raw[:at] + bytes([ops[0][2] % 256]) + raw[at:]
    return raw


MUTATIONS = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 10_000), st.integers(0, 10_000)),
                     min_size=1, max_size=4)
FUZZ = settings(derandomize=True, deadline=None, database=None, print_blob=True,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A workspace loaded once, and what the commands use to check and write."""
    import os

    os.environ["DANCU_TODAY"] = "2026-01-15"
    from dancu_cli.core.reports import ReportStore
    from dancu_cli.core.workspace import load_workspace

    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "reports").mkdir()
    ws = load_workspace(root, include_reports=False)
    assert ws.ok, ws.problems
    yield root, ws, ReportStore(ws)
    os.environ.pop("DANCU_TODAY", None)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in (root / "reports").rglob("*") if p.is_file() and not p.name.endswith(".lock")}


def printable_everywhere(problems) -> None:
    from dancu_cli.core.problems import format_problems

    for fmt in ("text", "json", "github"):
        out = format_problems(problems, fmt, 1)
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        if fmt == "json":
            json.loads(out)


def check_as_validate(ws, path: Path, kind: str) -> list:
    from dancu_cli.core.checking import check_file

    checked = check_file(path, kind, ws._context, path.name)
    problems = checked.problems
    assert all(p.severity in ("error", "warning") and isinstance(p.line, int) for p in problems)
    printable_everywhere(problems)
    return problems


@settings(FUZZ, max_examples=2500)
@given(ops=MUTATIONS)
def test_fuzz_report_add_from_file(world, ops):
    from dancu_cli.core.errors import ReportError

    root, ws, store = world
    draft = root / "draft.yaml"
    draft.write_bytes(mutate(REPORT, ops))
    check_as_validate(ws, draft, "report")
    before = snapshot(root)
    try:
        change = store.add_file(draft, replace=bool(ops[0][2] % 2))
    except ReportError as exc:
        printable_everywhere(exc.problems)
        assert snapshot(root) == before, "a refused report wrote something"
    else:
        # What was written reads back as valid, and stays under reports/.
        assert change.path.resolve().is_relative_to((root / "reports").resolve())
        assert store.read(change.path) is not None
        shutil.rmtree(root / "reports")
        (root / "reports").mkdir()


@settings(FUZZ, max_examples=800)
@given(ops=MUTATIONS)
def test_fuzz_plan_validate(world, ops):
    root, ws, _ = world
    plan = root / "draft-plan.yaml"
    plan.write_bytes(mutate(PLAN_FILE.read_text(encoding="utf-8"), ops))
    check_as_validate(ws, plan, "plan")


@settings(FUZZ, max_examples=120)
@given(ops=MUTATIONS, plan=st.booleans())
def test_fuzz_the_real_commands(tmp_path_factory, ops, plan):
    """A sample through the commands themselves: exit 0 or 1, no exception, nothing written on refusal."""
    root = tmp_path_factory.mktemp("cmd")
    shutil.copytree(REPO / "plans", root / "plans")
    target = root / "plans" / f"{PLAN_ID}.yaml" if plan else root / "draft.yaml"
    target.write_bytes(mutate(PLAN_FILE.read_text(encoding="utf-8") if plan else REPORT, ops))
    env = {"DANCU_TODAY": "2026-01-15"}
    checked = run("validate", "--format", "json", root=root, env=env)
    assert checked.exit_code in (0, 1) and checked.exception is None or isinstance(checked.exception, SystemExit)
    json.loads(checked.stdout)
    if plan:
        return
    added = run("report", "add", "--from-file", str(target), root=root, env=env)
    assert added.exception is None or isinstance(added.exception, SystemExit), repr(added.exception)
    assert added.exit_code in (0, 1), added.output
    assert "Traceback" not in added.output and "\x1b" not in added.output
    written = list((root / "reports").rglob("*.yaml")) if (root / "reports").exists() else []
    assert (added.exit_code == 0) == bool(written), added.output
