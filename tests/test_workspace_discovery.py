"""Commands find the workspace as git finds a repository."""

from __future__ import annotations

from pathlib import Path

from conftest import run_process


def test_found_from_a_subfolder(workspace: Path):
    deep = workspace / "reports" / "a" / "b"
    deep.mkdir(parents=True)
    result = run_process("plan", "list", cwd=deep)
    assert result.returncode == 0, result.stderr
    assert "2599/KH-SKHCN" in result.stdout


def test_root_option_and_env(workspace: Path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert run_process("--root", str(workspace), "validate", cwd=elsewhere).returncode == 0
    assert run_process("validate", cwd=elsewhere, env={"DANCU_ROOT": str(workspace)}).returncode == 0


def test_outside_any_workspace_exits_2(tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("nowhere")
    result = run_process("validate", cwd=elsewhere)
    assert result.returncode == 2
    assert "Không tìm thấy không gian làm việc" in result.stderr
    assert "--root" in result.stderr
    bad_root = run_process("--root", str(elsewhere), "validate", cwd=elsewhere)
    assert bad_root.returncode == 2


def test_usage_errors_are_vietnamese_and_exit_2(workspace: Path):
    result = run_process("validate", "--khong-co", cwd=workspace)
    assert result.returncode == 2
    assert "Không có tùy chọn" in result.stderr
    assert "Lỗi:" in result.stderr
    help_text = run_process("--help", cwd=workspace).stdout
    assert "Cách dùng:" in help_text and "Tùy chọn" in help_text and "Lệnh" in help_text
    assert "Show this message" not in help_text


def test_vietnamese_output_survives_a_non_utf8_pipe(workspace: Path):
    # As on Windows, where a pipe defaults to the ANSI code page.
    result = run_process("plan", "list", cwd=workspace, env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    assert "Các kế hoạch" in result.stdout and "Số, ký hiệu" in result.stdout
