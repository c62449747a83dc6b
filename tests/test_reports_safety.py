"""Nothing is lost: concurrent writers, a writer killed mid-write, a held lock, paths that cannot escape."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

from conftest import run, run_process
from reports_support import TODAY, add_args, report_file, widen_plan


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)  # run_process passes os.environ on


def start(root, args, **env):
    """`python -m dancu_cli` in the background, as a second clerk at another desk."""
    return subprocess.Popen([sys.executable, "-m", "dancu_cli", "--root", str(root), *args],
                            env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def entries(root):
    return yaml.safe_load(report_file(root).read_text(encoding="utf-8"))["entries"]


def test_twenty_concurrent_adds_to_one_file_all_land(workspace):
    widen_plan(workspace, 20)
    # The pause between writing the temporary file and renaming it widens the window in which an
    # unlocked read-modify-write would lose entries; with the lock, all twenty must land.
    # A generous lock timeout: this test is about every entry landing, even on a slow machine.
    procs = [start(workspace, add_args(task=n), DANCU_TEST_PAUSE_BEFORE_RENAME="0.05", DANCU_LOCK_TIMEOUT="120")
             for n in range(1, 21)]
    outcomes = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _, _ in outcomes] == [0] * 20, outcomes
    assert sorted(e["task"] for e in entries(workspace)) == list(range(1, 21))
    assert sum("(tệp mới)" in out for _, out, _ in outcomes) == 1
    checked = run_process("--root", str(workspace), "validate")
    assert checked.returncode == 0, checked.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL does not exist on Windows")
def test_a_writer_killed_mid_write_leaves_the_old_file_intact(workspace):
    assert run(*add_args(task=1), root=workspace).exit_code == 0
    before = report_file(workspace).read_bytes()

    proc = start(workspace, add_args(task=4), DANCU_TEST_PAUSE_BEFORE_RENAME="60")
    folder = report_file(workspace).parent
    deadline = time.monotonic() + 60
    while not list(folder.glob(".van-phong-so.yaml.*.tmp")):  # the new content is written, not yet renamed
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    assert report_file(workspace).read_bytes() == before
    assert run("validate", root=workspace).exit_code == 0  # the leftover temporary file is no report
    # The kernel released the dead writer's lock: the next clerk writes, and the leftover is swept.
    assert run(*add_args(task=4), root=workspace).exit_code == 0
    assert [e["task"] for e in entries(workspace)] == [1, 4]
    assert not list(folder.glob(".*.tmp"))


def test_a_lock_held_too_long_is_reported_clearly_and_nothing_is_written(workspace):
    from filelock import FileLock

    assert run(*add_args(task=1), root=workspace).exit_code == 0
    before = report_file(workspace).read_bytes()
    with FileLock(str(report_file(workspace).parent / ".van-phong-so.yaml.lock")):
        result = run_process("--root", str(workspace), *add_args(task=4), env={"DANCU_LOCK_TIMEOUT": "0.3"})
    assert result.returncode == 1
    assert "đang được người khác ghi; đã chờ 0.3 giây" in result.stderr
    assert report_file(workspace).read_bytes() == before


def test_report_paths_come_from_checked_ids_only(workspace):
    from dancu_cli.core.dates import parse_period
    from dancu_cli.core.reports import ReportError, ReportStore
    from dancu_cli.core.workspace import load_workspace

    store = ReportStore(load_workspace(workspace, include_reports=False))
    q4 = parse_period("2025-Q4")
    assert store.path("2599-KH-SKHCN", q4, "van-phong-so") == report_file(workspace)
    for plan_id, unit_id in (("2599-KH-SKHCN", "../../../plans/units"), ("..", "van-phong-so"),
                             ("2599-KH-SKHCN", "Van-Phong-So"), ("2599-KH-SKHCN", "a/b")):
        with pytest.raises(ReportError):
            store.path(plan_id, q4, unit_id)
    with pytest.raises(ReportError, match="không đúng định dạng mã"):
        store.save({"plan": "2599-KH-SKHCN", "unit": "../van-phong-so", "period": "2025-Q4",
                    "entries": [{"task": 4, "status": "hoan-thanh", "results": "x"}]})
    assert not (workspace / "reports").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_units_committing_their_own_files_merge_without_conflict(workspace):
    """The README's shared-repository workflow: each unit commits its own file; merging never conflicts."""
    def git(*args):
        return subprocess.run(["git", "-C", str(workspace), "-c", "user.name=Văn thư", "-c", "user.email=vt@example.vn",
                               *args], check=True, capture_output=True, text=True, encoding="utf-8").stdout

    (workspace / ".gitignore").write_text(".*.lock\n.*.tmp\n", encoding="utf-8")  # as the README advises
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "Kế hoạch")
    trunk = git("rev-parse", "--abbrev-ref", "HEAD").strip()
    for branch, unit, task in (("vp", "VP", 4), ("khtc", "KHTC", 1)):
        git("checkout", "-q", "-b", branch, trunk)
        assert run(*add_args(unit=unit, task=task), root=workspace).exit_code == 0
        git("add", "-A")
        assert git("status", "--porcelain").count("\n") == 1  # the unit's report file, and no lock file
        git("commit", "-qm", f"{unit}: báo cáo quý IV/2025")
    git("checkout", "-q", trunk)
    git("merge", "-q", "vp")
    git("merge", "-q", "--no-edit", "khtc")  # check=True: a conflict would fail here
    assert run("validate", root=workspace).exit_code == 0
    assert len(json.loads(run("report", "list", "--format", "json", root=workspace).stdout)) == 2


