"""The cache changes how fast dancu answers, never what it answers.

Black-box: every command runs as a real process (`python -m dancu_cli`), so that neither the cache on disk
nor any memo inside one process can hide a difference. "Cold" is a run with no `.dancu-cache/` folder, "warm"
the same command right after, with the cache the cold run filled; a third run makes sure a warm run's own
writes change nothing either. What a user would notice is compared byte for byte: standard output, standard
error, the exit code and the bytes of a file written with `-o`.

The cache is treated as opaque: whatever files dancu keeps under `.dancu-cache/` are overwritten, cut short,
marked with another version, or swapped for a copy saved before an edit, and every answer must be exactly the
one a run without any cache gives, with no traceback.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import dancu_cli
from conftest import PLAN_ID, REPO

CACHE = ".dancu-cache"
TODAY = "2026-01-20"  # every report of the sample and of the department workspace has arrived by then
AS_OF = ("--as-of", TODAY)
PERIOD = ("--period", "2025-Q4")
SUMMARY_FILE = "tong-hop-quy-IV.md"
SAMPLE_REPORTS = REPO / "tests" / "data" / "summary-q4" / "reports"
QUARTER = Path("reports") / PLAN_ID / "2025-Q4"

# Every command of the issue; --format json where it prints the same data as data.
COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate",),
    "validate-json": ("validate", "--format", "json"),
    "overdue": ("overdue", *AS_OF),
    "overdue-json": ("overdue", *AS_OF, "--format", "json"),
    "status": ("status", *AS_OF, *PERIOD),
    "status-json": ("status", *AS_OF, *PERIOD, "--format", "json"),
    "report-list": ("report", "list"),
    "plan-show": ("plan", "show"),
    # 05/01/2026 + 7 days reaches the Q4 due date (09/01/2026), so the table is not empty.
    "upcoming": ("upcoming", "--as-of", "2026-01-05"),
    "summary-md": ("summary", *AS_OF, *PERIOD, "--format", "md", "-o", SUMMARY_FILE),
}
# Each workspace runs what tells most about it (every process costs about half a second).
ON_SAMPLE = [name for name in COMMANDS if name != "validate-json"]  # valid: validate's JSON is an empty list
ON_DEPARTMENT = [name for name in ON_SAMPLE if name != "status-json"]
ON_BROKEN = [name for name in COMMANDS if name not in ("overdue-json", "status-json")]  # refused before any data
# What the hostile-cache tests run: the check itself, and a command built on the checked data.
HOSTILE_COMMANDS = ("validate", "overdue")


# --- Running dancu ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """All a user sees of one run."""

    exit_code: int
    stdout: bytes
    stderr: bytes
    written: bytes | None  # the file named by -o, if the command wrote it

    def text(self) -> str:
        written = "(no file)" if self.written is None else self.written.decode("utf-8", "replace")
        return (f"exit code {self.exit_code}\n--- stdout\n{self.stdout.decode('utf-8', 'replace')}"
                f"--- stderr\n{self.stderr.decode('utf-8', 'replace')}--- -o file\n{written}\n")


def environment(ws: Path) -> dict[str, str]:
    env = {**os.environ, "DANCU_ROOT": str(ws), "DANCU_TODAY": TODAY, "PYTHONIOENCODING": "utf-8"}
    for name in ("GITHUB_ACTIONS", "DANCU_CACHE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)  # the cache must be on, and output the plain text a terminal-less run prints
    return env


def dancu(ws: Path, *args: str, cwd: Path | None = None, python: tuple[str, ...] = ("-m", "dancu_cli")) -> Outcome:
    """Run dancu as a new process in `ws` (or `cwd`); a file named by -o is removed first and read back after."""
    cwd = cwd or ws
    output = cwd / args[args.index("-o") + 1] if "-o" in args else None
    if output is not None:
        output.unlink(missing_ok=True)  # so that every run writes it afresh (nothing is overwritten unasked)
    proc = subprocess.run([sys.executable, *python, *args], cwd=cwd, env=environment(ws), capture_output=True,
                          timeout=120)
    written = output.read_bytes() if output is not None and output.is_file() else None
    outcome = Outcome(proc.returncode, proc.stdout, proc.stderr, written)
    assert b"Traceback" not in proc.stdout + proc.stderr, outcome.text()
    return outcome


def no_cache(ws: Path) -> None:
    path = ws / CACHE
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def cold(ws: Path, *args: str, **kwargs) -> Outcome:
    no_cache(ws)
    return dancu(ws, *args, **kwargs)


def assert_same(expected: Outcome, got: Outcome, what: str) -> None:
    if expected != got:
        diff = "".join(difflib.unified_diff(expected.text().splitlines(keepends=True),
                                            got.text().splitlines(keepends=True), "no cache", what))
        pytest.fail(f"{what} differs from a run without cache:\n{diff}")


# --- Workspaces --------------------------------------------------------------------------------------

def sample_workspace(root: Path) -> Path:
    """The shipped plans/ with the three sample reports of Q4/2025 (as tests/conftest.py and the README use)."""
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(SAMPLE_REPORTS, root / "reports")
    return root


def edit(path: Path, old: str, new: str, *, keep_size_and_time: bool = False) -> None:
    """Replace `old` (which must occur once) in a file; optionally keep its size and modification time,
    as `touch -r` or a restore tool does, so that only the bytes tell the edit."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    stat = path.stat()
    if keep_size_and_time:
        assert len(old.encode("utf-8")) == len(new.encode("utf-8")), (old, new)
    path.write_text(text.replace(old, new), encoding="utf-8", newline="\n")
    if keep_size_and_time:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def break_a_plan_and_a_report(ws: Path) -> Path:
    """A second plan with a date that does not exist, and a report naming a task the plan does not have."""
    text = (ws / "plans" / f"{PLAN_ID}.yaml").read_text(encoding="utf-8")
    broken = text.replace("id: 2599-KH-SKHCN", "id: 2600-KH-SKHCN", 1).replace("issued_on: 2025-11-04",
                                                                               "issued_on: 2025-02-31", 1)
    (ws / "plans" / "2600-KH-SKHCN.yaml").write_text(broken, encoding="utf-8", newline="\n")
    edit(ws / QUARTER / "van-phong-so.yaml", "  - task: 4\n", "  - task: 9\n")
    return ws


