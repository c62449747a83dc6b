"""Hardening, file-system side: every error is a Vietnamese message with exit 1 and nothing written;
writes never replace a symlink, a FIFO or a device, and stay inside the workspace."""

from __future__ import annotations

import errno
import os
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