def test_the_writer_gives_back_any_text_it_was_given(tmp_path):
    """Every text a clerk may type survives dump and load: YAML's special characters, numbers that
    look like dates or booleans, long paragraphs (folded) and several lines (kept as lines)."""
    import random

    from dancu_cli.core.models import UnitReport
    from dancu_cli.core.reports import dump_report
    from dancu_cli.core.yamlsource import load_yaml

    pieces = ["Đã", "tiếp", "công dân", "#1", "a: b", "- gạch", "“trích”", "'nháy'", "100%", "&x", "*y", "!z",
              "{x}", "[y]", "|", ">", "tiếp\tdân", "kết quả.", "@", "`", "ệ" * 120, "2025-12-31", "12", "null", "yes"]
    rng = random.Random(2599)
    for i in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        text = (text.replace(" ", "\n", 2) if i % 3 == 0 else text).strip()
        report, refusals = UnitReport.parse({"plan": "2599-KH-SKHCN", "unit": "van-phong-so", "period": "2025-Q4",
                                             "entries": [{"task": 1, "status": "hoan-thanh", "results": text,
                                                          "figures": {text[:40].strip(): i}}]})
        assert refusals == []
        path = tmp_path / f"{i}.yaml"
        path.write_text(dump_report(report), encoding="utf-8")
        src, problems = load_yaml(path)
        assert problems == [] and UnitReport.parse(src.data)[0] == report, path.read_text(encoding="utf-8")


def test_long_text_is_folded_and_a_rewrite_warns_about_hand_written_comments(workspace):
    long_text = "Duy trì tiếp công dân định kỳ vào thứ Năm hằng tuần; " * 4
    assert run(*add_args(task=1, results=long_text.strip()), root=workspace).exit_code == 0
    text = report_file(workspace).read_text(encoding="utf-8")
    assert "results: >-\n" in text and max(len(line) for line in text.splitlines()) <= 110

    report_file(workspace).write_text(text + "# Chờ Văn phòng xác nhận số liệu\n", encoding="utf-8")
    added = run(*add_args(task=4), root=workspace)
    assert added.exit_code == 0
    assert "tệp cũ có 1 dòng chú thích (#) viết tay" in added.stderr
    quiet = run(*add_args(task=5), root=workspace)  # nothing hand-written left to lose: no warning
    assert quiet.exit_code == 0 and "chú thích" not in quiet.stderr