def load_department():
    spec = importlib.util.spec_from_file_location("department", REPO / "benchmarks" / "department.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return sample_workspace(tmp_path_factory.mktemp("mau"))


@pytest.fixture(scope="module")
def department(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("so") / "ws"
    load_department().generate_department(out)
    return out


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    return break_a_plan_and_a_report(sample_workspace(tmp_path_factory.mktemp("hong")))


# --- Same answers: cold, warm, and warm again ----------------------------------------------------------

def cold_warm_again(ws: Path, args: tuple[str, ...]) -> Outcome:
    first = cold(ws, *args)
    assert_same(first, dancu(ws, *args), "warm run")
    assert_same(first, dancu(ws, *args), "third run")
    return first


@pytest.mark.parametrize("command", ON_SAMPLE)
def test_cold_and_warm_runs_answer_alike_on_the_sample(sample, command):
    first = cold_warm_again(sample, COMMANDS[command])
    # The sample is valid: every command answers (an error on both runs would prove nothing).
    assert first.exit_code == 0 and first.stdout, first.text()
    assert (first.written is not None) == (command == "summary-md")


@pytest.mark.parametrize("command", ON_DEPARTMENT)
def test_cold_and_warm_runs_answer_alike_on_the_department(department, command):
    first = cold(department, *COMMANDS[command])
    assert_same(first, dancu(department, *COMMANDS[command]), "warm run")
    assert first.exit_code == 0 and first.stdout, first.text()


@pytest.mark.parametrize("command", ON_BROKEN)
def test_cold_and_warm_runs_answer_alike_with_a_broken_plan_and_report(broken, command):
    first = cold(broken, *COMMANDS[command])
    assert_same(first, dancu(broken, *COMMANDS[command]), "warm run")
    if command.startswith("validate"):
        # All problems in one pass, and the command refuses.
        assert first.exit_code == 1
        assert b"plans/2600-KH-SKHCN.yaml" in first.stdout
        assert f"{QUARTER.as_posix()}/van-phong-so.yaml".encode() in first.stdout


def test_the_cache_is_shared_by_commands_working_folders_and_copies(tmp_path):
    """A cache filled by another command, from another folder, or before the workspace was copied elsewhere,
    answers like no cache: paths in messages stay relative to where the user stands."""
    ws = sample_workspace(tmp_path / "ws")
    edit(ws / QUARTER / "van-phong-so.yaml", "  - task: 4\n", "  - task: 9\n")
    inner = ws / "reports"
    expected = {name: cold(ws, *COMMANDS[name], cwd=inner) for name in HOSTILE_COMMANDS}
    assert b"2599-KH-SKHCN/2025-Q4/van-phong-so.yaml:14:11" in expected["overdue"].stderr
    cold(ws, *COMMANDS["overdue"])  # filled from the workspace's top folder
    assert_same(expected["validate"], dancu(ws, *COMMANDS["validate"], cwd=inner), "validate after overdue")
    moved = tmp_path / "moved"
    shutil.copytree(ws, moved, symlinks=True)  # cache and all, as a copy to a USB stick would
    for name in HOSTILE_COMMANDS:
        assert_same(expected[name], dancu(moved, *COMMANDS[name], cwd=moved / "reports"), f"{name} in a copy")


# --- Hostile cache: damaged files ----------------------------------------------------------------------

def snapshot(ws: Path) -> dict[str, bytes]:
    """Every file of the cache, by its path inside the cache folder."""
    folder = ws / CACHE
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def restore(ws: Path, files: dict[str, bytes]) -> None:
    no_cache(ws)
    for name, data in files.items():
        path = ws / CACHE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def cut_mid_line(data: bytes) -> bytes:
    """Cut in the middle of the second line (the first record after a header), else of the first."""
    lines = data.split(b"\n")
    start = len(lines[0]) + 1 if len(lines) > 2 else 0
    line = lines[1] if len(lines) > 2 else lines[0]
    return data[:start + max(1, len(line) // 2)]


OTHER_VERSION = "0.0.1"
assert OTHER_VERSION != dancu_cli.__version__

DAMAGE = {
    "random-bytes": lambda data: random.Random(len(data)).randbytes(max(len(data), 64)),
    "invalid-utf8": lambda data: data[:len(data) // 2] + b"\xff\xfe\xc0\x80\xed\xa0\x80\xc3" + data[len(data) // 2:],
    "zero-bytes": lambda data: b"\0" * max(len(data), 64),
    "cut-after-1-byte": lambda data: data[:1],
    "cut-in-half": lambda data: data[:len(data) // 2],
    "cut-mid-line": cut_mid_line,
    "cut-before-last-newline": lambda data: data[:data.rfind(b"\n")] if b"\n" in data else data[:-1],
    "other-version": lambda data: data.replace(dancu_cli.__version__.encode(), OTHER_VERSION.encode()),
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Path, dict[str, Outcome], dict[str, bytes]]:
    """The sample with one broken report (so that there are problems to keep), the answers without cache,
    and the cache that validate and overdue leave behind."""
    ws = sample_workspace(tmp_path_factory.mktemp("day"))
    edit(ws / QUARTER / "van-phong-so.yaml", "  - task: 4\n", "  - task: 9\n")
    expected = {name: cold(ws, *COMMANDS[name]) for name in ("validate-json", *HOSTILE_COMMANDS)}
    assert expected["validate"].exit_code == 1 and b"van-phong-so.yaml" in expected["validate"].stdout
    assert expected["overdue"].exit_code == 0 and b"van-phong-so.yaml" in expected["overdue"].stderr
    for name in HOSTILE_COMMANDS:  # overdue's cache is there; each command fills what it uses
        assert_same(expected[name], dancu(ws, *COMMANDS[name]), f"warm {name}")
    files = snapshot(ws)
    cache_files = [name for name in files if Path(name).name != ".gitignore"]
    assert cache_files, f"the runs left no cache to damage: {sorted(files)}"
    return ws, expected, files


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_file_gives_the_answers_of_no_cache(filled, damage):
    ws, expected, files = filled
    changed = 0
    for name in files:
        if Path(name).name == ".gitignore":
            continue
        hurt = DAMAGE[damage](files[name])
        changed += hurt != files[name]
        for command in HOSTILE_COMMANDS:
            restore(ws, {**files, name: hurt})
            assert_same(expected[command], dancu(ws, *COMMANDS[command]), f"{command} with {name} {damage}")
    if damage != "other-version":  # the version may be hashed into a key rather than written out
        assert changed


def test_every_cache_file_damaged_at_once_and_the_run_after(filled):
    ws, expected, files = filled
    for command in HOSTILE_COMMANDS:
        restore(ws, {name: DAMAGE["random-bytes"](data) for name, data in files.items()})
        assert_same(expected[command], dancu(ws, *COMMANDS[command]), f"{command} with every file random")
        assert_same(expected[command], dancu(ws, *COMMANDS[command]), f"{command} after the cache was rebuilt")


# Runs dancu with another version number, as an older or newer installation sharing the workspace would.
OTHER_VERSION_MAIN = ("import runpy, sys, dancu_cli; dancu_cli.__version__ = sys.argv.pop(1); "
                      "runpy.run_module('dancu_cli', run_name='__main__', alter_sys=True)")


def test_a_cache_written_by_another_version_gives_the_answers_of_no_cache(filled):
    ws, expected, files = filled
    no_cache(ws)
    for command in HOSTILE_COMMANDS:
        other = dancu(ws, OTHER_VERSION, *COMMANDS[command], python=("-c", OTHER_VERSION_MAIN))
        assert_same(expected[command], other, f"{command} run by version {OTHER_VERSION}")
    theirs = snapshot(ws)
    assert theirs != files, "the cache does not depend on dancu's version"
    for command in HOSTILE_COMMANDS:
        restore(ws, theirs)
        assert_same(expected[command], dancu(ws, *COMMANDS[command]), f"{command} on version {OTHER_VERSION}'s cache")


# --- Hostile cache: a saved cache put back after an edit -----------------------------------------------

def break_reports(ws: Path) -> None:
    """Edits a cache keyed on anything but the bytes and the file's place would miss."""
    # Same size, same modification time: a task the plan does not have, a day that does not exist.
    edit(ws / QUARTER / "van-phong-so.yaml", "  - task: 4\n", "  - task: 9\n", keep_size_and_time=True)
    edit(ws / QUARTER / "phong-ke-hoach-tai-chinh.yaml", "received_on: 2026-01-12", "received_on: 2026-02-30",
         keep_size_and_time=True)
    # The very bytes of a valid report, under another unit's name.
    shutil.copy2(ws / QUARTER / "phong-quan-ly-khoa-hoc.yaml", ws / QUARTER / "phong-buu-chinh-vien-thong.yaml")
    # A report that was broken when the cache was filled, and is right now.
    edit(ws / QUARTER / "phong-chuyen-doi-so.yaml", "  - task: 9\n", "  - task: 1\n", keep_size_and_time=True)


def before_reports(ws: Path) -> None:
    cds = (SAMPLE_REPORTS / PLAN_ID / "2025-Q4" / "phong-quan-ly-khoa-hoc.yaml").read_text(encoding="utf-8")
    cds = cds.replace("phong-quan-ly-khoa-hoc", "phong-chuyen-doi-so").replace("  - task: 1\n", "  - task: 9\n")
    (ws / QUARTER / "phong-chuyen-doi-so.yaml").write_text(cds.replace("21/BC-QLKH", "03/BC-CĐS"), encoding="utf-8",
                                                         newline="\n")


def take_task_1_from_the_units(ws: Path) -> None:
    """Task 1 given to the Office alone: the reports of KHTC and QLKH on task 1 are refused now."""
    plan = ws / "plans" / f"{PLAN_ID}.yaml"
    text = plan.read_text(encoding="utf-8")
    task_1 = re.search(r"  - number: 1\n    heading:.*?\n  - number: 2\n", text, re.S)
    old = "    implementing: [cac-phong-don-vi]\n"
    assert task_1 and task_1.group(0).count(old) == 1
    start = text.index(old, task_1.start())
    stat = plan.stat()
    plan.write_text(text[:start] + "    implementing: [van-phong-so]    \n" + text[start + len(old):],
                    encoding="utf-8", newline="\n")
    os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def rename_a_unit(ws: Path) -> None:
    """QLKH renamed in the registry (same size, same time): its report names a unit that is gone."""
    edit(ws / "plans" / "units.yaml", "id: phong-quan-ly-khoa-hoc\n", "id: phong-quan-ly-khoa-hox\n",
         keep_size_and_time=True)


def declare_a_day_off(ws: Path) -> None:
    """Friday 09/01/2026 declared a day off: the Q4 reports fall due a working day later."""
    (ws / "plans" / "calendar.yaml").write_text(
        "days:\n  - date: 2026-01-09\n    kind: day_off\n    name: Nghỉ bù\n"
        "    reference: Công văn số 1/VPCP-KGVX ngày 01/12/2025 của Văn phòng Chính phủ\n",
        encoding="utf-8", newline="\n")


STALE = {
    "reports-edited": (before_reports, break_reports),
    "plan-edited": (None, take_task_1_from_the_units),
    "registry-edited": (None, rename_a_unit),
    "calendar-added": (None, declare_a_day_off),
}


@pytest.mark.parametrize("case", STALE)
def test_a_cache_saved_before_an_edit_is_not_trusted_after_it(tmp_path, case):
    before, change = STALE[case]
    ws = sample_workspace(tmp_path / "ws")
    if before:
        before(ws)
    no_cache(ws)
    for command in HOSTILE_COMMANDS:
        dancu(ws, *COMMANDS[command])
    saved = snapshot(ws)
    change(ws)
    expected = {name: cold(ws, *COMMANDS[name]) for name in HOSTILE_COMMANDS}
    if case != "calendar-added":  # the edit breaks files: validate says so (a day off breaks none)
        assert expected["validate"].exit_code == 1, expected["validate"].text()
    for command in HOSTILE_COMMANDS:
        restore(ws, saved)
        assert_same(expected[command], dancu(ws, *COMMANDS[command]), f"{command} with the cache from before")


# --- Hostile cache: not a folder -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_a_cache_folder_that_is_a_file_or_a_link_is_never_used(filled, tmp_path, kind):
    """`.dancu-cache` must be a real folder. When it is a file, or a link to a folder elsewhere, dancu either
    answers as with no cache, or (the workspace rule today) adds one problem naming `.dancu-cache` and refuses
    as for any other broken workspace file; it never reads a cache through it or writes anything into it."""
    if kind == "symlink" and sys.platform == "win32":
        pytest.skip("symbolic links need special rights on Windows")
    ws, expected, files = filled
    elsewhere = tmp_path / "noi-khac"  # a folder with a cache that would be valid
    restore(elsewhere / "ws", files)
    elsewhere = elsewhere / "ws" / CACHE
    for command in ("validate-json", "overdue"):
        no_cache(ws)
        if kind == "file":
            (ws / CACHE).write_bytes(files[sorted(files)[-1]])
        else:
            (ws / CACHE).symlink_to(elsewhere, target_is_directory=True)
        got = dancu(ws, *COMMANDS[command])
        want = expected[command]
        if got != want:
            assert got.exit_code == 1, got.text()
            if command == "validate-json":
                found, wanted = json.loads(got.stdout), json.loads(want.stdout)
                extra = [p for p in found["problems"] if p not in wanted["problems"]]
                assert [(p["file"], p["severity"]) for p in extra] == [(CACHE, "error")], got.text()
                assert found["errors"] == wanted["errors"] + 1
            else:
                assert not got.stdout and b".dancu-cache" in got.stderr, got.text()
        if kind == "file":
            assert (ws / CACHE).read_bytes() == files[sorted(files)[-1]]
        assert snapshot(elsewhere.parent) == files, "the cache behind the link was written"
    no_cache(ws)
