"""Hardening, file-system side: every error is a Vietnamese message with exit 1 and nothing written;
writes never replace a symlink, a FIFO or a device, and stay inside the workspace."""

from __future__ import annotations

import errno
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import PLAN_ID, run
from reports_support import TODAY, add_args, report_file, report_files

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and device nodes as on POSIX")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)


def refused(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")]


def test_disk_full_while_writing_a_report(workspace, monkeypatch):
    import dancu_cli.core.atomic as atomic

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    result = run(*add_args(), root=workspace)
    refused(result, "ổ đĩa đã đầy", "van-phong-so.yaml", "Không có gì được ghi")
    assert report_files(workspace) == [] and leftovers(workspace) == []


def test_disk_full_keeps_the_old_file(workspace, monkeypatch):
    assert run(*add_args(task=1), root=workspace).exit_code == 0
    before = report_file(workspace).read_bytes()
    import dancu_cli.core.atomic as atomic

    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    refused(run(*add_args(task=4), root=workspace), "ổ đĩa đã đầy")
    assert report_file(workspace).read_bytes() == before and leftovers(workspace) == []


def test_reports_being_a_file_is_a_message(workspace):
    (workspace / "reports").write_text("không phải thư mục", encoding="utf-8")
    for result in (run(*add_args(), root=workspace), run("validate", root=workspace)):
        refused(result, "reports")
    assert (workspace / "reports").read_text(encoding="utf-8") == "không phải thư mục"


def test_a_leftover_temporary_folder_does_not_block_writes(workspace):
    folder = report_file(workspace).parent / ".van-phong-so.yaml.abc123.tmp"
    folder.mkdir(parents=True)
    (folder / "của ai đó.txt").write_text("x", encoding="utf-8")
    assert run(*add_args(), root=workspace).exit_code == 0
    assert report_file(workspace).exists() and (folder / "của ai đó.txt").exists()


@pytest.mark.parametrize("command", [["report", "list", "--format", "csv"], ["report", "list", "--format", "json"]])
def test_output_to_a_folder_is_a_message(workspace, tmp_path, command):
    target = tmp_path / "thu-muc"
    target.mkdir()
    refused(run(*command, "-o", str(target), root=workspace), "thư mục")
    assert list(target.iterdir()) == []


@posix_only
def test_output_never_replaces_a_symlink(workspace, tmp_path):
    real = tmp_path / "that.csv"
    real.write_text("nội dung cũ", encoding="utf-8")
    link = tmp_path / "lien-ket.csv"
    link.symlink_to(real)
    refused(run("report", "list", "--format", "csv", "-o", str(link), root=workspace), "liên kết tượng trưng")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "nội dung cũ"


@posix_only
def test_output_never_replaces_a_fifo(workspace, tmp_path):
    fifo = tmp_path / "ong"
    os.mkfifo(fifo)
    refused(run("report", "list", "--format", "csv", "-o", str(fifo), root=workspace), "không phải một tệp thường")
    import stat

    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device node needs root")
def test_output_never_replaces_a_device(workspace, tmp_path):
    """As root, `-o /dev/full` used to replace the device with a file; a device node of our own stands in for it."""
    import stat

    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    refused(run("report", "list", "--format", "csv", "-o", str(device), root=workspace), "không phải một tệp thường")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@posix_only
def test_summary_output_never_replaces_a_symlink(workspace, tmp_path):
    real = tmp_path / "that.md"
    real.write_text("cũ", encoding="utf-8")
    link = tmp_path / "bc.md"
    link.symlink_to(real)
    result = run("summary", "--period", "2025-Q4", "--as-of", "15/01/2026", "-o", str(link), root=workspace)
    refused(result, "liên kết tượng trưng")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "cũ"


@posix_only
def test_a_symlinked_reports_folder_is_refused(workspace, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    (workspace / "reports").symlink_to(elsewhere, target_is_directory=True)
    refused(run(*add_args(), root=workspace), "liên kết tượng trưng")
    assert list(elsewhere.rglob("*")) == []


@posix_only
def test_a_symlinked_period_folder_is_refused(workspace, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    plan_dir = workspace / "reports" / PLAN_ID
    plan_dir.mkdir(parents=True)
    (plan_dir / "2025-Q4").symlink_to(elsewhere, target_is_directory=True)
    refused(run(*add_args(), root=workspace), "liên kết tượng trưng")
    assert list(elsewhere.rglob("*")) == []


# --- Reading stays inside the workspace --------------------------------------------------------

@posix_only
def test_validate_never_prints_a_file_outside_the_workspace(workspace, tmp_path):
    secret = tmp_path / "mat-khau"
    secret.write_text("root:x:0:0:BÍ MẬT:/root:/bin/bash\n", encoding="utf-8")
    link = report_file(workspace)
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    for fmt in ("text", "json", "github"):
        result = run("validate", "--format", fmt, root=workspace)
        assert result.exit_code == 1 and "BÍ MẬT" not in result.output and "root:x" not in result.output
        assert "liên kết tượng trưng" in result.output


@posix_only
def test_a_symlinked_cache_folder_is_never_written_through(workspace, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    assert run(*add_args(), root=workspace).exit_code == 0
    shutil.rmtree(workspace / ".dancu-cache", ignore_errors=True)  # the cache the first command wrote
    (workspace / ".dancu-cache").symlink_to(elsewhere, target_is_directory=True)
    refused(run(*add_args(task=1), root=workspace), ".dancu-cache")
    refused(run("overdue", "--as-of", "15/01/2026", root=workspace), ".dancu-cache")
    listed = run("report", "list", root=workspace)
    assert "Kết quả nhiệm vụ" in listed.stdout and ".dancu-cache" in listed.stderr  # cut to fit 80 columns
    assert list(elsewhere.iterdir()) == []
    checked = run("validate", root=workspace)
    assert checked.exit_code == 1 and ".dancu-cache" in checked.output


# --- The cache keys on content -----------------------------------------------------------------

def test_the_cache_never_serves_stale_text_after_a_same_size_same_time_edit(workspace):
    assert run(*add_args(results="Kết quả AAAA."), root=workspace).exit_code == 0
    path = report_file(workspace)
    assert "Kết quả AAAA." in run("report", "list", root=workspace).stdout  # fills the cache
    stat = path.stat()
    text = path.read_text(encoding="utf-8").replace("AAAA", "BBBB")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as `touch -r` or a restore tool does
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert "Kết quả BBBB." in run("report", "list", root=workspace).stdout


def _cache_lines(workspace: Path) -> list[str]:
    return (workspace / ".dancu-cache" / "reports.tsv").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("hostile", [
    lambda stamp, problems, report: [stamp, "[" * 100_000 + "]" * 100_000, report],
    lambda stamp, problems, report: [stamp, problems, '{"plan":' * 50_000 + "1" + "}" * 50_000],
    lambda stamp, problems, report: [stamp, '[{"file": 1, "line": "x"}]', report],
    lambda stamp, problems, report: [stamp, "{}", report],
    lambda stamp, problems, report: [stamp, problems, report.replace("Kết quả nhiệm vụ 4.", "\\u001b[2J")],
    lambda stamp, problems, report: ['"x"', problems, report],
])
def test_a_hostile_cache_is_ignored_and_rebuilt(workspace, hostile):
    assert run(*add_args(), root=workspace).exit_code == 0
    expected = run("report", "list", root=workspace).stdout
    lines = _cache_lines(workspace)
    name, stamp, problems, report = lines[1].split("\t", 3)
    forged = "\t".join([name, *hostile(stamp, problems, report)])
    (workspace / ".dancu-cache" / "reports.tsv").write_text("\n".join([lines[0], forged]) + "\n", encoding="utf-8")
    for command in (["report", "list"], ["status", "--as-of", "15/01/2026"], ["overdue", "--as-of", "15/01/2026"]):
        result = run(*command, root=workspace)
        assert result.exit_code == 0 and result.exception is None, result.output
        assert "\x1b" not in result.output
    assert run("report", "list", root=workspace).stdout == expected
    assert _cache_lines(workspace)[1].split("\t", 1)[0] == name


# --- Bounded cost ------------------------------------------------------------------------------

def test_a_report_over_the_size_limit_is_refused_unread(workspace, tmp_path):
    from dancu_cli.core.limits import MAX_REPORT_BYTES

    path = report_file(workspace)
    path.parent.mkdir(parents=True)
    filler = "# " + "x" * 98 + "\n"
    path.write_text(filler * (MAX_REPORT_BYTES // len(filler) + 1), encoding="utf-8")
    result = run("validate", "--format", "json", root=workspace)
    import json

    found = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["message"]) for p in found] == [("too-large", "Tệp quá lớn: loại tệp này tối đa 2 MB")]
    draft = tmp_path / "bao-cao.yaml"
    draft.write_bytes(path.read_bytes())
    refused(run("report", "add", "--from-file", str(draft), root=workspace), "Tệp quá lớn")


def test_a_text_field_over_100_000_characters_is_refused(workspace):
    result = run(*add_args(results="a" * 100_001), root=workspace)
    refused(result, "tối đa 100000 ký tự")
    assert run(*add_args(results="a" * 100_000), root=workspace).exit_code == 0


def test_locating_problems_reads_each_mapping_once():
    """10,000 unknown keys took 8.8 s: each problem scanned every key again. Now an index per mapping."""
    from dancu_cli.core.yamlsource import load_yaml

    class Counting(list):
        reads = 0

        def __iter__(self):
            Counting.reads += 1
            return super().__iter__()

    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nhieu-khoa.yaml"
        path.write_text("".join(f"khoa{i}: {i}\n" for i in range(2000)), encoding="utf-8")
        src, _ = load_yaml(path)
    src.root.value = Counting(src.root.value)
    for i in range(2000):
        assert src.locate((f"khoa{i}",), key=True) == (i + 1, 1)
    assert Counting.reads <= 1
